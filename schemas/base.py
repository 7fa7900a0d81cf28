"""Shared building blocks of every contract model."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints


class Contract(BaseModel):
    """Base of every contract model: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Stance(StrEnum):
    """One scale of positions for every issue."""

    SUPPORTS = "supports"
    CONDITIONAL = "conditional"
    UNDECIDED = "undecided"
    OPPOSES = "opposes"


class Severity(StrEnum):
    """How much an alert matters to a subscriber."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _rfc3339_text(value: Any) -> Any:
    """Event times travel as RFC 3339 strings; a number (or a numeric string) is not one:
    pydantic would otherwise read it as seconds since the epoch."""
    if isinstance(value, datetime) or (isinstance(value, str) and RFC3339.match(value)):
        return value
    raise ValueError("must be an RFC 3339 date-time string, e.g. 2026-01-06T12:00:00Z")


Rfc3339 = Annotated[AwareDatetime, BeforeValidator(_rfc3339_text)]

EventId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
RegistryId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
]
Url = Annotated[str, StringConstraints(max_length=2048, pattern=r"^https?://\S+$")]


class Source(Contract):
    """Who published a record, and where it can be read."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    url: Url


class Evidence(Contract):
    """Why a claim was made: the source event and the words quoted from it."""

    event_id: EventId
    source: Source
    quote: Annotated[str, StringConstraints(max_length=2000)] = ""
    start: int | None = Field(None, ge=0, description="offset of quote in the source text")
    end: int | None = Field(None, ge=0)
