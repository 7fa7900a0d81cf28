"""The HTTP API on the real broker: every endpoint, its errors, auth, metrics, two workers."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from prometheus_client.parser import text_string_to_metric_families
from schemathesis.checks import not_a_server_error, positive_data_acceptance

from services.openapi import build_openapi
from services.web import MAX_BODY_BYTES
from tests.broker.crashes import claims_done
from tests.broker.harness import (
    REPO,
    Worker,
    bootstrap,
    cli,
    make_worker,
    settings_for,
    unique_prefix,
    wait_until,
)
from tests.factories import registry

pytestmark = pytest.mark.broker
SAMPLE = REPO / "deploy" / "sample" / "paris-2026.jsonl"
SAMPLE_ROWS = [json.loads(line) for line in SAMPLE.read_text().splitlines() if line.strip()]
TOKEN = "s3cret-token-for-tests"
REG = registry()


def fetch(worker: Worker, path: str, token: str | None = None) -> tuple[int, Any]:
    return worker.get(path, token)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A prefix holding the sample scenario (published once for the module)."""
    from tests.conftest import _broker_answers

    if not _broker_answers():
        pytest.fail(f"no Kafka broker answers at {bootstrap()}: run `make test`")
    prefix = unique_prefix()
    assert cli(prefix, "topics", "create").returncode == 0
    result = cli(prefix, "publish", "statements", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    return prefix, tmp_path_factory.mktemp("api")


def settled_worker(prefix: str, tmp: Path, **env: str) -> Worker:
    worker = make_worker(prefix, tmp, **env)
    worker.start().wait_ready()
    stances = sum(1 for r in SAMPLE_ROWS if "stance" in r)

    def all_claims_in_timelines() -> bool:
        total = 0
        for issue in {r["issue"] for r in SAMPLE_ROWS}:
            status, body = worker.get(f"/issues/{issue}/timeline?limit=1000", env.get("TOKEN"))
            total += body["total"] if status == 200 else 0
        return total == len(SAMPLE_ROWS) and stances > 0

    wait_until(all_claims_in_timelines, 60, "every sample claim in the read model")
    wait_until(
        lambda: asyncio.run(claims_done(settings_for(prefix), len(SAMPLE_ROWS))),
        60,
        "every sample claim to be projected",
    )
    wait_until(
        lambda: (
            len(worker.get("/issues", env.get("TOKEN"))[1]["items"]) == 8
            and worker.get("/issues/ceasefire")[1].get("status") != "none"
        ),
        60,
        "the projection in the read model",
    )
    return worker


@pytest.fixture(scope="module")
def api(scenario: tuple[str, Path]) -> Iterator[Worker]:
    """A ready worker whose read model holds the whole sample scenario."""
    prefix, tmp = scenario
    worker = settled_worker(prefix, tmp)
    yield worker
    worker.stop()


def test_issues_lists_every_registry_issue_with_positions(api: Worker) -> None:
    """GET /issues: all eight issues, with the sample's positions and statuses."""
    status, body = fetch(api, "/issues")
    assert status == 200
    by_id = {i["issue"]: i for i in body["items"]}
    assert len(by_id) == 8
    assert by_id["nato_troops"]["positions"]["RU"]["stance"] == "opposes"
    assert by_id["ceasefire"]["status"] == "negotiating"
    assert by_id["nato_membership"]["positions"] == {}  # untouched issue, initial state


def test_issue_shows_evidence_and_since(api: Worker) -> None:
    """GET /issues/{issue}: each position with since-when and evidence with a source URL."""
    status, body = fetch(api, "/issues/security_guarantees")
    assert status == 200
    us = body["positions"]["US"]
    assert us["stance"] == "opposes"
    assert us["since"] == "2026-02-10T12:00:00Z"
    assert us["evidence"][0]["source"]["url"] == "https://example.org/sample/paris-22"


def test_timeline_is_event_ordered_filtered_and_paginated(api: Worker) -> None:
    """GET /issues/{issue}/timeline: event-time order, actor/since/until filters, pages."""
    status, body = fetch(api, "/issues/nato_troops/timeline")
    assert status == 200
    times = [c["occurred_at"] for c in body["items"]]
    assert times == sorted(times)
    assert body["total"] == sum(1 for r in SAMPLE_ROWS if r["issue"] == "nato_troops")
    _, de = fetch(api, "/issues/nato_troops/timeline?actor=Merz")
    assert [c["stance"] for c in de["items"]] == ["undecided", "conditional"]
    _, window = fetch(
        api, "/issues/nato_troops/timeline?since=2026-01-07T00:00:00Z&until=2026-01-10T00:00:00Z"
    )
    assert {c["actor"] for c in window["items"]} == {"IT", "PL"}
    _, page1 = fetch(api, "/issues/nato_troops/timeline?limit=2")
    _, page2 = fetch(api, f"/issues/nato_troops/timeline?limit=2&offset={page1['next_offset']}")
    assert [c["id"] for c in page1["items"] + page2["items"]] == [
        c["id"] for c in body["items"][:4]
    ]


def test_actor_by_id_or_alias(api: Worker) -> None:
    """GET /actors/{actor}: the actor's position on every issue it has one on."""
    status, body = fetch(api, "/actors/Kremlin")
    assert status == 200
    assert body["actor"] == "RU"
    assert {k: v["stance"] for k, v in body["positions"].items()} == {
        "nato_troops": "opposes",
        "ceasefire": "conditional",
        "military_hubs": "opposes",
        "ceasefire_monitoring": "opposes",
        "army_size_financing": "opposes",
    }


def test_alerts_newest_first_and_filtered(api: Worker) -> None:
    """GET /alerts: newest event time first; issue, severity, since and limit filter."""
    status, body = fetch(api, "/alerts?limit=1000")
    assert status == 200
    assert len(body["items"]) >= 20
    times = [a["time"] for a in body["items"]]
    assert times == sorted(times, reverse=True)
    _, critical = fetch(api, "/alerts?severity=critical")
    assert [(a["subject"], a["data"]["current"]["stance"]) for a in critical["items"]] == [
        ("security_guarantees/US", "opposes")
    ]
    _, ceasefire = fetch(api, "/alerts?issue=ceasefire&since=2026-01-01T00:00:00Z")
    assert [(a["subject"], a["time"]) for a in ceasefire["items"]] == [
        ("ceasefire/UA", "2026-02-02T12:00:00Z"),
        ("ceasefire", "2026-01-27T12:00:00Z"),
        ("ceasefire", "2026-01-20T12:00:00Z"),
    ]  # RU's position of 2025-12-19 is before since
    _, one = fetch(api, "/alerts?limit=1")
    assert len(one["items"]) == 1


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/issues/moon_base", 404, "unknown issue 'moon_base'"),
        ("/issues/moon_base/timeline", 404, "unknown issue"),
        ("/actors/Atlantis", 404, "unknown actor 'Atlantis'"),
        ("/issues/ceasefire/timeline?since=yesterday", 400, "since: 'yesterday' is not"),
        ("/issues/ceasefire/timeline?limit=0", 400, "limit: 0 is outside 1..1000"),
        ("/issues/ceasefire/timeline?offset=x", 400, "offset: 'x' is not an integer"),
        ("/issues/ceasefire/timeline?actor=Atlantis", 400, "actor: 'Atlantis'"),
        ("/alerts?severity=urgent", 400, "severity: 'urgent' is not one of"),
        ("/alerts?issue=moon", 400, "issue: 'moon' is not in the registry"),
    ],
)
def test_errors_are_json_and_say_what_was_wrong(
    api: Worker, path: str, status: int, message: str
) -> None:
    """Unknown names give 404, bad parameters 400, each with a JSON message."""
    got, body = fetch(api, path)
    assert got == status
    assert message in body["error"]


