"""Load the YAML registries and report an invalid file by file, line, entry and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from schemas.registry import ActorDef, IssueDef, Language, Policy, Registry

M = TypeVar("M", bound=BaseModel)

FILES = {
    "issues": "issues.yaml",
    "actors": "actors.yaml",
    "policy": "policy.yaml",
    "language": "language.yaml",
}


class RegistryError(Exception):
    """An invalid registry file; the message names file, line, entry and field."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping and sequence item."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {
        str(k): v for k, v in loader.construct_mapping(node, deep=True).items()
    }
    lines = {"__line__": node.start_mark.line + 1}
    for key_node, value_node in node.value:
        lines[f"__line__{key_node.value}"] = value_node.start_mark.line + 1
    mapping["__lines__"] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__lines__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _locate(doc: Any, loc: tuple[int | str, ...]) -> tuple[int | None, str | None]:
    """The YAML line of an error location, and the id of the entry it is in."""
    line: int | None = None
    entry: str | None = None
    node = doc
    for part in loc:
        if isinstance(node, dict):
            lines = node.get("__lines__", {})
            line = lines.get(f"__line__{part}", lines.get("__line__", line))
            if "id" in node:
                entry = str(node["id"])
            node = node.get(str(part)) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                line = node.get("__lines__", {}).get("__line__", line)
                entry = str(node["id"]) if "id" in node else entry
        else:
            break
    return line, entry


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise RegistryError(f"{path}{where}: not valid YAML: {exc}") from None


def _validate(path: Path, model: type[M], item: Any, index: int | None) -> M:
    try:
        return model.model_validate(_strip_lines(item))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        line, entry = _locate(item, err["loc"])
        field = ".".join(str(p) for p in err["loc"]) or "(entry)"
        where = f"{path}:{line}" if line else str(path)
        if entry:
            what = f"entry '{entry}', "
        elif index is not None:
            what = f"item {index + 1}, "
        else:
            what = ""
        raise RegistryError(f"{where}: {what}field '{field}': {err['msg']}") from None


def _entries(path: Path, doc: Any, model: type[M], key: str) -> tuple[M, ...]:
    body = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(body, list) or not body:
        raise RegistryError(f"{path}:1: expected a top-level '{key}:' with a list of entries")
    return tuple(_validate(path, model, item, i) for i, item in enumerate(body))


def load_registry(directory: Path) -> Registry:
    """Load and validate the three registry files of ``directory``."""
    paths = {k: directory / v for k, v in FILES.items()}
    issues = _entries(paths["issues"], _read(paths["issues"]), IssueDef, "issues")
    actors = _entries(paths["actors"], _read(paths["actors"]), ActorDef, "actors")
    policy = (
        _validate(paths["policy"], Policy, _read(paths["policy"]) or {}, None)
        if paths["policy"].exists()
        else Policy()
    )
    language = (
        _validate(paths["language"], Language, _read(paths["language"]) or {}, None)
        if paths["language"].exists()
        else None
    )
    try:
        return Registry(issues=issues, actors=actors, policy=policy, language=language)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise RegistryError(f"{directory}: {err['msg']}") from None
