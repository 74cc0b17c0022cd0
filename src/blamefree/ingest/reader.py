"""The reader contract, the light internal record, read errors and format detection.

Readers turn one evidence file (or a Slack export folder/zip) into a stream of `Record`s.
A `Record` is a plain slotted object, not a pydantic model: a build can see a million raw
events, and validating a model per raw event would cost about ten times the parse itself and
keep several hundred bytes per event alive. Records are checked where they are made (times
are aware UTC, text is one line and non-empty), and only the merged result, usually a few
hundred events, becomes validated `TimelineEvent`s (see `blamefree.ingest.merge`).
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Final, Protocol

import orjson
import yaml

from blamefree.domain.errors import InvalidInput
from blamefree.domain.timeline import EventKind
from blamefree.ingest.streams import open_binary, raw_line_blocks, stripped_lines, text_lines

JsonValue = dict[str, object] | list[object] | str | int | float | bool | None
"""A parsed JSON value (orjson output)."""


class ReadError(InvalidInput):
    """An evidence file that cannot be read; names the file, the line or offset and the field."""

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        line: int | None = None,
        offset: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.offset = offset
        self.field = field
        self.reason = reason
        where = path
        if line is not None:
            where += f", line {line}"
        if offset is not None:
            where += f", at {offset}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields when it crosses from a worker process (pipeline).
        return (_read_error, (self.path, self.reason, self.line, self.offset, self.field))


def _read_error(
    path: str, reason: str, line: int | None, offset: str | None, field: str | None
) -> ReadError:
    return ReadError(path, reason, line=line, offset=offset, field=field)


RECORD_FIELDS = (
    "actor",
    "approximate",
    "at",
    "count",
    "detail",
    "ended_at",
    "key",
    "kind",
    "last_ref",
    "match",
    "origin",
    "ref",
    "refs",
    "seq",
    "source",
    "text",
)
"""Every attribute of a Record (compiled builds have no `__slots__` to read them from)."""


class Record:
    """One raw happening as a reader saw it (internal; see the module docstring).

    `detail` is the fine-grained kind from the mapping table (`log.error`, `deploy.success`,
    `k8s.warning.BackOff`, `incident.resolved`); key moments read it. `key` is the source's
    natural identity (dedupe across repeated notifications and re-imports); `match` is a
    correlation token (alert name, incident id, deployed ref) used to join the same happening
    seen by two sources.
    """

    __slots__ = RECORD_FIELDS

    def __init__(
        self,
        at: datetime,
        source: str,
        kind: EventKind,
        detail: str,
        text: str,
        actor: str | None,
        ref: str,
        key: str | None = None,
        match: str | None = None,
        approximate: bool = False,
        count: int = 1,
        ended_at: datetime | None = None,
    ) -> None:
        self.at = at
        self.source = source
        self.kind = kind
        self.detail = detail
        self.text = text
        self.actor = actor
        self.ref = ref
        self.key = key
        self.match = match
        self.approximate = approximate
        self.count = count
        self.ended_at = ended_at
        self.last_ref: str | None = None
        self.refs: list[str] | None = None
        self.seq = 0
        self.origin = 0

    def evidence(self) -> tuple[str, ...]:
        """Every reference that shows this happening: source ids first, then file positions."""
        if not self.refs and self.last_ref is None:
            # The common case (one record, one or two references), without the general
            # path's list and dict: the same tuple.
            ref = "%20".join(self.ref.split())
            if self.key is None:
                return (ref,)
            key = "%20".join(self.key.split())
            return (key,) if key == ref else (key, ref)
        refs: list[str] = []
        if self.key is not None:
            refs.append(self.key)
        refs.append(self.ref)
        if self.refs:
            refs.extend(self.refs)
        if self.last_ref is not None:
            refs.append(self.last_ref)
        return tuple(dict.fromkeys(["%20".join(ref.split()) for ref in refs]))

    def __repr__(self) -> str:
        return f"Record({self.at.isoformat()} {self.source} {self.detail} {self.text!r})"

    def __reduce__(self) -> tuple[object, ...]:
        # A flat tuple pickles several times faster than the default slot-state pickling
        # (records cross from reader worker processes in big builds).
        return (
            _record,
            (
                self.at,
                self.source,
                self.kind.value,
                self.detail,
                self.text,
                self.actor,
                self.ref,
                self.key,
                self.match,
                self.approximate,
                self.count,
                self.ended_at,
                self.last_ref,
                self.refs,
                self.seq,
                self.origin,
            ),
        )


_KINDS = {kind.value: kind for kind in EventKind}


def _record(
    at: datetime,
    source: str,
    kind: str,
    detail: str,
    text: str,
    actor: str | None,
    ref: str,
    key: str | None,
    match: str | None,
    approximate: bool,
    count: int,
    ended_at: datetime | None,
    last_ref: str | None,
    refs: list[str] | None,
    seq: int,
    origin: int,
) -> Record:
    record = Record(
        at, source, _KINDS[kind], detail, text, actor, ref, key, match, approximate, count, ended_at
    )
    record.last_ref = last_ref
    record.refs = refs
    record.seq = seq
    record.origin = origin
    return record


LogLine = tuple[datetime, str, str, str, str | None, str, bool]
"""A log line as log readers give it to the merger, before any `Record` exists:
(at, source, detail, text, actor, ref, approximate); kind LOG, no key, count 1."""


def log_record(line: LogLine) -> Record:
    """The Record a log line stands for."""
    at, source, detail, text, actor, ref, approximate = line
    return Record(at, source, EventKind.LOG, detail, text, actor, ref, None, None, approximate)


@dataclass(frozen=True)
class ReadContext:
    """What a reader may need beyond the file itself.

    Attributes:
        default_tz: zone for timestamps that carry none (`--tz`); None means refuse them.
        reference: a time near the incident (its start), used for RFC 3164's missing year and
            for clock-only manual timelines; None falls back to the file's modification time.
    """

    default_tz: tzinfo | None = None
    reference: datetime | None = None

    def __reduce__(self) -> tuple[object, ...]:
        # Sent to reader worker processes; the default pickling of a frozen dataclass sets
        # fields one by one, which a compiled (mypyc) frozen class refuses.
        return (ReadContext, (self.default_tz, self.reference))


@dataclass
class Evidence:
    """One input opened for detection: its display name, shape and first JSON value.

    `shape` is `json` (one JSON document, parsed whole into `first`), `jsonl` (one JSON value
    per line; `first` is the first line's value), `text`, `dir` or `zip`. A `json` document of
    STREAM_MIN_BYTES or more that is an object is not parsed whole: `first` is its sketch
    (top-level arrays cut to their first element, enough to detect the format), `document()`
    parses it whole on demand and `array_items()` streams a top-level array.
    """

    path: Path
    name: str
    shape: str
    head: bytes
    first: JsonValue = None
    first_line: int = 0
    spans: dict[str, list[tuple[int, int]]] | None = None
    text: str | None = None

    def document(self) -> JsonValue:
        """The whole JSON document (`json` shape); a big one is parsed only when asked."""
        if self.text is None:
            return self.first
        return _parse_document(self.text, self.name)

    def array_items(self, key: str) -> Iterator[JsonValue] | None:
        """The elements of top-level array `key`, parsed one at a time, for a big document
        (see `_sketch`); None when the document was parsed whole or has no such array."""
        if self.text is None or self.spans is None or key not in self.spans:
            return None
        return self._items(self.text, self.spans[key])

    def _items(self, text: str, spans: list[tuple[int, int]]) -> Iterator[JsonValue]:
        loads = orjson.loads
        for start, end in spans:
            try:
                value: JsonValue = loads(text[start:end])
            except orjson.JSONDecodeError as err:
                # Report it exactly as parsing the whole document reports it.
                _parse_document(text, self.name)
                raise ReadError(self.name, f"does not parse ({err})", offset=f"{start}") from err
            yield value

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """Numbered non-blank lines (1-based), streamed; gzip is opened transparently."""
        return stripped_lines(self.path)

    def json_lines(self) -> Iterator[tuple[int, JsonValue]]:
        """Each line parsed as JSON; a bad line stops the read with its line number.

        The lines are `lines()`'s (blank ones skipped, whitespace and a first byte order mark
        removed), walked block by block here rather than resuming that generator per line.
        """
        loads = orjson.loads
        number = 0
        for block in raw_line_blocks(self.path):
            for raw in block:
                number += 1
                line = raw.strip()
                if number == 1:
                    line = line.removeprefix(_BOM).strip()
                if not line:
                    continue
                try:
                    value: JsonValue = loads(line)
                except orjson.JSONDecodeError as err:
                    raise ReadError(
                        self.name,
                        f"not valid JSON ({err}); each line must hold one JSON value",
                        line=number,
                    ) from err
                yield number, value

    def text_lines(self) -> Iterator[tuple[int, str]]:
        """Numbered lines decoded as UTF-8 (undecodable bytes replaced), streamed."""
        return text_lines(self.path)


class Reader(Protocol):
    """A reader for one evidence format.

    `sniff` decides from the opened evidence whether this reader understands it; `read`
    streams records and raises `ReadError` naming the file and line on malformed input.
    Log readers also offer `read_lines(evidence, context) -> Iterator[LogLine]`, the same
    lines as plain tuples: a big build collapses most of them without making a Record.
    """

    name: str

    def sniff(self, evidence: Evidence) -> bool: ...

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]: ...


_GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
STREAM_MIN_BYTES = 8 * 1024 * 1024
_HEAD_BYTES = 65536


def open_evidence(path: Path, *, name: str | None = None) -> Evidence:
    """Look at a file or folder just enough to tell its shape (see `Evidence`)."""
    display = name or path.as_posix().replace(" ", "%20")
    if path.is_dir():
        return Evidence(path, display, "dir", b"")
    if not path.is_file():
        raise ReadError(display, "no such file or folder; check the path")
    if zipfile.is_zipfile(path):
        return Evidence(path, display, "zip", b"")
    try:
        with open_binary(path) as handle:
            head = handle.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as err:
        raise ReadError(
            display, f"cannot be read ({err}); if it is compressed, check the download is complete"
        ) from err
    stripped = head.removeprefix(_BOM).lstrip(b" \t\r\n")
    if not stripped:
        raise ReadError(
            display, "the file is empty (or only blank lines); export it again or leave it out"
        )
    if stripped[:1] in (b"{", b"["):
        return _open_json(path, display, head.removeprefix(_BOM))
    if _KUBE_YAML.match(stripped):
        return _open_yaml(path, display, head)
    return Evidence(path, display, "text", head)


_KUBE_YAML = re.compile(rb"^(?:---\s*\n)?(?:apiVersion|kind|items|metadata):(?:[ \t]|\r?\n)")


def _open_yaml(path: Path, display: str, head: bytes) -> Evidence:
    """`kubectl get ... -o yaml` output (several documents when separated by `---`), read as
    the JSON `-o json` gives; unquoted timestamps are turned back into RFC 3339 strings."""
    try:
        with open_binary(path) as handle:
            documents = list(yaml.load_all(handle, Loader=_YamlLoader))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise ReadError(
            display, f"looks like YAML but does not parse ({problem})", line=line
        ) from err
    except (OSError, EOFError, zlib.error) as err:
        raise ReadError(
            display, f"cannot be read ({err}); if it is compressed, check the download is complete"
        ) from err
    values: list[object] = [_plain(document) for document in documents if document is not None]
    first: JsonValue = _plain(values[0]) if len(values) == 1 else values
    return Evidence(path, display, "json", head, first)


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain(value: object) -> JsonValue:
    """YAML values as JSON values: dates and times become ISO strings, keys become strings."""
    if isinstance(value, dict):
        mapping: dict[str, object] = {str(key): _plain(item) for key, item in value.items()}
        return mapping
    if isinstance(value, list):
        items: list[object] = [_plain(item) for item in value]
        return items
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def peek_evidence(path: Path, *, name: str | None = None) -> Evidence | None:
    """`open_evidence`, when the file's first 64 KiB decide it (JSON Lines or text); else None.

    A cheap look ahead of the real read (the parallel build plans its work with it): a single
    JSON document, YAML, a zip, a folder or a file that cannot be read would need more than
    the head, so they give None, as does an empty file (the real read reports it).
    """
    display = name or path.as_posix().replace(" ", "%20")
    if not path.is_file() or zipfile.is_zipfile(path):
        return None
    try:
        with open_binary(path) as handle:
            head = handle.read(_HEAD_BYTES)
    except (OSError, EOFError, zlib.error):
        return None  # open_evidence reports it when the file is read for real
    stripped = head.removeprefix(_BOM).lstrip(b" \t\r\n")
    if not stripped or _KUBE_YAML.match(stripped):
        return None
    if stripped[:1] in (b"{", b"["):
        return _jsonl_evidence(path, display, head.removeprefix(_BOM))
    return Evidence(path, display, "text", head)


def _jsonl_evidence(path: Path, display: str, head: bytes) -> Evidence | None:
    """JSON Lines evidence when the head shows two or more lines and the first parses."""
    lines = [line for line in head.split(b"\n") if line.strip()]
    first_line = lines[0] if lines else b""
    complete = len(lines) > 1 or len(head) < _HEAD_BYTES
    if complete and len(lines) > 1:
        try:
            first: JsonValue = orjson.loads(first_line)
        except orjson.JSONDecodeError:
            return None
        return Evidence(path, display, "jsonl", head, first, _first_content_line(head))
    return None


def _open_json(path: Path, display: str, head: bytes) -> Evidence:
    jsonl = _jsonl_evidence(path, display, head)
    if jsonl is not None:
        return jsonl
    try:
        with open_binary(path) as handle:
            data = handle.read().removeprefix(_BOM)
    except (OSError, EOFError, zlib.error) as err:
        raise ReadError(
            display, f"cannot be read ({err}); if it is compressed, check the download is complete"
        ) from err
    if len(data) >= STREAM_MIN_BYTES:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # An ASCII document's bytes sit at the same offsets as its characters: a
            # compiled sketch then finds where items end with a byte scan (`_item_end`;
            # interpreted, the stdlib scanner is faster).
            raw = data if COMPILED and text.isascii() else None
            del data
            sketched = _sketch(text, raw)
            del raw
            if sketched is not None:
                sketch, spans = sketched
                return Evidence(path, display, "json", head, sketch, spans=spans, text=text)
            data = text.encode("utf-8")
    return Evidence(path, display, "json", head, _parse_documents(data, display))


def _parse_documents(data: bytes, display: str) -> JsonValue:
    """One JSON document; several pretty-printed ones back to back (`kubectl get events
    --watch -o json`, a webhook receiver's log) read as an array of them."""
    try:
        document: JsonValue = orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    else:
        return document
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _parse_document(data, display)
    values: list[object] = []
    at = _skip(text, 0)
    try:
        while at < len(text):
            _, end = _SCANNER.raw_decode(text, at)
            values.append(orjson.loads(text[at:end]))
            at = _skip(text, end)
    except ValueError:
        return _parse_document(data, display)  # the first error, as one document gives it
    return values


def _parse_document(data: bytes | str, display: str) -> JsonValue:
    try:
        document: JsonValue = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        raise ReadError(
            display,
            f"looks like JSON but does not parse ({err}); "
            "expected one JSON document or one JSON value per line",
        ) from err
    return document


_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match is not None else at


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


_SCANNER = json.JSONDecoder(parse_constant=_refuse_constant)


def _sketch(
    text: str, raw: bytes | None = None
) -> tuple[dict[str, object], dict[str, list[tuple[int, int]]]] | None:
    """A big JSON object with each top-level array cut to its first element, plus the spans
    (start, end) of every element of those arrays, so readers can parse them one at a time.

    The stdlib scanner only finds where values end; every value a reader sees is parsed by
    orjson from its span, as the whole document would have been. Anything unusual (not an
    object, a value the stdlib scanner refuses) gives None: the document is parsed whole.
    With `raw`, the same document as ASCII bytes, object and array items are delimited by
    `_item_end` instead (a malformed item then fails when orjson parses its span, and is
    reported as the whole document's parse reports it, see `Evidence.array_items`).
    """
    space, scan = _skip, _SCANNER.raw_decode
    sketch: dict[str, object] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    try:
        at = space(text, 0)
        if text[at] != "{":
            return None
        at = space(text, at + 1)
        while text[at] != "}":
            key, at = scan(text, at)
            if not isinstance(key, str):
                return None
            at = space(text, at)
            if text[at] != ":":
                return None
            at = space(text, at + 1)
            if text[at] == "[":
                items: list[tuple[int, int]] = []
                at = space(text, at + 1)
                while text[at] != "]":
                    end = _item_end(raw, at) if raw is not None else -1
                    if end < 0:
                        _, end = scan(text, at)
                    items.append((at, end))
                    at = space(text, end)
                    if text[at] == ",":
                        at = space(text, at + 1)
                        if text[at] == "]":
                            return None
                    elif text[at] != "]":
                        return None
                at += 1
                spans[key] = items
                sketch[key] = [orjson.loads(text[start:end]) for start, end in items[:1]]
            else:
                _, end = scan(text, at)
                sketch[key] = orjson.loads(text[at:end])
                spans.pop(key, None)
                at = end
            at = space(text, at)
            if text[at] == ",":
                at = space(text, at + 1)
                if text[at] == "}":
                    return None
            elif text[at] != "}":
                return None
        if space(text, at + 1) != len(text):
            return None
    except (ValueError, IndexError):
        # ValueError covers the stdlib's and orjson's decode errors: parse whole, as usual.
        return None
    return sketch, spans


COMPILED = not __file__.endswith(".py")
"""True when this module runs as a mypyc-compiled extension (see `ingest.speedups`)."""
_OPEN: Final = bytes([1 if chr(c) in "{[" else 0 for c in range(256)])
_CLOSE: Final = bytes([1 if chr(c) in "}]" else 0 for c in range(256)])
_QUOTE: Final = 34
_BACKSLASH: Final = 92


def _item_end(data: bytes, at: int) -> int:
    """Where the object or array starting at `at` ends (just past its closing bracket), by
    counting brackets outside strings; -1 when `at` holds no bracket or nothing closes it.

    For valid JSON this is where the stdlib scanner ends the value (what `_sketch` used
    before), several times faster in a compiled build, since nothing is built on the way.
    It does not check the value is valid JSON: orjson does, when it parses the span.
    """
    size = len(data)
    if at >= size or not _OPEN[data[at]]:
        return -1
    opens, closes = _OPEN, _CLOSE
    depth = 0
    index = at
    while index < size:
        byte = data[index]
        if byte == _QUOTE:
            index += 1
            while index < size:
                byte = data[index]
                if byte == _QUOTE:
                    break
                if byte == _BACKSLASH:
                    index += 1
                index += 1
        elif opens[byte]:
            depth += 1
        elif closes[byte]:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _first_content_line(head: bytes) -> int:
    for number, line in enumerate(head.split(b"\n"), 1):
        if line.strip():
            return number
    return 1


def detect_format(evidence: Evidence, fmt: str | None = None) -> Reader:
    """The reader for this evidence: the one named by `fmt`, or the first whose sniff agrees.

    Raises:
        ReadError: the named format does not exist, or no reader recognises the content (the
            message lists the formats tried, so `--format` can be given).
    """
    from blamefree.ingest.readers import READERS

    names = [reader.name for reader in READERS]
    if fmt is not None:
        for reader in READERS:
            if reader.name == fmt:
                return reader
        raise ReadError(evidence.name, f"unknown format {fmt!r}; use one of {', '.join(names)}")
    for reader in READERS:
        if reader.sniff(evidence):
            return reader
    raise ReadError(
        evidence.name,
        f"the format was not recognised (tried {', '.join(names)}); check the file is an export "
        "of one of these, or name it with --format",
    )
