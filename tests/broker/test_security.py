"""Kafka security on a real broker: the worker authenticates with SCRAM and processes
records; a client with a wrong password is refused with a clear error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from services.topics import Topic
from tests.broker.harness import BIN, REPO, free_port, make_worker, name, unique_prefix, wait_until

pytestmark = pytest.mark.broker
USER, PASSWORD = "peacewatch-svc", "correct horse battery staple"


@pytest.fixture(scope="module")
def sasl_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second broker with a SASL_PLAINTEXT (SCRAM) listener; yields its SASL bootstrap."""
    folder = tmp_path_factory.mktemp("sasl-broker")
    port, sasl_port = free_port(), free_port()
    controller = free_port()
    cmd = [
        sys.executable,
        str(REPO / "deploy/kafka/launcher.py"),
        "--port",
        str(port),
        "--controller-port",
        str(controller),
        "--sasl-port",
        str(sasl_port),
        "--sasl-user",
        USER,
        "--dir",
        str(folder),
    ]
    env = {**os.environ, "KAFKA_SASL_PASSWORD": PASSWORD}
    up = subprocess.run(
        [*cmd, "up"], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert up.returncode == 0, up.stdout + up.stderr
    try:
        yield f"127.0.0.1:{sasl_port}"
    finally:
        subprocess.run([*cmd, "down"], env=env, capture_output=True, timeout=60, check=False)


def sasl_env(bootstrap: str, prefix: str, password: str = PASSWORD) -> dict[str, str]:
    return {
        "PEACEWATCH_KAFKA_BOOTSTRAP": bootstrap,
        "PEACEWATCH_TOPIC_PREFIX": prefix,
        "PEACEWATCH_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "PEACEWATCH_SASL_MECHANISM": "SCRAM-SHA-256",
        "PEACEWATCH_SASL_USERNAME": USER,
        "PEACEWATCH_SASL_PASSWORD": password,
    }


def run(
    args: list[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "peacewatch"), *args],
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_worker_authenticates_with_scram_and_processes(
    sasl_broker: str, tmp_path: Path
) -> None:
    """topics create, publish and the worker all authenticate; a statement becomes an alert
    read back by an authenticated read_committed consumer."""
    prefix = unique_prefix()
    env = sasl_env(sasl_broker, prefix)
    created = run(["topics", "create"], env)
    assert created.returncode == 0, created.stderr
    worker = make_worker(prefix, tmp_path, **env)
    worker.start()
    try:
        worker.wait_ready()
        statement = {
            "id": "sec-1",
            "occurred_at": "2026-01-06T10:00:00Z",
            "actor": "Kremlin",
            "text": "No NATO troops.",
            "source": {"name": "W", "url": "https://e.org/1"},
            "issue": "nato_troops",
            "stance": "opposes",
        }
        published = run(["publish", "statements", "-"], env, json.dumps(statement) + "\n")
        assert published.returncode == 0, published.stderr
        consumer = AIOKafkaConsumer(
            name(prefix, Topic.ALERTS),
            bootstrap_servers=sasl_broker,
            security_protocol="SASL_PLAINTEXT",
            sasl_mechanism="SCRAM-SHA-256",
            sasl_plain_username=USER,
            sasl_plain_password=PASSWORD,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            group_id=f"{prefix}-reader",
        )
        await consumer.start()
        try:
            batch = await consumer.getmany(timeout_ms=30_000, max_records=1)
        finally:
            await consumer.stop()
        [records] = batch.values()
        assert json.loads(records[0].value)["subject"] == "nato_troops/RU"
        assert PASSWORD not in worker.log_path.read_text()
    finally:
        worker.stop()
    wait_until(
        lambda: worker.proc is not None and worker.proc.poll() is not None, 30, "the worker to stop"
    )


def test_wrong_password_is_refused_with_a_clear_error(sasl_broker: str) -> None:
    """A client with a wrong password exits non-zero and says authentication failed."""
    result = run(["topics", "create"], sasl_env(sasl_broker, unique_prefix(), "wrong"))
    assert result.returncode != 0
    assert "authentication failed" in result.stderr.lower(), result.stderr[-2000:]
    assert "wrong" not in result.stderr.split("authentication failed")[0].lower()
