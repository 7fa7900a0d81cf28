"""Rebuild every projection from the input topics, without notifying anyone again.

Claims are re-derived from the input log (the source of truth) and folded in the order
the claims log recorded them, which is the order the live projector applied them: so
the rebuilt projection and its alert ids equal the live ones. Claims the live system
never saw (a new extractor version, say) follow in event-time order. No alert is
published; the alert ids the fold derives are compared with those already on the alert
topic, and the rebuilt states can be written to the compacted topic as a new generation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer

from schemas.alert import Alert
from schemas.codec import DecodeError, decode_alert, decode_claim, encode
from schemas.issue_state import IssueState
from schemas.registry import Registry
from services.core.projection import to_issue_state
from services.core.replay import fold
from services.core.routing import AnyClaim, Extractor, route
from services.kafka_client import client_options
from services.projector import alert_source
from services.settings import Settings
from services.topic_reader import read_all
from services.topics import INPUT_TOPICS, Topic, topic_name


@dataclass
class RebuildReport:
    """What a rebuild read, derived and found."""

    input_records: int = 0
    rejected_records: int = 0
    claims: int = 0
    claims_not_in_log: int = 0
    states: dict[str, IssueState] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    alerts_on_topic: int = 0
    alerts_missing: list[str] = field(default_factory=list)
    alerts_unexplained: list[str] = field(default_factory=list)
    states_written: int = 0


async def derive_claims(
    settings: Settings, registry: Registry, extractor: Extractor | None, report: RebuildReport
) -> dict[str, AnyClaim]:
    """Every claim the input topics make today, by claim id."""
    claims: dict[str, AnyClaim] = {}
    for topic in INPUT_TOPICS:
        by_part = await read_all(settings, topic_name(settings, topic))
        for records in by_part.values():
            for record in records:
                report.input_records += 1
                try:
                    routed = route(
                        topic.value, record.value, registry, extractor, settings.max_record_bytes
                    )
                except DecodeError:
                    report.rejected_records += 1
                    continue
                for claim in routed.claims:
                    claims.setdefault(claim.id, claim)
    return claims


async def rebuild(
    settings: Settings,
    registry: Registry,
    extractor: Extractor | None = None,
    *,
    write: bool = True,
) -> RebuildReport:
    """Replay the inputs into fresh projections; compare alerts; optionally write states."""
    report = RebuildReport()
    derived = await derive_claims(settings, registry, extractor, report)
    ordered: list[AnyClaim] = []
    seen: set[str] = set()
    for records in (await read_all(settings, topic_name(settings, Topic.CLAIMS))).values():
        for record in records:
            try:
                claim_id = decode_claim(record.value).id
            except DecodeError:
                continue
            if claim_id in derived and claim_id not in seen:
                seen.add(claim_id)
                ordered.append(derived[claim_id])
    fresh = sorted(
        (c for i, c in derived.items() if i not in seen), key=lambda c: (c.occurred_at, c.id)
    )
    report.claims_not_in_log = len(fresh)
    ordered.extend(fresh)
    report.claims = len(ordered)
    states, report.alerts = fold(ordered, registry, alert_source(settings))
    report.states = {k: to_issue_state(v) for k, v in sorted(states.items())}

    on_topic: set[str] = set()
    for records in (await read_all(settings, topic_name(settings, Topic.ALERTS))).values():
        on_topic.update(decode_alert(r.value).id for r in records)
    report.alerts_on_topic = len(on_topic)
    derived_ids = {a.id for a in report.alerts}
    report.alerts_missing = sorted(derived_ids - on_topic)
    report.alerts_unexplained = sorted(on_topic - derived_ids)

    if write and report.states:
        producer = AIOKafkaProducer(acks="all", enable_idempotence=True, **client_options(settings))
        await producer.start()
        try:
            topic = topic_name(settings, Topic.ISSUES)
            for issue, state in report.states.items():
                await producer.send_and_wait(topic, key=issue.encode(), value=encode(state))
                report.states_written += 1
        finally:
            await producer.stop()
    return report
