"""The pure projection core: positions, statuses, event time, duplicates, corroboration."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from schemas.base import Severity
from schemas.claim import PositionClaim, StatusClaim
from services.core.alerts import to_alert
from services.core.history import Effect, Run, key_of
from services.core.projection import (
    HELD,
    IssueProjection,
    PositionChanged,
    StatusChanged,
    apply,
    empty,
    to_issue_state,
)
from tests.factories import at, position, registry, status

REG = registry()
POLICY = REG.policy


def fold(
    claims: Iterable[PositionClaim | StatusClaim], issue: str = "nato_troops"
) -> tuple[IssueProjection, list[PositionChanged | StatusChanged]]:
    """Apply claims in order; return the final state and every change emitted."""
    idef = REG.issue(issue)
    assert idef is not None
    state, changes = empty(idef), []
    for claim in claims:
        outcome = apply(state, claim, POLICY)
        state = outcome.state
        changes.extend(outcome.changes)
    return state, changes


def test_first_position_is_new_and_info() -> None:
    """An actor's first known stance raises position.new with severity info."""
    _, changes = fold([position("e1", "RU", "opposes", 0)])
    alert = to_alert(changes[0], REG, "/test")
    assert (alert.type, alert.data.severity, alert.data.previous) == (
        "peacewatch.position.new",
        Severity.INFO,
        None,
    )
    assert alert.data.current.stance == "opposes"
    assert alert.subject == "nato_troops/RU"


def test_reversal_is_critical_and_move_to_conditional_is_warning() -> None:
    """supports -> opposes is critical; a move to conditional is a warning."""
    _, changes = fold(
        [
            position("e1", "US", "supports", 0),
            position("e2", "US", "opposes", 5),
            position("e3", "US", "conditional", 9),
        ]
    )
    severities = [to_alert(c, REG, "/t").data.severity for c in changes]
    assert severities == [Severity.INFO, Severity.CRITICAL, Severity.WARNING]


def test_repeated_position_corroborates_without_alert() -> None:
    """A repeated identical stance raises no alert but adds evidence and keeps since."""
    state, changes = fold(
        [position("e1", "FR", "supports", 0), position("e2", "FR", "supports", 3)]
    )
    assert len(changes) == 1
    pos = to_issue_state(state).positions["FR"]
    assert pos.corroborations == 1
    assert [e.event_id for e in pos.evidence] == ["e1", "e2"]
    assert pos.since == position("e1", "FR", "supports", 0).occurred_at


def test_late_older_claim_does_not_overwrite_newer_position() -> None:
    """A claim older than the current position neither moves it nor alerts."""
    state, changes = fold(
        [position("e2", "RU", "opposes", 10), position("e1", "RU", "supports", 1)]
    )
    assert [type(c) for c in changes] == [PositionChanged]
    assert to_issue_state(state).positions["RU"].stance == "opposes"


def test_duplicate_claim_changes_nothing() -> None:
    """The same claim applied twice leaves the state identical and emits nothing."""
    idef = REG.issue("nato_troops")
    assert idef is not None
    claim = position("e1", "GB", "supports", 0)
    once = apply(empty(idef), claim, POLICY)
    twice = apply(once.state, claim, POLICY)
    assert twice.state == once.state
    assert twice.changes == ()
    assert twice.effect is Effect.DUPLICATE


def test_equal_timestamps_are_ordered_by_claim_id() -> None:
    """Two claims at the same instant resolve the same way whatever their arrival order."""
    a, b = position("a", "DE", "supports", 0), position("b", "DE", "opposes", 0)
    s1, _ = fold([a, b])
    s2, _ = fold([b, a])
    assert to_issue_state(s1).positions == to_issue_state(s2).positions
    assert to_issue_state(s1).positions["DE"].stance == "opposes"  # "b" sorts after "a"


