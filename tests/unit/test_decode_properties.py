"""Property tests: no input of any shape makes intake raise anything but a DecodeError."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.codec import DecodeError
from services.core.routing import route
from tests.factories import registry, statement

REG = registry()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def routes_or_rejects(kind: str, raw: bytes) -> None:
    """Both outcomes are valid; a rejection must explain itself."""
    try:
        route(kind, raw, REG, None, 64 * 1024)
    except DecodeError as exc:
        detail = exc.detail
    else:
        return
    assert detail


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["news", "statements"]))
def test_arbitrary_bytes_are_routed_or_rejected(raw: bytes, kind: str) -> None:
    """Any bytes either decode or raise DecodeError with a detail; nothing else escapes."""
    routes_or_rejects(kind, raw)


@settings(max_examples=500, deadline=None)
@given(json_values, st.sampled_from(["news", "statements"]))
def test_arbitrary_json_is_routed_or_rejected(value: object, kind: str) -> None:
    """Any JSON value, of any shape, decodes or is rejected with a reason."""
    routes_or_rejects(kind, json.dumps(value).encode())


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "occurred_at",
                "actor",
                "text",
                "source",
                "issue",
                "stance",
                "status",
                "speaker",
                "schema_version",
            ]
        ),
        json_values,
        max_size=6,
    )
)
def test_mutated_statements_are_routed_or_rejected(overrides: dict[str, object]) -> None:
    """A valid statement with any fields replaced by any JSON is handled without crashing."""
    body = statement("s", "RU", issue="ceasefire", stance="opposes") | overrides
    routes_or_rejects("statements", json.dumps(body).encode())
