"""Deterministic YAML for the front matter.

A generic YAML dumper picks quoting and flow styles by heuristics that vary between
versions; the exchange format must render byte-for-byte the same every time, so the few
shapes the front matter uses are written here by hand and read back with `yaml.safe_load`.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import yaml

_PLAIN = re.compile(r"^[\w./(][\w ./()'&+,@<>-]*$")
"""Letters and digits of any script, plus punctuation that YAML reads as plain text."""


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when safe, else JSON-quoted."""
    if _PLAIN.match(value) and not value.endswith(" ") and _reads_back_as(value):
        return value
    return _ESCAPE.sub(_escape, json.dumps(value, ensure_ascii=False))


# Characters a YAML reader refuses (C0/C1 controls, DEL, BOM) or folds as line breaks
# (NEL, LS, PS); JSON leaves them raw, so they are written as \u escapes.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _reads_back_as(value: str) -> bool:
    try:
        loaded = yaml.safe_load(value)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, str) and loaded == value


def timestamp(value: datetime) -> str:
    """RFC 3339 in UTC with a `Z`, seconds always, microseconds only when present."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text + "Z"


def day(value: date) -> str:
    """An ISO date."""
    return value.isoformat()


def string_list(key: str, values: tuple[str, ...] | list[str], indent: str = "") -> list[str]:
    """A block list under `key`, or nothing at all when empty."""
    if not values:
        return []
    return [f"{indent}{key}:", *(f"{indent}  - {scalar(v)}" for v in values)]
