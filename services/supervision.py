"""Run a background loop so that its death is recorded, counted and logged, never silent."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from services.logs import get_logger
from services.metrics import Metrics

log = get_logger("peacewatch.supervision")


async def run_supervised(
    name: str,
    body: Callable[[], Awaitable[None]],
    metrics: Metrics,
    on_crash: Callable[[BaseException], None],
) -> None:
    """Await ``body``; on an unexpected error call ``on_crash`` (readiness reads it),
    count it in ``peacewatch_agent_crashes_total{agent=name}``, log it, and re-raise."""
    try:
        await body()
    except asyncio.CancelledError:
        raise
    except BaseException as exc:
        on_crash(exc)
        metrics.agent_crashes.labels(name).inc()
        log.exception(f"{name} crashed", agent=name, error=repr(exc))
        raise
