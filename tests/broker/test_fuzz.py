"""Bad records interleaved with good ones through the real worker: it never stops, every bad
record is dead-lettered with a reason, every good record is projected. `make fuzz` sends
10,000 records; `make test` a few hundred."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from schemas.codec import decode_claim, decode_dead_letter
from services.topics import Topic
from tests.broker.crashes import claims_done
from tests.broker.harness import Worker, await_until, name, produce, read_topic, settings_for

pytestmark = pytest.mark.broker
ACTORS = ["RU", "UA", "US", "GB", "FR", "Kremlin", "Elysee", "Downing Street"]
ISSUES = ["nato_troops", "ceasefire", "security_guarantees", "military_hubs"]


def good(i: int, rng: random.Random) -> dict[str, object]:
    return {
        "id": f"g{i}",
        "occurred_at": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
        "actor": rng.choice(ACTORS),
        "text": "ok",
        "source": {"name": "W", "url": f"https://e.org/{i}"},
        "issue": rng.choice(ISSUES),
        "stance": rng.choice(["supports", "conditional", "undecided", "opposes"]),
    }


def bad(i: int, rng: random.Random) -> tuple[bytes, str]:
    """One bad record and the dead-letter reason it must get."""
    base = good(i, rng) | {"id": f"x{i}"}
    kind = rng.randrange(10)
    if kind == 0:
        return b"{" + bytes(rng.randrange(32, 127) for _ in range(rng.randrange(1, 50))), "not_json"
    if kind == 1:
        return b'{"id": "' + bytes([0xC3, 0x28, 0xFF]) + b'"}', "not_utf8"
    if kind == 2:
        return json.dumps(base | {"text": rng.randrange(10**6)}).encode(), "invalid"
    if kind == 3:
        return json.dumps(base | {"text": "z" * 300_000}).encode(), "oversized"
    if kind == 4:
        depth = rng.randrange(40, 200)
        return ('{"a":' * depth + "1" + "}" * depth).encode(), "invalid"
    if kind == 5:
        return json.dumps(base | {"actor": f"Nobody-{i}"}).encode(), "unknown_actor"
    if kind == 6:
        return json.dumps(
            base
            | {
                "occurred_at": rng.choice(
                    ["0000-01-01T00:00:00Z", "2026-13-45T99:00:00Z", "2026-01-01T00:00:00"]
                )
            }
        ).encode(), "invalid"
    if kind == 7:
        return b"", "empty"
    if kind == 8:
        return json.dumps(base | {"issue": f"issue-{i}"}).encode(), "unknown_issue"
    return json.dumps([base]).encode(), "invalid"


async def test_bad_records_never_stop_the_worker(
    prefix: str, worker: Worker, request: pytest.FixtureRequest
) -> None:
    """Every bad record is dead-lettered with its reason; every good one becomes a claim and
    is projected; duplicates of good ids change nothing; the worker never dies, and is ready
    again once its read model has read the burst's last alerts."""
    total = int(request.config.getoption("--fuzz-records"))
    rng = random.Random(7)
    records: list[tuple[bytes | None, bytes | None]] = []
    expected_reasons: dict[str, str] = {}
    good_ids: set[str] = set()
    for i in range(total):
        roll = rng.random()
        if roll < 0.5:
            body = good(i, rng)
            good_ids.add(str(body["id"]))
            records.append((str(body["id"]).encode(), json.dumps(body).encode()))
        elif roll < 0.55 and good_ids:
            dup = sorted(good_ids)[rng.randrange(len(good_ids))]  # a duplicate delivery
            records.append(next(r for r in records if r[0] == dup.encode()))
        else:
            value, reason = bad(i, rng)
            expected_reasons[f"x{i}"] = reason
            records.append((f"x{i}".encode(), value))
    await produce(name(prefix, Topic.STATEMENTS), records)

    dead = await read_topic(
        name(prefix, Topic.DEADLETTER), min_count=len(expected_reasons), timeout=300
    )
    got = {r.key.decode(): decode_dead_letter(r.value).reason.value for r in dead}
    assert got == expected_reasons
    settings = settings_for(prefix)
    await await_until(lambda: claims_done(settings, len(good_ids)), 300, "good records projected")
    claims = await read_topic(name(prefix, Topic.CLAIMS), committed=False)
    assert {decode_claim(r.value).id.split("#")[0] for r in claims} == good_ids
    # readiness includes the read model's lag: the moment the projector has committed the
    # last claim, the read model may still be reading that claim's alerts (fails at once if
    # the worker exited)
    worker.wait_ready(30)
    assert worker.proc is not None and worker.proc.poll() is None
    print(
        f"\nfuzz: {total} records, {len(good_ids)} good, {len(expected_reasons)} bad "
        f"({dict(Counter(expected_reasons.values()))}), all accounted for"
    )
