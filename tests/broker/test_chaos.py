"""Faults on the real broker: kills, a broker restart, a lost group member, a late broker.

Each scenario ends by comparing the projection with a clean replay of the claims log and
by reading the alert topic with a read_committed consumer: every expected alert id exactly
once, nothing missing, nothing left unprocessed. `make test` runs a small version;
`make chaos` runs 20 kills during a 50,000-claim stream.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from services.topics import Topic
from tests.broker.broker_control import broker_down, broker_up
from tests.broker.crashes import claims_done, statements, verdict
from tests.broker.harness import (
    Worker,
    await_until,
    make_worker,
    name,
    produce,
    settings_for,
    wait_until,
)

pytestmark = pytest.mark.broker


def check(prefix: str, result_line: str, distinct: int, expected_claims: int) -> None:
    print(f"\n{result_line}")
    assert distinct == expected_claims


async def finish_and_verify(prefix: str, n: int, label: str, **figures: object) -> None:
    settings = settings_for(prefix)
    await await_until(lambda: claims_done(settings, n), 300, "every claim to be projected")
    result = await verdict(prefix)
    extra = ", ".join(f"{k} {v}" for k, v in figures.items())
    print(f"\n{label}: {extra}; {result.line()}")
    assert result.distinct_claims == n
    assert result.duplicates == 0
    assert result.missing == 0
    assert result.unexpected == 0
    assert result.projection_matches


async def test_random_sigkills_during_a_stream(
    prefix: str, tmp_path: Path, workers: list[Worker], request: pytest.FixtureRequest
) -> None:
    """The worker is SIGKILLed at random points and restarted each time; nothing is lost
    or published twice, and readiness is false while it recovers."""
    full = request.config.getoption("--chaos-full")
    n, kills = (50_000, 20) if full else (4_000, 4)
    await produce(name(prefix, Topic.STATEMENTS), statements(n, seed=11))
    worker = make_worker(prefix, tmp_path)
    workers.append(worker)
    rng = random.Random(42)
    not_ready_seen = 0
    for _ in range(kills):
        mark = len(worker.lines())
        threshold = rng.randint(1, 1500 if full else 300)  # a random kill point
        worker.start()
        saw_503: list[bool] = []

        def progressed(m: int = mark, t: int = threshold, seen: list[bool] = saw_503) -> bool:
            if not seen and worker.get("/readyz")[0] == 503:
                seen.append(True)
            return sum(1 for ln in worker.lines()[m:] if ln.get("event") == "alert raised") >= t

        wait_until(progressed, 180, f"{threshold} alerts before the kill", interval=0.05)
        not_ready_seen += len(saw_503)
        worker.kill()
    started = time.monotonic()
    worker.start().wait_ready(timeout=300)
    await finish_and_verify(
        prefix,
        n,
        "sigkills",
        kills_survived=kills,
        not_ready_while_recovering=not_ready_seen,
        time_to_ready_s=round(time.monotonic() - started, 1),
    )


async def test_broker_restart_mid_stream(
    prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """The broker stops and starts mid-stream; the same worker process recovers on its own,
    reports not-ready meanwhile, and finishes exactly once."""
    n = 3_000
    worker = make_worker(prefix, tmp_path)
    workers.append(worker)
    worker.start().wait_ready()
    await produce(name(prefix, Topic.STATEMENTS), statements(n, seed=12))
    wait_until(
        lambda: sum(1 for ln in worker.lines() if ln.get("event") == "alert raised") >= 50,
        60,
        "the stream to be under way",
        interval=0.02,
    )
    broker_down()
    down_at = time.monotonic()
    try:
        wait_until(lambda: not worker.ready(), 60, "readiness to turn false with no broker")
    finally:
        broker_up()
    wait_until(worker.ready, 180, "the worker to recover by itself")
    recovered = round(time.monotonic() - down_at, 1)
    assert worker.proc is not None and worker.proc.poll() is None  # the same process
    await finish_and_verify(prefix, n, "broker restart", time_to_recover_s=recovered)


async def test_second_worker_takes_over_from_a_killed_one(
    prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """Two workers share the group; one is SIGKILLed and the other finishes its partitions."""
    n = 3_000
    first, second = make_worker(prefix, tmp_path), make_worker(prefix, tmp_path)
    workers.extend([first, second])
    first.start().wait_ready()
    second.start().wait_ready()
    await produce(name(prefix, Topic.STATEMENTS), statements(n, seed=13))
    wait_until(
        lambda: (
            sum(1 for w in (first, second) for ln in w.lines() if ln.get("event") == "alert raised")
            >= 100
        ),
        60,
        "both workers to be projecting",
        interval=0.02,
    )
    first.kill()
    killed_at = time.monotonic()
    await finish_and_verify(prefix, n, "takeover")
    owned = {ln["partition"] for ln in second.lines() if ln.get("event") == "partition assigned"}
    print(
        f"takeover finished {time.monotonic() - killed_at:.1f}s after the kill; "
        f"the survivor owned partitions {sorted(owned)}"
    )
    assert owned == {0, 1, 2, 3}
    second.wait_ready(30)  # the read model may still be reading the last alerts


async def test_worker_started_while_broker_is_down(
    prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """A worker started with no broker stays alive and not ready, then comes up by itself.

    (Faust starts its HTTP server only once it reaches the broker, so until then readiness
    is a refused connection rather than a 503.)
    """
    n = 500
    await produce(name(prefix, Topic.STATEMENTS), statements(n, seed=14))
    worker = make_worker(prefix, tmp_path)
    workers.append(worker)
    broker_down()
    try:
        worker.start().stays_alive_unready(15)
    finally:
        broker_up()
    up_at = time.monotonic()
    worker.wait_ready(timeout=180)
    await finish_and_verify(
        prefix, n, "late broker", time_to_ready_s=round(time.monotonic() - up_at, 1)
    )