def test_status_change_alerts_with_warning() -> None:
    """A status claim moves the issue's status and raises issue.status_changed."""
    state, changes = fold(
        [status("s1", "proposed", 0), status("s2", "negotiating", 5)], issue="ceasefire"
    )
    alerts = [to_alert(c, REG, "/t") for c in changes]
    assert [a.type for a in alerts] == ["peacewatch.issue.status_changed"] * 2
    assert alerts[0].data.summary == "Ceasefire: status none -> proposed"
    assert alerts[0].data.previous is not None
    assert (alerts[0].data.previous.status, alerts[0].data.previous.since) == ("none", None)
    assert alerts[1].data.previous is not None
    assert alerts[1].data.previous.status == "proposed"
    assert {a.data.severity for a in alerts} == {Severity.WARNING}
    assert to_issue_state(state).status == "negotiating"


def test_alert_ids_are_deterministic() -> None:
    """Folding the same claims twice gives the same alert ids."""
    claims = [position("e1", "RU", "opposes", 0), position("e2", "RU", "conditional", 4)]
    ids = [[to_alert(c, REG, "/t").id for c in fold(claims)[1]] for _ in range(2)]
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 2


def test_extracted_claim_from_one_origin_is_held_until_corroborated() -> None:
    """A machine claim from one origin enters no position; a second origin moves it."""
    first = position("n1", "PL", "supports", 0, producer="extractor/1", confidence=0.9)
    state, changes = fold([first])
    assert changes == []
    assert "PL" not in state.positions
    second = position("n2", "PL", "supports", 3, producer="extractor/1", confidence=0.9)
    state, changes = fold([first, second])
    assert len(changes) == 1
    assert to_issue_state(state).positions["PL"].stance == "supports"
    assert {e.event_id for e in to_issue_state(state).positions["PL"].evidence} == {"n1", "n2"}


def test_syndicated_copies_are_one_origin() -> None:
    """Two copies of one story (same origin) do not corroborate each other."""
    copies = [
        position(
            f"n{i}", "PL", "supports", i, producer="extractor/1", confidence=0.9, origin="story-1"
        )
        for i in range(3)
    ]
    state, changes = fold(copies)
    assert changes == []
    assert "PL" not in state.positions


def test_low_confidence_claim_is_held_even_with_many_origins() -> None:
    """Below the confidence threshold a machine claim never moves a position."""
    weak = [
        position(f"n{i}", "IT", "opposes", i, producer="extractor/1", confidence=0.59)
        for i in range(4)
    ]
    state, changes = fold(weak)
    assert changes == []
    assert "IT" not in state.positions
    idef = REG.issue("nato_troops")
    assert idef is not None
    assert apply(empty(idef), weak[0], POLICY).effect == HELD


def test_confidence_exactly_at_threshold_moves_when_corroborated() -> None:
    """Confidence equal to the threshold counts as enough."""
    at_threshold = [
        position(
            f"n{i}",
            "IT",
            "opposes",
            i,
            producer="extractor/1",
            confidence=POLICY.corroboration.min_confidence,
        )
        for i in range(2)
    ]
    _state, changes = fold(at_threshold)
    assert len(changes) == 1


def test_claim_for_another_issue_is_refused() -> None:
    """Applying a claim to the wrong issue is a programming error, not silent corruption."""
    idef = REG.issue("ceasefire")
    assert idef is not None
    with pytest.raises(ValueError, match="nato_troops"):
        apply(empty(idef), position("e", "RU", "opposes", 0), POLICY)


def test_run_versions_share_appends_without_seeing_each_other() -> None:
    """An append shares the list with the version it came from; that older version keeps
    seeing only its own keys, and a second append to it (after a rollback) copies."""

    k = [key_of(at(i), f"c{i}") for i in range(5)]
    a = Run([k[0], k[1]])
    b = a.appended(k[2])
    c = a.appended(k[3])  # a's list already grew past a: this must copy
    assert len(a) == 2 and k[2] not in a and a.last == k[1]
    assert b == Run([k[0], k[1], k[2]]) and k[3] not in b
    assert c == Run([k[0], k[1], k[3]]) and k[2] not in c
    assert b.appended(k[4]) == Run([k[0], k[1], k[2], k[4]])
    assert a.inserted(k[4]) == Run([k[0], k[1], k[4]]) and len(a) == 2
    assert b.after(k[0]) == Run([k[1], k[2]])
