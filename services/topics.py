"""The contract's topics: names, keys, partitioning and configuration, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from services.settings import Settings


class Topic(StrEnum):
    """Logical topic names; the physical name is ``{prefix}.{value}``."""

    NEWS = "news"
    STATEMENTS = "statements"
    CLAIMS = "claims"
    ALERTS = "alerts"
    ISSUES = "issues"
    DEADLETTER = "deadletter"
    CHECKPOINTS = "projector-checkpoints"


INPUT_TOPICS = (Topic.NEWS, Topic.STATEMENTS)
MAX_PROJECTION_BYTES = 8 * 1024 * 1024

# The input log is the source of truth and is kept forever; everything else is derived.
KEEP_FOREVER = {"retention.ms": "-1", "retention.bytes": "-1"}


@dataclass(frozen=True)
class TopicSpec:
    """How one contract topic is created."""

    topic: Topic
    config: dict[str, str] = field(default_factory=dict)
    internal: bool = False  # not part of the contract other programs read or write

    def name(self, settings: Settings) -> str:
        return topic_name(settings, self.topic)


SPECS: tuple[TopicSpec, ...] = (
    TopicSpec(Topic.NEWS, dict(KEEP_FOREVER)),
    TopicSpec(Topic.STATEMENTS, dict(KEEP_FOREVER)),
    TopicSpec(Topic.CLAIMS, dict(KEEP_FOREVER)),
    TopicSpec(Topic.ALERTS, {"retention.ms": str(90 * 24 * 3600 * 1000)}),
    TopicSpec(
        Topic.ISSUES,
        # One record holds every position on an issue: allow it to grow past 1 MB.
        {
            "cleanup.policy": "compact",
            "min.compaction.lag.ms": "0",
            "max.message.bytes": str(MAX_PROJECTION_BYTES),
        },
    ),
    TopicSpec(Topic.DEADLETTER, {"retention.ms": str(30 * 24 * 3600 * 1000)}),
    # Internal: the projector's position per claims partition, written in the same Kafka
    # transaction as its alerts. Compacted often so a restart reads only a few records.
    TopicSpec(
        Topic.CHECKPOINTS,
        {"cleanup.policy": "compact", "segment.ms": "60000", "min.cleanable.dirty.ratio": "0.1"},
        internal=True,
    ),
)


def faust_internal_topics(settings: Settings) -> dict[str, dict[str, str]]:
    """Faust's own topics that it would otherwise declare itself (declaring is off)."""
    return {f"{settings.app_id}-__assignor-__leader": {}}


def topic_name(settings: Settings, topic: Topic) -> str:
    """The physical topic name under this deployment's prefix."""
    return f"{settings.topic_prefix}.{topic.value}"
