"""HTTP views of the worker: health, readiness, metrics (the read API registers here too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faust.web import Request, Response, View

if TYPE_CHECKING:
    from services.worker import Runtime


def register(runtime: Runtime) -> None:
    """Add every view to the runtime's Faust app."""
    app = runtime.app

    @app.page("/healthz")
    async def healthz(web: View, request: Request) -> Response:
        """Liveness: the process answers; says nothing about Kafka."""
        return web.json({"status": "ok"})

    @app.page("/readyz")
    async def readyz(web: View, request: Request) -> Response:
        """Readiness: projector restored and caught up, no agent crashed."""
        body = readiness(runtime)
        return web.json(body, status=200 if body["ready"] else 503)

    @app.page("/metrics")
    async def metrics(web: View, request: Request) -> Response:
        """Prometheus text exposition."""
        return web.bytes(
            runtime.metrics.render(), content_type="text/plain; version=0.0.4; charset=utf-8"
        )


def readiness(runtime: Runtime) -> dict[str, Any]:
    """The readiness verdict and its parts."""
    projector = runtime.projector
    checks = {
        "projector_assigned": projector.assigned,
        "projector_caught_up": projector.caught_up,
        "agents_alive": not runtime.health.crashed,
    }
    return {
        "ready": all(checks.values()),
        "checks": checks,
        "crashed": dict(runtime.health.crashed),
    }
