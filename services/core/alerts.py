"""Turn the core's changes into CloudEvents alerts with deterministic ids and severities."""

from __future__ import annotations

import hashlib

from schemas.alert import POSITION_CHANGED, POSITION_NEW, STATUS_CHANGED, Alert, AlertData, Snapshot
from schemas.base import Severity, Stance
from schemas.registry import Registry, SeverityPolicy
from services.core.history import History, key_time
from services.core.projection import Change, PositionChanged, StatusChanged


def alert_id(kind: str, issue: str, actor: str | None, claim_id: str) -> str:
    """The same cause (kind, issue, actor, claim) always gives the same id."""
    cause = "\x1f".join((kind, issue, actor or "", claim_id))
    return hashlib.sha256(cause.encode("utf-8")).hexdigest()[:32]


def position_severity(previous: History | None, current: History, rule: SeverityPolicy) -> Severity:
    """Critical for a reversal, the configured change level for any other move."""
    if previous is None:
        return rule.first_position
    if (Stance(previous.value), Stance(current.value)) in rule.critical_transitions:
        return Severity.CRITICAL
    return rule.change


def _snapshot(hist: History, *, status: bool) -> Snapshot:
    if status:
        return Snapshot(status=hist.value, since=hist.since, evidence=hist.evidence)
    return Snapshot(stance=Stance(hist.value), since=hist.since, evidence=hist.evidence)


def to_alert(change: Change, registry: Registry, source: str) -> Alert:
    """One change as an alert; ``source`` names the emitting deployment."""
    issue = registry.issue(change.issue)
    title = issue.title if issue else change.issue
    rule = registry.policy.severity
    if isinstance(change, PositionChanged):
        actor = next((a.name for a in registry.actors if a.id == change.actor), change.actor)
        kind = POSITION_NEW if change.previous is None else POSITION_CHANGED
        severity = position_severity(change.previous, change.current, rule)
        if change.previous is None:
            summary = f"{actor} on {title}: {change.current.value} (first known position)"
        else:
            summary = (
                f"{actor} on {title}: {change.previous.value} -> {change.current.value} "
                f"(held since {change.previous.since.date()})"
            )
        data = AlertData(
            issue=change.issue,
            actor=change.actor,
            previous=_snapshot(change.previous, status=False) if change.previous else None,
            current=_snapshot(change.current, status=False),
            severity=severity,
            summary=summary,
            claim_id=change.claim_id,
        )
        subject = f"{change.issue}/{change.actor}"
    else:
        assert isinstance(change, StatusChanged)
        kind = STATUS_CHANGED
        summary = f"{title}: status {change.previous_status} -> {change.current.value}"
        previous = (
            _snapshot(change.previous, status=True)
            if change.previous
            else Snapshot(status=change.previous_status)
        )
        data = AlertData(
            issue=change.issue,
            actor=change.actor,
            previous=previous,
            current=_snapshot(change.current, status=True),
            severity=rule.status_change,
            summary=summary,
            claim_id=change.claim_id,
        )
        subject = change.issue
    return Alert(
        id=alert_id(
            kind, change.issue, data.actor if kind != STATUS_CHANGED else None, change.claim_id
        ),
        source=source,
        type=kind,
        subject=subject,
        time=key_time(change.current.run.last),
        data=data,
    )
