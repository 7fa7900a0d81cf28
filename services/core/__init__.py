"""The functional core: pure, synchronous, deterministic; no Kafka, clock or I/O."""
