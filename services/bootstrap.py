"""Wire the dependencies every entry point shares."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from schemas.claim import PositionClaim, StatusClaim
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Registry
from services.core.routing import Extractor
from services.extractor.rules import extract
from services.extractor.stories import StoryIndex
from services.settings import Settings


def make_extractor(registry: Registry, stories: StoryIndex | None = None) -> Extractor | None:
    """The text extractor with its story index (None when no language file is configured)."""
    if registry.language is None:
        return None
    index = stories if stories is not None else StoryIndex()

    def run(event: NewsArticle | Statement) -> Sequence[PositionClaim | StatusClaim]:
        origin = index.origin(event.id, event.body) if isinstance(event, NewsArticle) else None
        return extract(event, registry, origin=origin)

    return run


async def warm_stories_when_reachable(settings: Settings, stories: StoryIndex) -> int:
    """Warm the story index, waiting for the broker if it is down (a worker started before
    its broker must come up once the broker does, not exit)."""
    from aiokafka.errors import KafkaConnectionError, KafkaError

    from services.logs import get_logger

    log = get_logger("peacewatch.bootstrap")
    delay = 1.0
    while True:
        try:
            return await warm_stories(settings, stories)
        except (KafkaConnectionError, KafkaError, OSError) as exc:
            log.warning(
                "broker unreachable; waiting for it",
                bootstrap=settings.kafka_bootstrap,
                error=repr(exc),
                retry_in_s=delay,
            )
            await asyncio.sleep(delay)  # backoff before the next connection attempt
            delay = min(delay * 2, 15.0)


async def warm_stories(settings: Settings, stories: StoryIndex) -> int:
    """Feed the news topic's recent articles to the story index (a restart keeps its memory).

    Returns how many articles were read. Undecodable records are skipped: the intake agent
    dead-letters them.
    """
    from schemas.codec import DecodeError, decode_news
    from services.topic_reader import read_all
    from services.topics import Topic, topic_name

    articles = []
    for records in (await read_all(settings, topic_name(settings, Topic.NEWS))).values():
        for record in records:
            try:
                articles.append((record.timestamp, decode_news(record.value)))
            except DecodeError:
                continue
    articles.sort(key=lambda item: item[0])
    for _, article in articles[-stories.capacity :]:
        stories.origin(article.id, article.body)
    return len(articles)
