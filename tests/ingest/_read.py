"""Read one fixture with format detection, as the pipeline does, for reader tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from blamefree.ingest.reader import ReadContext, Record, detect_format, open_evidence

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def read(
    relative: str,
    *,
    fmt: str | None = None,
    tz: str | None = None,
    reference: datetime | None = None,
) -> tuple[str, list[Record]]:
    """(detected format, records) of `tests/fixtures/ingest/<relative>`, named by `relative`."""
    evidence = open_evidence(FIXTURES / relative, name=relative)
    reader = detect_format(evidence, fmt)
    context = ReadContext(default_tz=ZoneInfo(tz) if tz else None, reference=reference)
    return reader.name, list(reader.read(evidence, context))


def iso(value: datetime | None) -> str | None:
    """UTC ISO text with Z, for compact assertions."""
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def rows(records: list[Record]) -> list[tuple[object, ...]]:
    """(at, source, kind, detail, actor, text) per record."""
    return [(iso(r.at), r.source, r.kind.value, r.detail, r.actor, r.text) for r in records]
