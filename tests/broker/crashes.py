"""Shared by the crash tests: a random claim stream, and the check against a clean replay."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from schemas.codec import decode_alert, decode_claim
from services.core.projection import to_issue_state
from services.core.replay import fold
from services.projector import read_checkpoints
from services.settings import Settings
from services.topic_reader import end_offsets, read_all
from services.topics import Topic, topic_name
from tests.broker.harness import settings_for
from tests.factories import registry

STANCES = ["supports", "conditional", "undecided", "opposes"]


def statements(n: int, seed: int) -> list[tuple[bytes, bytes]]:
    """``n`` pre-coded statements over every issue and 20 actors; event times mostly rise,
    with a jitter that makes some of them arrive late."""
    rng = random.Random(seed)
    reg = registry()
    actors = [a.id for a in reg.actors][:20]
    issues = [i.id for i in reg.issues]
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        minute = 10 * i + rng.randrange(-60, 60)
        body = {
            "id": f"s{seed}-{i}",
            "occurred_at": (t0 + timedelta(minutes=minute)).isoformat(),
            "actor": rng.choice(actors),
            "text": "t",
            "source": {"name": "Wire", "url": f"https://e.org/{i}"},
            "issue": rng.choice(issues),
            "stance": rng.choice(STANCES),
        }
        out.append((body["id"].encode(), json.dumps(body).encode()))
    return out


async def claims_done(settings: Settings, expected_claims: int) -> bool:
    """Every statement became a claim and the projector committed past every claim."""
    claims = await read_all(settings, topic_name(settings, Topic.CLAIMS), committed=False)
    ids = {decode_claim(r.value).id for recs in claims.values() for r in recs}
    if len(ids) < expected_claims:
        return False
    ends = await end_offsets(settings, topic_name(settings, Topic.CLAIMS))
    checkpoints = await read_checkpoints(settings)
    return all(checkpoints.get(partition, 0) >= end for partition, end in ends.items())


@dataclass
class Verdict:
    """What a crash test found, with the figures it prints."""

    claims_in_log: int
    distinct_claims: int
    expected_alerts: int
    alerts_on_topic: int
    duplicates: int
    missing: int
    unexpected: int
    projection_matches: bool

    def line(self) -> str:
        return (
            f"claims in log {self.claims_in_log} ({self.distinct_claims} distinct), "
            f"alerts expected {self.expected_alerts}, on topic {self.alerts_on_topic}, "
            f"duplicates {self.duplicates}, missing {self.missing}, "
            f"unexpected {self.unexpected}, projection matches replay: "
            f"{self.projection_matches}"
        )


async def verdict(prefix: str) -> Verdict:
    """Compare the alert topic (read_committed) and the projection with a clean replay."""
    settings = settings_for(prefix)
    reg = registry()
    claims = [
        decode_claim(r.value)
        for recs in (
            await read_all(settings, topic_name(settings, Topic.CLAIMS), committed=False)
        ).values()
        for r in recs
    ]
    states, expected = fold(claims, reg, f"/peacewatch/{prefix}")
    on_topic = Counter(
        decode_alert(r.value).id
        for recs in (await read_all(settings, topic_name(settings, Topic.ALERTS))).values()
        for r in recs
    )
    expected_ids = {a.id for a in expected}
    latest: dict[str, Any] = {}
    for recs in (await read_all(settings, topic_name(settings, Topic.ISSUES))).values():
        for r in recs:
            latest[r.key.decode()] = json.loads(r.value)
    replay = {k: json.loads(to_issue_state(v).model_dump_json()) for k, v in states.items()}
    return Verdict(
        claims_in_log=len(claims),
        distinct_claims=len({c.id for c in claims}),
        expected_alerts=len(expected_ids),
        alerts_on_topic=sum(on_topic.values()),
        duplicates=sum(n - 1 for n in on_topic.values() if n > 1),
        missing=len(expected_ids - set(on_topic)),
        unexpected=len(set(on_topic) - expected_ids),
        projection_matches=latest == replay,
    )
