"""The one place where topic bytes become contract models, and models become bytes."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from schemas.alert import Alert
from schemas.claim import Claim, PositionClaim, StatusClaim
from schemas.deadletter import DeadLetter, Reason
from schemas.inputs import NewsArticle, Statement
from schemas.issue_state import IssueState
from schemas.upcast import upcast

M = TypeVar("M")

NEWS = TypeAdapter(NewsArticle)
STATEMENT = TypeAdapter(Statement)
CLAIM: TypeAdapter[PositionClaim | StatusClaim] = TypeAdapter(Claim)
ISSUE_STATE = TypeAdapter(IssueState)
ALERT = TypeAdapter(Alert)
DEAD_LETTER = TypeAdapter(DeadLetter)

MAX_JSON_DEPTH = 32


class DecodeError(ValueError):
    """A record that cannot become a contract model; says why in words and as a reason code."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


def describe(exc: ValidationError, limit: int = 5) -> str:
    """Name each failing field and what was wrong, e.g. ``source.url: String should match``."""
    parts = []
    for err in exc.errors(include_url=False)[:limit]:
        loc = ".".join(str(p) for p in err["loc"]) or "(record)"
        parts.append(f"{loc}: {err['msg']}")
    more = exc.error_count() - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_JSON_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def parse_json(data: bytes | str | None, max_bytes: int | None = None) -> dict[str, Any]:
    """Bytes to a JSON object, or a DecodeError that says which rule the bytes broke."""
    if data is None or len(data) == 0:
        raise DecodeError(Reason.EMPTY, "the record has no value")
    if max_bytes is not None and len(data) > max_bytes:
        raise DecodeError(Reason.OVERSIZED, f"{len(data)} bytes is over the limit of {max_bytes}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(Reason.NOT_UTF8, f"byte {exc.start} is not valid UTF-8") from None
    else:
        text = data
    try:
        value = json.loads(text)
    except RecursionError:
        raise DecodeError(Reason.INVALID, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise DecodeError(
            Reason.NOT_JSON, f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(value, dict):
        raise DecodeError(Reason.INVALID, f"expected a JSON object, got {type(value).__name__}")
    if _depth(value) > MAX_JSON_DEPTH:
        raise DecodeError(Reason.INVALID, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _validate(adapter: TypeAdapter[M], raw: dict[str, Any]) -> M:
    try:
        return adapter.validate_python(raw)
    except ValidationError as exc:
        raise DecodeError(Reason.INVALID, describe(exc)) from None


def decode_news(data: bytes | str | None, max_bytes: int | None = None) -> NewsArticle:
    """Decode a record of the news topic."""
    return _validate(NEWS, upcast("news_article", parse_json(data, max_bytes)))


def decode_statement(data: bytes | str | None, max_bytes: int | None = None) -> Statement:
    """Decode a record of the statements topic (version 1 statements are upcast)."""
    return _validate(STATEMENT, upcast("statement", parse_json(data, max_bytes)))


def decode_claim(data: bytes | str | None) -> PositionClaim | StatusClaim:
    """Decode a record of the claims topic."""
    return _validate(CLAIM, parse_json(data))


def decode_issue_state(data: bytes | str | None) -> IssueState:
    """Decode a record of the compacted issues topic."""
    return _validate(ISSUE_STATE, parse_json(data))


def decode_alert(data: bytes | str | None) -> Alert:
    """Decode a record of the alerts topic."""
    return _validate(ALERT, parse_json(data))


def decode_dead_letter(data: bytes | str | None) -> DeadLetter:
    """Decode a record of the dead-letter topic."""
    return _validate(DEAD_LETTER, parse_json(data))


def encode(model: BaseModel) -> bytes:
    """A contract model as compact UTF-8 JSON (RFC 3339 datetimes)."""
    return model.model_dump_json(exclude_none=False).encode("utf-8")
