"""A rejected input record, kept whole with the reason it was rejected."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from schemas.base import Contract


class Reason(StrEnum):
    """Why a record was rejected (also the ``reason`` label of the dead-letter metric)."""

    EMPTY = "empty"
    OVERSIZED = "oversized"
    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    INVALID = "invalid"
    UNKNOWN_ACTOR = "unknown_actor"
    UNKNOWN_ISSUE = "unknown_issue"
    UNKNOWN_STATUS = "unknown_status"


class Origin(Contract):
    """Where the rejected record was read."""

    topic: str
    partition: int = Field(ge=0)
    offset: int = Field(ge=0)
    timestamp_ms: int | None = None


class DeadLetter(Contract):
    """The dead-letter topic's value: reason, detail, origin and the original bytes."""

    type: Literal["dead_letter"] = "dead_letter"
    schema_version: Literal[1] = 1
    reason: Reason
    detail: str = Field(description="human-readable: which field, what was wrong")
    origin: Origin
    key: str | None = Field(None, description="original key as UTF-8 if it decodes")
    key_b64: str | None = None
    value_b64: str = Field(description="original value bytes, base64")
    size: int = Field(ge=0, description="original value size in bytes")
