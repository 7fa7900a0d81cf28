"""Build the dead-letter record for a rejected input record."""

from __future__ import annotations

import base64

from schemas.deadletter import DeadLetter, Origin, Reason


def dead_letter(
    reason: Reason,
    detail: str,
    *,
    topic: str,
    partition: int,
    offset: int,
    key: bytes | None,
    value: bytes | None,
    timestamp_ms: int | None = None,
) -> DeadLetter:
    """The rejected record whole (base64), why, and where it was read."""
    try:
        key_text = key.decode("utf-8") if key is not None else None
    except UnicodeDecodeError:
        key_text = None
    raw = value or b""
    return DeadLetter(
        reason=reason,
        detail=detail[:2000],
        origin=Origin(topic=topic, partition=partition, offset=offset, timestamp_ms=timestamp_ms),
        key=key_text,
        key_b64=base64.b64encode(key).decode() if key is not None else None,
        value_b64=base64.b64encode(raw).decode(),
        size=len(raw),
    )
