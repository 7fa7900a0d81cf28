"""The projector: claims in, alerts and issue states out, exactly once per claim.

Faust's own ``exactly_once`` has open upstream bugs (duplicates after a kill, sends outside
transactions, crashes on rebalance), so the projector runs its own Kafka transactions:
each batch of one claims partition is processed inside a transaction that also carries
the alerts, the new issue states and the consumer offset. A crash aborts the open
transaction; the next owner of the partition restores its state by folding the claims
log up to the committed offset (the log is the source of truth) and goes on from there.
One transactional id per claims partition means a new owner fences any zombie.

The position a restart resumes from is a checkpoint record (claims partition -> next
offset) written in the same transaction as the alerts, read back with read_committed.
The consumer group's committed offset is written too, every few seconds outside the
transactions, for lag tools only: the kill test showed a killed incarnation's aborted
TxnOffsetCommit surfacing later on Kafka 4.1 and rewinding the group offset, which
would publish alerts twice had it been trusted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaError,
    NodeNotReadyError,
    ProducerFenced,
    RequestTimedOutError,
)
from aiokafka.producer.transaction_manager import TransactionState

from schemas.claim import PositionClaim, StatusClaim
from schemas.codec import DecodeError, decode_alert, decode_claim, encode
from schemas.registry import Registry
from services.core.projection import IssueProjection, to_issue_state
from services.core.replay import step
from services.deadletters import dead_letter
from services.kafka_client import client_options
from services.logs import get_logger
from services.metrics import Metrics
from services.settings import Settings
from services.supervision import run_supervised
from services.topic_reader import read_all
from services.topics import MAX_PROJECTION_BYTES, Topic, topic_name

log = get_logger("peacewatch.projector")


def alert_source(settings: Settings) -> str:
    """The CloudEvents ``source`` of this deployment's alerts."""
    return f"/peacewatch/{settings.topic_prefix}"


@dataclass
class Partition:
    """What the projector holds for one claims partition it owns."""

    producer: AIOKafkaProducer
    states: dict[str, IssueProjection] = field(default_factory=dict)
    # Alert ids on the topic when the partition was taken: only a replay from before that
    # point can re-derive them; emptied once the projector has caught up.
    published: set[str] = field(default_factory=set)
    # Issues whose state changed since it was last written to the compacted topic.
    dirty: set[str] = field(default_factory=set)
    last_flush: float = 0.0
    # The next claims offset to project: records fetched before a seek are not it.
    expected: int = 0

    def flushed(self) -> None:
        """The changed issues' states are committed on the compacted topic."""
        self.dirty.clear()
        self.last_flush = time.monotonic()


def _ready(producer: AIOKafkaProducer) -> bool:
    """Whether the producer can begin a transaction."""
    txn = getattr(producer, "_txn_manager", None)
    return txn is not None and txn.state == TransactionState.READY


def _abortable(producer: AIOKafkaProducer) -> bool:
    """Whether the producer's open transaction can simply be aborted. After a failed commit
    (the outcome unknown) or with its sender dead (aiokafka's fatal state: "Unexpected
    error during batch delivery" when the broker goes away mid-batch) it cannot; aiokafka
    keeps the state on a private attribute."""
    txn = getattr(producer, "_txn_manager", None)
    if txn is None:
        return False
    return txn.state in (TransactionState.IN_TRANSACTION, TransactionState.ABORTABLE_ERROR)


async def read_checkpoints(settings: Settings) -> dict[int, int]:
    """Claims partition -> next offset, per the committed checkpoints (absent: never run)."""
    topic = topic_name(settings, Topic.CHECKPOINTS)
    positions: dict[int, int] = {}
    for records in (await read_all(settings, topic, committed=True)).values():
        for record in records:
            if record.key and record.value:
                partition = int(record.key)
                # positions only move forward: never resume behind one already committed
                positions[partition] = max(
                    positions.get(partition, 0), int(json.loads(record.value)["next_offset"])
                )
    return positions


