"""The worker: Faust agents for intake, the projector loop, and the HTTP server."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import faust

from schemas.codec import DecodeError, encode
from schemas.deadletter import Reason
from schemas.registry import Registry
from services.core.routing import Extractor, route
from services.deadletters import dead_letter
from services.kafka_client import faust_credentials
from services.logs import get_logger
from services.metrics import Metrics
from services.projector import Projector
from services.read_model import ReadModel, ReadModelFeeder
from services.settings import Settings
from services.topics import INPUT_TOPICS, Topic, topic_name

log = get_logger("peacewatch.worker")


AgentErrorHook = Callable[[Any, BaseException], Awaitable[None]]


class App(faust.App):
    """Faust's App, telling our hooks when an agent dies (Faust's "agent errors" hook)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agent_error_hooks: list[AgentErrorHook] = []

    async def _on_agent_error(self, agent: Any, exc: BaseException) -> None:
        await super()._on_agent_error(agent, exc)
        for hook in self.agent_error_hooks:
            await hook(agent, exc)


@dataclass
class Health:
    """What readiness is made of; set by the agents and loops of this process."""

    crashed: dict[str, str] = field(default_factory=dict)


@dataclass
class Runtime:
    """Everything one worker process wires together."""

    settings: Settings
    registry: Registry
    app: faust.App
    metrics: Metrics
    projector: Projector
    read_model: ReadModel
    health: Health


def build(settings: Settings, registry: Registry, extractor: Extractor | None = None) -> Runtime:
    """Create the Faust app with its agents, tasks and web views."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    app = App(
        settings.app_id,
        broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
        broker_credentials=faust_credentials(settings),
        store="memory://",
        datadir=str(settings.state_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        topic_allow_declare=False,  # `peacewatch topics create` owns the contract's topics
        consumer_auto_offset_reset="earliest",
        processing_guarantee="at_least_once",
        # Faust commits inline every N records, stalling the stream: N=100 cost ~12% of
        # intake throughput and put p99 alert latency at 279 ms; the 0.5 s timer below
        # commits in the background.
        broker_commit_every=1000,
        broker_commit_interval=0.5,
        # A crashed worker's partitions move after 10 s instead of Faust's 60 s default.
        broker_session_timeout=10.0,
        broker_heartbeat_interval=2.0,
        web_enabled=True,
        web_bind=settings.http_host,
        web_host=settings.http_host,
        web_port=settings.http_port,
        web_in_thread=False,
        autodiscover=False,
    )
    metrics = Metrics()
    health = Health()
    projector = Projector(settings, registry, metrics)
    read_model = ReadModel(timeline_max=settings.timeline_max_per_issue)
    runtime = Runtime(settings, registry, app, metrics, projector, read_model, health)

    names = {topic_name(settings, t): t for t in INPUT_TOPICS}
    inputs = app.topic(
        *names, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw"
    )
    claims_topic = topic_name(settings, Topic.CLAIMS)
    dead = DeadLetters(app, topic_name(settings, Topic.DEADLETTER), metrics)

    async def intake(stream: faust.StreamT[bytes]) -> None:
        """Decode each input record; send its claims, or dead-letter it with the reason."""
        async for event in stream.events():
            msg = event.message
            kind = names[msg.topic].value
            started = time.perf_counter()
            ctx = {"topic": msg.topic, "partition": msg.partition, "offset": msg.offset}
            metrics.records_consumed.labels(msg.topic).inc()
            try:
                routed = route(kind, msg.value, registry, extractor, settings.max_record_bytes)
            except DecodeError as exc:
                await dead.send(msg, exc.reason, exc.detail, ctx)
                continue
            except Exception as exc:
                log.exception("unexpected error on a record", **ctx)
                await dead.send(msg, Reason.INVALID, f"internal error: {exc!r}", ctx)
                continue
            for claim in routed.claims:
                # Straight to Faust's producer: Topic.send's per-message machinery cost more
                # than the work itself; Faust still flushes this producer before it commits.
                await app.producer.send(
                    claims_topic, claim.issue.encode(), encode(claim), None, None, None
                )
                metrics.claims.labels(claim.producer).inc()
            if routed.unextracted:
                metrics.records_unextracted.labels(msg.topic).inc()
            log.debug(
                "record processed", event_id=routed.event_id, claims=len(routed.claims), **ctx
            )
            metrics.processing_seconds.labels("intake").observe(time.perf_counter() - started)

    async def on_agent_error(agent: Any, exc: BaseException) -> None:
        """An agent died (input never kills it; infrastructure can): readiness turns false."""
        health.crashed["intake"] = repr(exc)
        metrics.agent_crashes.labels("intake").inc()
        log.error("agent crashed", agent="intake", error=repr(exc))

    app.agent_error_hooks.append(on_agent_error)
    app.agent(inputs, name=f"{settings.topic_prefix}-intake", concurrency=1)(intake)

    async def run_projector() -> None:
        await projector.run()

    app.task(run_projector)

    async def run_read_model() -> None:
        await ReadModelFeeder(settings, metrics, read_model).run()

    app.task(run_read_model)

    @app.timer(interval=1.0)  # type: ignore[untyped-decorator]  # faust ships no type hints
    async def watch_agents() -> None:
        """Record a crashed background loop so readiness fails (the worker stays up)."""
        if projector.crashed is not None:
            health.crashed["projector"] = repr(projector.crashed)
        if read_model.crashed is not None:
            health.crashed["read_model"] = repr(read_model.crashed)

    from services import web  # late import: views need the runtime

    web.register(runtime)
    return runtime


@dataclass
class DeadLetters:
    """Sends rejected input records to the dead-letter topic through Faust's producer."""

    app: faust.App
    topic: str
    metrics: Metrics

    async def send(self, msg: Any, reason: Reason, detail: str, ctx: dict[str, Any]) -> None:
        letter = dead_letter(
            reason,
            detail,
            topic=msg.topic,
            partition=msg.partition,
            offset=msg.offset,
            key=msg.key,
            value=msg.value,
            timestamp_ms=int(msg.timestamp * 1000) if msg.timestamp else None,
        )
        await self.app.producer.send(self.topic, msg.key, encode(letter), None, None, None)
        self.metrics.deadletters.labels(reason.value).inc()
        log.warning("record dead-lettered", reason=reason.value, detail=detail, **ctx)


def run_worker(runtime: Runtime) -> None:
    """Run the worker in the foreground until SIGINT or SIGTERM."""
    from services.extractor import COMPILED
    from services.logs import logging_config

    worker = faust.Worker(
        runtime.app,
        loglevel=runtime.settings.log_level.lower(),
        logging_config=logging_config(runtime.settings),
        redirect_stdouts=False,
        quiet=True,
    )
    log.info(
        "worker starting",
        bootstrap=runtime.settings.kafka_bootstrap,
        prefix=runtime.settings.topic_prefix,
        http_host=runtime.settings.http_host,
        http_port=runtime.settings.http_port,
        extractor="compiled" if COMPILED else "pure Python",  # see `make compile`
    )
    worker.execute_from_commandline()
