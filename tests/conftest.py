"""Shared fixtures: the real broker must be there; each test gets its own prefix."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.broker.harness import Worker, bootstrap, cli, make_worker, unique_prefix


def pytest_addoption(parser: pytest.Parser) -> None:
    """Sizes of the long suites: `make chaos` and `make fuzz` pass the full ones."""
    parser.addoption(
        "--chaos-full",
        action="store_true",
        help="20 kills during 50,000 claims instead of the small version",
    )
    parser.addoption(
        "--fuzz-records",
        type=int,
        default=300,
        help="records the fuzz suite sends through the worker",
    )


def _broker_answers() -> bool:
    from aiokafka.admin import AIOKafkaAdminClient

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(), request_timeout_ms=5000)
        try:
            await admin.start()
            await admin.list_topics()
            return True
        except Exception:  # noqa: BLE001 - any failure means no broker
            return False
        finally:
            await admin.close()

    return asyncio.run(probe())


@pytest.fixture(scope="session")
def broker() -> str:
    """The real broker's bootstrap address; a missing broker fails the test, never skips it."""
    if not _broker_answers():
        pytest.fail(
            f"no Kafka broker answers at {bootstrap()}: run the tests with `make test`, "
            f"which starts one (or `make kafka-up KAFKA_PORT=19092`)"
        )
    return bootstrap()


@pytest.fixture
def prefix(broker: str) -> str:
    """A topic prefix of this test's own, with the contract's topics created."""
    value = unique_prefix()
    result = cli(value, "topics", "create")
    assert result.returncode == 0, result.stdout + result.stderr
    return value


@pytest.fixture
def workers(prefix: str, tmp_path: Path) -> Iterator[list[Worker]]:
    """Start workers with ``workers.append(make_worker(...))``; all are stopped afterwards."""
    started: list[Worker] = []
    yield started
    for w in started:
        w.stop()


@pytest.fixture
def worker(prefix: str, tmp_path: Path, workers: list[Worker]) -> Worker:
    """One ready worker on this test's prefix."""
    w = make_worker(prefix, tmp_path, PEACEWATCH_LOG_LEVEL="DEBUG")
    workers.append(w)
    w.start().wait_ready()
    return w
