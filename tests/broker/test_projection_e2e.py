"""End to end on the real broker: statements in, exact alerts and projections out, rebuild."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from schemas.codec import encode
from services.core.projection import to_issue_state
from services.core.replay import fold
from services.topics import Topic
from tests.broker.crashes import claims_done
from tests.broker.harness import (
    Worker,
    await_until,
    bootstrap,
    cli,
    make_worker,
    name,
    produce,
    read_topic,
    settings_for,
    unique_prefix,
    values,
)
from tests.factories import position, registry

pytestmark = pytest.mark.broker
ONE_PARTITION = {"PEACEWATCH_PARTITIONS": "1"}  # one partition: a deterministic order


def st(
    event: str,
    actor: str,
    issue: str,
    day: int,
    stance: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": event,
        "occurred_at": f"2026-01-{day:02d}T12:00:00Z",
        "actor": actor,
        "text": f"{actor} on {issue}",
        "source": {"name": "Wire", "url": f"https://e.org/{event}"},
        "issue": issue,
    }
    return body | ({"stance": stance} if stance else {"status": status})


def publish(prefix: str, tmp_path: Path, rows: list[dict[str, Any]], label: str) -> None:
    path = tmp_path / f"{label}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli(prefix, "publish", "statements", str(path), env=ONE_PARTITION)
    assert result.returncode == 0, result.stderr


async def latest_states(prefix: str) -> dict[str, dict[str, Any]]:
    """The compacted projection topic read as a consumer would: latest value per key."""
    out: dict[str, dict[str, Any]] = {}
    for record in await read_topic(name(prefix, Topic.ISSUES)):
        out[record.key.decode()] = json.loads(record.value)
    return out


def alert_view(alerts: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    def value(snapshot: dict[str, Any] | None) -> Any:
        return None if snapshot is None else (snapshot["stance"] or snapshot["status"])

    return [
        (
            a["type"],
            a["data"]["issue"],
            a["data"]["actor"],
            value(a["data"]["previous"]),
            value(a["data"]["current"]),
            a["data"]["severity"],
        )
        for a in alerts
    ]


@pytest.fixture
def one_partition_prefix(broker: str) -> str:
    prefix = unique_prefix()
    assert cli(prefix, "topics", "create", env=ONE_PARTITION).returncode == 0
    return prefix


async def test_statements_to_exact_alerts_and_states(
    one_partition_prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """New, changed, status, late, duplicate and repeated statements give exactly the
    expected alerts and projections; a rebuild then matches without re-publishing."""
    prefix = one_partition_prefix
    worker = make_worker(prefix, tmp_path, **ONE_PARTITION)
    workers.append(worker)
    worker.start().wait_ready()

    publish(
        prefix,
        tmp_path,
        [
            st("e1", "Kremlin", "nato_troops", 1, "conditional"),
            st("e2", "Maria Zakharova", "nato_troops", 3, "opposes"),
            st("e3", "Elysee", "nato_troops", 2, "supports"),
            st("e4", "White House", "security_guarantees", 2, "supports"),
            st("e5", "Marco Rubio", "ceasefire", 4, status="proposed"),
        ],
        "first",
    )
    await read_topic(name(prefix, Topic.ALERTS), min_count=5)
    publish(
        prefix,
        tmp_path,
        [
            st("e6", "Putin", "nato_troops", 2, "supports"),  # late: older than e2
            st("e2", "Maria Zakharova", "nato_troops", 3, "opposes"),  # duplicate
            st("e7", "Macron", "nato_troops", 5, "supports"),  # repeated position
            st("e8", "Donald Trump", "security_guarantees", 6, "opposes"),  # reversal
        ],
        "second",
    )

    async def settled() -> dict[str, dict[str, Any]] | None:
        states = await latest_states(prefix)
        sg = states.get("security_guarantees", {}).get("positions", {})
        return states if sg.get("US", {}).get("stance") == "opposes" else None

    states = await await_until(settled, 60, "the last statement's projection")
    alerts = values(await read_topic(name(prefix, Topic.ALERTS)))
    assert alert_view(alerts) == [
        ("peacewatch.position.new", "nato_troops", "RU", None, "conditional", "info"),
        ("peacewatch.position.changed", "nato_troops", "RU", "conditional", "opposes", "warning"),
        ("peacewatch.position.new", "nato_troops", "FR", None, "supports", "info"),
        ("peacewatch.position.new", "security_guarantees", "US", None, "supports", "info"),
        ("peacewatch.issue.status_changed", "ceasefire", "US", "none", "proposed", "warning"),
        (
            "peacewatch.position.changed",
            "security_guarantees",
            "US",
            "supports",
            "opposes",
            "critical",
        ),
    ]
    assert len({a["id"] for a in alerts}) == 6
    assert all(a["specversion"] == "1.0" and a["source"] == f"/peacewatch/{prefix}" for a in alerts)

    nato = states["nato_troops"]
    assert {a: p["stance"] for a, p in nato["positions"].items()} == {
        "RU": "opposes",
        "FR": "supports",
    }
    assert nato["positions"]["RU"]["since"] == "2026-01-03T12:00:00Z"  # the late e6 lost
    assert nato["positions"]["FR"]["corroborations"] == 1
    assert [e["event_id"] for e in nato["positions"]["FR"]["evidence"]] == ["e3", "e7"]
    assert nato["version"] == 5  # e1, e2, e3, e6 (backfilled into history), e7; not the dup
    assert states["ceasefire"]["status"] == "proposed"

    # Rebuild from the input topics with the worker stopped: same states, no new alert.
    assert worker.stop() == 0
    result = cli(prefix, "rebuild", env=ONE_PARTITION)
    assert result.returncode == 0, result.stderr
    assert (
        "6 alerts derived, 6 on the alert topic, 0 derived but never published, "
        "0 published but not derived; none re-published" in result.stdout
    )
    assert await latest_states(prefix) == states
    assert len(await read_topic(name(prefix, Topic.ALERTS))) == 6


async def test_backlog_writes_each_issue_state_once_per_interval(
    one_partition_prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """A backlog of claims is projected in many batches, but the issue's state goes to the
    compacted topic once when the partition is taken and once at the end of the log (the
    interval is longer than the run), and that last state equals a clean replay."""
    prefix = one_partition_prefix
    n = 5_000
    stances = ["supports", "opposes", "conditional", "undecided"]
    actors = [a.id for a in registry().actors][:20]
    claims = [
        position(f"b{i}", actors[i % len(actors)], stances[(i // 7) % 4], i) for i in range(n)
    ]
    await produce(name(prefix, Topic.CLAIMS), [(c.issue.encode(), encode(c)) for c in claims])

    worker = make_worker(
        prefix, tmp_path, PEACEWATCH_ISSUE_STATE_INTERVAL_MS="600000", **ONE_PARTITION
    )
    workers.append(worker)
    worker.start().wait_ready()
    settings = settings_for(prefix)
    await await_until(lambda: claims_done(settings, n), 90, "the projector to commit the backlog")

    status, text = worker.get("/metrics")
    assert status == 200
    families = {f.name: f for f in text_string_to_metric_families(text)}
    batches = next(
        s.value
        for s in families["peacewatch_processing_seconds"].samples
        if s.name.endswith("_count") and s.labels["stage"] == "projector_batch"
    )
    writes = [r for r in await read_topic(name(prefix, Topic.ISSUES)) if r.key == b"nato_troops"]
    assert batches >= 5  # at most 1,000 claims a batch
    assert len(writes) == 2
    states, _ = fold(claims, registry(), f"/peacewatch/{prefix}")
    assert json.loads(writes[-1].value) == json.loads(
        to_issue_state(states["nato_troops"]).model_dump_json()
    )

    # Lag tools read the projector group's committed offsets (written outside the
    # transactions, every few seconds): they reach the end of the claims log.
    async def group_at_end() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap())
        await admin.start()
        try:
            offsets = await admin.list_consumer_group_offsets(settings.projector_group)
        finally:
            await admin.close()
        return sum(meta.offset for meta in offsets.values()) == n

    await await_until(group_at_end, 30, "the projector group's offsets to reach the end")
