"""Fold claims into per-issue projections: shared by the live projector and rebuilds."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping

from schemas.alert import Alert
from schemas.claim import PositionClaim, StatusClaim
from schemas.codec import DecodeError
from schemas.deadletter import Reason
from schemas.registry import Registry
from services.core.alerts import to_alert
from services.core.projection import IssueProjection, Outcome, apply, empty


def step(
    states: MutableMapping[str, IssueProjection],
    claim: PositionClaim | StatusClaim,
    registry: Registry,
    source: str,
) -> tuple[Outcome, tuple[Alert, ...]]:
    """Apply one claim to its issue in ``states`` (updated in place) and build its alerts."""
    state = states.get(claim.issue)
    if state is None:
        issue = registry.issue(claim.issue)
        if issue is None:
            raise DecodeError(
                Reason.UNKNOWN_ISSUE, f"issue: {claim.issue!r} is not in the registry"
            )
        state = empty(issue)
    outcome = apply(state, claim, registry.policy)
    states[claim.issue] = outcome.state
    return outcome, tuple(to_alert(c, registry, source) for c in outcome.changes)


def fold(
    claims: Iterable[PositionClaim | StatusClaim], registry: Registry, source: str
) -> tuple[dict[str, IssueProjection], list[Alert]]:
    """Every issue's projection after ``claims`` in order, and every alert they raise."""
    states: dict[str, IssueProjection] = {}
    alerts: list[Alert] = []
    for claim in claims:
        alerts.extend(step(states, claim, registry, source)[1])
    return states, alerts
