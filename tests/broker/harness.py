"""Helpers for tests against the real broker: workers as subprocesses, bounded waits."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from services.settings import Settings
from services.topics import Topic, topic_name

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
T = TypeVar("T")


def bootstrap() -> str:
    return os.environ.get("PEACEWATCH_KAFKA_BOOTSTRAP", "127.0.0.1:19092")


def unique_prefix() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(prefix: str, **extra: Any) -> Settings:
    return Settings(kafka_bootstrap=bootstrap(), topic_prefix=prefix, **extra)


def wait_until(
    check: Callable[[], T | None], timeout: float, what: str, interval: float = 0.1
) -> T:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)  # poll interval of a bounded wait


async def await_until(
    check: Callable[[], Awaitable[T | None]], timeout: float, what: str, interval: float = 0.1
) -> T:
    """Async ``wait_until``."""
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(interval)  # poll interval of a bounded wait


def cli(
    prefix: str,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the ``peacewatch`` console script as a user would."""
    full_env = {
        **os.environ,
        "PEACEWATCH_KAFKA_BOOTSTRAP": bootstrap(),
        "PEACEWATCH_TOPIC_PREFIX": prefix,
        **(env or {}),
    }
    return subprocess.run(
        [str(BIN / "peacewatch"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@dataclass
class Worker:
    """A ``peacewatch worker`` subprocess with its log file and HTTP port."""

    prefix: str
    port: int
    log_path: Path
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Worker:
        self.starts += 1
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the fd
            self.proc = subprocess.Popen(
                [str(BIN / "peacewatch"), "worker"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        return self

    def get(self, path: str, token: str | None = None) -> tuple[int, Any]:
        req = urllib.request.Request(self.url + path)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                body = resp.read()
                status = resp.status
        except urllib.error.HTTPError as exc:
            body, status = exc.read(), exc.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, None
        try:
            return status, json.loads(body)
        except ValueError:
            return status, body.decode()

    def ready(self) -> bool:
        return self.get("/readyz")[0] == 200

    def wait_ready(self, timeout: float = 90) -> None:
        def check() -> bool:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.tail()}")
            return self.ready()

        wait_until(check, timeout, f"worker {self.prefix} to be ready\n{self.tail()}")

    def stays_alive_unready(self, seconds: float) -> None:
        """Observe for a fixed window that the process neither exits nor reports ready."""
        assert self.proc is not None
        window_end = time.monotonic() + seconds
        while time.monotonic() < window_end:
            assert self.proc.poll() is None, self.tail()
            assert not self.ready()
            time.sleep(0.5)  # poll interval of a bounded observation window

    def kill(self) -> None:
        """SIGKILL: no cleanup of any kind, as in a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> int | None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode if self.proc else None

    def lines(self) -> list[dict[str, Any]]:
        if not self.log_path.exists():
            return []
        out = []
        for raw in self.log_path.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
        return out

    def tail(self, n: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])


def make_worker(prefix: str, tmp: Path, **env: str) -> Worker:
    port = free_port()
    full_env = {
        **os.environ,
        "PEACEWATCH_KAFKA_BOOTSTRAP": bootstrap(),
        "PEACEWATCH_TOPIC_PREFIX": prefix,
        "PEACEWATCH_HTTP_PORT": str(port),
        "PEACEWATCH_DATA_DIR": str(tmp / "data"),
        **env,
    }
    return Worker(prefix, port, tmp / f"worker-{port}.log", full_env)


async def produce(topic: str, records: list[tuple[bytes | None, bytes | None]]) -> None:
    """Send raw (key, value) pairs and wait for every acknowledgement."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap(), acks="all", linger_ms=5, max_request_size=8 << 20
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=k, value=v) for k, v in records]
        for fut in futures:
            await fut
    finally:
        await producer.stop()


async def read_topic(
    topic: str, *, committed: bool = True, min_count: int = 0, timeout: float = 60
) -> list[Any]:
    """Every record of ``topic`` from the beginning, waiting until at least ``min_count``."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap(),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed" if committed else "read_uncommitted",
    )
    await consumer.start()
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        if not parts:
            await consumer._client.force_metadata_update()
            parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        out: list[Any] = []
        deadline = time.monotonic() + timeout
        while True:
            ends = await consumer.end_offsets(tps)
            batch = await consumer.getmany(*tps, timeout_ms=200, max_records=5000)
            for records in batch.values():
                out.extend(records)
            positions = {tp: await consumer.position(tp) for tp in tps}
            done = all(positions[tp] >= ends[tp] for tp in tps)
            if done and len(out) >= min_count:
                return out
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.0f}s reading {topic}: {len(out)} records, "
                    f"wanted at least {min_count}"
                )
    finally:
        await consumer.stop()


def name(prefix: str, topic: Topic) -> str:
    return topic_name(settings_for(prefix), topic)


def values(records: list[Any]) -> list[dict[str, Any]]:
    return [json.loads(r.value) for r in records]
