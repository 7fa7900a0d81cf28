"""The CLI for people, on the real broker: tables, timelines, alerts and a live follow."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from services.topics import Topic
from tests.broker.crashes import claims_done
from tests.broker.harness import (
    BIN,
    REPO,
    Worker,
    bootstrap,
    cli,
    make_worker,
    name,
    produce,
    read_topic,
    settings_for,
    wait_until,
)

pytestmark = pytest.mark.broker
SAMPLE = REPO / "deploy" / "sample" / "paris-2026.jsonl"
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def projected(prefix: str, tmp_path: Path, workers: list[Worker]) -> str:
    """The sample scenario published and fully projected on this test's prefix."""
    w = make_worker(prefix, tmp_path)
    workers.append(w)
    w.start().wait_ready()
    assert cli(prefix, "sample", "publish-if-empty", str(SAMPLE)).returncode == 0
    rows = sum(1 for line in SAMPLE.read_text().splitlines() if line.strip())
    # The CLI reads the topics: wait until the projector has committed every claim.
    wait_until(
        lambda: asyncio.run(claims_done(settings_for(prefix), rows)),
        60,
        "every sample claim to be projected",
    )
    return prefix


def test_sample_is_published_once(projected: str) -> None:
    """publish-if-empty skips a prefix whose input topics already hold data."""
    again = cli(projected, "sample", "publish-if-empty", str(SAMPLE))
    assert again.returncode == 0
    assert "sample skipped" in again.stdout


def test_issues_table_shows_status_and_stances(projected: str) -> None:
    """`peacewatch issues` prints one row per issue with key actors' stances."""
    result = cli(projected, "issues", env=WIDE)
    assert result.returncode == 0, result.stderr
    rows = {
        line.split("│")[1].strip(): line
        for line in result.stdout.splitlines()
        if line.startswith("│")
    }
    assert len(rows) == 8
    assert "negotiating" in rows["ceasefire"]
    assert "opposes" in rows["nato_troops"]
    as_json = json.loads(cli(projected, "issues", "--json").stdout)
    assert {s["issue"] for s in as_json} >= {"nato_troops", "ceasefire"}


def test_issue_shows_positions_with_evidence(projected: str) -> None:
    """`peacewatch issue ID` lists each actor's stance, date and source URL."""
    result = cli(projected, "issue", "security_guarantees", env=WIDE)
    assert result.returncode == 0, result.stderr
    assert "United States (US)" in result.stdout
    assert "2026-02-10" in result.stdout
    assert "https://example.org/sample/paris-22" in result.stdout
    unknown = cli(projected, "issue", "moon_base")
    assert unknown.returncode == 2
    assert "unknown issue 'moon_base'" in unknown.stderr


def test_timeline_filters_by_actor_alias(projected: str) -> None:
    """`peacewatch timeline ISSUE --actor ALIAS` lists that actor's claims in time order."""
    result = cli(projected, "timeline", "nato_troops", "--actor", "Merz", env=WIDE)
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stdout.splitlines() if "│ DE" in ln]
    assert [("undecided" in ln, "conditional" in ln) for ln in lines] == [
        (True, False),
        (False, True),
    ]


def test_alerts_listing_is_in_event_time_order(projected: str) -> None:
    """`peacewatch alerts --json` prints every alert once, oldest event time first."""
    result = cli(projected, "alerts", "--json")
    assert result.returncode == 0, result.stderr
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(alerts) == len(await_alerts(projected))
    assert [a["time"] for a in alerts] == sorted(a["time"] for a in alerts)


def await_alerts(prefix: str) -> list[object]:

    return asyncio.run(read_topic(name(prefix, Topic.ALERTS)))


def test_alerts_follow_prints_a_new_alert_live(projected: str) -> None:
    """`peacewatch alerts --follow --json` prints an alert raised after it started."""
    env = {
        **os.environ,
        "PEACEWATCH_KAFKA_BOOTSTRAP": bootstrap(),
        "PEACEWATCH_TOPIC_PREFIX": projected,
    }
    proc = subprocess.Popen(
        [str(BIN / "peacewatch"), "alerts", "--follow", "--json", "--max", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    errors: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    err_reader = threading.Thread(target=lambda: errors.extend(proc.stderr or []), daemon=True)
    reader.start()
    err_reader.start()
    try:
        statement = {
            "id": "follow-1",
            "occurred_at": "2026-03-01T12:00:00Z",
            "actor": "Ankara",
            "text": "Turkey is ready to join a monitoring mission.",
            "source": {"name": "Wire", "url": "https://e.org/f1"},
            "issue": "ceasefire_monitoring",
            "stance": "supports",
        }

        async def send() -> None:
            await produce(
                name(projected, Topic.STATEMENTS), [(b"follow-1", json.dumps(statement).encode())]
            )

        import asyncio

        wait_until(
            lambda: any("following" in e for e in errors),
            30,
            "the follower to be positioned at the end",
        )
        asyncio.run(send())
        proc.wait(timeout=60)
        reader.join(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    assert proc.returncode == 0, "".join(errors)
    [line] = lines
    alert = json.loads(line)
    assert (alert["subject"], alert["type"]) == (
        "ceasefire_monitoring/TR",
        "peacewatch.position.new",
    )
