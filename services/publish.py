"""Validate JSON-lines files of news or statements and publish the valid records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from aiokafka import AIOKafkaProducer

from schemas.codec import DecodeError, decode_news, decode_statement, encode
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Registry
from services.core.intake import coded_claim
from services.kafka_client import client_options
from services.settings import Settings
from services.topics import Topic, topic_name


@dataclass(frozen=True)
class Rejection:
    """One line that was not published, and why."""

    source: str
    line: int
    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}: {self.detail}"


@dataclass
class Checked:
    """The valid records of a file and the rejected lines."""

    valid: list[NewsArticle | Statement] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def check_lines(
    kind: str, lines: Iterable[str], source: str, registry: Registry, max_bytes: int
) -> Checked:
    """Validate each non-blank line as the worker would; nothing invalid passes."""
    out = Checked()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record: NewsArticle | Statement
            if kind == "news":
                record = decode_news(line.encode("utf-8"), max_bytes)
            else:
                record = decode_statement(line.encode("utf-8"), max_bytes)
                coded_claim(record, registry)
        except DecodeError as exc:
            out.rejected.append(Rejection(source, number, exc.reason.value, exc.detail))
            continue
        out.valid.append(record)
    return out


async def publish(settings: Settings, kind: str, records: list[NewsArticle | Statement]) -> int:
    """Send records keyed by id, waiting for every acknowledgement; returns the count."""
    topic = topic_name(settings, Topic.NEWS if kind == "news" else Topic.STATEMENTS)
    producer = AIOKafkaProducer(
        acks="all", enable_idempotence=True, linger_ms=5, **client_options(settings)
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=r.id.encode(), value=encode(r)) for r in records]
        for fut in futures:
            await fut
    finally:
        await producer.stop()
    return len(records)
