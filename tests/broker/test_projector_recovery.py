"""The projector survives a transactional producer that failed for good.

When the broker goes away in the middle of a batch, aiokafka's sender can stop with
"Unexpected error during batch delivery" and leave the producer's transaction state fatal:
it can neither abort nor begin again. A CI run of the broker-restart test showed the
projector crashing on exactly that (an AssertionError from aiokafka's state check when it
tried to abort). Here the same state is set on the real producer of a running projector:
it must own the partition again from the log (new producer, committed checkpoint) and
finish with every alert exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter

import pytest
from aiokafka.errors import KafkaError

from schemas.codec import decode_alert, encode
from services.core.replay import fold
from services.metrics import Metrics
from services.projector import Projector
from services.topics import Topic
from tests.broker.crashes import claims_done
from tests.broker.harness import (
    await_until,
    cli,
    name,
    produce,
    read_topic,
    settings_for,
    unique_prefix,
)
from tests.factories import position, registry

pytestmark = pytest.mark.broker


async def test_a_producer_in_a_fatal_state_is_replaced_and_nothing_is_lost(broker: str) -> None:
    prefix = unique_prefix()
    settings = settings_for(prefix, partitions=1)  # one partition: one producer to break
    assert cli(prefix, "topics", "create", env={"PEACEWATCH_PARTITIONS": "1"}).returncode == 0
    reg = registry()
    actors = [a.id for a in reg.actors][:10]
    stances = ["supports", "opposes", "conditional"]
    claims = [position(f"f{i}", actors[i % 10], stances[(i // 10) % 3], i) for i in range(600)]
    first, second = claims[:300], claims[300:]

    projector = Projector(settings, reg, Metrics())
    task = asyncio.create_task(projector.run())
    try:
        await produce(name(prefix, Topic.CLAIMS), [(c.issue.encode(), encode(c)) for c in first])
        await await_until(lambda: claims_done(settings, 300), 180, "the first claims projected")
        part = projector.parts[0]
        failed = part.producer
        # what the sender leaves behind when it dies mid-batch
        failed._txn_manager.fatal_error(KafkaError("Unexpected error during batch delivery"))

        await produce(name(prefix, Topic.CLAIMS), [(c.issue.encode(), encode(c)) for c in second])
        await await_until(lambda: claims_done(settings, 600), 180, "every claim projected")
        assert projector.crashed is None
        await await_until(
            lambda: asyncio.sleep(0, projector.ready), 30, "the projector ready again"
        )
        assert projector.parts[0].producer is not failed  # replaced, not reused
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    # exactly once: every alert a clean replay derives, none twice
    _, expected = fold(claims, reg, f"/peacewatch/{prefix}")
    published = [decode_alert(r.value).id for r in await read_topic(name(prefix, Topic.ALERTS))]
    assert Counter(published) == Counter(a.id for a in expected)
