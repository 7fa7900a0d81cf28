"""The contract: schemas exported and current, AsyncAPI consistent, decoding and upcasting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from schemas.codec import DecodeError, decode_news, decode_statement, encode
from schemas.deadletter import Reason
from schemas.export import JSON_DIR, MODELS, schema_documents
from services.settings import Settings
from services.topics import SPECS, topic_name
from tests.factories import statement

ASYNCAPI = Path(__file__).resolve().parents[2] / "schemas" / "asyncapi.yaml"


def test_committed_json_schemas_are_current() -> None:
    """Each file in schemas/json equals what `peacewatch schemas export` writes now."""
    for filename, text in schema_documents().items():
        committed = (JSON_DIR / filename).read_text(encoding="utf-8")
        assert committed == text, f"{filename} is stale: run `make schemas`"
    assert sorted(p.name for p in JSON_DIR.glob("*.json")) == sorted(schema_documents())


def test_asyncapi_covers_every_topic_with_current_schemas() -> None:
    """Every contract topic is a channel whose message payload is the exported schema."""
    doc = yaml.safe_load(ASYNCAPI.read_text(encoding="utf-8"))
    assert doc["asyncapi"].startswith("3.")
    addresses = {ch["address"] for ch in doc["channels"].values()}
    assert addresses == {topic_name(Settings(), s.topic) for s in SPECS if not s.internal}
    messages = doc["components"]["messages"]
    assert set(messages) == set(MODELS)
    for stem, message in messages.items():
        ref = message["payload"]["$ref"]
        schema = json.loads((ASYNCAPI.parent / ref).read_text(encoding="utf-8"))
        assert schema == json.loads(schema_documents()[f"{stem}.json"])
        for example in message["examples"]:
            jsonschema.validate(example["payload"], schema)
    for op in doc["operations"].values():
        target = op["channel"]["$ref"].removeprefix("#/channels/")
        assert target in doc["channels"]


def test_asyncapi_example_that_breaks_schema_is_caught() -> None:
    """The schema check is real: a payload missing a required field fails validation."""
    schema = json.loads((JSON_DIR / "Statement.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x"}, schema)


def test_v1_statement_without_speaker_is_upcast() -> None:
    """A version-1 statement (no speaker field) is read by the v2 code as speaker=None."""
    v1 = statement("s-v1", "Kremlin", schema_version=1)
    assert "speaker" not in v1
    decoded = decode_statement(json.dumps(v1).encode())
    assert decoded.schema_version == 2
    assert decoded.speaker is None
    # a v1 record that already carries `speaker` would be invalid v1: upcasting resets it
    assert decode_statement(encode(decoded)).speaker is None


def test_v2_statement_round_trips() -> None:
    """Encoding then decoding gives the same statement."""
    st = decode_statement(json.dumps(statement("s", "RU", speaker="Peskov")).encode())
    assert decode_statement(encode(st)) == st


@pytest.mark.parametrize(
    ("raw", "reason", "detail"),
    [
        (b"", Reason.EMPTY, "no value"),
        (None, Reason.EMPTY, "no value"),
        (b"\xff\xfe{", Reason.NOT_UTF8, "byte 0"),
        (b"{not json", Reason.NOT_JSON, "line 1"),
        (b"[1, 2]", Reason.INVALID, "expected a JSON object"),
        (b'{"id": 5}', Reason.INVALID, "id: Input should be a valid string"),
        (b"[" * 100 + b"]" * 100, Reason.INVALID, "expected a JSON object"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, Reason.INVALID, "nested deeper"),
        (b'{"x": "' + b"a" * 300_000 + b'"}', Reason.OVERSIZED, "over the limit"),
    ],
)
def test_bad_bytes_give_a_reason_and_a_clear_detail(
    raw: bytes | None, reason: Reason, detail: str
) -> None:
    """Each kind of bad record is named with its reason code and a readable detail."""
    with pytest.raises(DecodeError) as info:
        decode_news(raw, max_bytes=256 * 1024)
    assert info.value.reason is reason
    assert detail in info.value.detail


def test_naive_datetime_is_rejected_naming_the_field() -> None:
    """Event times must be RFC 3339 with an offset; the error names the field."""
    bad: dict[str, Any] = statement("s", "RU", occurred_at="2026-01-06T09:00:00")
    with pytest.raises(DecodeError, match="occurred_at: Input should have timezone info"):
        decode_statement(json.dumps(bad).encode())


def test_pre_coded_needs_stance_or_status_not_both() -> None:
    """A statement coded with both a stance and a status is rejected."""
    bad = statement("s", "RU", issue="ceasefire", stance="opposes", status="proposed")
    with pytest.raises(DecodeError, match="not both"):
        decode_statement(json.dumps(bad).encode())


@pytest.mark.parametrize("value", [0, 1767225600, "1767225600", "0.5", "2026-01-06"])
def test_event_time_must_be_rfc3339_text(value: object) -> None:
    """Numbers and numeric strings are not read as epoch seconds; a bare date is refused."""
    bad = statement("s", "RU", occurred_at=value)
    with pytest.raises(DecodeError, match="occurred_at"):
        decode_statement(json.dumps(bad).encode())