def test_health_readiness_and_openapi(api: Worker) -> None:
    """/healthz is ok, /readyz reports its checks, /openapi.json is the built document."""
    assert fetch(api, "/healthz") == (200, {"status": "ok"})
    status, ready = fetch(api, "/readyz")
    assert status == 200
    assert all(ready["checks"].values())
    assert fetch(api, "/openapi.json") == (200, json.loads(json.dumps(build_openapi(REG))))


def test_metrics_parse_and_count_what_happened(api: Worker) -> None:
    """/metrics is Prometheus text whose counters match the scenario."""
    req = urllib.request.Request(api.url + "/metrics")
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert resp.headers["Content-Type"].startswith("text/plain")
        text = resp.read().decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    _, alerts = fetch(api, "/alerts?limit=1000")
    alert_total = sum(
        s.value
        for s in families["peacewatch_alerts"].samples
        if s.name == "peacewatch_alerts_total"
    )
    assert alert_total == len(alerts["items"])
    claims = sum(
        s.value
        for s in families["peacewatch_claims"].samples
        if s.name == "peacewatch_claims_total" and s.labels["producer"] == "pre-coded"
    )
    assert claims == len(SAMPLE_ROWS)
    for name in (
        "peacewatch_records_consumed",
        "peacewatch_deadletters",
        "peacewatch_consumer_lag",
        "peacewatch_processing_seconds",
        "peacewatch_read_model_lag_seconds",
        "peacewatch_records_unextracted",
    ):
        assert name in families
    lag = [s.value for s in families["peacewatch_read_model_lag_seconds"].samples]
    assert lag == [0.0]


