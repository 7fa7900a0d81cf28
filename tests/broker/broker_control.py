"""Stop and start the test broker itself (the launcher `make test` started it with)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.broker.harness import REPO


def launcher(command: str) -> subprocess.CompletedProcess[str]:
    port = os.environ.get("PEACEWATCH_TEST_KAFKA_PORT", "19092")
    directory = os.environ.get("PEACEWATCH_TEST_KAFKA_DIR", str(REPO / ".local/kafka-test"))
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "deploy/kafka/launcher.py"),
            command,
            "--port",
            port,
            "--dir",
            directory,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def broker_down() -> None:
    result = launcher("down")
    assert result.returncode == 0, result.stderr


def broker_up() -> None:
    result = launcher("up")
    assert result.returncode == 0, result.stdout + result.stderr
