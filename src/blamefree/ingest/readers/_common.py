"""Small helpers the JSON readers share: safe field access and payload iteration."""

from __future__ import annotations

from collections.abc import Iterator

from blamefree.ingest.reader import Evidence, JsonValue, ReadError


def as_dict(value: object) -> dict[str, object] | None:
    """The value when it is a JSON object, else None."""
    return value if isinstance(value, dict) else None


def as_list(value: object) -> list[object]:
    """The value when it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []


_PATHS: dict[str, tuple[str, ...]] = {}


def get(value: object, dotted: str) -> object:
    """A nested field by dotted path (`deployment.creator.login`); None when absent."""
    if "." not in dotted:
        return value.get(dotted) if type(value) is dict else None
    parts = _PATHS.get(dotted)
    if parts is None:
        parts = _PATHS[dotted] = tuple(dotted.split("."))
    current = value
    for part in parts:
        if type(current) is not dict:
            return None
        current = current.get(part)
    return current


def text(value: object, *paths: str) -> str | None:
    """The first non-empty string (or number) among the dotted paths."""
    for path in paths:
        found = get(value, path)
        if type(found) is str:
            if found.strip():
                return found
            continue
        if isinstance(found, str) and found.strip():
            return found
        if isinstance(found, int | float) and not isinstance(found, bool):
            return str(found)
    return None


def payloads(evidence: Evidence) -> Iterator[tuple[str, int | None, JsonValue]]:
    """(reference prefix, line, value) for a JSON document or for each line of JSON Lines."""
    if evidence.shape == "json":
        yield evidence.name, None, evidence.document()
    elif evidence.shape == "jsonl":
        for line, value in evidence.json_lines():
            yield f"{evidence.name}:{line}", line, value
    else:
        raise ReadError(evidence.name, "expected JSON or JSON Lines")


def first_object(evidence: Evidence) -> dict[str, object] | None:
    """The first JSON object of the evidence (the document, its first item or first line)."""
    value: object = evidence.first
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else None


def require_dict(
    value: object, evidence: Evidence, where: str, line: int | None
) -> dict[str, object]:
    """The value as a JSON object, or a ReadError saying what was found instead."""
    if isinstance(value, dict):
        return value
    raise ReadError(
        evidence.name,
        f"expected a JSON object here, found {type(value).__name__}",
        line=line,
        offset=where,
    )
