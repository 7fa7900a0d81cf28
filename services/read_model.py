"""The read model: a full in-memory copy of the projection, the timeline and recent alerts.

Every worker keeps one, fed by a consumer without a group over *all* partitions of the
issues (compacted), claims and alerts topics, so any worker answers for every issue;
faust-streaming's table routing across workers has open bugs. Reads lag the projector by
its transaction interval plus one poll here (typically well under a second);
``peacewatch_read_model_lag_seconds`` exposes it.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from schemas.alert import Alert
from schemas.claim import PositionClaim, StatusClaim
from schemas.codec import DecodeError, decode_alert, decode_claim, decode_issue_state
from schemas.deadletter import Reason
from schemas.issue_state import IssueState
from services.kafka_client import client_options
from services.logs import get_logger
from services.metrics import Metrics
from services.settings import Settings
from services.supervision import run_supervised
from services.topic_reader import partitions
from services.topics import Topic, topic_name

log = get_logger("peacewatch.read_model")
MAX_ALERTS = 10_000


@dataclass(frozen=True, slots=True)
class Entry:
    """A timeline entry: what filtering and sorting need, and the claim's bytes."""

    occurred_at: datetime
    claim_id: str
    actor: str | None
    raw: bytes


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """A kept alert: what filtering and sorting need, and its bytes."""

    time: datetime
    alert_id: str
    issue: str
    severity: str
    raw: bytes


@dataclass
class ReadModel:
    """Issue states, bounded per-issue timelines (event-time order) and the newest alerts.

    Entries keep raw bytes and are decoded only for the page a request asks for, and each
    issue keeps its newest ``timeline_max`` claims: memory stays bounded however long the
    log grows (the full history stays in the claims topic).
    """

    timeline_max: int = 5_000
    # issue id -> its latest state record, decoded only when read: a state holds every
    # actor's position, and decoding each write cost 37% of a busy worker's time
    issue_records: dict[str, bytes] = field(default_factory=dict)
    timelines: dict[str, list[Entry]] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    alerts: deque[AlertEntry] = field(default_factory=lambda: deque(maxlen=MAX_ALERTS))
    caught_up: bool = False
    last_caught_up: float = field(default_factory=time.monotonic)
    last_contact: float = 0.0  # monotonic time the broker last answered an offsets request
    crashed: BaseException | None = None
    _claim_ids: dict[str, set[str]] = field(default_factory=dict)
    _decoded: dict[str, tuple[bytes, IssueState]] = field(default_factory=dict)

    def issue(self, issue_id: str) -> IssueState | None:
        """The latest state of an issue (None before its first claim)."""
        raw = self.issue_records.get(issue_id)
        if raw is None:
            return None
        cached = self._decoded.get(issue_id)
        if cached is not None and cached[0] is raw:
            return cached[1]
        try:
            state = decode_issue_state(raw)
        except DecodeError as exc:
            log.warning("read model skipped an issue state", issue=issue_id, detail=exc.detail)
            return cached[1] if cached is not None else None
        self._decoded[issue_id] = (raw, state)
        return state

    def apply_claim(self, claim: PositionClaim | StatusClaim, raw: bytes) -> None:
        """Add a claim to its issue's timeline once (duplicates are ignored)."""
        ids = self._claim_ids.setdefault(claim.issue, set())
        if claim.id in ids:
            return
        ids.add(claim.id)
        entries = self.timelines.setdefault(claim.issue, [])
        bisect.insort(
            entries,
            Entry(claim.occurred_at, claim.id, claim.actor, raw),
            key=lambda e: (e.occurred_at, e.claim_id),
        )
        if len(entries) > self.timeline_max:
            oldest = entries.pop(0)
            ids.discard(oldest.claim_id)
            self.dropped[claim.issue] = self.dropped.get(claim.issue, 0) + 1

    def apply_alert(self, alert: Alert, raw: bytes) -> None:
        self.alerts.append(
            AlertEntry(alert.time, alert.id, alert.data.issue, alert.data.severity.value, raw)
        )

    def timeline(
        self,
        issue: str,
        *,
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Entry]:
        """Entries of ``issue`` in event-time order, filtered (decode them with ``claims``)."""
        return [
            e
            for e in self.timelines.get(issue, [])
            if (since is None or e.occurred_at >= since)
            and (until is None or e.occurred_at <= until)
            and (actor is None or e.actor == actor)
        ]

    @staticmethod
    def claims(entries: list[Entry]) -> list[PositionClaim | StatusClaim]:
        return [decode_claim(e.raw) for e in entries]

    def kafka_reachable(self, within: float = 10.0) -> bool:
        """True when the broker answered within the last ``within`` seconds."""
        return time.monotonic() - self.last_contact < within

    def lag_seconds(self) -> float:
        return 0.0 if self.caught_up else time.monotonic() - self.last_caught_up


class ReadModelFeeder:
    """Keeps a ReadModel current from the topics."""

    def __init__(self, settings: Settings, metrics: Metrics, model: ReadModel) -> None:
        self.settings = settings
        self.metrics = metrics
        self.model = model

    async def run(self) -> None:
        """Keep the model current until cancelled; an unexpected error marks it crashed."""
        await run_supervised("read_model", self._run, self.metrics, self._crashed)

    def _crashed(self, exc: BaseException) -> None:
        self.model.crashed = exc

    async def _run(self) -> None:
        names = {
            topic_name(self.settings, t): t for t in (Topic.ISSUES, Topic.CLAIMS, Topic.ALERTS)
        }
        tps = [TopicPartition(n, p) for n in names for p in await partitions(self.settings, n)]
        consumer = AIOKafkaConsumer(
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            max_partition_fetch_bytes=4 << 20,
            **client_options(self.settings),
        )
        await consumer.start()
        try:
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            while True:
                batch = await consumer.getmany(timeout_ms=200, max_records=5000)
                for tp, records in batch.items():
                    kind = names[tp.topic]
                    for record in records:
                        self._apply(kind, record)
                try:
                    ends = await asyncio.wait_for(consumer.end_offsets(tps), timeout=5)
                except (KafkaError, TimeoutError) as exc:
                    # The broker is away: not caught up, and say so; aiokafka reconnects.
                    self.model.caught_up = False
                    log.warning("read model cannot reach Kafka", error=repr(exc))
                    await asyncio.sleep(1)  # backoff before asking the broker again
                    continue
                self.model.last_contact = time.monotonic()
                lagging = False
                for tp in tps:
                    if await consumer.position(tp) < ends[tp]:
                        lagging = True
                if not lagging:
                    self.model.caught_up = True
                    self.model.last_caught_up = time.monotonic()
                else:
                    self.model.caught_up = False
                self.metrics.read_model_lag.set(self.model.lag_seconds())
        finally:
            with contextlib.suppress(Exception):
                await consumer.stop()

    def _apply(self, kind: Topic, record: Any) -> None:
        try:
            if kind is Topic.ISSUES:
                if record.key is None or record.value is None:
                    raise DecodeError(Reason.INVALID, "issue state without key or value")
                self.model.issue_records[record.key.decode(errors="replace")] = record.value
            elif kind is Topic.CLAIMS:
                self.model.apply_claim(decode_claim(record.value), record.value)
            else:
                self.model.apply_alert(decode_alert(record.value), record.value)
        except DecodeError as exc:
            log.warning(
                "read model skipped a record",
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                detail=exc.detail,
            )
