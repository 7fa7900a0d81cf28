"""Run the benchmark: ``python -m bench [--quick]`` (``make bench``, ``make bench QUICK=1``).

Every figure comes from one run on this machine, against the real local broker, so the
ratios hold even when the machine is noisy. Prints a table, writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from rich.console import Console
from rich.table import Table

from bench.workloads import articles, statement
from schemas.codec import decode_claim, encode
from schemas.inputs import NewsArticle
from services.core.replay import fold
from services.core.routing import route
from services.extractor import COMPILED
from services.extractor.rules import extract
from services.kafka_admin import create_topics
from services.projector import read_checkpoints
from services.registry import load_registry
from services.settings import PURE_PYTHON_VAR, REPO_ROOT, Settings
from services.topic_reader import end_offsets
from services.topics import Topic, topic_name

RESULTS = REPO_ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
# The issue's targets: (">=" or "<=", bound) per result key.
TARGETS = {
    "pipeline_ratio": (">=", 0.5),
    "latency_p99_ms": ("<=", 250),
    "rebuild_claims_per_s": (">=", 20_000),
    "worker_peak_rss_mb": ("<=", 300),
    "extraction_articles_per_s": (">=", 1_000),
}


def bootstrap() -> str:
    return os.environ.get("PEACEWATCH_KAFKA_BOOTSTRAP", "127.0.0.1:19092")


def settings(prefix: str, **extra: Any) -> Settings:
    return Settings(kafka_bootstrap=bootstrap(), topic_prefix=prefix, **extra)


async def fill(topic: str, records: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap(), acks="all", linger_ms=20, max_batch_size=262144
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=k, value=v) for k, v in records]
        for fut in futures:
            await fut
    finally:
        await producer.stop()


async def passthrough(n: int) -> float:
    """A plain aiokafka consume-produce loop over the same ~1 KB records: the ceiling."""
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    s = settings(prefix)
    await create_topics(s)
    src, dst = topic_name(s, Topic.STATEMENTS), topic_name(s, Topic.CLAIMS)
    await fill(src, [statement(i, ["RU"], ["ceasefire"]) for i in range(n)])
    consumer = AIOKafkaConsumer(
        src,
        bootstrap_servers=bootstrap(),
        group_id=f"{prefix}-pt",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap(), acks="all", linger_ms=5)
    await consumer.start()
    await producer.start()
    try:
        seen, started = 0, 0.0
        while seen < n:
            batch = await consumer.getmany(timeout_ms=1000, max_records=2000)
            if not started and batch:
                started = time.perf_counter()
            for records in batch.values():
                for r in records:
                    await producer.send(dst, key=r.key, value=r.value)
                seen += sum(len(v) for v in batch.values())
            if batch:
                await producer.flush()
                await consumer.commit()
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()


class Worker:
    """A `peacewatch worker` subprocess."""

    def __init__(self, prefix: str, tmp: Path, **env: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.env = {
            **os.environ,
            "PEACEWATCH_KAFKA_BOOTSTRAP": bootstrap(),
            "PEACEWATCH_TOPIC_PREFIX": prefix,
            "PEACEWATCH_HTTP_PORT": str(self.port),
            "PEACEWATCH_DATA_DIR": str(tmp / "data"),
            "PEACEWATCH_LOG_LEVEL": "WARNING",
            **env,
        }
        self.log = (tmp / f"worker-{prefix}.log").open("wb")
        self.proc = subprocess.Popen(
            [str(BIN / "peacewatch"), "worker"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as resp:
                return bool(resp.status == 200)
        except OSError:
            return False

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not become ready (exit {self.proc.poll()})")
            time.sleep(0.2)  # poll interval of a bounded wait

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


async def projected(s: Settings, claims_expected: int) -> bool:
    ends = await end_offsets(s, topic_name(s, Topic.CLAIMS))
    if sum(ends.values()) < claims_expected:
        return False
    checkpoints = await read_checkpoints(s)
    return all(checkpoints.get(partition, 0) >= end for partition, end in ends.items())


async def pipeline(
    n: int,
    tmp: Path,
    registry_dir: Path | None = None,
    actors: list[str] | None = None,
    issues: list[str] | None = None,
) -> tuple[float, float]:
    """Statements -> claims -> projection -> alerts with one worker: events/s, peak RSS MB."""
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    env = {"PEACEWATCH_REGISTRY_DIR": str(registry_dir)} if registry_dir else {}
    s = settings(prefix)
    await create_topics(s)
    worker = Worker(prefix, tmp, **env)
    try:
        worker.wait_ready()
        records = [
            statement(
                i,
                actors or ["RU", "UA", "US", "GB", "FR", "DE", "IT", "PL"],
                issues or ["nato_troops", "ceasefire", "security_guarantees"],
                changing=False,
            )
            for i in range(n)
        ]
        started = time.perf_counter()
        await fill(topic_name(s, Topic.STATEMENTS), records)
        while not await projected(s, n):
            await asyncio.sleep(0.2)  # poll interval of a bounded wait
        return n / (time.perf_counter() - started), worker.peak_rss_mb()
    finally:
        worker.stop()


async def latency(rate: int, seconds: int, tmp: Path) -> dict[str, float]:
    """Producer timestamp to alert visible to a read_committed consumer, at a steady rate."""
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    s = settings(prefix)
    await create_topics(s)
    worker = Worker(prefix, tmp)
    sent: dict[str, float] = {}
    got: dict[str, float] = {}
    n = rate * seconds
    try:
        worker.wait_ready()
        consumer = AIOKafkaConsumer(
            topic_name(s, Topic.ALERTS),
            bootstrap_servers=bootstrap(),
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            group_id=f"{prefix}-lat",
            fetch_max_wait_ms=10,
        )
        await consumer.start()

        async def collect() -> None:
            while len(got) < n:
                batch = await consumer.getmany(timeout_ms=100)
                now = time.time()
                for records in batch.values():
                    for r in records:
                        got[json.loads(r.value)["data"]["claim_id"].split("#")[0]] = now

        reader = asyncio.create_task(collect())
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap(), acks="all", linger_ms=0)
        await producer.start()
        actors = ["RU", "UA", "US", "GB", "FR", "DE", "IT", "PL", "CA", "TR"]
        issues = ["nato_troops", "ceasefire", "security_guarantees", "military_hubs"]
        start = time.perf_counter()
        for i in range(n):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            key, value = statement(i, actors, issues)
            sent[key.decode()] = time.time()
            await producer.send(topic_name(s, Topic.STATEMENTS), key=key, value=value)
        await producer.stop()
        deadline = time.monotonic() + 60
        while len(got) < n and time.monotonic() < deadline:
            await asyncio.sleep(0.1)  # poll interval of a bounded wait
        reader.cancel()
        await consumer.stop()
    finally:
        worker.stop()
    lat = sorted((got[k] - sent[k]) * 1000 for k in sent if k in got)
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [float("nan")] * 99
    return {"p50_ms": q[49], "p95_ms": q[94], "p99_ms": q[98], "received": len(lat), "sent": n}


def extraction(n: int) -> float:
    """Articles of ~3 KB through the extractor on one core, articles/s."""
    registry = load_registry(REPO_ROOT / "deploy" / "registry")
    docs = [
        NewsArticle.model_validate(a)
        for a in articles(n, REPO_ROOT / "tests" / "data" / "dev.jsonl")
    ]
    extract(docs[0], registry)  # compile the vocabulary outside the timing
    started = time.process_time()
    for doc in docs:
        extract(doc, registry)
    return n / (time.process_time() - started)


def extraction_from_sources(n: int) -> float:
    """The same measure with the extractor's sources, not its compiled modules."""
    done = subprocess.run(
        [sys.executable, "-c", f"from bench.__main__ import extraction; print(extraction({n}))"],
        cwd=REPO_ROOT,
        env={**os.environ, PURE_PYTHON_VAR: "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def rebuild(n: int) -> float:
    """Encoded claims decoded and folded into fresh projections, claims/s (one core)."""
    registry = load_registry(REPO_ROOT / "deploy" / "registry")
    actors = [a.id for a in registry.actors]
    issues = [i.id for i in registry.issues]
    raw = []
    for i in range(n):
        [claim] = route(
            "statements", statement(i, actors, issues, changing=False)[1], registry, None, 1 << 20
        ).claims
        raw.append(encode(claim))
    started = time.process_time()
    fold((decode_claim(b) for b in raw), registry, "/bench")
    return n / (time.process_time() - started)


def big_registry(tmp: Path, issues: int, actors: int) -> tuple[Path, list[str], list[str]]:
    """A registry of ``issues`` issues and ``actors`` actors (registries are data)."""
    base = REPO_ROOT / "deploy" / "registry"
    target = tmp / "registry"
    target.mkdir()
    for name in ("policy.yaml", "language.yaml"):
        shutil.copy(base / name, target / name)
    issue_ids = [f"issue_{i:02d}" for i in range(issues)]
    actor_ids = [f"A{i:03d}" for i in range(actors)]
    (target / "issues.yaml").write_text(
        yaml.safe_dump(
            {"issues": [{"id": i, "title": i, "statuses": ["none", "open"]} for i in issue_ids]}
        )
    )
    (target / "actors.yaml").write_text(
        yaml.safe_dump({"actors": [{"id": a, "name": f"Actor {a}"} for a in actor_ids]})
    )
    return target, actor_ids, issue_ids


PHASES = ("pipeline", "extraction", "latency", "rebuild", "memory")


async def main(quick: bool, phases: set[str]) -> dict[str, Any]:
    # QUICK stays under two minutes; the full run uses the sizes the targets name.
    n_pass, n_pipe = (5_000, 4_000) if quick else (30_000, 30_000)
    lat_seconds = 8 if quick else 60
    n_rebuild = 50_000 if quick else 1_000_000
    n_mem = 10_000 if quick else 1_000_000
    n_extract = 300 if quick else 2_000
    out: dict[str, Any] = {
        "quick": quick,
        "when": datetime.now(UTC).isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if "pipeline" in phases:
            out["passthrough_events_per_s"] = await passthrough(n_pass)
            out["pipeline_events_per_s"], _ = await pipeline(n_pipe, tmp)
            out["pipeline_ratio"] = out["pipeline_events_per_s"] / out["passthrough_events_per_s"]
        if "extraction" in phases:
            # as the service runs it: compiled when `make` could build it (see README)
            out["extractor"] = "compiled" if COMPILED else "pure Python"
            out["extraction_articles_per_s"] = extraction(n_extract)
            out["extraction_pure_python_articles_per_s"] = (
                extraction_from_sources(n_extract) if COMPILED else out["extraction_articles_per_s"]
            )
        if "latency" in phases:
            out["latency"] = await latency(200, lat_seconds, tmp)
            out["latency_p99_ms"] = out["latency"]["p99_ms"]
        if "rebuild" in phases:
            out["rebuild_claims_per_s"] = rebuild(n_rebuild)
        if "memory" in phases:
            registry_dir, actors, issues = big_registry(tmp, 10, 200)
            out["memory_claims"] = n_mem
            out["memory_claims_per_s"], out["worker_peak_rss_mb"] = await pipeline(
                n_mem, tmp, registry_dir, actors, issues
            )
    out["sizes"] = {
        "passthrough": n_pass,
        "pipeline": n_pipe,
        "latency_s": lat_seconds,
        "rebuild": n_rebuild,
        "memory": n_mem,
        "extraction": n_extract,
    }
    return out


def report(result: dict[str, Any]) -> None:
    table = Table(title=f"peacewatch bench ({'QUICK' if result['quick'] else 'full'})")
    for col in ("measure", "value", "target", "met"):
        table.add_column(col)
    flat = {**result, **{f"latency_{k}": v for k, v in result.get("latency", {}).items()}}
    rows = [
        ("passthrough events/s", "passthrough_events_per_s"),
        ("pipeline events/s", "pipeline_events_per_s"),
        ("pipeline / passthrough", "pipeline_ratio"),
        ("latency p50 ms", "latency_p50_ms"),
        ("latency p95 ms", "latency_p95_ms"),
        ("latency p99 ms", "latency_p99_ms"),
        ("rebuild claims/s", "rebuild_claims_per_s"),
        (f"worker peak RSS MB ({result.get('memory_claims')} claims)", "worker_peak_rss_mb"),
        ("memory run claims/s", "memory_claims_per_s"),
        (f"extraction articles/s (3 KB, {result.get('extractor')})", "extraction_articles_per_s"),
        ("extraction articles/s (3 KB, pure Python)", "extraction_pure_python_articles_per_s"),
    ]
    for label, key in rows:
        value = flat.get(key)
        if value is None:  # a phase this run did not measure
            continue
        target, met = "", ""
        if key in TARGETS:
            op, bound = TARGETS[key]
            target = f"{op} {bound}"
            met = "yes" if (value >= bound if op == ">=" else value <= bound) else "NO"
        table.add_row(label, f"{value:,.2f}", target, met)
    Console().print(table)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="peacewatch benchmark")
    parser.add_argument("--quick", action="store_true", help="small sizes, under two minutes")
    parser.add_argument(
        "--only",
        default=",".join(PHASES),
        help=f"comma-separated phases to run (default all: {','.join(PHASES)})",
    )
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    if chosen - set(PHASES):
        parser.error(f"unknown phase(s): {', '.join(sorted(chosen - set(PHASES)))}")
    res = asyncio.run(main(args.quick, chosen))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = (
        RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}{'-quick' if args.quick else ''}.json"
    )
    path.write_text(json.dumps(res, indent=2))
    report(res)
    print(f"results written to {path}")
