"""Manual timelines people wrote: CSV with a header row, or Markdown lists and tables.

CSV (comma, semicolon or tab separated; a byte order mark and quoted line breaks are fine): a
time column (`time`, `timestamp`, `at`, `when`, `datetime`, `date`, with or without `(UTC)`)
and a text column (`event`, `text`, `description`, `what`, `message`, `summary`, ...);
optional `actor`/`who`/`author`/`owner`, `kind`/`type` (an event kind such as `deploy`). A
separate `date` column next to a clock-only `time` column dates each row.
Markdown: `- 12:03 - text`, `- 12:03Z - text`, `- 2024-05-01T12:03:00Z - text`, or table rows
`| 12:03 | text |`; a table with a header row (`| Date | Time | Event | Owner |`) is read by
its column names. Clock-only times take their date from the last `## 2024-05-01` heading or
from the incident, roll over midnight, and need `--tz` unless they end in `Z`/`UTC`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, tzinfo

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import TimeError, clip_label, day_rollover, one_line, parse_time
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record

TIME_COLUMNS = (
    "time",
    "timestamp",
    "at",
    "when",
    "datetime",
    "time (utc)",
    "timestamp (utc)",
    "datetime (utc)",
    "date/time",
    "date and time",
    "date",  # last: next to a clock-only time column it only dates the rows
)
TEXT_COLUMNS = (
    "event",
    "text",
    "description",
    "what",
    "message",
    "summary",
    "what happened",
    "details",
    "notes",
    "update",
    "action",
)
DELIMITERS = (",", ";", "\t")
ACTOR_COLUMNS = ("actor", "who", "author", "owner", "person")
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:Z|UTC))?"
_ISO = r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}|\s?UTC)?"
_LIST_LINE = re.compile(
    rf"^\s*[-*+]\s+(?:\*\*|`)?(?P<time>{_ISO}|{_CLOCK})(?:\*\*|`)?\s*(?:[-–—:|]\s*)?(?P<text>.+)$"
)
_TABLE_LINE = re.compile(rf"^\s*\|\s*(?P<time>{_ISO}|{_CLOCK})\s*\|(?P<cells>.+)$")
_DATE_HEADING = re.compile(r"^\s*#+\s+.*?(?P<date>\d{4}-\d{2}-\d{2})")
_CLOCK_ONLY = re.compile(rf"^{_CLOCK}$")


class CsvReader:
    """A CSV manual timeline with a header row."""

    name = "csv"

    def sniff(self, evidence: Evidence) -> bool:
        if evidence.shape != "text":
            return False
        return _delimiter(evidence.head) is not None

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        # Line ends are kept so a quoted cell keeps its line breaks (one_line folds them).
        lines = map(_with_line_end, evidence.text_lines())
        reader = csv.reader(lines, delimiter=_delimiter(evidence.head) or ",")
        try:
            header = [c.strip().strip('"').lower() for c in next(reader)]
        except StopIteration:
            return
        time_col = _column(header, TIME_COLUMNS)
        text_col = _column(header, TEXT_COLUMNS)
        if time_col is None or text_col is None:
            raise ReadError(
                evidence.name,
                "the header needs a time column ("
                f"{', '.join(TIME_COLUMNS)}) and a text column "
                f"({', '.join(TEXT_COLUMNS)})",
                line=1,
            )
        actor_col = _column(header, ACTOR_COLUMNS)
        kind_col = _column(header, ("kind", "type"))
        date_col = _column(header, ("date",))
        if date_col == time_col:
            date_col = None
        clock = _ClockDates(context, evidence)
        last = reader.line_num
        for row in reader:
            number, last = last + 1, reader.line_num  # a quoted line break spans lines
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(time_col, text_col):
                raise ReadError(
                    evidence.name,
                    f"the row has {len(row)} cells, fewer than the header",
                    line=number,
                )
            if date_col is not None and date_col < len(row) and row[date_col].strip():
                clock.set_day(row[date_col].strip(), evidence.name, number)
            at, assumed = clock.parse(row[time_col].strip(), evidence.name, number)
            body = one_line(row[text_col])
            if not body:
                continue
            kind = EventKind.MANUAL
            if kind_col is not None and kind_col < len(row) and row[kind_col].strip():
                try:
                    kind = EventKind(row[kind_col].strip().lower())
                except ValueError:
                    raise ReadError(
                        evidence.name,
                        f"kind {row[kind_col]!r} is not one of "
                        f"{', '.join(k.value for k in EventKind)}",
                        line=number,
                        field=header[kind_col],
                    ) from None
            actor = row[actor_col] if actor_col is not None and actor_col < len(row) else None
            yield Record(
                at,
                "manual",
                kind,
                f"manual.{kind.value}",
                body,
                clip_label(actor),
                f"{evidence.name}:{number}",
                approximate=assumed,
            )


class MarkdownReader:
    """A Markdown manual timeline: list items or table rows that start with a time."""

    name = "markdown"

    def sniff(self, evidence: Evidence) -> bool:
        if evidence.shape != "text":
            return False
        text = evidence.head.decode("utf-8", "replace")
        return any(_LIST_LINE.match(line) or _TABLE_LINE.match(line) for line in text.splitlines())

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        clock = _ClockDates(context, evidence)
        table: _Table | None = None
        for number, line in evidence.text_lines():
            heading = _DATE_HEADING.match(line)
            if heading is not None:
                clock.set_day(heading["date"], evidence.name, number)
                continue
            if not line.lstrip().startswith("|"):
                table = None
            else:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if table is None:
                    table = _Table.from_header(cells)
                    if table is not None:
                        continue
                elif table.read(cells) is not None:
                    day, raw_time, body = table.read(cells) or ("", "", "")
                    if not raw_time:
                        continue
                    if day:
                        clock.set_day(day, evidence.name, number)
                    text = one_line(body.replace("**", ""))
                    if text:
                        at, assumed = clock.parse(raw_time, evidence.name, number)
                        yield Record(
                            at,
                            "manual",
                            EventKind.MANUAL,
                            "manual",
                            text,
                            clip_label(table.actor(cells)),
                            f"{evidence.name}:{number}",
                            approximate=assumed,
                        )
                    continue
            match = _LIST_LINE.match(line)
            if match is not None:
                raw_time, body = match["time"], match["text"]
            else:
                row = _TABLE_LINE.match(line)
                if row is None:
                    continue
                cells = [c.strip() for c in row["cells"].strip().strip("|").split("|")]
                raw_time, body = row["time"], " ".join(c for c in cells if c)
            text = one_line(body.replace("**", ""))
            if not text:
                continue
            at, assumed = clock.parse(raw_time, evidence.name, number)
            yield Record(
                at,
                "manual",
                EventKind.MANUAL,
                "manual",
                text,
                None,
                f"{evidence.name}:{number}",
                approximate=assumed,
            )


class _Table:
    """A Markdown table whose header row names its time, text, date and actor columns."""

    def __init__(self, time: int, text: int, day: int | None, actor: int | None) -> None:
        self.time, self.text, self.day, self.actor_col = time, text, day, actor

    @classmethod
    def from_header(cls, cells: list[str]) -> _Table | None:
        header = [c.replace("*", "").strip().lower() for c in cells]
        time_col, text_col = _column(header, TIME_COLUMNS), _column(header, TEXT_COLUMNS)
        if time_col is None or text_col is None:
            return None
        day = _column(header, ("date",))
        return cls(
            time_col, text_col, None if day == time_col else day, _column(header, ACTOR_COLUMNS)
        )

    def read(self, cells: list[str]) -> tuple[str, str, str] | None:
        """(date, time, text) of a body row; empty strings for the separator row."""
        if all(set(c) <= set(":- ") for c in cells):
            return "", "", ""
        if len(cells) <= max(self.time, self.text):
            return None
        day = cells[self.day].strip("*` ") if self.day is not None and self.day < len(cells) else ""
        return day, cells[self.time].strip("*` "), cells[self.text]

    def actor(self, cells: list[str]) -> str | None:
        if self.actor_col is None or self.actor_col >= len(cells):
            return None
        return cells[self.actor_col].strip("*` ") or None


def _with_line_end(numbered: tuple[int, str]) -> str:
    return numbered[1] + "\n"


def _delimiter(head: bytes) -> str | None:
    """The separator whose split of the first line finds a time and a text column."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    header = first.decode("utf-8", "replace").strip().lower()
    for delimiter in DELIMITERS:
        columns = [c.strip().strip('"') for c in header.split(delimiter)]
        if any(c in TIME_COLUMNS for c in columns) and any(c in TEXT_COLUMNS for c in columns):
            return delimiter
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


