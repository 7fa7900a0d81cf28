"""The read model: event-time order, duplicates ignored, bounded memory per issue."""

from __future__ import annotations

from schemas.codec import encode
from services.read_model import ReadModel
from tests.factories import position


def test_timeline_is_in_event_time_order_and_ignores_duplicates() -> None:
    """Claims arriving out of order are listed by event time; a repeat is listed once."""
    model = ReadModel()
    for claim in (
        position("b", "RU", "opposes", 5),
        position("a", "US", "supports", 1),
        position("b", "RU", "opposes", 5),
    ):
        model.apply_claim(claim, encode(claim))
    entries = model.timeline("nato_troops")
    assert [c.id for c in model.claims(entries)] == ["a#nato_troops#US", "b#nato_troops#RU"]
    assert [e.claim_id for e in model.timeline("nato_troops", actor="RU")] == ["b#nato_troops#RU"]


def test_timeline_keeps_the_newest_claims_per_issue_and_counts_the_rest() -> None:
    """Past the bound the oldest entries go, and the count of dropped ones is kept."""
    model = ReadModel(timeline_max=10)
    for i in range(25):
        claim = position(f"e{i:02d}", "RU", "opposes", i)
        model.apply_claim(claim, encode(claim))
    entries = model.timeline("nato_troops")
    assert len(entries) == 10
    assert entries[0].claim_id == "e15#nato_troops#RU"
    assert model.dropped["nato_troops"] == 15
