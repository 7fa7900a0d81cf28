"""Connection options shared by every Kafka client the project creates."""

from __future__ import annotations

from typing import Any

from services.settings import Settings


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for any aiokafka client of this deployment."""
    return {"bootstrap_servers": settings.kafka_bootstrap}
