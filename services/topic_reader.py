"""Read a whole topic from the beginning to its current end (no consumer group)."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.kafka_client import client_options
from services.settings import Settings


async def partitions(settings: Settings, topic: str) -> list[int]:
    """The partition ids of ``topic`` (empty if it does not exist)."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        [meta] = await admin.describe_topics([topic])
        if meta.get("error_code", 0) != 0:
            return []
        return sorted(p["partition"] for p in meta["partitions"])
    finally:
        await admin.close()


async def end_offsets(settings: Settings, topic: str) -> dict[int, int]:
    """Partition -> end offset of ``topic`` (empty if the topic does not exist)."""
    tps = [TopicPartition(topic, p) for p in await partitions(settings, topic)]
    if not tps:
        return {}
    consumer = AIOKafkaConsumer(enable_auto_commit=False, **client_options(settings))
    await consumer.start()
    try:
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        return {tp.partition: off for tp, off in ends.items()}
    finally:
        await consumer.stop()


async def read_all(
    settings: Settings, topic: str, *, committed: bool = True
) -> dict[int, list[Any]]:
    """Every record of every partition of ``topic``, partition by partition, in offset order."""
    ends = await end_offsets(settings, topic)
    out: dict[int, list[Any]] = {p: [] for p in ends}
    if not any(ends.values()):
        return out
    consumer = AIOKafkaConsumer(
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed" if committed else "read_uncommitted",
        max_partition_fetch_bytes=8 << 20,
        **client_options(settings),
    )
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in ends]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        pending = {tp for tp in tps if ends[tp.partition] > 0}
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=500, max_records=10_000)
            for tp, records in batch.items():
                out[tp.partition].extend(r for r in records if r.offset < ends[tp.partition])
            for tp in list(pending):
                if await consumer.position(tp) >= ends[tp.partition]:
                    pending.discard(tp)
        return out
    finally:
        await consumer.stop()
