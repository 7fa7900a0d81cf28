"""Start, stop and inspect a real single-node Apache Kafka 4 (KRaft) broker on 127.0.0.1.

The broker's jars come from Maven Central through ``deploy/kafka/pom.xml`` (cached in
~/.m2); nothing else is downloaded. Data, logs and the pid file live under one folder
(default ``.local/kafka``). Usage::

    python deploy/kafka/launcher.py up|down|status [--port 9092] [--dir .local/kafka]

``up`` is harmless when our broker already runs; ``down`` stops only the broker whose pid
this folder recorded. Exit codes: 0 ok, 1 the broker failed to come up, 2 a usage or
environment error (port in use, java or mvn missing).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 30.0

SERVER_PROPERTIES = """\
# Written by deploy/kafka/launcher.py; edited copies are overwritten on each start.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:{controller_port}
inter.broker.listener.name=PLAINTEXT
log.dirs={data_dir}
num.partitions=1
# One broker can never satisfy the default replication factor of 3: without these,
# consumer groups and transactional producers hang silently instead of failing.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
# One broker needs no 50 partitions each for group offsets and transaction state: creating
# them made the first consumer group on a fresh broker wait 60-100 s on this machine.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# Small, fast-to-clean segments: this broker serves development and tests.
log.segment.bytes=67108864
log.retention.check.interval.ms=60000
transaction.max.timeout.ms=900000
"""

# Appended when the launcher is asked for a SASL listener (SCRAM users are created when
# the storage is formatted: KRaft has no ZooKeeper to hold them).
SASL_PROPERTIES = """\
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port},SASL_PLAINTEXT://127.0.0.1:{sasl_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port},SASL_PLAINTEXT://127.0.0.1:{sasl_port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
"""

LOG4J2 = """\
status = warn
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = {log_dir}/server.log
appender.file.filePattern = {log_dir}/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
"""


class LaunchError(Exception):
    """A failure the user must act on; ``code`` is the process exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class Broker:
    """One local broker: its folder, ports and process."""

    def __init__(
        self,
        root: Path,
        port: int,
        controller_port: int,
        sasl_port: int | None = None,
        sasl_user: str | None = None,
        sasl_password: str | None = None,
    ) -> None:
        self.root = root.resolve()
        self.port = port
        self.controller_port = controller_port
        self.sasl_port = sasl_port
        self.sasl_user = sasl_user
        self.sasl_password = sasl_password
        self.jars = self.root / "jars"
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.pid_file = self.root / "broker.pid"
        self.properties = self.root / "server.properties"
        self.log4j = self.root / "log4j2.properties"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- process bookkeeping -------------------------------------------------------------
    def running_pid(self) -> int | None:
        """The recorded pid if that process is alive and is our broker; clears a stale file."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            cmdline = b""
        if b"kafka.Kafka" in cmdline and str(self.properties).encode() in cmdline:
            return pid
        self.pid_file.unlink(missing_ok=True)  # stale: the pid died or was reused
        return None

    # -- preparation ---------------------------------------------------------------------
    def resolve_jars(self) -> None:
        """Copy the broker's jars from the Maven cache when the POM changed since last time."""
        stamp = self.jars / ".pom-sha256"
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()
        if stamp.exists() and stamp.read_text() == digest:
            return
        if shutil.which("mvn") is None:
            raise LaunchError("mvn not found on PATH: Maven is needed to fetch Kafka's jars")
        shutil.rmtree(self.jars, ignore_errors=True)
        self.jars.mkdir(parents=True)
        print(f"resolving Apache Kafka jars with Maven into {self.jars} ...", flush=True)
        proc = subprocess.run(
            [
                "mvn",
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={self.jars}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
            raise LaunchError(f"Maven could not resolve the broker's jars:\n{tail}", code=1)
        stamp.write_text(digest)

    def write_config(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        text = SERVER_PROPERTIES.format(
            port=self.port, controller_port=self.controller_port, data_dir=self.data
        )
        if self.sasl_port is not None:
            sasl = SASL_PROPERTIES.format(
                port=self.port, controller_port=self.controller_port, sasl_port=self.sasl_port
            )
            overridden = {line.split("=", 1)[0] for line in sasl.splitlines()}
            kept = [line for line in text.splitlines() if line.split("=", 1)[0] not in overridden]
            text = "\n".join(kept) + "\n" + sasl
        self.properties.write_text(text)
        self.log4j.write_text(LOG4J2.format(log_dir=self.logs))

    def java(self, main: str, *args: str, heap: bool = False) -> list[str]:
        java = shutil.which("java")
        if java is None:
            raise LaunchError("java not found on PATH: a JDK 17+ is needed to run Kafka")
        opts = ["-Xms256m", "-Xmx1g", "-XX:+UseG1GC"] if heap else ["-Xmx256m"]
        return [
            java,
            *opts,
            f"-Dlog4j2.configurationFile={self.log4j}",
            "-cp",
            f"{self.jars}/*",
            main,
            *args,
        ]

    def format_storage(self) -> None:
        """Format the KRaft log directory once; later starts reuse it."""
        if (self.data / "meta.properties").exists():
            return
        cluster_id = (
            subprocess.run(
                self.java("kafka.tools.StorageTool", "random-uuid"),
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        scram: list[str] = []
        if self.sasl_user and self.sasl_password:
            for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512"):
                scram += [
                    "--add-scram",
                    f"{mechanism}=[name={self.sasl_user},password={self.sasl_password}]",
                ]
        proc = subprocess.run(
            self.java(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                cluster_id,
                "-c",
                str(self.properties),
                "--standalone",
                *scram,
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise LaunchError(f"formatting {self.data} failed:\n{proc.stdout}{proc.stderr}", 1)

    # -- lifecycle -----------------------------------------------------------------------
    def up(self, fresh: bool = False) -> int:
        """Start the broker; with ``fresh``, a stopped broker's data is wiped first."""
        pid = self.running_pid()
        if pid is not None:
            print(f"kafka already running (pid {pid}) at {self.bootstrap}")
            return 0
        for port in (self.port, self.controller_port, self.sasl_port):
            if port is not None and port_in_use(port):
                raise LaunchError(
                    f"port 127.0.0.1:{port} is already in use by another process; "
                    f"stop it or choose another port (--port / --controller-port)"
                )
        if fresh:
            # a broker that starts on the partitions of many earlier runs loads them all
            # before it serves the first consumer group (60-100 s seen here)
            shutil.rmtree(self.data, ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)
        self.resolve_jars()
        self.write_config()
        self.format_storage()
        stdout = (self.logs / "stdout.log").open("ab")
        proc = subprocess.Popen(
            self.java("kafka.Kafka", str(self.properties), heap=True),
            stdout=stdout,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C in the caller's terminal is ours to relay
        )
        self.pid_file.write_text(str(proc.pid))
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LaunchError(
                    f"kafka exited with status {proc.returncode} before it was ready; "
                    f"last log lines:\n{self.last_log_lines()}",
                    code=1,
                )
            if metadata_ok(self.bootstrap):
                print(f"kafka ready at {self.bootstrap} (pid {proc.pid}, data {self.data})")
                return 0
            time.sleep(0.5)  # poll interval of a bounded wait
        self.kill(proc.pid)
        raise LaunchError(
            f"kafka did not answer a metadata request within {READY_TIMEOUT_S:.0f}s; "
            f"last log lines:\n{self.last_log_lines()}",
            code=1,
        )

    def down(self) -> int:
        pid = self.running_pid()
        if pid is None:
            print("kafka is not running (nothing started from this folder)")
            return 0
        self.kill(pid)
        print(f"kafka stopped (pid {pid})")
        return 0

    def kill(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while time.monotonic() < deadline and pid_alive(pid):
            time.sleep(0.2)  # poll interval of a bounded wait
        if pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)

    def status(self) -> int:
        pid = self.running_pid()
        if pid is None:
            print("kafka: stopped")
            return 3
        state = "ready" if metadata_ok(self.bootstrap) else "starting or unresponsive"
        print(f"kafka: running (pid {pid}) at {self.bootstrap}, {state}; data {self.data}")
        return 0 if state == "ready" else 1

    def last_log_lines(self, n: int = 25) -> str:
        lines: list[str] = []
        for name in ("stdout.log", "server.log"):
            path = self.logs / name
            if path.exists():
                lines += path.read_text(errors="replace").splitlines()[-n:]
        return "\n".join(lines[-n:]) or "(no log output)"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        if state == "Z":  # a zombie has exited; only its parent has not reaped it
            return False
    return True


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def metadata_ok(bootstrap: str) -> bool:
    """True when the broker answers a metadata request (an open port is not enough)."""
    import logging

    from aiokafka.admin import AIOKafkaAdminClient

    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # refusals are expected here

    async def probe() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        try:
            await admin.start()
            await admin.list_topics()
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready yet"
            return False
        finally:
            with contextlib.suppress(Exception):
                await admin.close()

    return asyncio.run(asyncio.wait_for(probe(), timeout=10))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("KAFKA_PORT", 9092)))
    parser.add_argument("--controller-port", type=int, default=None, help="defaults to --port + 1")
    parser.add_argument(
        "--dir", type=Path, default=Path(os.environ.get("KAFKA_DIR", ".local/kafka"))
    )
    parser.add_argument(
        "--sasl-port",
        type=int,
        default=None,
        help="also listen with SASL_PLAINTEXT (SCRAM-SHA-256/512) on this port",
    )
    parser.add_argument(
        "--sasl-user",
        default=os.environ.get("KAFKA_SASL_USER"),
        help="SCRAM user created when the storage is first formatted",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="up: wipe the data of a stopped broker first (topics, offsets, users)",
    )
    args = parser.parse_args(argv)
    broker = Broker(
        args.dir,
        args.port,
        args.controller_port or args.port + 1,
        sasl_port=args.sasl_port,
        sasl_user=args.sasl_user,
        sasl_password=os.environ.get("KAFKA_SASL_PASSWORD"),
    )
    try:
        if args.command == "up":
            return broker.up(fresh=args.fresh)
        return {"down": broker.down, "status": broker.status}[args.command]()
    except LaunchError as exc:
        print(f"kafka launcher: error: {exc}", file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    sys.exit(main())
