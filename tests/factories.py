"""Small builders of contract records for tests."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schemas.base import Evidence, Source, Stance
from schemas.claim import PRE_CODED, PositionClaim, StatusClaim
from schemas.registry import Registry
from services.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
REGISTRY_DIR = REPO / "deploy" / "registry"
T0 = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
SOURCE = Source(name="Test Wire", url="https://example.org/test")


def registry() -> Registry:
    """The project's own registry, as a user would run it."""
    return load_registry(REGISTRY_DIR)


def edited_registry(target: Path, file: str, old: str, new: str) -> Path:
    """A copy of the shipped registry in ``target`` with ``old`` replaced by ``new`` in
    ``file``; a text that is not there fails the test rather than editing nothing."""
    shutil.copytree(REGISTRY_DIR, target)
    text = (target / file).read_text()
    assert old in text, f"{file} no longer holds {old!r}"
    (target / file).write_text(text.replace(old, new, 1))
    return target


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def position(
    event: str,
    actor: str,
    stance: str,
    minute: int,
    *,
    issue: str = "nato_troops",
    producer: str = PRE_CODED,
    confidence: float = 1.0,
    origin: str | None = None,
) -> PositionClaim:
    """A position claim from event ``event`` at T0 + ``minute``."""
    return PositionClaim(
        id=f"{event}#{issue}#{actor}",
        issue=issue,
        actor=actor,
        stance=Stance(stance),
        occurred_at=at(minute),
        evidence=(Evidence(event_id=event, source=SOURCE, quote=event),),
        producer=producer,
        confidence=confidence,
        origins=(origin or event,),
    )


def status(event: str, value: str, minute: int, *, issue: str = "ceasefire") -> StatusClaim:
    """A status claim from event ``event`` at T0 + ``minute``."""
    return StatusClaim(
        id=f"{event}#{issue}#status",
        issue=issue,
        status=value,
        occurred_at=at(minute),
        evidence=(Evidence(event_id=event, source=SOURCE, quote=event),),
        producer=PRE_CODED,
        confidence=1.0,
        origins=(event,),
    )


def statement(event: str, actor: str, **extra: Any) -> dict[str, Any]:
    """A Statement as a publisher writes it (a JSON-ready dict)."""
    body = {
        "id": event,
        "occurred_at": "2026-01-06T09:00:00Z",
        "actor": actor,
        "text": f"{actor} said something.",
        "source": {"name": "Wire", "url": "https://e.org/x"},
    }
    return body | extra
