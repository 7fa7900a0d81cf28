"""The projection: the latest known state of one issue."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import Contract, Evidence, RegistryId, Rfc3339, Stance


class Position(Contract):
    """An actor's current stance on an issue, since when, and why we think so."""

    stance: Stance
    since: Rfc3339
    claim_id: str
    evidence: tuple[Evidence, ...] = ()
    corroborations: int = Field(0, ge=0, description="later claims repeating this stance")


class IssueState(Contract):
    """Latest state of one issue; the value of the compacted issues topic."""

    type: Literal["issue_state"] = "issue_state"
    schema_version: Literal[1] = 1
    issue: RegistryId
    title: str
    status: str
    status_since: Rfc3339 | None = None
    status_evidence: tuple[Evidence, ...] = ()
    positions: dict[str, Position] = Field(default_factory=dict)
    version: int = Field(0, ge=0, description="how many claims have been applied")
    updated_at: Rfc3339 | None = None
