"""Syslog files: RFC 5424 and RFC 3164 (BSD), with or without the `<PRI>` prefix.

RFC 3164 times have no year and no zone: the year is the one that puts the line nearest the
incident (so a December line in a January incident lands in the previous year), the zone is
`--tz` (required: without it such a line is refused, as any time without a zone is), and
such times are marked approximate. An RFC 3339 timestamp in an otherwise BSD-shaped line
(rsyslog high-precision templates) is read as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Final

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import (
    MAX_TEXT,
    TimeError,
    clip_label,
    infer_year,
    one_line,
    parse_iso,
    source_name,
)
from blamefree.ingest.reader import (
    Evidence,
    LogLine,
    ReadContext,
    ReadError,
    Record,
    log_record,
)
from blamefree.ingest.streams import line_blocks

SEVERITIES = ("emergency", "alert", "critical", "error", "warning", "notice", "info", "debug")
MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_RFC5424 = re.compile(
    r"^<(?P<pri>\d{1,3})>1 (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<proc>\S+) (?P<msgid>\S+) "
    r"(?P<rest>.*)$"
)
_BSD = re.compile(
    r"^(?:<(?P<pri>\d{1,3})>)?(?:(?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) "
    r"(?P<clock>\d\d:\d\d:\d\d)|(?P<iso>\d{4}-\d\d-\d\dT\S+)) (?P<host>\S+) "
    r"(?:(?P<tag>[^\s:\[]{1,48})(?:\[(?P<pid>[^\]]*)\])?:(?: |$)"
    r"|(?P<ptag>[^\s:\[]{1,48})\[(?P<ppid>[^\]]*)\] )?(?P<content>.*)$"
)
_JOURNAL_MARKS = re.compile(rb"^(?:-- [^\n]* --\r?\n)+")
_SNIFF = re.compile(
    rb"^(?:<\d{1,3}>1 \d{4}-|<\d{1,3}>[A-Z][a-z]{2} [ \d]\d \d\d:"
    rb"|(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ \S+"
    rb"|(?:<\d{1,3}>)?\d{4}-\d\d-\d\dT\S+ \S+ [^\s:\[]+(?:\[\d+\])?: )"
)


class SyslogReader:
    """RFC 5424 and RFC 3164 syslog lines."""

    name = "syslog"

    def sniff(self, evidence: Evidence) -> bool:
        head = _JOURNAL_MARKS.sub(b"", evidence.head.lstrip())
        return evidence.shape == "text" and bool(_SNIFF.match(head))

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        return map(log_record, self.read_lines(evidence, context))

    def read_lines(self, evidence: Evidence, context: ReadContext) -> Iterator[LogLine]:
        """The lines `read` gives, as tuples (see `LogLine`)."""
        reference = context.reference or datetime.fromtimestamp(evidence.path.stat().st_mtime, UTC)
        zone = context.default_tz
        sources: dict[str, str] = {}
        fast = _FastRfc5424(evidence.name)
        # Blocks of lines walked here: a generator of numbered lines cost a resume per line.
        number = 0
        for block in line_blocks(evidence.path):
            for raw in block:
                number += 1
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                row = fast.line(line, number, raw)
                if row is not None:
                    at, host, detail, text, actor, ref, _ = row
                    source = sources.get(host) or sources.setdefault(
                        host, source_name("syslog", host)
                    )
                    yield (at, source, detail, text, actor, ref, False)
                    continue
                if not line.strip() or (line.startswith("-- ") and line.endswith(" --")):
                    continue  # blank, or a journalctl marker ("-- Reboot --", "-- Logs begin ...")
                match = _RFC5424.match(line)
                if match is not None:
                    record = _rfc5424(evidence, context, match, number)
                else:
                    bsd = _BSD.match(line)
                    if bsd is None:
                        raise ReadError(
                            evidence.name,
                            "not a syslog line (expected RFC 5424 "
                            "'<PRI>1 TIMESTAMP HOST APP ...' or RFC 3164 "
                            "'<PRI>Mmm dd hh:mm:ss HOST TAG: message')",
                            line=number,
                        )
                    record = _rfc3164(evidence, context, bsd, number, reference, zone)
                host = record.source
                source = sources.get(host) or sources.setdefault(host, source_name("syslog", host))
                yield (
                    record.at,
                    source,
                    record.detail,
                    record.text,
                    record.actor,
                    record.ref,
                    record.approximate,
                )


_CONTROLS: Final = bytes([*range(32), 127])
"""The ASCII characters `str.isprintable` refuses."""


class _FastRfc5424:
    """The common RFC 5424 line, read with `str.split` instead of the regex: printable ASCII,
    single spaces, a UTC (`Z`) timestamp, no structured data. It gives exactly the record the
    general path gives; any other line returns None and takes the general path."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.details: dict[str, str] = {}

    def line(self, line: str, number: int, raw: bytes | None = None) -> LogLine | None:
        """The line as `_rfc5424` reads it (source still the bare host), or None.

        `raw`, the bytes `line` was decoded from (line end included), makes the check for
        printable ASCII a byte deletion, several times cheaper than `str.isprintable`: the
        line is printable when only its line end is made of control characters.
        """
        if not line.isascii():
            return None
        if raw is not None:
            if len(raw.translate(None, _CONTROLS)) != len(line):
                return None
        elif not line.isprintable():
            return None
        parts = line.split(" ", 6)
        if len(parts) != 7:
            return None
        head, stamp, host, app, _, msgid, rest = parts
        detail = self.details.get(head)
        if detail is None:
            detail = _fast_detail(head)
            if detail is None:
                return None
            self.details[head] = detail
        if stamp[-1:] != "Z" or not (host and app and parts[4] and msgid) or rest[:1] != "-":
            return None
        try:
            at = datetime.fromisoformat(stamp)
        except ValueError:
            return None
        if at.tzinfo is not UTC:
            return None
        message = rest[1:].lstrip()
        if msgid != "-":
            message = f"{msgid}: {message}" if message else msgid
        if not message or "  " in message or message[-1] == " " or len(message) > MAX_TEXT:
            message = one_line(message) or "(empty message)"
        return (
            at,
            host if host != "-" else "",
            detail,
            message,
            app[:200] if app != "-" else None,
            f"{self.name}:{number}",
            False,
        )


