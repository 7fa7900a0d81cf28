"""Records the benchmark feeds: ~1 KB pre-coded statements and ~3 KB articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

STANCES = ["supports", "conditional", "undecided", "opposes"]
T0 = datetime(2026, 1, 1, tzinfo=UTC)
PAD = (
    "Officials described the talks as constructive but said no decision had been taken on "
    "the sequencing of the next steps, which would depend on consultations with allies. "
)


def statement(
    i: int, actors: list[str], issues: list[str], *, changing: bool = True
) -> tuple[bytes, bytes]:
    """Statement ``i``: every one changes its pair's stance, so every one raises an alert."""
    pairs = len(actors) * len(issues)
    pair = i % pairs
    actor, issue = actors[pair % len(actors)], issues[pair // len(actors)]
    stance = STANCES[(i // pairs) % 4] if changing else STANCES[i % 4]
    body = {
        "id": f"b{i}",
        "occurred_at": (T0 + timedelta(seconds=i)).isoformat(),
        "actor": actor,
        "speaker": "Bench Speaker",
        "issue": issue,
        "stance": stance,
        "text": (f"{actor} on {issue}: {stance}. " + PAD * 6)[:900],
        "source": {"name": "Bench Wire", "url": f"https://example.org/bench/{i}"},
    }
    return body["id"].encode(), json.dumps(body).encode()


def articles(n: int, corpus: Path) -> list[dict[str, object]]:
    """``n`` articles of about 3 KB built from the dev corpus' texts."""
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines() if line]
    out = []
    for i in range(n):
        body, k = "", i
        while len(body) < 3000:
            body += texts[k % len(texts)] + " "
            k += 7
        out.append(
            {
                "id": f"a{i}",
                "published_at": T0.isoformat(),
                "source": {"name": "Bench", "url": f"https://example.org/a/{i}"},
                "headline": "bench",
                "body": body[:3100],
            }
        )
    return out
