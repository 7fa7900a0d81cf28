"""Ingestion and dead letters on the real broker: nothing invalid is lost or kills a worker."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from schemas.codec import decode_claim, decode_dead_letter
from services.topics import Topic
from tests.broker.harness import Worker, cli, name, produce, read_topic, values
from tests.factories import statement

pytestmark = pytest.mark.broker


def coded(event: str, actor: str = "Kremlin", stance: str = "opposes") -> bytes:
    return json.dumps(statement(event, actor, issue="nato_troops", stance=stance)).encode()


BAD_RECORDS: list[tuple[str, bytes, str]] = [
    ("bad-json", b"{this is not json", "not_json"),
    ("bad-utf8", b'{"id": "\xff\xfe"}', "not_utf8"),
    ("bad-type", json.dumps(statement("bad-type", "RU") | {"text": 42}).encode(), "invalid"),
    ("bad-missing", json.dumps({"id": "bad-missing"}).encode(), "invalid"),
    ("bad-actor", json.dumps(statement("bad-actor", "Narnia")).encode(), "unknown_actor"),
    (
        "bad-issue",
        json.dumps(statement("bad-issue", "RU", issue="moon", stance="opposes")).encode(),
        "unknown_issue",
    ),
    ("bad-empty", b"", "empty"),
    (
        "bad-huge",
        json.dumps(statement("bad-huge", "RU") | {"text": "x" * 300_000}).encode(),
        "oversized",
    ),
    ("bad-nested", b'{"a":' * 50 + b"1" + b"}" * 50, "invalid"),
]


async def test_every_bad_record_is_dead_lettered_and_good_ones_flow(
    prefix: str, worker: Worker
) -> None:
    """Each bad record lands in the dead-letter topic with reason, bytes and origin; the
    good records before and after it become claims; the worker stays ready."""
    topic = name(prefix, Topic.STATEMENTS)
    records: list[tuple[bytes | None, bytes | None]] = [(b"good-1", coded("good-1"))]
    records += [(key.encode(), value) for key, value, _ in BAD_RECORDS]
    records += [(b"good-2", coded("good-2", "Macron", "supports"))]
    await produce(topic, records)

    dead = await read_topic(name(prefix, Topic.DEADLETTER), min_count=len(BAD_RECORDS))
    letters = {r.key.decode(): decode_dead_letter(r.value) for r in dead}
    assert set(letters) == {key for key, _, _ in BAD_RECORDS}
    for key, value, reason in BAD_RECORDS:
        letter = letters[key]
        assert letter.reason.value == reason, (key, letter.detail)
        assert base64.b64decode(letter.value_b64) == value
        assert letter.origin.topic == topic
        assert letter.key == key
        assert letter.detail
    claims = await read_topic(name(prefix, Topic.CLAIMS), min_count=2)
    assert sorted(decode_claim(r.value).id for r in claims) == [
        "good-1#nato_troops#RU",
        "good-2#nato_troops#FR",
    ]
    worker.wait_ready(30)  # the read model may still be reading the last alerts
    warnings = [ln for ln in worker.lines() if ln.get("event") == "record dead-lettered"]
    assert {ln["reason"] for ln in warnings} == {reason for _, _, reason in BAD_RECORDS}
    assert all(ln["level"] == "warning" and "offset" in ln for ln in warnings)


async def test_publish_reports_bad_lines_and_sends_only_good_ones(
    prefix: str, tmp_path: Path
) -> None:
    """publish names file, line and field of each bad line, sends the rest, exits 1."""
    path = tmp_path / "statements.jsonl"
    lines = [
        json.dumps(statement("p1", "Kremlin", issue="nato_troops", stance="opposes")),
        "",
        json.dumps(statement("p2", "RU") | {"occurred_at": "yesterday"}),
        "{broken",
        json.dumps(statement("p3", "Elysee")),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = cli(prefix, "publish", "statements", str(path))
    assert result.returncode == 1
    assert f"{path}:3: invalid: occurred_at:" in result.stderr
    assert f"{path}:4: not_json:" in result.stderr
    assert "published 2, rejected 2" in result.stdout
    sent = await read_topic(name(prefix, Topic.STATEMENTS), min_count=2)
    assert sorted(r.key for r in sent) == [b"p1", b"p3"]


async def test_publish_from_stdin_succeeds_with_exit_zero(prefix: str) -> None:
    """`publish news -` reads stdin and exits 0 when every line is valid."""
    article = {
        "id": "a1",
        "published_at": "2026-01-06T10:00:00+01:00",
        "source": {"name": "Wire", "url": "https://e.org/a1"},
        "headline": "Talks",
        "body": "Leaders met in Paris.",
    }
    result = cli(prefix, "publish", "news", "-", stdin=json.dumps(article) + "\n")
    assert result.returncode == 0, result.stderr
    assert "published 1, rejected 0" in result.stdout
    [record] = await read_topic(name(prefix, Topic.NEWS), min_count=1)
    assert json.loads(record.value)["id"] == "a1"


def post(worker: Worker, path: str, body: bytes) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(
        worker.url + path,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


async def test_http_ingest_accepts_valid_and_explains_invalid(prefix: str, worker: Worker) -> None:
    """POST /ingest/statements: 202 with ids; 422 per-item reasons; 400 for a non-JSON body."""
    ok = [
        statement("h1", "Kremlin", issue="ceasefire", stance="conditional"),
        statement("h2", "Kyiv", issue="ceasefire", stance="supports"),
    ]
    status, body = post(worker, "/ingest/statements", json.dumps(ok).encode())
    assert (status, body) == (202, {"accepted": ["h1", "h2"]})
    status, body = post(
        worker,
        "/ingest/statements",
        json.dumps([statement("h3", "RU"), statement("h4", "Atlantis")]).encode(),
    )
    assert status == 422
    assert body["items"] == [
        {
            "index": 1,
            "id": "h4",
            "reason": "unknown_actor",
            "detail": "actor: 'Atlantis' is not in the registry",
        }
    ]
    status, body = post(worker, "/ingest/news", b"<xml/>")
    assert status == 400
    assert "not JSON" in str(body["error"])
    sent = await read_topic(name(prefix, Topic.STATEMENTS), min_count=2)
    assert sorted(r.key for r in sent) == [b"h1", b"h2"]
    claims = values(await read_topic(name(prefix, Topic.CLAIMS), min_count=2))
    assert {c["actor"] for c in claims} == {"RU", "UA"}
