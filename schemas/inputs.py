"""What publishers write: news articles and official statements."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import StringConstraints, model_validator

from schemas.base import Contract, EventId, Rfc3339, Source, Stance

Text = Annotated[str, StringConstraints(max_length=200_000)]


class NewsArticle(Contract):
    """A news article; ``published_at`` is its event time."""

    type: Literal["news_article"] = "news_article"
    schema_version: Literal[1] = 1
    id: EventId
    published_at: Rfc3339
    source: Source
    headline: Annotated[str, StringConstraints(max_length=1000)]
    body: Text
    language: Annotated[str, StringConstraints(min_length=2, max_length=16)] = "en"


class Statement(Contract):
    """An official statement by an actor; may carry a pre-coded issue with stance or status.

    Version 2 added ``speaker`` (a person speaking for the actor); version 1 records are
    upcast on read.
    """

    type: Literal["statement"] = "statement"
    schema_version: Literal[2] = 2
    id: EventId
    occurred_at: Rfc3339
    actor: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    speaker: Annotated[str, StringConstraints(max_length=200)] | None = None
    text: Text
    source: Source
    issue: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    stance: Stance | None = None
    status: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None

    @model_validator(mode="after")
    def _coding_is_complete(self) -> Self:
        if self.stance is not None and self.status is not None:
            raise ValueError("a statement is coded with a stance or a status, not both")
        if (self.stance is not None or self.status is not None) and self.issue is None:
            raise ValueError("a pre-coded stance or status needs an issue")
        if self.issue is not None and self.stance is None and self.status is None:
            raise ValueError("a pre-coded issue needs a stance or a status")
        return self

    @property
    def pre_coded(self) -> bool:
        return self.issue is not None


InputEvent = NewsArticle | Statement
