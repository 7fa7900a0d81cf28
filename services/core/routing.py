"""From one input record's bytes to the claims it makes, or the reason it is rejected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from schemas.claim import PositionClaim, StatusClaim
from schemas.codec import decode_news, decode_statement
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Registry
from services.core.intake import coded_claim

AnyClaim = PositionClaim | StatusClaim
Extractor = Callable[[NewsArticle | Statement], Sequence[AnyClaim]]


@dataclass(frozen=True, slots=True)
class Routed:
    """The claims one input record makes; ``extracted`` says whether text was read."""

    event_id: str
    claims: tuple[AnyClaim, ...]
    extracted: bool
    unextracted: bool


def route(
    kind: str, value: bytes | None, registry: Registry, extractor: Extractor | None, max_bytes: int
) -> Routed:
    """Decode and validate one record of the news or statements topic.

    Raises ``DecodeError`` for anything that must go to the dead-letter topic.
    """
    event: NewsArticle | Statement
    if kind == "news":
        event = decode_news(value, max_bytes)
    else:
        event = decode_statement(value, max_bytes)
        coded = coded_claim(event, registry)
        if coded is not None:
            return Routed(event.id, (coded,), extracted=False, unextracted=False)
    if extractor is None:
        return Routed(event.id, (), extracted=False, unextracted=True)
    return Routed(event.id, tuple(extractor(event)), extracted=True, unextracted=False)