def _fast_detail(head: str) -> str | None:
    """`log.<severity>` for a `<PRI>1` header the regex accepts with PRI <= 191, else None."""
    digits = head[1:-2]
    if head[:1] != "<" or head[-2:] != ">1" or not 1 <= len(digits) <= 3 or not digits.isdigit():
        return None
    value = int(digits)
    return "log." + SEVERITIES[value % 8] if value <= 191 else None


def _severity(pri: str | None, evidence: Evidence, number: int) -> str:
    if pri is None:
        return "log.info"
    value = int(pri)
    if value > 191:
        raise ReadError(evidence.name, f"PRI {value} is above 191", line=number, field="PRI")
    return "log." + SEVERITIES[value % 8]


def _rfc5424(evidence: Evidence, context: ReadContext, match: re.Match[str], number: int) -> Record:
    if match["ts"] == "-":
        raise ReadError(
            evidence.name, "the timestamp is '-' (absent)", line=number, field="TIMESTAMP"
        )
    try:
        at, assumed = parse_iso(match["ts"], context.default_tz)
    except TimeError as err:
        raise ReadError(evidence.name, str(err), line=number, field="TIMESTAMP") from None
    rest = match["rest"]
    message = _strip_structured_data(rest).removeprefix("\ufeff")
    msgid = match["msgid"]
    if msgid != "-":
        message = f"{msgid}: {message}" if message else msgid
    app = match["app"] if match["app"] != "-" else None
    host = match["host"] if match["host"] != "-" else ""
    return Record(
        at,
        host,
        EventKind.LOG,
        _severity(match["pri"], evidence, number),
        one_line(message.lstrip("\ufeff")) or "(empty message)",
        clip_label(app),
        f"{evidence.name}:{number}",
        approximate=assumed,
    )


def _strip_structured_data(rest: str) -> str:
    """Drop the STRUCTURED-DATA part (`-` or `[id k="v"]...`, with escaped `]` inside)."""
    if rest.startswith("-"):
        return rest[1:].lstrip()
    position, depth, escaped = 0, 0, False
    for position, char in enumerate(rest):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and depth == 0:
            depth = 1
        elif char == "]" and depth == 1:
            depth = 0
            if position + 1 >= len(rest) or rest[position + 1] != "[":
                return rest[position + 1 :].lstrip()
        elif depth == 0:
            return rest[position:].lstrip()
    return ""


def _rfc3164(
    evidence: Evidence,
    context: ReadContext,
    match: re.Match[str],
    number: int,
    reference: datetime,
    zone: object,
) -> Record:
    from datetime import tzinfo

    if match["iso"]:
        try:
            at, assumed = parse_iso(match["iso"], context.default_tz)
        except TimeError as err:
            raise ReadError(evidence.name, str(err), line=number, field="TIMESTAMP") from None
    else:
        month = MONTHS.get(match["mon"])
        if month is None:
            raise ReadError(
                evidence.name,
                f"{match['mon']!r} is not a month abbreviation",
                line=number,
                field="TIMESTAMP",
            )
        if not isinstance(zone, tzinfo):
            raise ReadError(
                evidence.name,
                "RFC 3164 times carry no zone; pass --tz with the zone this host logs in "
                "(e.g. --tz Europe/Berlin, or --tz UTC)",
                line=number,
                field="TIMESTAMP",
            )
        hour, minute, second = [int(part) for part in match["clock"].split(":")]
        try:
            at = infer_year(month, int(match["day"]), (hour, minute, second), reference, zone)
        except TimeError as err:
            raise ReadError(evidence.name, str(err), line=number, field="TIMESTAMP") from None
        assumed = True
    tag = match["tag"] or match["ptag"]
    return Record(
        at,
        match["host"],
        EventKind.LOG,
        _severity(match["pri"], evidence, number),
        one_line(match["content"]) or "(empty message)",
        clip_label(tag),
        f"{evidence.name}:{number}",
        approximate=assumed,
    )
