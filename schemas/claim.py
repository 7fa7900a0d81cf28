"""A claim: one actor's stance on one issue, or one issue's status, with provenance."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schemas.base import Contract, EventId, Evidence, RegistryId, Rfc3339, Stance

PRE_CODED = "pre-coded"


class ClaimBase(Contract):
    """What every claim carries: its deterministic id, event time and provenance."""

    schema_version: Literal[1] = 1
    id: EventId = Field(description="deterministic: source event id + what is claimed")
    issue: RegistryId
    occurred_at: Rfc3339 = Field(description="event time of the source event")
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    producer: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="'pre-coded', or the extractor's name/version+vocabulary digest"
    )
    confidence: float = Field(ge=0.0, le=1.0)
    origins: tuple[EventId, ...] = Field(
        min_length=1, description="distinct origins: syndicated copies of one story share one"
    )
    speaker: str | None = None


class PositionClaim(ClaimBase):
    """An actor holds a stance on an issue."""

    type: Literal["position"] = "position"
    actor: RegistryId
    stance: Stance


class StatusClaim(ClaimBase):
    """An issue is in a status of its own vocabulary."""

    type: Literal["status"] = "status"
    status: RegistryId
    actor: RegistryId | None = Field(None, description="who reported the status, if known")


Claim = Annotated[PositionClaim | StatusClaim, Field(discriminator="type")]
