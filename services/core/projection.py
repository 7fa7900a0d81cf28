"""``apply(state, claim) -> Outcome``: the projection of one issue, one claim at a time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from schemas.base import Stance
from schemas.claim import PRE_CODED, PositionClaim, StatusClaim
from schemas.issue_state import IssueState, Position
from schemas.registry import IssueDef, Policy
from services.core.history import Effect, History, Key, insert, key_of, start


@dataclass(frozen=True, slots=True)
class Pending:
    """Machine-extracted claims for one (actor, stance) still waiting for corroboration."""

    claims: tuple[PositionClaim, ...] = ()

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(o for c in self.claims for o in c.origins)


@dataclass(frozen=True, slots=True)
class IssueProjection:
    """Everything the core knows about one issue."""

    issue: str
    title: str
    initial_status: str
    positions: dict[str, History] = field(default_factory=dict)
    status: History | None = None
    pending: dict[tuple[str, str], Pending] = field(default_factory=dict)
    version: int = 0
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PositionChanged:
    """An actor's stance is new or different; ``previous`` is None for a first position."""

    issue: str
    actor: str
    previous: History | None
    current: History
    claim_id: str


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """An issue's status is different; ``previous`` is None when it left the initial one."""

    issue: str
    previous: History | None
    previous_status: str
    current: History
    claim_id: str
    actor: str | None


Change = PositionChanged | StatusChanged


@dataclass(frozen=True, slots=True)
class Outcome:
    """The new state, what changed, and what happened to the claim."""

    state: IssueProjection
    changes: tuple[Change, ...]
    effect: Effect | str


HELD = "held"  # a machine-extracted claim waiting for corroboration


def empty(issue: IssueDef) -> IssueProjection:
    """The projection of an issue no claim has touched."""
    return IssueProjection(issue=issue.id, title=issue.title, initial_status=issue.initial_status)


def _key(claim: PositionClaim | StatusClaim) -> Key:
    return key_of(claim.occurred_at, claim.id)


def _moves_position(claim: PositionClaim, pending: Pending, policy: Policy) -> bool:
    if claim.producer == PRE_CODED:
        return True
    rule = policy.corroboration
    return claim.confidence >= rule.min_confidence and len(pending.origins) >= rule.min_origins


def apply(state: IssueProjection, claim: PositionClaim | StatusClaim, policy: Policy) -> Outcome:
    """Apply one claim to one issue's projection. Pure: same inputs, same outcome."""
    if claim.issue != state.issue:
        raise ValueError(f"claim {claim.id} is for {claim.issue}, not {state.issue}")
    if isinstance(claim, StatusClaim):
        return _apply_status(state, claim, policy)
    return _apply_position(state, claim, policy)


def _apply_position(state: IssueProjection, claim: PositionClaim, policy: Policy) -> Outcome:
    batch: tuple[PositionClaim, ...] = (claim,)
    slot = (claim.actor, claim.stance.value)
    if claim.producer != PRE_CODED:
        held = state.pending.get(slot, Pending())
        current = state.positions.get(claim.actor)
        known = current is not None and (
            _key(claim) in current.run or _key(claim) == current.prev_key
        )
        if known or any(c.id == claim.id for c in held.claims):
            return Outcome(state, (), Effect.DUPLICATE)
        held = Pending((*held.claims, claim))
        if not _moves_position(claim, held, policy):
            return Outcome(replace(state, pending={**state.pending, slot: held}), (), HELD)
        # Corroborated: every held claim of this stance moves the position together.
        batch = tuple(sorted(held.claims, key=_key))
        state = replace(state, pending={k: v for k, v in state.pending.items() if k != slot})

    keep = policy.evidence.max_items
    previous = state.positions.get(claim.actor)
    hist, effect = previous, Effect.DUPLICATE
    for item in batch:
        if hist is None:
            hist, step = start(_key(item), item.stance.value, item.evidence[-keep:]), Effect.FIRST
        else:
            hist, step = insert(hist, _key(item), item.stance.value, item.evidence, keep)
        if step not in (Effect.DUPLICATE, Effect.NO_EFFECT):
            effect = step
    if hist is None or effect in (Effect.DUPLICATE, Effect.NO_EFFECT):
        return Outcome(state, (), effect)
    if previous is None:
        effect = Effect.FIRST
    elif hist.value != previous.value:
        effect = Effect.CHANGED
    new_state = replace(
        state,
        positions={**state.positions, claim.actor: hist},
        version=state.version + 1,
        updated_at=_latest(state.updated_at, claim.occurred_at),
    )
    changes: tuple[Change, ...] = ()
    if effect in (Effect.FIRST, Effect.CHANGED):
        changes = (PositionChanged(state.issue, claim.actor, previous, hist, claim.id),)
    return Outcome(new_state, changes, effect)


def _apply_status(state: IssueProjection, claim: StatusClaim, policy: Policy) -> Outcome:
    keep = policy.evidence.max_items
    previous = state.status
    if previous is None:
        hist, effect = start(_key(claim), claim.status, claim.evidence[-keep:]), Effect.FIRST
        if claim.status == state.initial_status:
            effect = Effect.CORROBORATED  # confirming the initial status is not a change
    else:
        hist, effect = insert(previous, _key(claim), claim.status, claim.evidence, keep)
    if effect in (Effect.DUPLICATE, Effect.NO_EFFECT):
        return Outcome(state, (), effect)
    new_state = replace(
        state,
        status=hist,
        version=state.version + 1,
        updated_at=_latest(state.updated_at, claim.occurred_at),
    )
    changes: tuple[Change, ...] = ()
    if effect in (Effect.FIRST, Effect.CHANGED):
        previous_status = previous.value if previous is not None else state.initial_status
        changes = (
            StatusChanged(state.issue, previous, previous_status, hist, claim.id, claim.actor),
        )
    return Outcome(new_state, changes, effect)


def _latest(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b > a else a


def to_issue_state(state: IssueProjection) -> IssueState:
    """The contract's view of a projection (the compacted topic's value)."""
    positions = {
        actor: Position(
            stance=Stance(h.value),
            since=h.since,
            claim_id=h.claim_id,
            evidence=h.evidence,
            corroborations=len(h.run) - 1,
        )
        for actor, h in sorted(state.positions.items())
    }
    status = state.status
    return IssueState(
        issue=state.issue,
        title=state.title,
        status=status.value if status else state.initial_status,
        status_since=status.since if status else None,
        status_evidence=status.evidence if status else (),
        positions=positions,
        version=state.version,
        updated_at=state.updated_at,
    )
