"""Print alerts from the alert topic as they are committed."""

from __future__ import annotations

import sys

from aiokafka import AIOKafkaConsumer, TopicPartition
from rich.console import Console

from schemas.alert import Alert
from schemas.codec import DecodeError, decode_alert
from services.kafka_client import client_options
from services.settings import Settings
from services.topic_reader import partitions
from services.topics import Topic, topic_name
from services.views import alert_line


def emit(console: Console, alert: Alert, raw: bytes, *, as_json: bool) -> None:
    """Print one alert: its JSON as published, or a coloured line."""
    if as_json:
        sys.stdout.write(raw.decode() + "\n")
        sys.stdout.flush()
    else:
        console.print(alert_line(alert))


async def follow_alerts(
    settings: Settings, *, start: str, follow: bool, as_json: bool, max_alerts: int | None
) -> int:
    """Print alerts; without ``follow`` stop at the current end. Returns the count printed."""
    topic = topic_name(settings, Topic.ALERTS)
    tps = [TopicPartition(topic, p) for p in await partitions(settings, topic)]
    console = Console()
    consumer = AIOKafkaConsumer(
        enable_auto_commit=False, isolation_level="read_committed", **client_options(settings)
    )
    await consumer.start()
    printed = 0
    backlog: list[tuple[Alert, bytes]] = []  # without --follow: printed in event-time order
    try:
        consumer.assign(tps)
        if start == "earliest":
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        for tp in tps:
            await consumer.position(tp)  # resolve the seek before asking for end offsets
        # read_committed: the last stable offsets. Asked only after the seek resolved:
        # asking first left the positions at the end (aiokafka 0.14).
        ends = await consumer.end_offsets(tps)
        if follow:
            print(
                f"following {topic} ({len(tps)} partitions, read_committed); Ctrl-C stops",
                file=sys.stderr,
                flush=True,
            )
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    try:
                        alert = decode_alert(record.value)
                    except DecodeError as exc:
                        print(
                            f"skipping undecodable alert at {record.topic}/"
                            f"{record.partition}@{record.offset}: {exc}",
                            file=sys.stderr,
                        )
                        continue
                    if not follow:
                        backlog.append((alert, record.value))
                        continue
                    emit(console, alert, record.value, as_json=as_json)
                    printed += 1
                    if max_alerts is not None and printed >= max_alerts:
                        return printed
            if not follow:
                positions = [await consumer.position(tp) for tp in tps]
                if all(p >= ends[tp] for p, tp in zip(positions, tps, strict=True)):
                    backlog.sort(key=lambda item: (item[0].time, item[0].id))
                    for alert, raw in backlog[:max_alerts]:
                        emit(console, alert, raw, as_json=as_json)
                    return len(backlog[:max_alerts])
    finally:
        await consumer.stop()
