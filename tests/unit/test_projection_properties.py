"""Property tests: arrival order and repetition do not change the final positions."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.claim import PositionClaim
from services.core.projection import apply, empty, to_issue_state
from tests.factories import position, registry

REG = registry()
ACTORS = ["RU", "UA", "US", "FR"]
STANCES = ["supports", "conditional", "undecided", "opposes"]

claim_specs = st.lists(
    st.tuples(
        st.sampled_from(ACTORS), st.sampled_from(STANCES), st.integers(0, 30), st.integers(0, 2)
    ),
    min_size=1,
    max_size=40,
)


def build(specs: list[tuple[str, str, int, int]]) -> list[PositionClaim]:
    """Claims numbered in list order; the last tuple field names the source."""
    return [
        position(f"src{src}-{i}", actor, stance, minute)
        for i, (actor, stance, minute, src) in enumerate(specs)
    ]


def final(claims: list[PositionClaim]) -> dict[str, tuple[str, object, str]]:
    idef = REG.issue("nato_troops")
    assert idef is not None
    state = empty(idef)
    for claim in claims:
        state = apply(state, claim, REG.policy).state
    return {
        a: (p.stance.value, p.since, p.claim_id) for a, p in to_issue_state(state).positions.items()
    }


def interleave(claims: list[PositionClaim], seed: int) -> list[PositionClaim]:
    """A random arrival order that keeps each source's own order."""
    queues: dict[str, list[PositionClaim]] = {}
    for c in claims:
        queues.setdefault(c.origins[0].split("-")[0], []).append(c)
    rng, out = random.Random(seed), []
    while queues:
        src = rng.choice(sorted(queues))
        out.append(queues[src].pop(0))
        if not queues[src]:
            del queues[src]
    return out


@settings(max_examples=300, deadline=None)
@given(claim_specs, st.integers(0, 10_000))
def test_any_order_keeping_per_source_order_gives_same_positions(
    specs: list[tuple[str, str, int, int]], seed: int
) -> None:
    """Interleaving sources differently yields identical stances, since-times and claims."""
    claims = build(specs)
    assert final(interleave(claims, seed)) == final(claims)


@settings(max_examples=300, deadline=None)
@given(claim_specs, st.integers(0, 10_000))
def test_any_order_at_all_gives_same_positions(
    specs: list[tuple[str, str, int, int]], seed: int
) -> None:
    """Even a full shuffle gives the same positions: they depend on the set of claims."""
    claims = build(specs)
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    assert final(shuffled) == final(claims)


@settings(max_examples=200, deadline=None)
@given(claim_specs)
def test_applying_a_sequence_twice_equals_once(specs: list[tuple[str, str, int, int]]) -> None:
    """Replaying every claim a second time changes nothing, version included."""
    claims = build(specs)
    idef = REG.issue("nato_troops")
    assert idef is not None
    state = empty(idef)
    for claim in claims:
        state = apply(state, claim, REG.policy).state
    again = state
    for claim in claims:
        outcome = apply(again, claim, REG.policy)
        assert outcome.changes == ()
        again = outcome.state
    assert to_issue_state(again) == to_issue_state(state)
