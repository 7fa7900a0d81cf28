"""Prometheus metrics of one worker process (text format at ``GET /metrics``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


@dataclass
class Metrics:
    """Every metric the worker exports, on a registry of its own."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.records_consumed = Counter(
            "peacewatch_records_consumed", "Input records consumed", ["topic"], registry=r
        )
        self.claims = Counter("peacewatch_claims", "Claims produced", ["producer"], registry=r)
        self.records_unextracted = Counter(
            "peacewatch_records_unextracted",
            "Input records no claim was extracted from",
            ["topic"],
            registry=r,
        )
        self.alerts = Counter(
            "peacewatch_alerts", "Alerts published", ["type", "severity"], registry=r
        )
        self.deadletters = Counter(
            "peacewatch_deadletters",
            "Records sent to the dead-letter topic",
            ["reason"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "peacewatch_consumer_lag",
            "Records not yet processed",
            ["topic", "partition"],
            registry=r,
        )
        self.processing_seconds = Histogram(
            "peacewatch_processing_seconds",
            "Time to process one input record or claim batch",
            ["stage"],
            registry=r,
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
        )
        self.read_model_lag = Gauge(
            "peacewatch_read_model_lag_seconds",
            "Age of the newest record the read model has not applied yet (0 when caught up)",
            registry=r,
        )
        self.agent_crashes = Counter(
            "peacewatch_agent_crashes",
            "Agents or loops that stopped on an error",
            ["agent"],
            registry=r,
        )

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
