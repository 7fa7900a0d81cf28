"""OpenAPI 3.1 for the HTTP API, built from the same pydantic models the API returns."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from schemas.alert import Alert
from schemas.claim import PositionClaim, StatusClaim
from schemas.inputs import NewsArticle, Statement
from schemas.issue_state import IssueState, Position
from schemas.registry import Registry
from services import __version__


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR = _json(_ref("Error"), "Error")


def _param(
    name: str, where: str, description: str, schema: dict[str, Any], required: bool = False
) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema,
    }


def build_openapi(registry: Registry) -> dict[str, Any]:
    """The OpenAPI document served at ``/openapi.json``; issue ids come from the registry."""
    _, defs = models_json_schema(
        [
            (m, "serialization")
            for m in (
                IssueState,
                Position,
                Alert,
                PositionClaim,
                StatusClaim,
                NewsArticle,
                Statement,
            )
        ],
        ref_template="#/components/schemas/{model}",
    )
    schemas: dict[str, Any] = dict(defs["$defs"])
    schemas["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    }
    schemas["Claim"] = {"oneOf": [_ref("PositionClaim"), _ref("StatusClaim")]}
    dt = {"type": "string", "format": "date-time"}
    limit = {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}
    issue_ids = {"type": "string", "enum": [i.id for i in registry.issues]}
    actor_ids = {"type": "string", "enum": [a.id for a in registry.actors]}
    issue_param = _param("issue", "path", "issue id from the registry", issue_ids, True)
    paths: dict[str, Any] = {
        "/issues": {
            "get": {
                "summary": "Every issue with title, status and positions",
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {"items": {"type": "array", "items": _ref("IssueState")}},
                        }
                    ),
                    "401": ERROR,
                },
            }
        },
        "/issues/{issue}": {
            "get": {
                "summary": "One issue: positions with evidence and since when",
                "parameters": [issue_param],
                "responses": {"200": _json(_ref("IssueState")), "404": ERROR, "401": ERROR},
            }
        },
        "/issues/{issue}/timeline": {
            "get": {
                "summary": "Every claim on the issue in event-time order, paginated",
                "parameters": [
                    issue_param,
                    _param(
                        "actor", "query", "actor id (an alias such as Kremlin works too)", actor_ids
                    ),
                    _param("since", "query", "event time lower bound", dt),
                    _param("until", "query", "event time upper bound", dt),
                    _param("limit", "query", "page size", limit),
                    _param(
                        "offset",
                        "query",
                        "items to skip",
                        {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
                    ),
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["items", "total"],
                            "properties": {
                                "issue": {"type": "string"},
                                "total": {"type": "integer"},
                                "older_dropped": {"type": "integer"},
                                "offset": {"type": "integer"},
                                "limit": {"type": "integer"},
                                "next_offset": {"type": ["integer", "null"]},
                                "items": {"type": "array", "items": _ref("Claim")},
                            },
                        }
                    ),
                    "400": ERROR,
                    "404": ERROR,
                    "401": ERROR,
                },
            }
        },
        "/actors/{actor}": {
            "get": {
                "summary": "An actor's position on every issue",
                "parameters": [
                    _param("actor", "path", "actor id or alias", {"type": "string"}, True)
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["actor", "positions"],
                            "properties": {
                                "actor": {"type": "string"},
                                "name": {"type": "string"},
                                "positions": {
                                    "type": "object",
                                    "additionalProperties": _ref("Position"),
                                },
                            },
                        }
                    ),
                    "404": ERROR,
                    "401": ERROR,
                },
            }
        },
        "/alerts": {
            "get": {
                "summary": "Recent alerts, newest first",
                "parameters": [
                    _param("since", "query", "alerts at or after this event time", dt),
                    _param("issue", "query", "issue id", issue_ids),
                    _param(
                        "severity",
                        "query",
                        "severity",
                        {"type": "string", "enum": ["info", "warning", "critical"]},
                    ),
                    _param("limit", "query", "how many", limit),
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["items"],
                            "properties": {"items": {"type": "array", "items": _ref("Alert")}},
                        }
                    ),
                    "400": ERROR,
                    "401": ERROR,
                },
            }
        },
        "/healthz": {
            "get": {
                "summary": "Liveness",
                "security": [],
                "responses": {"200": _json({"type": "object"})},
            }
        },
        "/readyz": {
            "get": {
                "summary": "Readiness (503 while recovering or after a crash)",
                "responses": {
                    "200": _json({"type": "object"}),
                    "503": _json({"type": "object"}, "Not ready"),
                    "401": ERROR,
                },
            }
        },
        "/metrics": {
            "get": {
                "summary": "Prometheus text format",
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                    "401": ERROR,
                },
            }
        },
    }
    for kind, model in (("news", "NewsArticle"), ("statements", "Statement")):
        paths[f"/ingest/{kind}"] = {
            "post": {
                "summary": f"Publish one {model} or an array of them",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "oneOf": [_ref(model), {"type": "array", "items": _ref(model)}]
                            }
                        }
                    },
                },
                "responses": {
                    "202": _json(
                        {
                            "type": "object",
                            "properties": {
                                "accepted": {"type": "array", "items": {"type": "string"}}
                            },
                        }
                    ),
                    "400": ERROR,
                    "422": ERROR,
                    "401": ERROR,
                    "403": ERROR,
                    "413": ERROR,
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "peacewatch",
            "version": __version__,
            "description": "Positions of actors on negotiation issues, and what changed.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "required when PEACEWATCH_API_TOKEN is set",
                }
            },
        },
        "security": [{}, {"bearer": []}],
    }
