"""News through the real worker: extraction, stories as one origin, corroboration."""

from __future__ import annotations

import json

import pytest

from schemas.codec import decode_claim
from services.topics import Topic
from tests.broker.harness import Worker, await_until, name, produce, read_topic, values

pytestmark = pytest.mark.broker

COPY_A = (
    "Russia will never accept NATO troops in Ukraine, Kremlin spokesman Dmitry Peskov "
    "said on Monday, adding that any such deployment would be treated as a threat."
)
COPY_B = (
    "Russia will never accept NATO troops in Ukraine, Kremlin spokesman Dmitry Peskov "
    "said on Monday, adding that any deployment of that kind would be seen as a threat."
)
OTHER = (
    "Foreign Minister Sergei Lavrov told a news conference in Ankara that European "
    "peacekeepers in Ukraine were unacceptable to Moscow under any circumstances."
)


def article(event: str, body: str, day: int) -> tuple[bytes, bytes]:
    return event.encode(), json.dumps(
        {
            "id": event,
            "published_at": f"2026-01-{day:02d}T10:00:00Z",
            "source": {"name": f"Outlet {event}", "url": f"https://e.org/{event}"},
            "headline": "Kremlin on troops",
            "body": body,
        }
    ).encode()


async def test_syndicated_copies_wait_for_an_independent_origin(
    prefix: str, worker: Worker
) -> None:
    """Two copies of one story are one origin: held, no alert. A different story with the
    same position corroborates it: the position moves and one alert is raised."""
    news = name(prefix, Topic.NEWS)
    await produce(news, [article("n-a", COPY_A, 5), article("n-b", COPY_B, 5)])
    claims = [
        decode_claim(r.value) for r in await read_topic(name(prefix, Topic.CLAIMS), min_count=2)
    ]
    assert {(c.actor, c.issue, getattr(c, "stance", None)) for c in claims} == {
        ("RU", "nato_troops", "opposes")
    }
    [origin] = {c.origins for c in claims}  # one origin: whichever copy was seen first
    assert origin in {("n-a",), ("n-b",)}
    assert all(c.producer.startswith("peacewatch-rules/") for c in claims)
    status, state = worker.get("/issues/nato_troops")
    assert status == 200
    assert "RU" not in state["positions"]  # held: one origin is not corroboration

    await produce(news, [article("n-c", OTHER, 6)])

    async def alerted() -> list[dict[str, object]]:
        return values(await read_topic(name(prefix, Topic.ALERTS)))

    [alert] = await await_until(alerted, 60, "the corroborated alert")
    assert alert["subject"] == "nato_troops/RU"
    data = alert["data"]
    assert isinstance(data, dict)
    assert data["current"]["stance"] == "opposes"
    assert {e["event_id"] for e in data["current"]["evidence"]} == {"n-a", "n-b", "n-c"}
