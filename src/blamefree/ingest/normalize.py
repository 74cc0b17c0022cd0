"""Timestamps to aware UTC, source names, one-line text: the conversions every reader shares.

Rules (see docs/timeline.md): a time that carries a zone is converted to UTC; a time that
carries none takes `--tz` when given (and is marked approximate) and is refused otherwise;
epoch numbers are told apart by their integer digits (10 seconds, 13 milliseconds,
16 microseconds, 19 nanoseconds); Go's zero time and JSON null mean "absent".
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, tzinfo

from blamefree.ingest.reader import ReadError

GO_ZERO_PREFIX = "0001-01-01"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TEXT = 4000

_FLOAT_EXACT_MILLIS = 2**31 * 1000
_EPOCH_DIVISORS = {10: 1, 13: 1_000, 16: 1_000_000, 19: 1_000_000_000}
_NUMERIC = re.compile(r"^\d+(\.\d+)?$")
_SOURCE_BAD = re.compile(r"[^a-z0-9_.-]+")


class TimeError(ValueError):
    """A value that is not a usable timestamp; the reader adds file, line and field."""


def epoch_to_utc(value: int | float | str) -> datetime:
    """Epoch seconds, milliseconds, microseconds or nanoseconds to UTC, by integer digits.

    A fractional value must have 10 integer digits (seconds), as Slack and zap write them.
    """
    # Fast paths for the shapes big logs use (zap float seconds, pino integer milliseconds).
    # Below 2**31 (year 2038) a float carries sub-microsecond precision, so rounding to the
    # microsecond gives the same instant as reading its (up to six) decimal digits.
    # Milliseconds below 2**31 seconds go the same way: value / 1000 is within a tenth of a
    # microsecond of the exact instant, so the rounding lands on it, and this is about twice
    # as fast as adding a timedelta (pino logs write every time so).
    if type(value) is float and 1e9 <= value < 2**31:
        return datetime.fromtimestamp(value, UTC)
    if type(value) is int and 1_000_000_000_000 <= value < 10_000_000_000_000:
        if value < _FLOAT_EXACT_MILLIS:
            return datetime.fromtimestamp(value / 1000, UTC)
        return _EPOCH + timedelta(milliseconds=value)
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, float) and "e" in text.lower():
        text = f"{value:.6f}"
    whole, _, fraction = text.partition(".")
    digits = len(whole.lstrip("-"))
    if fraction and digits != 10:
        raise TimeError(
            f"{text} is a fractional epoch with {digits} integer digits; only seconds "
            "(10 digits) may carry a fraction"
        )
    divisor = _EPOCH_DIVISORS.get(digits)
    if divisor is None:
        raise TimeError(
            f"{text} is a number with {digits} digits, which is not epoch seconds (10), "
            "milliseconds (13), microseconds (16) or nanoseconds (19)"
        )
    seconds, rest = divmod(int(whole), divisor)
    micros = rest * 1_000_000 // divisor
    if fraction:
        micros = int((fraction + "000000")[:6])
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros)


def parse_time(value: object, default_tz: tzinfo | None) -> tuple[datetime | None, bool]:
    """Any supported timestamp value to (aware UTC datetime or None, assumed-zone flag).

    Returns None for JSON null, empty strings and Go's zero time. Raises TimeError for
    anything else that is not a time, and for a time without a zone when `default_tz` is None.
    """
    if value is None:
        return None, False
    if type(value) is str and value[-1:] == "Z" and not value.startswith(GO_ZERO_PREFIX):
        # The common RFC 3339 UTC form; anything fromisoformat refuses takes the full path.
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is UTC:
                return parsed, False
    return _parse_time(value, default_tz)


def _parse_time(value: object, default_tz: tzinfo | None) -> tuple[datetime | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, bool):
        raise TimeError(f"{value!r} is not a timestamp")
    if isinstance(value, int | float):
        return epoch_to_utc(value), False
    if not isinstance(value, str):
        raise TimeError(f"{value!r} is not a timestamp")
    text = value.strip()
    if not text or text.startswith(GO_ZERO_PREFIX):
        return None, False
    if _NUMERIC.match(text):
        return epoch_to_utc(text), False
    return parse_iso(text, default_tz)


def parse_iso(text: str, default_tz: tzinfo | None) -> tuple[datetime, bool]:
    """An ISO 8601 / RFC 3339 string to aware UTC and whether the zone was assumed."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_iso_loose(text)
    if parsed.tzinfo is None:
        if default_tz is None:
            raise TimeError(
                f"{text!r} has no timezone; pass --tz with the zone these times were written "
                "in (e.g. --tz Europe/Berlin, or --tz UTC)"
            )
        return parsed.replace(tzinfo=default_tz).astimezone(UTC), True
    if parsed.tzinfo is not UTC:
        parsed = parsed.astimezone(UTC)
    return parsed, False


