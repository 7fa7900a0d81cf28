"""Intake: statements become claims as given, or are rejected with a reason."""

from __future__ import annotations

import json

import pytest

from schemas.claim import PositionClaim, StatusClaim
from schemas.deadletter import Reason
from services.core.routing import route
from tests.factories import registry, statement

REG = registry()


def routed(body: dict[str, object]):  # type: ignore[no-untyped-def]
    return route("statements", json.dumps(body).encode(), REG, None, 256 * 1024)


def test_pre_coded_statement_becomes_claim_with_provenance() -> None:
    """An alias resolves to its actor, the speaker is kept, and evidence names the source."""
    result = routed(
        statement(
            "s1",
            "Maria Zakharova",
            speaker="Maria Zakharova",
            issue="nato_troops",
            stance="opposes",
        )
    )
    [claim] = result.claims
    assert isinstance(claim, PositionClaim)
    assert (claim.actor, claim.issue, claim.stance, claim.speaker) == (
        "RU",
        "nato_troops",
        "opposes",
        "Maria Zakharova",
    )
    assert claim.producer == "pre-coded"
    assert claim.confidence == 1.0
    assert claim.evidence[0].event_id == "s1"
    assert claim.evidence[0].source.url == "https://e.org/x"
    assert claim.id == "s1#nato_troops#RU"


def test_status_statement_becomes_status_claim() -> None:
    """issue + status gives a status claim."""
    [claim] = routed(statement("s2", "White House", issue="ceasefire", status="proposed")).claims
    assert isinstance(claim, StatusClaim)
    assert (claim.status, claim.actor) == ("proposed", "US")


def test_uncoded_statement_without_extractor_is_counted_unextracted() -> None:
    """With no extractor, an uncoded statement makes no claim and is flagged."""
    result = routed(statement("s3", "RU"))
    assert result.claims == ()
    assert result.unextracted


@pytest.mark.parametrize(
    ("body", "reason", "field"),
    [
        (statement("x", "Narnia"), Reason.UNKNOWN_ACTOR, "actor: 'Narnia'"),
        (
            statement("x", "RU", issue="moon_base", stance="opposes"),
            Reason.UNKNOWN_ISSUE,
            "issue: 'moon_base'",
        ),
        (
            statement("x", "RU", issue="ceasefire", status="frozen"),
            Reason.UNKNOWN_STATUS,
            "status: 'frozen'",
        ),
        (statement("x", "RU", issue="ceasefire", stance="maybe"), Reason.INVALID, "stance"),
    ],
)
def test_unknown_names_are_rejected_with_reason(
    body: dict[str, object], reason: Reason, field: str
) -> None:
    """Unknown actors, issues, statuses and stances are rejected, naming the field."""
    from schemas.codec import DecodeError

    with pytest.raises(DecodeError) as info:
        routed(body)
    assert info.value.reason is reason
    assert field in info.value.detail
