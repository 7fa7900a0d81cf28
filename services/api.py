"""The read API's logic: parse parameters, query the read model, shape JSON. No I/O."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from schemas.base import Rfc3339, Severity
from schemas.issue_state import IssueState
from schemas.registry import Registry
from services.read_model import ReadModel

DATETIME: TypeAdapter[datetime] = TypeAdapter(Rfc3339)
MAX_LIMIT = 1000


class ApiError(Exception):
    """An error answered as JSON with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _time(query: Mapping[str, str], name: str) -> datetime | None:
    raw = query.get(name)
    if raw is None:
        return None
    try:
        return DATETIME.validate_python(raw)
    except ValidationError:
        raise ApiError(
            400,
            f"{name}: {raw!r} is not an RFC 3339 date-time with an offset, "
            f"e.g. 2026-01-06T12:00:00Z",
        ) from None


def _int(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}: {raw!r} is not an integer") from None
    if not low <= value <= high:
        raise ApiError(400, f"{name}: {value} is outside {low}..{high}")
    return value


def issue_state(model: ReadModel, registry: Registry, issue: str) -> IssueState:
    """The projection of one issue; an issue no claim has touched has its initial state."""
    state = model.issue(issue)
    if state is not None:
        return state
    idef = registry.issue(issue)
    if idef is None:
        known = ", ".join(i.id for i in registry.issues)
        raise ApiError(404, f"unknown issue {issue!r}; known issues: {known}")
    return IssueState(issue=idef.id, title=idef.title, status=idef.initial_status)


def list_issues(model: ReadModel, registry: Registry) -> dict[str, Any]:
    items = [issue_state(model, registry, i.id).model_dump(mode="json") for i in registry.issues]
    return {"items": items}


def get_issue(model: ReadModel, registry: Registry, issue: str) -> dict[str, Any]:
    return issue_state(model, registry, issue).model_dump(mode="json")


def timeline(
    model: ReadModel, registry: Registry, issue: str, query: Mapping[str, str]
) -> dict[str, Any]:
    issue_state(model, registry, issue)  # 404 for an unknown issue
    actor = query.get("actor")
    if actor is not None:
        resolved = registry.resolve_actor(actor)
        if resolved is None:
            raise ApiError(400, f"actor: {actor!r} is not in the registry")
        actor = resolved
    since, until = _time(query, "since"), _time(query, "until")
    limit = _int(query, "limit", 100, 1, MAX_LIMIT)
    offset = _int(query, "offset", 0, 0, 10**9)
    entries = model.timeline(issue, actor=actor, since=since, until=until)
    page = model.claims(entries[offset : offset + limit])
    nxt = offset + limit if offset + limit < len(entries) else None
    return {
        "issue": issue,
        "total": len(entries),
        "older_dropped": model.dropped.get(issue, 0),
        "offset": offset,
        "limit": limit,
        "next_offset": nxt,
        "items": [c.model_dump(mode="json") for c in page],
    }


def actor_positions(model: ReadModel, registry: Registry, actor: str) -> dict[str, Any]:
    resolved = registry.resolve_actor(actor)
    if resolved is None:
        raise ApiError(404, f"unknown actor {actor!r}")
    name = next(a.name for a in registry.actors if a.id == resolved)
    positions = {}
    for idef in registry.issues:
        state = model.issue(idef.id)
        if state is not None and resolved in state.positions:
            positions[idef.id] = state.positions[resolved].model_dump(mode="json")
    return {"actor": resolved, "name": name, "positions": positions}


def alerts(model: ReadModel, registry: Registry, query: Mapping[str, str]) -> dict[str, Any]:
    since = _time(query, "since")
    issue = query.get("issue")
    if issue is not None and registry.issue(issue) is None:
        raise ApiError(400, f"issue: {issue!r} is not in the registry")
    severity = query.get("severity")
    if severity is not None and severity not in {s.value for s in Severity}:
        raise ApiError(400, f"severity: {severity!r} is not one of info, warning, critical")
    limit = _int(query, "limit", 100, 1, MAX_LIMIT)
    matching = [
        a
        for a in model.alerts
        if (since is None or a.time >= since)
        and (issue is None or a.issue == issue)
        and (severity is None or a.severity == severity)
    ]
    matching.sort(key=lambda a: (a.time, a.alert_id), reverse=True)  # newest event time first
    return {"items": [json.loads(a.raw) for a in matching[:limit]]}