def _parse_iso_loose(text: str) -> datetime:
    """Common near-ISO forms: a comma before the fraction, ' UTC', 9-digit fractions."""
    candidate = text.replace(",", ".", 1) if re.search(r":\d\d,\d", text) else text
    if candidate.endswith(" UTC"):
        candidate = candidate[:-4] + "+00:00"
    candidate = re.sub(r"(\.\d{6})\d+", r"\1", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        raise TimeError(f"{text!r} is not an ISO 8601 / RFC 3339 timestamp") from None


def field_time(
    value: object,
    default_tz: tzinfo | None,
    *,
    path: str,
    field: str,
    line: int | None = None,
    offset: str | None = None,
) -> tuple[datetime | None, bool]:
    """`parse_time` that reports failures as a ReadError naming file, line and field."""
    try:
        return parse_time(value, default_tz)
    except TimeError as err:
        raise ReadError(path, str(err), line=line, offset=offset, field=field) from None


def required_time(
    value: object,
    default_tz: tzinfo | None,
    *,
    path: str,
    field: str,
    line: int | None = None,
    offset: str | None = None,
) -> tuple[datetime, bool]:
    """Like `field_time`, but an absent value is an error too."""
    try:
        at, assumed = parse_time(value, default_tz)
    except TimeError as err:
        raise ReadError(path, str(err), line=line, offset=offset, field=field) from None
    if at is None:
        raise ReadError(
            path, "the time is missing (null or empty)", line=line, offset=offset, field=field
        )
    return at, assumed


def infer_year(
    month: int, day: int, clock: tuple[int, int, int], reference: datetime, zone: tzinfo
) -> datetime:
    """A yearless local time (RFC 3164) placed in the year that puts it nearest `reference`.

    Trying the reference year and its neighbours handles New Year both ways: a December
    line read with a January reference lands in the previous year.
    """
    hour, minute, second = clock
    best: datetime | None = None
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            candidate = datetime(year, month, day, hour, minute, second, tzinfo=zone)
        except ValueError:
            continue
        if best is None or abs(candidate - reference) < abs(best - reference):
            best = candidate
    if best is None:
        raise TimeError(f"{month:02d}-{day:02d} is not a date in any year near {reference.year}")
    return best.astimezone(UTC)


@functools.lru_cache(maxsize=4096)
def source_name(family: str, qualifier: str | None = None) -> str:
    """`family` or `family.qualifier`, lowercased to the characters a source may hold (40 max)."""
    if not qualifier:
        return family
    known = _SOURCE_NAMES.get((family, qualifier))
    if known is not None:
        return known  # readers ask once per record: the regex below costs more than this
    cleaned = _SOURCE_BAD.sub("-", qualifier.lower()).strip("-._")
    name = f"{family}.{cleaned}"[:40].rstrip("-._") if cleaned else family
    if len(_SOURCE_NAMES) < _SOURCE_NAMES_KEPT:
        _SOURCE_NAMES[(family, qualifier)] = name
    return name


_SOURCE_NAMES: dict[tuple[str, str], str] = {}
_SOURCE_NAMES_KEPT = 4096


def one_line(text: str) -> str:
    """Whitespace runs collapsed to one space, trimmed, at most MAX_TEXT characters."""
    if (
        text.isascii()
        and text.isprintable()  # so the only whitespace is " "
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and len(text) <= MAX_TEXT
    ):
        return text  # already one line
    line = " ".join(text.split())
    if len(line) > MAX_TEXT:
        line = line[: MAX_TEXT - 1] + "…"
    return line


@functools.lru_cache(maxsize=4096)
def clip_label(text: str | None, limit: int = 200) -> str | None:
    """An actor label on one line, at most `limit` characters; None when empty."""
    if not text:
        return None
    label = " ".join(text.split())
    return label[:limit] or None


def day_rollover(previous: datetime | None, current: datetime) -> datetime:
    """Clock-only manual entries: a time far earlier than the previous one is the next day."""
    if previous is not None and current < previous - timedelta(hours=12):
        return current + timedelta(days=1)
    return current
