"""Write the JSON Schema of every contract model to ``schemas/json/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from schemas.alert import Alert
from schemas.claim import Claim
from schemas.deadletter import DeadLetter
from schemas.inputs import NewsArticle, Statement
from schemas.issue_state import IssueState

JSON_DIR = Path(__file__).resolve().parent / "json"

# File stem -> the type whose schema it holds; the stems are referenced by asyncapi.yaml.
MODELS: dict[str, Any] = {
    "NewsArticle": NewsArticle,
    "Statement": Statement,
    "Claim": Claim,
    "IssueState": IssueState,
    "Alert": Alert,
    "DeadLetter": DeadLetter,
}


def schema_documents() -> dict[str, str]:
    """File name -> JSON text of each model's JSON Schema (validation mode)."""
    out = {}
    for stem, model in MODELS.items():
        schema = TypeAdapter(model).json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://peacewatch.example/schemas/{stem}.json",
            **schema,
        }
        out[f"{stem}.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def export(directory: Path = JSON_DIR) -> list[Path]:
    """Write every schema document; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in schema_documents().items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