class _ClockDates:
    """Full timestamps, or clock-only times dated from headings / the incident, rolling over."""

    def __init__(self, context: ReadContext, evidence: Evidence) -> None:
        self.tz: tzinfo | None = context.default_tz
        self.day: date | None = None
        if context.reference is not None:
            zone = self.tz or UTC
            self.day = context.reference.astimezone(zone).date()
        self.previous: datetime | None = None

    def set_day(self, value: str, path: str | None = None, number: int | None = None) -> None:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ReadError(
                path or "?", f"{value!r} is not a date like 2024-05-01", line=number, field="date"
            ) from None
        if day != self.day:
            self.previous = None
        self.day = day

    def parse(self, raw: str, path: str, number: int) -> tuple[datetime, bool]:
        if not _CLOCK_ONLY.match(raw):
            try:
                at, assumed = parse_time(raw.replace(" UTC", "Z").replace("UTC", "Z"), self.tz)
            except TimeError as err:
                raise ReadError(path, str(err), line=number, field="time") from None
            if at is None:
                raise ReadError(path, "the time is empty", line=number, field="time")
            return at, assumed
        if self.day is None:
            raise ReadError(
                path,
                f"{raw!r} has no date; add a '## YYYY-MM-DD' heading above it, "
                "write full timestamps, or give the incident a start time",
                line=number,
                field="time",
            )
        utc = raw.endswith(("Z", "UTC"))
        clock = raw.removesuffix("UTC").removesuffix("Z").strip()
        parts = [int(p) for p in clock.split(":")]
        zone = UTC if utc else self.tz
        if zone is None:
            raise ReadError(
                path,
                f"{raw!r} has no timezone; pass --tz with the zone it was "
                "written in (e.g. --tz Europe/Berlin), or end it with Z for UTC",
                line=number,
                field="time",
            )
        try:
            wall = datetime.combine(
                self.day, time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
            )
        except ValueError as err:
            raise ReadError(
                path, f"{raw!r} is not a time of day ({err})", line=number, field="time"
            ) from None
        wall = day_rollover(self.previous, wall)
        self.previous, self.day = wall, wall.date()
        return wall.replace(tzinfo=zone).astimezone(UTC), False