def test_token_guards_everything_but_healthz(scenario: tuple[str, Path]) -> None:
    """With PEACEWATCH_API_TOKEN set: 401 without or with a wrong token, 200 with it."""
    prefix, tmp = scenario
    worker = make_worker(prefix, tmp, PEACEWATCH_API_TOKEN=TOKEN)
    worker.start()
    try:
        wait_until(lambda: worker.get("/readyz", TOKEN)[0] == 200, 90, "authed readiness")
        assert fetch(worker, "/healthz")[0] == 200
        for path in ("/issues", "/issues/ceasefire", "/alerts", "/metrics", "/readyz"):
            assert fetch(worker, path)[0] == 401, path
            assert fetch(worker, path, "wrong")[0] == 401, path
            assert fetch(worker, path, TOKEN)[0] == 200, path
        assert TOKEN not in worker.log_path.read_text()
    finally:
        worker.stop()


def test_two_workers_in_one_group_both_answer_for_every_issue(
    scenario: tuple[str, Path], api: Worker
) -> None:
    """A second worker in the same group serves every issue identically to the first."""
    prefix, tmp = scenario
    second = settled_worker(prefix, tmp)
    try:
        for issue in (
            "security_guarantees",
            "nato_troops",
            "military_hubs",
            "ceasefire",
            "ceasefire_monitoring",
            "army_size_financing",
            "binding_commitments",
            "nato_membership",
        ):
            a, b = fetch(api, f"/issues/{issue}"), fetch(second, f"/issues/{issue}")
            assert a[0] == b[0] == 200
            assert a[1] == b[1], issue
    finally:
        second.stop()


SCHEMA = schemathesis.openapi.from_dict(build_openapi(REG))


@SCHEMA.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case: Any, api: Worker) -> None:
    """Generated requests get responses that match the documented status codes and schemas."""
    excluded: list[Any] = []
    if case.path.startswith("/ingest"):
        case.headers = {**(case.headers or {}), "Content-Type": "application/json"}
        # A schema-valid statement can still name an actor or issue the registry does not
        # know, or be coded with a stance but no issue: JSON Schema cannot say either, and
        # the documented answer is 422 with reasons per item.
        excluded = [positive_data_acceptance]
    if case.path == "/readyz":
        excluded.append(not_a_server_error)  # 503 is readiness's documented "not yet"
    response = case.call(base_url=api.url)
    if response.status_code == 413:
        # Documented: bodies over 1 MiB are refused before validation, valid or not.
        assert len(response.request.body or b"") > MAX_BODY_BYTES
        return
    case.validate_response(response, excluded_checks=excluded)


def test_ingest_needs_a_token_when_bound_beyond_loopback(scenario: tuple[str, Path]) -> None:
    """Bound to 0.0.0.0 without PEACEWATCH_API_TOKEN, ingest answers 403; reads still work."""
    prefix, tmp = scenario
    worker = make_worker(prefix, tmp, PEACEWATCH_HTTP_HOST="0.0.0.0")
    worker.start()
    try:
        worker.wait_ready()
        body = json.dumps(
            {
                "id": "t",
                "occurred_at": "2026-01-01T00:00:00Z",
                "actor": "RU",
                "text": "x",
                "source": {"name": "a", "url": "https://e.org"},
            }
        )
        req = urllib.request.Request(
            worker.url + "/ingest/statements",
            data=body.encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            urllib.request.urlopen(req, timeout=10)
            status = 202
        except urllib.error.HTTPError as exc:
            status = exc.code
            message = json.loads(exc.read())["error"]
        assert status == 403
        assert "PEACEWATCH_API_TOKEN" in message
        assert fetch(worker, "/issues")[0] == 200
    finally:
        worker.stop()
