"""The foundation, on the real broker: round trip, worker logs, topics, launcher errors."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.topics import SPECS, Topic
from tests.broker.harness import (
    REPO,
    Worker,
    bootstrap,
    cli,
    name,
    produce,
    read_topic,
    unique_prefix,
    wait_until,
)
from tests.factories import statement

pytestmark = pytest.mark.broker


async def test_producer_consumer_round_trip(broker: str) -> None:
    """A record produced with aiokafka is read back unchanged from a fresh topic."""
    prefix = unique_prefix()
    assert cli(prefix, "topics", "create").returncode == 0
    topic = name(prefix, Topic.NEWS)
    await produce(topic, [(b"k1", b"hello kafka 4")])
    [record] = await read_topic(topic, min_count=1)
    assert (record.key, record.value) == (b"k1", b"hello kafka 4")


async def test_worker_logs_each_consumed_statement(prefix: str, worker: Worker) -> None:
    """The worker consumes a statement and writes a JSON log line naming its offset."""
    body = json.dumps(statement("st-log-1", "Kremlin")).encode()
    await produce(name(prefix, Topic.STATEMENTS), [(b"st-log-1", body)])
    line = wait_until(
        lambda: next((ln for ln in worker.lines() if ln.get("event_id") == "st-log-1"), None),
        60,
        "the worker's log line for st-log-1",
    )
    assert line["event"] == "record processed"
    assert line["topic"] == name(prefix, Topic.STATEMENTS)
    assert isinstance(line["offset"], int)
    assert isinstance(line["partition"], int)
    assert line["level"] == "debug"
    raw = worker.log_path.read_text().splitlines()
    assert raw
    for text in raw:  # faust, mode and aiokafka go through the same JSON renderer
        assert json.loads(text)["level"], text


async def test_topics_create_is_idempotent_and_compacts_projection(broker: str) -> None:
    """Creating topics twice leaves each contract topic once, partitioned, and compacted."""
    prefix = unique_prefix()
    first, second = cli(prefix, "topics", "create"), cli(prefix, "topics", "create")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first.stdout.count("created") == len(SPECS)
    assert second.stdout.count("exists") == len(SPECS)
    assert "created" not in second.stdout
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap())
    await admin.start()
    try:
        mine = sorted(t for t in await admin.list_topics() if t.startswith(prefix + "."))
        assert mine == sorted(name(prefix, s.topic) for s in SPECS)
        for meta in await admin.describe_topics(mine):
            assert len(meta["partitions"]) == 4
        [resp] = await admin.describe_configs(
            [
                ConfigResource(
                    ConfigResourceType.TOPIC, name(prefix, Topic.ISSUES), {"cleanup.policy": None}
                )
            ]
        )
        assert {e[0]: e[1] for e in resp.resources[0][4]}["cleanup.policy"] == "compact"
    finally:
        await admin.close()


async def test_topics_create_reports_wrong_settings(broker: str) -> None:
    """A topic that exists with other partitions is reported and the command fails."""
    prefix = unique_prefix()
    assert cli(prefix, "topics", "create").returncode == 0
    result = cli(prefix, "topics", "create", env={"PEACEWATCH_PARTITIONS": "2"})
    assert result.returncode == 1
    assert f"mismatch {name(prefix, Topic.ISSUES)}" in result.stdout
    assert "has 4 partitions, expected 2" in result.stdout
    assert "--fix-config" not in result.stderr  # partitions cannot be fixed: no such hint


async def test_topics_create_fixes_a_config_left_by_an_older_version(broker: str) -> None:
    """A contract topic created with another max.message.bytes (an older release) is
    reported with a hint; --fix-config sets the expected value and the command passes."""
    prefix = unique_prefix()
    issues = name(prefix, Topic.ISSUES)
    assert cli(prefix, "topics", "create").returncode == 0
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap())
    await admin.start()
    try:
        old = {"cleanup.policy": "compact", "max.message.bytes": "1048588"}
        await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, issues, old)])
    finally:
        await admin.close()
    result = cli(prefix, "topics", "create")
    assert result.returncode == 1
    assert f"mismatch {issues}" in result.stdout and "max.message.bytes=1048588" in result.stdout
    assert "peacewatch topics create --fix-config" in result.stderr
    fixed = cli(prefix, "topics", "create", "--fix-config")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"fixed    {issues}" in fixed.stdout
    again = cli(prefix, "topics", "create")
    assert again.returncode == 0 and f"exists   {issues}" in again.stdout


def test_cli_reads_say_in_one_line_when_kafka_is_unreachable() -> None:
    """`peacewatch issues` with no broker: a line naming the address, exit 2, no traceback
    (aiokafka's own log line about the refused connection may come before it)."""
    result = cli(unique_prefix(), "issues", env={"PEACEWATCH_KAFKA_BOOTSTRAP": "127.0.0.1:1"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Kafka at 127.0.0.1:1: ")


def run_launcher(
    command: str, port: int, directory: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "deploy/kafka/launcher.py"),
            command,
            "--port",
            str(port),
            "--dir",
            str(directory),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_launcher_refuses_a_port_in_use(tmp_path: Path) -> None:
    """The launcher names the busy port and exits non-zero instead of starting, and a
    refused `up --fresh` leaves the data where it was."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kept").write_text("x")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = run_launcher("up", port, tmp_path, "--fresh")
    assert result.returncode == 2
    assert f"port 127.0.0.1:{port} is already in use" in result.stderr
    assert (tmp_path / "data" / "kept").exists()


def test_launcher_fresh_wipes_a_stopped_brokers_data_only(tmp_path: Path) -> None:
    """`up --fresh` starts on an empty log; on a running broker it changes nothing."""
    port = free_port()
    controller = free_port()
    extra = ("--controller-port", str(controller))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "left-by-an-earlier-run").write_text("x")
    started = run_launcher("up", port, tmp_path, "--fresh", *extra)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert not (tmp_path / "data" / "left-by-an-earlier-run").exists()
        assert (tmp_path / "data" / "meta.properties").exists()
        (tmp_path / "data" / "written-while-running").write_text("x")
        again = run_launcher("up", port, tmp_path, "--fresh", *extra)
        assert again.returncode == 0
        assert "already running" in again.stdout
        assert (tmp_path / "data" / "written-while-running").exists()
    finally:
        stopped = run_launcher("down", port, tmp_path, *extra)
    assert stopped.returncode == 0, stopped.stderr