async def published_alert_ids(settings: Settings) -> set[str]:
    """Every alert id committed on the alert topic: the final word on what subscribers saw."""
    ids: set[str] = set()
    for records in (await read_all(settings, topic_name(settings, Topic.ALERTS))).values():
        for record in records:
            with contextlib.suppress(DecodeError):
                ids.add(decode_alert(record.value).id)
    return ids


async def restore(
    settings: Settings, registry: Registry, tp: TopicPartition, end: int
) -> dict[str, IssueProjection]:
    """Fold the claims of ``tp`` from the beginning up to ``end`` (exclusive), silently."""
    states: dict[str, IssueProjection] = {}
    if end <= 0:
        return states
    consumer = AIOKafkaConsumer(
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=4 << 20,
        **client_options(settings),
    )
    await consumer.start()
    try:
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        source = alert_source(settings)
        while await consumer.position(tp) < end:
            batch = await consumer.getmany(tp, timeout_ms=1000, max_records=5000)
            for record in batch.get(tp, []):
                if record.offset >= end:
                    break
                with contextlib.suppress(DecodeError):  # dead-lettered when first seen
                    step(states, decode_claim(record.value), registry, source)
    finally:
        await consumer.stop()
    return states


class Projector:
    """Owns the claims partitions assigned to this worker and projects them."""

    def __init__(self, settings: Settings, registry: Registry, metrics: Metrics) -> None:
        self.settings = settings
        self.registry = registry
        self.metrics = metrics
        self.claims_topic = topic_name(settings, Topic.CLAIMS)
        self.alerts_topic = topic_name(settings, Topic.ALERTS)
        self.issues_topic = topic_name(settings, Topic.ISSUES)
        self.dead_topic = topic_name(settings, Topic.DEADLETTER)
        self.checkpoint_topic = topic_name(settings, Topic.CHECKPOINTS)
        self.source = alert_source(settings)
        self.parts: dict[int, Partition] = {}
        self.lock = asyncio.Lock()
        self.assigned = False
        self.caught_up = False
        self.crashed: BaseException | None = None
        self.consumer: AIOKafkaConsumer | None = None
        # partitions still assigned whose producer failed: taken again from the log
        self.lost: set[int] = set()
        self._offsets_committed = 0.0

    @property
    def ready(self) -> bool:
        return self.assigned and self.caught_up and self.crashed is None

    async def run(self) -> None:
        """Consume claims until cancelled; an unexpected error marks the projector crashed."""
        await run_supervised("projector", self._run, self.metrics, self._crashed)

    def _crashed(self, exc: BaseException) -> None:
        self.crashed = exc

    async def _run(self) -> None:
        consumer = AIOKafkaConsumer(
            group_id=self.settings.projector_group,
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_interval_ms=600_000,
            session_timeout_ms=10_000,
            heartbeat_interval_ms=2_000,
            rebalance_timeout_ms=30_000,
            **client_options(self.settings),
        )
        self.consumer = consumer
        consumer.subscribe([self.claims_topic], listener=_Listener(self))
        await consumer.start()
        try:
            while True:
                batches = await consumer.getmany(
                    timeout_ms=self.settings.commit_interval_ms, max_records=1000
                )
                async with self.lock:
                    await self._take_lost(consumer)
                    for tp, records in batches.items():
                        part = self.parts.get(tp.partition)
                        if part is not None:
                            records = [r for r in records if r.offset >= part.expected]
                        if part is None or not records:
                            continue
                        if records[0].offset > part.expected:
                            # fetched before the partition was sought back (taken again
                            # from its checkpoint): read from there, skip nothing
                            consumer.seek(tp, part.expected)
                            continue
                        await self._process(consumer, tp, records)
                    await self._flush_idle()
                    await self._update_lag(consumer)
                    await self._commit_group_offsets(consumer)
        finally:
            with contextlib.suppress(Exception):
                await consumer.stop()
            async with self.lock:
                for part in self.parts.values():
                    with contextlib.suppress(Exception):
                        await part.producer.stop()
                self.parts.clear()

    async def _process(
        self, consumer: AIOKafkaConsumer, tp: TopicPartition, records: list[Any]
    ) -> None:
        part = self.parts[tp.partition]
        before = dict(part.states)  # projections are immutable: a shallow copy is a snapshot
        started = time.perf_counter()
        producer = part.producer
        if not _ready(producer):
            await self._lose(tp.partition, part, "producer not ready for a transaction")
            return
        alerts_sent: list[tuple[str, str]] = []  # (type, severity), counted once committed
        flushed = False
        dirty_before = set(part.dirty)
        try:
            await producer.begin_transaction()
            for record in records:
                try:
                    claim: PositionClaim | StatusClaim = decode_claim(record.value)
                    outcome, alerts = step(part.states, claim, self.registry, self.source)
                except DecodeError as exc:
                    letter = dead_letter(
                        exc.reason,
                        exc.detail,
                        topic=tp.topic,
                        partition=tp.partition,
                        offset=record.offset,
                        key=record.key,
                        value=record.value,
                    )
                    await producer.send(self.dead_topic, key=record.key, value=encode(letter))
                    self.metrics.deadletters.labels(exc.reason.value).inc()
                    log.warning(
                        "claim dead-lettered",
                        topic=tp.topic,
                        partition=tp.partition,
                        offset=record.offset,
                        reason=exc.reason.value,
                        detail=exc.detail,
                    )
                    continue
                if outcome.state is not before.get(claim.issue):
                    part.dirty.add(claim.issue)
                for alert in alerts:
                    if alert.id in part.published:
                        # Replayed past a stale checkpoint: subscribers already have it.
                        log.info(
                            "alert already published; not sent again",
                            alert_id=alert.id,
                            partition=tp.partition,
                            offset=record.offset,
                        )
                        continue
                    await producer.send(
                        self.alerts_topic, key=claim.issue.encode(), value=encode(alert)
                    )
                    alerts_sent.append((alert.type, alert.data.severity.value))
                    log.info(
                        "alert raised",
                        alert_id=alert.id,
                        type=alert.type,
                        issue=alert.data.issue,
                        actor=alert.data.actor,
                        severity=alert.data.severity.value,
                        summary=alert.data.summary,
                        topic=tp.topic,
                        partition=tp.partition,
                        offset=record.offset,
                        claim_id=claim.id,
                    )
            next_offset = records[-1].offset + 1
            # Under a backlog, write each changed issue's state at most once per interval
            # (a state is the whole issue: rewriting it every batch made the cost grow with
            # actors per issue); at the end of the log write it now, so "checkpoint at the
            # end" still means "issue states current".
            highwater = consumer.highwater(tp)
            at_end = highwater is not None and next_offset >= highwater
            flushed = await self._send_states(part) if at_end or self._due(part) else False
            await producer.send(
                self.checkpoint_topic,
                key=str(tp.partition).encode(),
                value=json.dumps({"next_offset": next_offset}).encode(),
            )
            await producer.commit_transaction()
            part.expected = next_offset
        except ProducerFenced:
            log.warning("partition taken over by another worker", partition=tp.partition)
            part.states, part.dirty = before, dirty_before
            self.parts.pop(tp.partition, None)
            return
        except (KafkaError, AssertionError) as exc:
            part.states, part.dirty = before, dirty_before
            if not _abortable(producer):
                # The commit's outcome is unknown, or the producer is dead: own the
                # partition again from the log (new producer, committed checkpoint,
                # state folded up to it), as a new owner would.
                await self._lose(tp.partition, part, repr(exc))
                return
            if isinstance(exc, AssertionError):
                raise  # an aiokafka state check failed on a working producer: a bug
            # The transaction did not commit: forget its effects and read the batch again,
            # unless retrying cannot help (a record too large, say): then fail loudly, so
            # readiness turns false, instead of looping on a poison batch forever.
            with contextlib.suppress(KafkaError):
                await producer.abort_transaction()
            if not getattr(exc, "retriable", False) and not isinstance(
                exc, KafkaConnectionError | RequestTimedOutError | NodeNotReadyError
            ):
                raise
            log.warning(
                "transaction failed; retrying the batch", partition=tp.partition, error=repr(exc)
            )
            consumer.seek(tp, records[0].offset)
            await asyncio.sleep(0.5)  # back off before the same batch is fetched again
            return
        if flushed:
            part.flushed()
        for kind, severity in alerts_sent:
            self.metrics.alerts.labels(kind, severity).inc()
        self.metrics.processing_seconds.labels("projector_batch").observe(
            time.perf_counter() - started
        )

    def _due(self, part: Partition) -> bool:
        interval = self.settings.issue_state_interval_ms / 1000
        return time.monotonic() - part.last_flush >= interval

    async def _send_states(self, part: Partition) -> bool:
        """Send the state of every changed issue (inside the open transaction)."""
        for issue in sorted(part.dirty):
            await part.producer.send(
                self.issues_topic,
                key=issue.encode(),
                value=encode(to_issue_state(part.states[issue])),
            )
        return bool(part.dirty)

    async def _flush_idle(self) -> None:
        """Write issue states still owed by partitions that received nothing this poll."""
        for partition, part in list(self.parts.items()):
            if not part.dirty or not self._due(part):
                continue
            if not _ready(part.producer):
                await self._lose(partition, part, "producer not ready for a transaction")
                continue
            try:
                await part.producer.begin_transaction()
                await self._send_states(part)
                await part.producer.commit_transaction()
            except ProducerFenced:
                log.warning("partition taken over by another worker", partition=partition)
                self.parts.pop(partition, None)
                continue
            except (KafkaError, AssertionError) as exc:
                if not _abortable(part.producer):
                    await self._lose(partition, part, repr(exc))
                    continue
                if isinstance(exc, AssertionError):
                    raise
                with contextlib.suppress(KafkaError):
                    await part.producer.abort_transaction()
                log.warning("issue-state flush failed; will retry", error=repr(exc))
                continue
            part.flushed()

    async def _commit_group_offsets(self, consumer: AIOKafkaConsumer) -> None:
        """Commit positions to the consumer group every few seconds, for lag tools only.

        Resuming reads the checkpoints, never these offsets, so they stay out of the
        transactions (that saved two broker round trips per transaction).
        """
        now = time.monotonic()
        if now - self._offsets_committed < 5 or not self.parts:
            return
        self._offsets_committed = now
        try:
            offsets = {
                tp: await consumer.position(tp)
                for tp in (TopicPartition(self.claims_topic, p) for p in self.parts)
            }
            await consumer.commit(offsets)
        except KafkaError as exc:  # a rebalance in progress, the broker away: next time
            log.info("group offsets not committed", error=repr(exc))

    async def _update_lag(self, consumer: AIOKafkaConsumer) -> None:
        lagging = False
        for p in self.parts:
            tp = TopicPartition(self.claims_topic, p)
            end = consumer.highwater(tp)
            if end is None:
                lagging = True
                continue
            lag = max(0, end - await consumer.position(tp))
            self.metrics.consumer_lag.labels(self.claims_topic, str(p)).set(lag)
            lagging = lagging or lag > 0
        if self.assigned and not lagging and not self.lost:  # a lost partition is not ours yet
            self.caught_up = True
            for part in self.parts.values():
                if part.published:
                    part.published = set()  # nothing from before the takeover is replayed now

    async def take(self, consumer: AIOKafkaConsumer, tps: set[TopicPartition]) -> None:
        """Own new partitions: fence any previous owner, restore state, seek."""
        async with self.lock:
            self.lost -= {tp.partition for tp in tps}
            await self._take(consumer, tps)

    async def _lose(self, partition: int, part: Partition, why: str) -> None:
        """Give up a partition whose producer failed; it is taken again from the log."""
        log.warning(
            "transactional producer failed; taking the partition again",
            partition=partition,
            error=why,
        )
        with contextlib.suppress(Exception):
            await part.producer.stop()
        self.parts.pop(partition, None)
        self.lost.add(partition)
        self.caught_up = False

    async def _take_lost(self, consumer: AIOKafkaConsumer) -> None:
        """Own again the partitions whose producer failed, while they are still ours."""
        if not self.lost:
            return
        assigned = {tp.partition for tp in consumer.assignment()}
        self.lost &= assigned
        tps = {TopicPartition(self.claims_topic, p) for p in self.lost}
        try:
            await self._take(consumer, tps)
        except KafkaError as exc:  # the broker still away: next poll
            log.warning(
                "partition not taken again yet", partitions=sorted(self.lost), error=repr(exc)
            )
            await asyncio.sleep(0.5)
            return
        self.lost.clear()

    async def _take(self, consumer: AIOKafkaConsumer, tps: set[TopicPartition]) -> None:
        """``take`` with the lock held."""
        new = [tp for tp in sorted(tps) if tp.partition not in self.parts]
        # Fence every previous owner first (InitProducerId aborts or completes their open
        # transactions); only then is what we read about any partition settled. Reading
        # partition by partition between fencings let the kill test resume one partition
        # from a stale checkpoint and publish 97 alerts twice.
        producers: dict[TopicPartition, AIOKafkaProducer] = {}
        try:
            for tp in new:
                producers[tp] = await self._start_producer(tp.partition)
            published = await published_alert_ids(self.settings) if new else set()
            checkpoints = await read_checkpoints(self.settings) if new else {}
            restored = {}
            for tp in new:
                committed = checkpoints.get(tp.partition, 0)
                started = time.perf_counter()
                states = await restore(self.settings, self.registry, tp, committed)
                restored[tp] = (committed, states, time.perf_counter() - started)
        except BaseException:
            for producer in producers.values():
                with contextlib.suppress(Exception):
                    await producer.stop()
            raise
        for tp, (committed, states, seconds) in restored.items():
            consumer.seek(tp, committed)
            # A predecessor may have died owing issue-state writes: write them all.
            self.parts[tp.partition] = Partition(
                producers[tp], states, published, dirty=set(states), expected=committed
            )
            log.info(
                "partition assigned",
                topic=tp.topic,
                partition=tp.partition,
                restored_to_offset=committed,
                issues=len(states),
                restore_seconds=round(seconds, 3),
            )
        self.assigned = True
        self.caught_up = False

    async def _start_producer(self, partition: int) -> AIOKafkaProducer:
        """The partition's transactional producer, started. InitProducerId fences any
        earlier holder of the id (a zombie, or our own failed producer) and aborts or
        completes the transaction it left open."""
        producer = AIOKafkaProducer(
            transactional_id=f"{self.settings.topic_prefix}-projector-{partition}",
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
            # Kafka 4 answers a send that races the previous transaction's commit markers
            # with a retriable error: retry after 10 ms, not 100.
            retry_backoff_ms=10,
            max_request_size=MAX_PROJECTION_BYTES,
            **client_options(self.settings),
        )
        try:
            await producer.start()
        except BaseException:
            with contextlib.suppress(Exception):
                await producer.stop()
            raise
        return producer

    async def release(self, tps: set[TopicPartition]) -> None:
        """Give up partitions on a rebalance."""
        async with self.lock:
            self.lost -= {tp.partition for tp in tps}
            for tp in tps:
                part = self.parts.pop(tp.partition, None)
                if part is not None:
                    with contextlib.suppress(Exception):
                        await part.producer.stop()
                    log.info("partition revoked", topic=tp.topic, partition=tp.partition)

    def snapshot(self) -> dict[str, IssueProjection]:
        """Every issue this worker currently projects."""
        return {k: v for part in self.parts.values() for k, v in part.states.items()}


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, projector: Projector) -> None:
        self.projector = projector

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self.projector.release(set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        consumer = self.projector.consumer
        assert consumer is not None
        await self.projector.take(consumer, set(assigned))
