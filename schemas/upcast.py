"""Upcasters: each lifts a raw record one ``schema_version`` up, so old records stay readable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]
Upcaster = Callable[[Raw], Raw]


def upcast_statement_v1_v2(raw: Raw) -> Raw:
    """Version 1 statements had no ``speaker``: it is unknown, not empty."""
    return {**raw, "speaker": None, "schema_version": 2}


# kind -> {from_version: upcaster}; a chain runs until the current version is reached.
UPCASTERS: dict[str, dict[int, Upcaster]] = {
    "statement": {1: upcast_statement_v1_v2},
}


def upcast(kind: str, raw: Raw) -> Raw:
    """Run the upcaster chain for ``kind`` from the record's version to the current one."""
    chain = UPCASTERS.get(kind, {})
    version = raw.get("schema_version")
    while isinstance(version, int) and version in chain:
        raw = chain[version](raw)
        version = raw.get("schema_version")
    return raw
