"""Check an input event against the registry and turn a pre-coded statement into a claim."""

from __future__ import annotations

from schemas.base import Evidence
from schemas.claim import PRE_CODED, PositionClaim, StatusClaim
from schemas.codec import DecodeError
from schemas.deadletter import Reason
from schemas.inputs import Statement
from schemas.registry import Registry

# Evidence quotes are a pointer into the source, not a copy of it: the offsets locate the
# full text. Short quotes keep every projection record small (the kill test's 200-actor
# issue grew past Kafka's 1 MB default with whole statements quoted).
QUOTE_CHARS = 300


def claim_id(event_id: str, issue: str, subject: str) -> str:
    """Deterministic claim id: one source event says one thing per issue and subject."""
    return f"{event_id}#{issue}#{subject}"


def coded_claim(statement: Statement, registry: Registry) -> PositionClaim | StatusClaim | None:
    """The claim a pre-coded statement makes, None when it needs the extractor.

    Raises DecodeError (unknown actor, issue or status) for a statement that names
    something the registry does not know: such a record goes to the dead-letter topic.
    """
    actor = registry.resolve_actor(statement.actor)
    if actor is None:
        raise DecodeError(
            Reason.UNKNOWN_ACTOR, f"actor: {statement.actor!r} is not in the registry"
        )
    if not statement.pre_coded:
        return None
    issue = registry.issue(statement.issue or "")
    if issue is None:
        raise DecodeError(
            Reason.UNKNOWN_ISSUE, f"issue: {statement.issue!r} is not in the registry"
        )
    evidence = (
        Evidence(
            event_id=statement.id,
            source=statement.source,
            quote=statement.text[:QUOTE_CHARS],
            start=0,
            end=min(len(statement.text), QUOTE_CHARS),
        ),
    )
    common = {
        "issue": issue.id,
        "occurred_at": statement.occurred_at,
        "evidence": evidence,
        "producer": PRE_CODED,
        "confidence": 1.0,
        "origins": (statement.id,),
        "speaker": statement.speaker,
    }
    if statement.status is not None:
        if statement.status not in issue.statuses:
            raise DecodeError(
                Reason.UNKNOWN_STATUS,
                f"status: {statement.status!r} is not one of {issue.id}'s statuses "
                f"({', '.join(issue.statuses)})",
            )
        return StatusClaim(
            id=claim_id(statement.id, issue.id, "status"),
            status=statement.status,
            actor=actor,
            **common,
        )
    assert statement.stance is not None  # the Statement model guarantees issue => stance|status
    return PositionClaim(
        id=claim_id(statement.id, issue.id, actor), actor=actor, stance=statement.stance, **common
    )
