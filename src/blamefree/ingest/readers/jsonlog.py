"""JSON Lines application logs (ECS, zap, pino, slog, Docker json-file, ...).

The time key is probed in a fixed order (`@timestamp`, `timestamp`, `time`, `ts`, `@t`, `T`,
`datetime`, `date`, `eventTime`, then nested `log.timestamp`); the key that worked on the
previous line is tried first, since one file nearly always uses one key. This reader is the
hot path of big builds, so it avoids per-line allocations beyond the record itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import orjson

from blamefree.ingest.normalize import TimeError, epoch_to_utc, one_line, parse_time, source_name
from blamefree.ingest.reader import (
    Evidence,
    LogLine,
    ReadContext,
    ReadError,
    Record,
    log_record,
)
from blamefree.ingest.streams import line_blocks

TIME_KEYS = (
    "@timestamp",
    "timestamp",
    "time",
    "ts",
    "@t",
    "T",
    "datetime",
    "date",
    "eventTime",
    "asctime",
)
MESSAGE_KEYS = ("message", "msg", "log", "@m", "event", "text", "@mt", "textPayload")
_LEVEL_KEYS = ("log.level", "level", "severity", "levelname", "@l", "jsonPayload")
_NO_TIME = f"no timestamp found (looked for {', '.join(TIME_KEYS)}, log.timestamp)"
_ARRAY_BLOCK = 4096
"""Array entries (`gcloud logging read --format=json`) are re-encoded this many at a time."""
PINO_LEVELS = {10: "trace", 20: "debug", 30: "info", 40: "warning", 50: "error", 60: "fatal"}
LEVEL_ALIASES = {
    "warn": "warning",
    "err": "error",
    "crit": "critical",
    "eror": "error",
    "information": "info",
    "dpanic": "critical",
    "panic": "critical",
}


class JsonLogReader:
    """One JSON object per line with a timestamp and a message."""

    name = "jsonlog"

    def sniff(self, evidence: Evidence) -> bool:
        obj = evidence.first
        if _is_cloudwatch(evidence):
            return True
        if _is_entry_array(evidence):
            return True
        # A file of one line reads as a JSON document; it is a log of one line all the same.
        one_line = evidence.shape == "json" and b"\n" not in evidence.head.strip()
        if not (evidence.shape == "jsonl" or one_line) or not isinstance(obj, dict):
            return False
        has_time = any(key in obj for key in TIME_KEYS) or isinstance(obj.get("log"), dict)
        return has_time and any(key in obj for key in (*MESSAGE_KEYS, *_LEVEL_KEYS))

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        return map(log_record, self.read_lines(evidence, context))

    def read_lines(self, evidence: Evidence, context: ReadContext) -> Iterator[LogLine]:
        """The lines `read` gives, as tuples (see `LogLine`)."""
        if _is_cloudwatch(evidence):
            yield from _cloudwatch(evidence)
            return
        # A JSON array of entries (`gcloud logging read --format=json`) is read entry by
        # entry as if each were a line; its references and errors point at `#/index`.
        pointer = _is_entry_array(evidence)
        blocks = _array_blocks(evidence) if pointer else line_blocks(evidence.path)
        name = evidence.name
        fallback_source = source_name("log", evidence.path.name.split(".")[0])
        tz = context.default_tz
        loads = orjson.loads
        key = TIME_KEYS[0]
        message_key = MESSAGE_KEYS[0]
        sources: dict[str, str] = {}
        levels: dict[object, str] = {}
        ecs_levels: dict[str, str] = {}
        # Blocks of lines, walked here rather than through a generator of numbered lines:
        # resuming one more generator per line cost more than a tenth of a JSON line's work.
        number = -1 if pointer else 0
        for block in blocks:
            for line in block:  # orjson skips the whitespace around a line itself
                number += 1
                try:
                    obj = loads(line)
                except orjson.JSONDecodeError:
                    line = line.strip()
                    if not line:
                        continue  # a blank line
                    try:
                        loads(line)  # the error as the stripped line gives it
                    except orjson.JSONDecodeError as err:
                        raise ReadError(
                            name,
                            f"not valid JSON ({err}); each line must hold one JSON object",
                            line=number,
                        ) from err
                    raise  # unreachable: orjson ignores the whitespace strip() removes
                if not isinstance(obj, dict):
                    what = "in each array item" if pointer else "on each line"
                    raise ReadError(
                        name,
                        f"expected a JSON object {what}",
                        line=_where(number, pointer)[0],
                        offset=_where(number, pointer)[1],
                    )
                raw = obj.get(key)
                if raw is None:
                    key, raw = _probe(obj)
                    if raw is None:
                        raise ReadError(
                            name,
                            _NO_TIME,
                            line=_where(number, pointer)[0],
                            offset=_where(number, pointer)[1],
                        )
                assumed = False
                if type(raw) is str and raw[-1:] == "Z" and len(raw) <= 27:
                    try:
                        at = datetime.fromisoformat(raw)
                    except ValueError:
                        at, assumed = _slow_time(raw, tz, name, _where(number, pointer), key)
                elif type(raw) is int or type(raw) is float:
                    try:
                        at = epoch_to_utc(raw)
                    except TimeError as err:
                        where = _where(number, pointer)
                        raise ReadError(
                            name, str(err), field=key, line=where[0], offset=where[1]
                        ) from None
                else:
                    at, assumed = _slow_time(raw, tz, name, _where(number, pointer), key)
                message = obj.get(message_key)
                if message is None:
                    for message_key in MESSAGE_KEYS:
                        message = obj.get(message_key)
                        if message is not None:
                            break
                    else:
                        message_key = MESSAGE_KEYS[0]
                        payload = obj.get("jsonPayload")  # a Cloud Logging LogEntry
                        if type(payload) is dict:
                            message = payload.get("message")
                if type(message) is not str:
                    message = (
                        line.strip().decode("utf-8", "replace") if message is None else str(message)
                    )
                # A string or integer `level` alone decides the detail: remember each one's.
                raw_level = obj.get("level")
                level: str | None = None
                if raw_level is None:
                    # ECS: a non-empty `log.level` string then decides alone (see _level).
                    ecs = obj.get("log.level")
                    if type(ecs) is str and ecs:
                        level = ecs_levels.get(ecs)
                        if level is None:
                            level = ecs_levels[ecs] = _level(obj)
                elif type(raw_level) is str or type(raw_level) is int:
                    level = levels.get(raw_level)
                    if level is None:
                        level = levels[raw_level] = _level(obj)
                if level is None:
                    level = _level(obj)
                service = obj.get("service.name")
                if service is None:
                    nested = obj.get("service")
                    if type(nested) is dict:
                        service = nested.get("name")
                    else:
                        service = nested if type(nested) is str else obj.get("logger")
                actor = service if type(service) is str else None
                if actor is None:
                    host = obj.get("host.name") or obj.get("hostname")
                    actor = host if type(host) is str else None
                source = fallback_source
                if type(service) is str:
                    source = sources.get(service) or sources.setdefault(
                        service, source_name("log", service)
                    )
                text = (
                    message
                    if message
                    and len(message) < 200
                    and "  " not in message
                    and "\n" not in message
                    and "\t" not in message
                    else one_line(message)
                )
                if not text:
                    continue
                ref = f"{name}#/{number}" if pointer else f"{name}:{number}"
                yield (at, source, level, text, actor, ref, assumed)


def _is_cloudwatch(evidence: Evidence) -> bool:
    """`aws logs filter-log-events` / `get-log-events` output: `{"events": [...], ...}`."""
    obj = evidence.first
    if evidence.shape != "json" or not isinstance(obj, dict):
        return False
    events = obj.get("events")
    first = events[0] if isinstance(events, list) and events else None
    return isinstance(first, dict) and "timestamp" in first and "message" in first


def _cloudwatch(evidence: Evidence) -> Iterator[LogLine]:
    """CloudWatch Logs events: epoch-millisecond `timestamp`; a `message` that is itself a
    JSON object gives its own message and level."""
    name = evidence.name
    source = source_name("log", evidence.path.name.split(".")[0])
    document = evidence.document()
    events = document.get("events") if isinstance(document, dict) else None
    for index, event in enumerate(events if isinstance(events, list) else []):
        pointer = f"/events/{index}"
        if not isinstance(event, dict):
            raise ReadError(name, "expected a log event object", offset=pointer)
        raw = event.get("timestamp")
        try:
            at, _ = parse_time(raw, None)
        except TimeError as err:
            raise ReadError(name, str(err), offset=pointer, field="timestamp") from None
        if at is None:
            raise ReadError(name, "the timestamp is empty", offset=pointer, field="timestamp")
        message = event.get("message")
        text = message if isinstance(message, str) else ""
        level = "log.info"
        if text.lstrip().startswith("{"):
            try:
                inner = orjson.loads(text)
            except orjson.JSONDecodeError:
                inner = None
            if isinstance(inner, dict):
                level = _level(inner)
                found = next(
                    (inner[k] for k in MESSAGE_KEYS if isinstance(inner.get(k), str)), None
                )
                text = found or text
        line = one_line(text)
        if line:
            yield (at, source, level, line, None, f"{name}#{pointer}", False)


def _probe(obj: dict[str, object]) -> tuple[str, object]:
    for key in TIME_KEYS:
        value = obj.get(key)
        if value is not None:
            return key, value
    nested = obj.get("log")
    if isinstance(nested, dict) and nested.get("timestamp") is not None:
        return "log", nested["timestamp"]
    return TIME_KEYS[0], None


def _where(number: int, pointer: bool) -> tuple[int | None, str | None]:
    """Where an entry is, for a ReadError: (line, None), or (None, `/index`) in an array."""
    return (None, f"/{number}") if pointer else (number, None)


def _is_entry_array(evidence: Evidence) -> bool:
    """A JSON array whose first item is a log entry (time and message or level keys)."""
    items = evidence.first
    if evidence.shape != "json" or not isinstance(items, list) or not items:
        return False
    entry = items[0]
    if not isinstance(entry, dict):
        return False
    has_time = any(key in entry for key in TIME_KEYS) or isinstance(entry.get("log"), dict)
    return has_time and any(key in entry for key in (*MESSAGE_KEYS, *_LEVEL_KEYS))


def _array_blocks(evidence: Evidence) -> Iterator[list[bytes]]:
    """Each array item as the JSON line it would be in a JSON Lines file, in blocks."""
    document = evidence.document()
    items = document if isinstance(document, list) else []
    dumps = orjson.dumps
    for start in range(0, len(items), _ARRAY_BLOCK):
        yield [dumps(item) for item in items[start : start + _ARRAY_BLOCK]]


def _slow_time(
    raw: object, tz: object, name: str, where: tuple[int | None, str | None], key: str
) -> tuple[datetime, bool]:
    from datetime import tzinfo

    zone = tz if isinstance(tz, tzinfo) else None
    if key == "log" and isinstance(raw, dict):
        raw = raw.get("timestamp")
    elif isinstance(raw, dict) and isinstance(raw.get("seconds"), int | str):
        # protobuf Timestamp as JSON (Cloud Logging): {"seconds": ..., "nanos": ...}
        nanos = raw.get("nanos")
        fraction = f"{nanos:09d}"[:6] if isinstance(nanos, int) and 0 <= nanos < 10**9 else ""
        raw = f"{raw['seconds']}.{fraction}" if fraction else str(raw["seconds"])
    try:
        at, assumed = parse_time(raw, zone)
    except TimeError as err:
        raise ReadError(name, str(err), field=key, line=where[0], offset=where[1]) from None
    if at is None:
        raise ReadError(name, "the timestamp is empty", field=key, line=where[0], offset=where[1])
    return at.astimezone(UTC), assumed


def _level(obj: dict[str, object]) -> str:
    level = obj.get("level")
    if level is None:
        level = obj.get("log.level") or obj.get("severity") or obj.get("levelname") or obj.get("@l")
        if level is None:
            nested = obj.get("log")
            level = nested.get("level") if isinstance(nested, dict) else None
    if type(level) is int:
        return "log." + PINO_LEVELS.get(level - level % 10, "info")
    if type(level) is not str:
        return "log.info"
    lowered = level.lower()
    return "log." + LEVEL_ALIASES.get(lowered, lowered)
