"""Wire the dependencies every entry point shares."""

from __future__ import annotations

from schemas.registry import Registry
from services.core.routing import Extractor


def make_extractor(registry: Registry) -> Extractor | None:
    """The text extractor (None until one exists: uncoded records then make no claim)."""
    return None
