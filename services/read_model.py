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

from schemas.alert import Alert
from schemas.claim import PositionClaim, StatusClaim
from schemas.codec import DecodeError, decode_alert, decode_claim, decode_issue_state
from schemas.issue_state import IssueState
from services.kafka_client import client_options
from services.logs import get_logger
from services.metrics import Metrics
from services.settings import Settings
from services.topic_reader import partitions
from services.topics import Topic, topic_name

log = get_logger("peacewatch.read_model")
MAX_ALERTS = 10_000


@dataclass
class ReadModel:
    """Issue states, per-issue timelines (event-time order) and the newest alerts."""

    issues: dict[str, IssueState] = field(default_factory=dict)
    timelines: dict[str, list[tuple[datetime, str, PositionClaim | StatusClaim]]] = field(
        default_factory=dict
    )
    alerts: deque[Alert] = field(default_factory=lambda: deque(maxlen=MAX_ALERTS))
    caught_up: bool = False
    last_caught_up: float = field(default_factory=time.monotonic)
    crashed: BaseException | None = None
    _claim_ids: set[str] = field(default_factory=set)

    def apply_claim(self, claim: PositionClaim | StatusClaim) -> None:
        """Add a claim to its issue's timeline once (duplicates are ignored)."""
        if claim.id in self._claim_ids:
            return
        self._claim_ids.add(claim.id)
        bisect.insort(
            self.timelines.setdefault(claim.issue, []),
            (claim.occurred_at, claim.id, claim),
            key=lambda e: (e[0], e[1]),
        )

    def timeline(
        self,
        issue: str,
        *,
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[PositionClaim | StatusClaim]:
        """Claims of ``issue`` in event-time order, filtered."""
        out = []
        for occurred, _, claim in self.timelines.get(issue, []):
            if since is not None and occurred < since:
                continue
            if until is not None and occurred > until:
                continue
            if actor is not None and claim.actor != actor:
                continue
            out.append(claim)
        return out

    def lag_seconds(self) -> float:
        return 0.0 if self.caught_up else time.monotonic() - self.last_caught_up


class ReadModelFeeder:
    """Keeps a ReadModel current from the topics."""

    def __init__(self, settings: Settings, metrics: Metrics, model: ReadModel) -> None:
        self.settings = settings
        self.metrics = metrics
        self.model = model

    async def run(self) -> None:
        try:
            await self._run()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            self.model.crashed = exc
            self.metrics.agent_crashes.labels("read_model").inc()
            log.exception("read model crashed", error=repr(exc))
            raise

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
                ends = await consumer.end_offsets(tps)
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
                state = decode_issue_state(record.value)
                self.model.issues[state.issue] = state
            elif kind is Topic.CLAIMS:
                self.model.apply_claim(decode_claim(record.value))
            else:
                self.model.alerts.append(decode_alert(record.value))
        except DecodeError as exc:
            log.warning(
                "read model skipped a record",
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                detail=exc.detail,
            )
