"""HTTP views of the worker: health, readiness, metrics, ingest (and the read API)."""

from __future__ import annotations

import hmac
import ipaddress
from typing import TYPE_CHECKING, Any

from faust.web import Request, Response, View

from schemas.codec import encode
from services import api
from services.ingest import BadBodyError, check_body
from services.openapi import build_openapi
from services.topics import Topic, topic_name

if TYPE_CHECKING:
    from services.worker import Runtime

OPEN_PATHS = frozenset({"/healthz"})
MAX_BODY_BYTES = 1 << 20  # aiohttp's own client_max_size, which refuses larger bodies first


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_error(
    runtime: Runtime, web: View, request: Request, *, ingest: bool = False
) -> Response | None:
    """None when the request may proceed, else the 401/403 JSON response."""
    token = runtime.settings.api_token
    path = request.url.path
    if token is None:
        if ingest and not is_loopback(runtime.settings.http_host):
            return web.json(
                {
                    "error": "ingest needs PEACEWATCH_API_TOKEN when the server "
                    "binds to a non-loopback address"
                },
                status=403,
            )
        return None
    if path in OPEN_PATHS:
        return None
    header = request.headers.get("Authorization", "")
    given = header.removeprefix("Bearer ").encode() if header.startswith("Bearer ") else b""
    if not hmac.compare_digest(given, token.get_secret_value().encode()):
        return web.json(
            {"error": "missing or wrong bearer token"},
            status=401,
            headers={"WWW-Authenticate": 'Bearer realm="peacewatch"'},
        )
    return None


def register(runtime: Runtime) -> None:
    """Add every view to the runtime's Faust app."""
    app = runtime.app
    settings = runtime.settings

    @app.page("/healthz")
    async def healthz(web: View, request: Request) -> Response:
        """Liveness: the process answers; says nothing about Kafka."""
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: View, request: Request) -> Response:
        """Readiness: projector restored and caught up, no agent crashed."""
        if (denied := auth_error(runtime, web, request)) is not None:
            return denied
        body = readiness(runtime)
        return web.json(body, status=200 if body["ready"] else 503)

    @app.page("/metrics")
    async def metrics(web: View, request: Request) -> Response:
        """Prometheus text exposition."""
        if (denied := auth_error(runtime, web, request)) is not None:
            return denied
        return web.bytes(runtime.metrics.render(), content_type="text/plain; version=0.0.4")

    for kind, topic in (("news", Topic.NEWS), ("statements", Topic.STATEMENTS)):
        _ingest_view(runtime, kind, topic_name(settings, topic))
    _read_views(runtime)


def _read_views(runtime: Runtime) -> None:
    app = runtime.app
    model, registry = runtime.read_model, runtime.registry
    openapi = build_openapi(registry)

    def answer(web: View, request: Request, fn: Any, *args: Any) -> Response:
        if (denied := auth_error(runtime, web, request)) is not None:
            return denied
        try:
            return web.json(fn(*args))
        except api.ApiError as exc:
            return web.json({"error": exc.message}, status=exc.status)

    def query(request: Request) -> dict[str, str]:
        return dict(request.query.items())

    @app.page("/openapi.json")
    async def openapi_json(web: View, request: Request) -> Response:
        """The OpenAPI 3.1 document of this API."""
        return answer(web, request, lambda: openapi)

    @app.page("/issues")
    async def issues(web: View, request: Request) -> Response:
        """Every issue with its title, status and positions."""
        return answer(web, request, api.list_issues, model, registry)

    class IssueView(View):
        """One issue's projection."""

        async def get(self, request: Request, issue: str) -> Response:
            return answer(self, request, api.get_issue, model, registry, issue)

    class TimelineView(View):
        """One issue's claims in event-time order."""

        async def get(self, request: Request, issue: str) -> Response:
            return answer(self, request, api.timeline, model, registry, issue, query(request))

    class ActorView(View):
        """One actor's position on every issue."""

        async def get(self, request: Request, actor: str) -> Response:
            return answer(self, request, api.actor_positions, model, registry, actor)

    app.page("/issues/{issue}")(IssueView)
    app.page("/issues/{issue}/timeline")(TimelineView)
    app.page("/actors/{actor}")(ActorView)

    @app.page("/alerts")
    async def alerts(web: View, request: Request) -> Response:
        """Recent alerts, newest first."""
        return answer(web, request, api.alerts, model, registry, query(request))


def _ingest_view(runtime: Runtime, kind: str, topic: str) -> None:
    app = runtime.app
    channel = app.topic(
        topic, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw"
    )

    class Ingest(View):
        """POST one record or an array: 202 with ids, 400 bad body, 422 bad items."""

        async def post(self, request: Request) -> Response:
            if (denied := auth_error(runtime, self, request, ingest=True)) is not None:
                return denied
            body = await request.read()
            if len(body) > MAX_BODY_BYTES:
                return self.json({"error": "request body too large"}, status=413)
            try:
                result = check_body(kind, body, runtime.registry, runtime.settings.max_record_bytes)
            except BadBodyError as exc:
                return self.json({"error": str(exc)}, status=400)
            if result.errors:
                return self.json(
                    {
                        "error": "some items are invalid; nothing was published",
                        "items": result.errors,
                    },
                    status=422,
                )
            futures = [
                await channel.send(key=r.id.encode(), value=encode(r)) for r in result.records
            ]
            for fut in futures:
                await fut
            return self.json({"accepted": [r.id for r in result.records]}, status=202)

    app.page(f"/ingest/{kind}")(Ingest)


def readiness(runtime: Runtime) -> dict[str, Any]:
    """The readiness verdict and its parts."""
    projector = runtime.projector
    checks = {
        "projector_assigned": projector.assigned,
        "projector_caught_up": projector.caught_up,
        "read_model_caught_up": runtime.read_model.caught_up,
        "kafka_reachable": runtime.read_model.kafka_reachable(),
        "agents_alive": not runtime.health.crashed,
    }
    return {
        "ready": all(checks.values()),
        "checks": checks,
        "crashed": dict(runtime.health.crashed),
    }
