"""Logs: one JSON renderer for ours and the libraries', secrets redacted, context kept."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest
import structlog
from structlog.testing import capture_logs

from services.logs import REDACTED, configure, get_logger, redact_secrets
from services.metrics import Metrics
from services.read_model import ReadModel, ReadModelFeeder
from services.settings import Settings
from services.topics import Topic


def test_redact_secrets_replaces_secret_looking_fields() -> None:
    """Fields named like passwords, tokens or secrets never reach the output."""
    event = redact_secrets(
        None,
        "info",
        {
            "event": "x",
            "api_token": "abc",
            "password": "p",
            "sasl_plain_password": "q",
            "topic": "t",
        },
    )
    assert event == {
        "event": "x",
        "api_token": REDACTED,
        "password": REDACTED,
        "sasl_plain_password": REDACTED,
        "topic": "t",
    }


def test_stdlib_and_structlog_render_as_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    """A library's stdlib log and ours both come out as JSON lines, redacted."""
    configure(Settings(log_level="INFO", log_format="json"))
    try:
        logging.getLogger("aiokafka").warning("library says %s", "hello")
        get_logger("peacewatch.test").info("ours", topic="t", partition=1, token="s3cret")
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    finally:
        structlog.reset_defaults()
        logging.getLogger().handlers.clear()
    assert [ln["event"] for ln in lines] == ["library says hello", "ours"]
    assert lines[0]["logger"] == "aiokafka" and lines[0]["level"] == "warning"
    assert lines[1]["token"] == REDACTED
    assert "s3cret" not in json.dumps(lines)


def test_skipped_read_model_record_is_logged_with_its_origin() -> None:
    """A record the read model cannot decode is logged once with topic, partition, offset."""
    feeder = ReadModelFeeder(Settings(), Metrics(), ReadModel())
    record = SimpleNamespace(topic="p.claims", partition=2, offset=41, value=b"{nope")
    with capture_logs() as logs:
        feeder._apply(Topic.CLAIMS, record)
    assert logs == [
        {
            "event": "read model skipped a record",
            "log_level": "warning",
            "topic": "p.claims",
            "partition": 2,
            "offset": 41,
            "detail": "Expecting property name enclosed in double quotes at line 1 column 2",
        }
    ]
