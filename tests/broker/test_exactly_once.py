"""SIGKILL the worker at several points: no alert lost, none published twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.topics import Topic
from tests.broker.crashes import claims_done, statements, verdict
from tests.broker.harness import (
    Worker,
    await_until,
    make_worker,
    name,
    produce,
    settings_for,
    wait_until,
)

pytestmark = pytest.mark.broker
N = 3000


def alerts_logged(worker: Worker, since_line: int) -> int:
    return sum(1 for ln in worker.lines()[since_line:] if ln.get("event") == "alert raised")


async def test_sigkill_at_several_points_loses_and_duplicates_nothing(
    prefix: str, tmp_path: Path, workers: list[Worker]
) -> None:
    """Kills before readiness and after 1, 40, 300 and 900 alerts of a run; after the last
    restart every expected alert id is on the topic exactly once (read_committed) and
    the projection equals a clean replay of the claims log."""
    await produce(name(prefix, Topic.STATEMENTS), statements(N, seed=7))
    worker = make_worker(prefix, tmp_path)
    workers.append(worker)
    kills = 0

    worker.start()
    wait_until(
        lambda: any(ln.get("event") == "worker starting" for ln in worker.lines()),
        60,
        "the worker to start",
    )
    worker.kill()  # before it is ready: mid-recovery
    kills += 1
    for threshold in (1, 40, 300, 900):
        mark = len(worker.lines())
        worker.start()
        wait_until(
            lambda m=mark, t=threshold: alerts_logged(worker, m) >= t,
            120,
            f"{threshold} alerts before the kill\n{worker.tail()}",
            interval=0.02,
        )
        worker.kill()
        kills += 1
    worker.start().wait_ready()
    settings = settings_for(prefix)
    await await_until(lambda: claims_done(settings, N), 180, "every claim to be projected")

    result = await verdict(prefix)
    print(f"\nkills survived {kills}: {result.line()}")
    assert result.distinct_claims == N
    assert result.expected_alerts > 1000  # the stream really exercised the projector
    assert result.duplicates == 0
    assert result.missing == 0
    assert result.unexpected == 0
    assert result.projection_matches
