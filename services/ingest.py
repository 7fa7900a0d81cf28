"""Validate an HTTP ingest body (one object or an array) into publishable records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from schemas.codec import DecodeError, decode_news, decode_statement
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Registry
from services.core.intake import coded_claim


class BadBodyError(ValueError):
    """The body is not JSON, or not an object or array of objects."""


@dataclass
class IngestResult:
    """The records to publish, and the per-item problems."""

    records: list[NewsArticle | Statement] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


def check_body(kind: str, body: bytes, registry: Registry, max_bytes: int) -> IngestResult:
    """Validate every item exactly as the worker will; raise BadBodyError for an unusable body."""
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadBodyError(f"body is not JSON: {exc}") from None
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items:
        raise BadBodyError("body is an empty array")
    result = IngestResult()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            result.errors.append(
                {"index": index, "reason": "invalid", "detail": "each item must be a JSON object"}
            )
            continue
        raw = json.dumps(item).encode()
        try:
            record: NewsArticle | Statement
            if kind == "news":
                record = decode_news(raw, max_bytes)
            else:
                record = decode_statement(raw, max_bytes)
                coded_claim(record, registry)
        except DecodeError as exc:
            result.errors.append(
                {
                    "index": index,
                    "id": item.get("id"),
                    "reason": exc.reason.value,
                    "detail": exc.detail,
                }
            )
            continue
        result.records.append(record)
    return result
