"""Alerts: CloudEvents 1.0 in structured JSON mode."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import Contract, Evidence, RegistryId, Rfc3339, Severity, Stance

POSITION_NEW = "peacewatch.position.new"
POSITION_CHANGED = "peacewatch.position.changed"
STATUS_CHANGED = "peacewatch.issue.status_changed"
AlertType = Literal[
    "peacewatch.position.new", "peacewatch.position.changed", "peacewatch.issue.status_changed"
]


class Snapshot(Contract):
    """A stance or a status at a point: what it was, since when, and the evidence."""

    stance: Stance | None = None
    status: str | None = None
    since: Rfc3339 | None = Field(
        None, description="event time it began; null for an issue's initial status"
    )
    evidence: tuple[Evidence, ...] = ()


class AlertData(Contract):
    """The alert's payload: what changed, from what, to what, and how much it matters."""

    issue: RegistryId
    actor: RegistryId | None = None
    previous: Snapshot | None = None
    current: Snapshot
    severity: Severity
    summary: str
    claim_id: str


class Alert(Contract):
    """A CloudEvents 1.0 event announcing a new or changed position or status."""

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(description="deterministic: the same cause always gives the same id")
    source: str = Field(description="URI-reference of the emitting deployment")
    type: AlertType
    subject: str = Field(description="'issue/actor', or 'issue' for a status change")
    time: Rfc3339 = Field(description="event time of the claim that caused the alert")
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: AlertData
