"""Postmortems as Markdown: the exchange format people keep in git and lint in CI.

A document is YAML front matter followed by fixed `##` sections (see docs/format.md).
`render_postmortem` writes the canonical form; `parse_postmortem` reads it back, and also
reads the looser forms people type by hand (bold times, `UTC` suffixes, en dashes,
renumbered Why steps). `render(parse(render(pm)))` equals `render(pm)`.
Every parse error names the line and what was expected there.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import yaml
from pydantic import ValidationError

from blamefree.document import _escape, _yaml
from blamefree.domain.action_item import ActionItem, ActionStatus, ActionType
from blamefree.domain.errors import DocumentError
from blamefree.domain.incident import TIME_FIELDS, Incident, IncidentTimes, Visibility
from blamefree.domain.people import SINGLE_HOLDER_ROLES, Participant, Role
from blamefree.domain.postmortem import (
    SECTION_TITLES,
    CommunicationState,
    ContributingFactor,
    ExternalCommunication,
    Postmortem,
    PostmortemStatus,
    WhyStep,
)
from blamefree.domain.timeline import EventKind, TimelineEvent

ACTION_COLUMNS: tuple[str, ...] = ("Action item", "Type", "Owner", "Deadline", "Status", "Ticket")
_FRONT_MATTER_KEYS = (
    "id",
    "title",
    "severity",
    "status",
    "visibility",
    "near_miss",
    "repeat_of",
    "times",
    "meeting",
    "published",
    "services",
    "tags",
    "roles",
    "participants",
)
_SECTION_BY_KEY = {title.casefold(): title for title in SECTION_TITLES}

# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------


def render_postmortem(postmortem: Postmortem) -> str:
    """The canonical Markdown form of a postmortem."""
    parts = ["---", *_render_front_matter(postmortem), "---", "", f"# {postmortem.incident.title}"]
    prose = _escape.PROSE
    bodies = {
        "Summary": _escape.escape_text(postmortem.summary, prose),
        "Impact": _escape.escape_text(postmortem.impact, prose),
        "Timeline": _render_timeline(postmortem),
        "Contributing factors": _render_factors(postmortem.factors),
        "What went well": _escape.escape_text(postmortem.what_went_well, prose),
        "Where we got lucky": _escape.escape_text(postmortem.where_we_got_lucky, prose),
        "Action items": _render_actions(postmortem.action_items),
        "Lessons learned": _escape.escape_text(postmortem.lessons_learned, prose),
        "External communication": _render_communication(postmortem.external_communication),
    }
    for title in SECTION_TITLES:
        parts += ["", f"## {title}"]
        body = bodies[title].strip("\n")
        if body:
            parts += ["", body]
    return "\n".join(parts) + "\n"


def _render_front_matter(pm: Postmortem) -> list[str]:
    incident = pm.incident
    lines = [
        f"id: {_yaml.scalar(incident.id)}",
        f"title: {_yaml.scalar(incident.title)}",
        f"severity: {incident.severity.value}",
        f"status: {pm.status.value}",
        f"visibility: {pm.visibility.value}",
    ]
    if incident.near_miss:
        lines.append("near_miss: true")
    lines += _yaml.string_list("repeat_of", incident.repeat_of)
    times = [(name, incident.times.get(name)) for name in TIME_FIELDS]
    known = [(name, value) for name, value in times if value is not None]
    if known:
        lines.append("times:")
        lines += [f"  {name}: {_yaml.timestamp(value)}" for name, value in known]
    if pm.meeting_at:
        lines.append(f"meeting: {_yaml.timestamp(pm.meeting_at)}")
    if pm.published_at:
        lines.append(f"published: {_yaml.timestamp(pm.published_at)}")
    lines += _yaml.string_list("services", incident.services)
    lines += _yaml.string_list("tags", incident.tags)
    holders = [(role, pm.holder(role)) for role in SINGLE_HOLDER_ROLES]
    assigned = [(role, person) for role, person in holders if person is not None]
    if assigned:
        lines.append("roles:")
        lines += [f"  {role.value}: {_yaml.scalar(_person(p))}" for role, p in assigned]
    responders = [_person(p) for p in pm.people_with(Role.RESPONDER)]
    lines += _yaml.string_list("participants", responders)
    return lines


def _person(participant: Participant) -> str:
    if participant.email:
        return f"{participant.name} <{participant.email}>"
    return participant.name


def _render_time(value: datetime) -> str:
    text = value.strftime("%H:%M")
    if value.second or value.microsecond:
        text += value.strftime(":%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    return text


def _render_timeline(pm: Postmortem) -> str:
    started = pm.incident.times.started
    anchor = _Anchor(started.date() if started else None)
    lines = []
    for event in pm.timeline:
        if anchor.resolve(event.at.time()) == event.at:
            stamp = _render_time(event.at) + "Z"
        else:
            stamp = _yaml.timestamp(event.at)
        anchor.advance(event.at)
        prefix = "~" if event.approximate else ""
        details = _render_event_meta(event)
        if not details and _details_comment(event.text):
            details = " <!-- -->"  # the text ends like a details comment; mark it as text
        lines.append(f"- {prefix}{stamp} - {event.text}{details}")
    return "\n".join(lines)


def _render_event_meta(event: TimelineEvent) -> str:
    pairs: list[tuple[str, str]] = []
    if event.kind is not EventKind.MANUAL:
        pairs.append(("kind", event.kind.value))
    if event.source != "manual":
        pairs.append(("source", event.source))
    if event.actor:
        pairs.append(("actor", event.actor))
    pairs += [("ref", ref) for ref in event.evidence]
    if event.count > 1:
        pairs.append(("count", str(event.count)))
    if event.ended_at is not None:
        pairs.append(("until", _yaml.timestamp(event.ended_at)))
    if not pairs:
        return ""
    return " <!-- " + " ".join(f"{key}={_meta_value(value)}" for key, value in pairs) + " -->"


def _meta_value(value: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_.:/@#?&=+%,-]+", value) and "--" not in value:
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("--", "-\\-")
    return f'"{escaped}"'


def _render_factors(factors: tuple[ContributingFactor, ...]) -> str:
    blocks = []
    for factor in factors:
        lines = [f"### {_factor_title(factor.title)}"]
        if factor.category:
            lines += ["", f"Category: {factor.category}"]
        if factor.description:
            description = _escape.escape_text(factor.description, _escape.DESCRIPTION)
            if factor.category is None:
                description = _escape.escape_line(description, (_escape.CATEGORY,))
            lines += ["", description]
        if factor.whys:
            lines.append("")
            for number, step in enumerate(factor.whys, start=1):
                lines.append(f"{number}. {step.question}")
                if step.answer:
                    lines.append(f"   {_escape.escape_line(step.answer, _escape.ANSWER)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _factor_title(title: str) -> str:
    """A title that ends in ' #' (or is only '#'s) gets a closing '###' so the '#'s stay text."""
    if re.search(r"(^|[ \t])#+$", title):
        return f"{title} ###"
    return title


def _cell(value: str | None) -> str:
    return (value or "").replace("\\", "\\\\").replace("|", "\\|")


def _render_actions(items: tuple[ActionItem, ...]) -> str:
    if not items:
        return ""
    lines = ["| " + " | ".join(ACTION_COLUMNS) + " |", "|" + " --- |" * len(ACTION_COLUMNS)]
    for item in items:
        status = item.status.value
        if item.rationale:
            status = f"{status}: {item.rationale}"
        cells = [
            item.description,
            item.type.label if item.type else "",
            item.owner or "",
            item.deadline.isoformat() if item.deadline else "",
            status,
            item.ticket_url or "",
        ]
        lines.append("|" + "|".join(f" {_cell(c)} " if c else " " for c in cells) + "|")
    return "\n".join(lines)


def _render_communication(comm: ExternalCommunication) -> str:
    if comm.state is CommunicationState.DRAFT and not comm.text:
        return ""
    head = f"Status: {comm.state.value}"
    text = _escape.escape_text(comm.text, _escape.COMMUNICATION)
    return f"{head}\n\n{text}" if text else head


# ---------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Section:
    title: str
    heading_line: int
    lines: list[_Line] = field(default_factory=list)

    def text(self) -> str:
        """Free text with the renderer's backslash escapes removed."""
        lines = _escape.unescape_lines([line.text for line in self.lines], _escape.PROSE)
        return "\n".join(lines).strip("\n").strip()


class _Anchor:
    """Turns `HH:MM` timeline times into full datetimes, rolling over at midnight."""

    def __init__(self, start_date: date | None) -> None:
        self._date = start_date
        self._last: datetime | None = None

    def resolve(self, clock: time) -> datetime | None:
        if self._date is None:
            return None
        candidate = datetime.combine(self._date, clock, tzinfo=UTC)
        if self._last is not None and candidate < self._last:
            candidate += timedelta(days=1)
        return candidate

    def advance(self, at: datetime) -> None:
        self._last = at
        self._date = at.date()


def parse_postmortem(text: str, *, source: str | None = None) -> Postmortem:
    """Read a postmortem from Markdown.

    Raises:
        DocumentError: naming the line and what was expected, and `source` when given.
    """
    try:
        return _parse(text)
    except DocumentError as error:
        raise error.in_file(source) if source else error from None


def _parse(text: str) -> Postmortem:
    if "\x00" in text:
        raise DocumentError("the file contains NUL bytes; it is not a Markdown text file", line=1)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start, key_lines = _parse_front_matter(lines)
    title_line, sections = _split_sections(lines, body_start)
    incident = _build_incident(meta, key_lines, title_line)
    people = _build_people(meta, key_lines)
    started = incident.times.started
    fields: dict[str, Any] = {
        "incident": incident,
        "participants": people,
        "status": _enum_field(meta, key_lines, "status", PostmortemStatus.parse, "draft"),
        "visibility": _enum_field(meta, key_lines, "visibility", Visibility, "internal"),
        "meeting_at": _time_field(meta, key_lines, "meeting"),
        "published_at": _time_field(meta, key_lines, "published"),
    }
    for title, section in sections.items():
        if title == "Timeline":
            fields["timeline"] = _parse_timeline(section, started.date() if started else None)
        elif title == "Contributing factors":
            fields["factors"] = _parse_factors(section)
        elif title == "Action items":
            fields["action_items"] = _parse_actions(section)
        elif title == "External communication":
            fields["external_communication"] = _parse_communication(section)
        else:
            fields[title.lower().replace(" ", "_")] = section.text()
    try:
        return Postmortem(**fields)
    except ValidationError as err:
        raise DocumentError(_first_error(err), line=1) from err


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    if not where or message.startswith(f"{where.rsplit('.', 1)[-1]} "):
        return message  # the message already names the field
    return f"{where}: {message}"


def _parse_front_matter(lines: list[str]) -> tuple[dict[str, Any], int, dict[str, int]]:
    if not lines or lines[0].strip() != "---":
        raise DocumentError(
            "expected front matter starting with '---' (id, title, severity, ...)", line=1
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise DocumentError("front matter opened with '---' is never closed by '---'", line=1)
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.reader.ReaderError as err:
        line = block.count("\n", 0, err.position) + 2
        raise DocumentError(
            f"front matter contains the control character U+{err.character:04X}; "
            "remove it or write it as a \\u escape inside double quotes",
            line=line,
        ) from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise DocumentError(f"front matter is not valid YAML ({problem})", line=line) from err
    if not isinstance(meta, dict):
        raise DocumentError("front matter must be a mapping of keys to values", line=2)
    key_lines = _key_lines(lines[1:end])
    for key in meta:
        if key not in _FRONT_MATTER_KEYS:
            raise DocumentError(
                f"unknown front matter key {key!r}; "
                f"expected one of {', '.join(_FRONT_MATTER_KEYS)}",
                line=key_lines.get(str(key), 2),
            )
    return meta, end + 1, key_lines


def _key_lines(block: list[str]) -> dict[str, int]:
    """Line number of every `key:` and `parent.key:` in the front matter, for messages."""
    found: dict[str, int] = {}
    parent = ""
    for offset, raw in enumerate(block, start=2):
        match = re.match(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:", raw)
        if not match:
            continue
        if match.group(1):
            found.setdefault(f"{parent}.{match.group(2)}", offset)
        else:
            parent = match.group(2)
            found.setdefault(parent, offset)
    return found


def _split_sections(
    lines: list[str], start: int
) -> tuple[tuple[int, str] | None, dict[str, _Section]]:
    title: tuple[int, str] | None = None
    sections: dict[str, _Section] = {}
    current: _Section | None = None
    fence: str | None = None
    for index in range(start, len(lines)):
        number, raw = index + 1, lines[index]
        stripped = raw.strip()
        fence = _track_fence(stripped, fence)
        if fence is None and not stripped.startswith(("```", "~~~")):
            heading = _HEADING.match(raw)
            if heading and len(heading.group(1)) == 1 and current is None:
                if title is not None:
                    raise DocumentError(
                        "a second '# ' title; use '##' for sections and '###' inside them",
                        line=number,
                    )
                title = (number, heading.group(2))
                continue
            if heading and len(heading.group(1)) == 2:
                current = _open_section(_heading_text(heading.group(2)), number, sections)
                continue
        if current is None:
            if stripped:
                raise DocumentError(
                    "text before the first '## ' section; start with '## Summary'", line=number
                )
            continue
        current.lines.append(_Line(number, raw))
    return title, sections


_HEADING = re.compile(r"^(#{1,2})[ \t]+(.*?)[ \t]*$")
_FACTOR_HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$")


def _heading_text(raw: str) -> str:
    """A heading's text without its optional closing '#'s (which need a space before them)."""
    if re.fullmatch(r"#+", raw):
        return ""
    return re.sub(r"[ \t]+#+$", "", raw)


def _track_fence(stripped: str, fence: str | None) -> str | None:
    marker = stripped[:3]
    if marker in ("```", "~~~"):
        if fence is None:
            return marker
        if fence == marker:
            return None
    return fence


def _open_section(name: str, number: int, sections: dict[str, _Section]) -> _Section:
    title = _SECTION_BY_KEY.get(name.casefold())
    if title is None:
        raise DocumentError(
            f"unknown section '## {name}'; sections are: {', '.join(SECTION_TITLES)}",
            line=number,
        )
    if title in sections:
        raise DocumentError(
            f"section '## {title}' appears twice (first at line {sections[title].heading_line})",
            line=number,
        )
    section = _Section(title, number)
    sections[title] = section
    return section


def _build_incident(
    meta: dict[str, Any], key_lines: dict[str, int], title_line: tuple[int, str] | None
) -> Incident:
    title = meta.get("title")
    if title_line is not None:
        written = {" ".join(text.split()) for text in (title_line[1], _heading_text(title_line[1]))}
        if title is None:
            title = _heading_text(title_line[1])
        elif " ".join(str(title).split()) not in written:
            raise DocumentError(
                f"heading '# {title_line[1]}' differs from the front matter title {title!r}; "
                "keep them the same",
                line=title_line[0],
            )
    for required in ("id", "severity"):
        if meta.get(required) in (None, ""):
            raise DocumentError(f"front matter needs '{required}:'", line=2)
    if title in (None, ""):
        raise DocumentError("front matter needs 'title:' (or a '# Title' heading)", line=2)
    times = meta.get("times") or {}
    if not isinstance(times, dict):
        raise DocumentError(
            "'times:' must map started/detected/... to times", line=key_lines.get("times", 2)
        )
    for key in times:
        if key not in TIME_FIELDS:
            raise DocumentError(
                f"unknown time {key!r}; expected {', '.join(TIME_FIELDS)}",
                line=key_lines.get(f"times.{key}", key_lines.get("times", 2)),
            )
    parsed_times = {
        name: _to_datetime(value, key_lines.get(f"times.{name}", 2), f"times.{name}")
        for name, value in times.items()
        if value is not None
    }
    try:
        incident_times = IncidentTimes(**parsed_times)
    except ValidationError as err:
        raise DocumentError(
            _first_error(err), line=_out_of_order_line(parsed_times, key_lines)
        ) from err
    values = {
        "id": str(meta["id"]),
        "title": str(title),
        "severity": meta["severity"],
        "times": incident_times,
        "services": _labels(meta, key_lines, "services"),
        "tags": _labels(meta, key_lines, "tags"),
        "repeat_of": _labels(meta, key_lines, "repeat_of"),
        "near_miss": meta.get("near_miss") or False,
    }
    try:
        return Incident(**values)
    except ValidationError as err:
        key = str(err.errors()[0]["loc"][0])
        raise DocumentError(_first_error(err), line=key_lines.get(key, 2)) from err


def _out_of_order_line(times: dict[str, datetime], key_lines: dict[str, int]) -> int:
    """The line of the first time that runs backwards, else the 'times:' line."""
    known = [name for name in TIME_FIELDS if name in times]
    for earlier, later in itertools.pairwise(known):
        if times[later] < times[earlier]:
            return key_lines.get(f"times.{later}", key_lines.get("times", 2))
    return key_lines.get("times", 2)


def _labels(meta: dict[str, Any], key_lines: dict[str, int], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise DocumentError(f"'{key}:' must be a list of names", line=key_lines.get(key, 2))
    return tuple(str(v) for v in value)


def _to_datetime(value: Any, line: int, name: str) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise DocumentError(
                f"{name}: {value!r} is not an RFC 3339 time such as 2024-05-01T14:02:00Z",
                line=line,
            ) from None
    else:
        raise DocumentError(
            f"{name}: expected an RFC 3339 time such as 2024-05-01T14:02:00Z", line=line
        )
    if parsed.tzinfo is None:
        written = value.isoformat() if isinstance(value, datetime) else value
        raise DocumentError(
            f"{name}: {written} has no timezone; add 'Z' for UTC or an offset such as +02:00",
            line=line,
        )
    return parsed.astimezone(UTC)


def _time_field(meta: dict[str, Any], key_lines: dict[str, int], key: str) -> datetime | None:
    value = meta.get(key)
    if value is None:
        return None
    return _to_datetime(value, key_lines.get(key, 2), key)


def _enum_field(
    meta: dict[str, Any], key_lines: dict[str, int], key: str, parse: Any, default: str
) -> Any:
    value = meta.get(key, default)
    try:
        return parse(str(value))
    except ValueError as err:
        message = str(err) if str(err).startswith(f"{key} ") else f"{key}: {err}"
        raise DocumentError(message, line=key_lines.get(key, 2)) from err


_PERSON = re.compile(r"^\s*(?P<name>[^<>]+?)\s*(?:<(?P<email>[^<>\s]+)>)?\s*$")


def _build_people(meta: dict[str, Any], key_lines: dict[str, int]) -> tuple[Participant, ...]:
    # Role holders first, then responders: the order render_postmortem writes them in.
    people: dict[str, dict[str, Any]] = {}

    def add(entry: Any, role: Role, line: int) -> None:
        match = _PERSON.match(str(entry)) if isinstance(entry, str) else None
        if match is None:
            raise DocumentError(
                f"{role.value}: expected a name such as 'Ana Lima' or 'Ana Lima <ana@example.com>'",
                line=line,
            )
        name, email = match.group("name"), match.group("email")
        person = people.setdefault(name.casefold(), {"name": name, "email": None, "roles": []})
        if email and person["email"] and person["email"] != email:
            raise DocumentError(
                f"{name} has two emails ({person['email']}, {email}); use one", line=line
            )
        person["email"] = person["email"] or email
        person["roles"].append(role)

    roles = meta.get("roles") or {}
    if not isinstance(roles, dict):
        raise DocumentError("'roles:' must map roles to names", line=key_lines.get("roles", 2))
    allowed = {role.value: role for role in SINGLE_HOLDER_ROLES}
    for key, holder in roles.items():
        line = key_lines.get(f"roles.{key}", key_lines.get("roles", 2))
        if key not in allowed:
            raise DocumentError(
                f"unknown role {key!r}; roles are {', '.join(allowed)} (list responders "
                "under 'participants:')",
                line=line,
            )
        if holder is not None:
            add(holder, allowed[key], line)
    participants = meta.get("participants") or []
    if not isinstance(participants, list):
        raise DocumentError(
            "'participants:' must be a list of names", line=key_lines.get("participants", 2)
        )
    for entry in participants:
        add(entry, Role.RESPONDER, key_lines.get("participants", 2))
    try:
        return tuple(Participant(**person) for person in people.values())
    except ValidationError as err:
        raise DocumentError(_first_error(err), line=key_lines.get("participants", 2)) from err


_TIMELINE_ENTRY = re.compile(
    r"^[-*+]\s+(?P<approx>~)?\s*(?P<bold>\*\*)?\s*(?P<approx2>~)?\s*"
    r"(?P<stamp>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?|\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"\s*(?P<zone>Z|UTC)?\s*(?:\*\*)?\s*(?:[-–—:]\s+|\s*\*\*\s*[-–—:]\s+)(?P<text>.+)$"
)
_META = re.compile(r"<!--\s+(?P<body>(?:[a-z]+=(?:\"(?:[^\"\\]|\\.)*\"|\S+)\s+)*)-->\s*$")
_META_PAIR = re.compile(r"([a-z]+)=(\"(?:[^\"\\]|\\.)*\"|\S+)")


def _parse_timeline(section: _Section, start: date | None) -> list[TimelineEvent]:
    anchor = _Anchor(start)
    events: list[TimelineEvent] = []
    for line in section.lines:
        if not line.text.strip() or _escape.is_comment_line(line.text):
            continue
        match = _TIMELINE_ENTRY.match(line.text.strip())
        if match is None:
            raise DocumentError(
                "expected a timeline entry '- HH:MM[:SS]Z - what happened' or "
                "'- 2024-05-01T14:02:00Z - what happened'",
                line=line.number,
            )
        at = _entry_time(match, anchor, line.number)
        anchor.advance(at)
        events.append(_entry_event(match, at, line.number))
    return events


def _entry_time(match: re.Match[str], anchor: _Anchor, number: int) -> datetime:
    stamp = match.group("stamp")
    if "-" in stamp[:5]:
        stamp = stamp.replace(" ", "T", 1)
        if match.group("zone") and not re.search(r"(Z|[+-]\d{2}(:?\d{2})?)$", stamp):
            stamp += "Z"
        try:
            parsed = datetime.fromisoformat(stamp)
        except ValueError:
            raise DocumentError(f"{stamp!r} is not a valid time", line=number) from None
        if parsed.tzinfo is None:
            raise DocumentError(
                f"{stamp} has no timezone; add 'Z' for UTC or an offset such as +02:00",
                line=number,
            )
        return parsed.astimezone(UTC)
    clock = _clock(stamp, number)
    resolved = anchor.resolve(clock)
    if resolved is None:
        raise DocumentError(
            f"'{stamp}' has no date: set 'times: started:' in the front matter or write the "
            "first entry as a full time such as 2024-05-01T14:02:00Z",
            line=number,
        )
    return resolved


def _clock(stamp: str, number: int) -> time:
    parts = stamp.split(":")
    try:
        hour, minute = int(parts[0]), int(parts[1])
        seconds = parts[2] if len(parts) > 2 else "0"
        whole, _, fraction = seconds.partition(".")
        micro = int((fraction + "000000")[:6]) if fraction else 0
        return time(hour, minute, int(whole), micro)
    except ValueError:
        raise DocumentError(f"'{stamp}' is not a valid time of day", line=number) from None


def _entry_event(match: re.Match[str], at: datetime, number: int) -> TimelineEvent:
    text = match.group("text")
    values: dict[str, Any] = {"at": at, "approximate": bool(match["approx"] or match["approx2"])}
    meta = _details_comment(text)
    if meta is not None:
        text = text[: meta.start()]
        refs: list[str] = []
        for key, raw in _META_PAIR.findall(meta.group("body")):
            value = _unquote(raw)
            if key == "ref":
                refs.append(value)
            elif key in ("kind", "source", "actor", "count"):
                values[key] = value
            elif key == "until":
                values["ended_at"] = _to_datetime(value, number, "until")
            else:
                raise DocumentError(
                    f"unknown timeline detail {key!r}; use kind, source, actor, ref, count, until",
                    line=number,
                )
        values["evidence"] = tuple(refs)
    values["text"] = text.strip()
    try:
        return TimelineEvent(**values)
    except ValidationError as err:
        raise DocumentError(f"timeline entry: {_first_error(err)}", line=number) from err


def _details_comment(text: str) -> re.Match[str] | None:
    """The trailing `<!-- key=value ... -->` comment: always the last '<!--' on the line.

    Quoted values write '--' as '-\\-', so a details comment never contains '<!--' itself.
    """
    start = text.rfind("<!--")
    return _META.match(text, start) if start >= 0 else None


def _unquote(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw


_WHY = re.compile(r"^(\d+)[.)]\s+(.*)$")


def _code_flags(lines: list[_Line]) -> list[bool]:
    """For each line: is it a code fence or inside one (where nothing is structure)?"""
    flags: list[bool] = []
    fence: str | None = None
    for line in lines:
        marker = _escape.fence_marker(line.text)
        flags.append(fence is not None or marker is not None)
        if fence is None:
            fence = marker
        elif marker == fence:
            fence = None
    return flags


def _parse_factors(section: _Section) -> list[ContributingFactor]:
    kept = _escape.drop_comment_lines([line.text for line in section.lines])
    lines = [section.lines[index] for index in kept]
    blocks: list[tuple[_Line, list[tuple[_Line, bool]]]] = []
    for line, code in zip(lines, _code_flags(lines), strict=True):
        heading = None if code else _FACTOR_HEADING.match(line.text)
        if heading:
            blocks.append((_Line(line.number, _heading_text(heading.group(1))), []))
        elif blocks:
            blocks[-1][1].append((line, code))
        elif line.text.strip():
            raise DocumentError(
                "expected a '### ' heading naming a contributing factor", line=line.number
            )
    return [_parse_factor(title, body) for title, body in blocks]


def _parse_factor(title: _Line, body: list[tuple[_Line, bool]]) -> ContributingFactor:
    category: str | None = None
    description: list[str] = []
    whys: list[dict[str, Any]] = []
    for line, code in body:
        stripped = line.text.strip()
        if not stripped and not whys:
            description.append("")
            continue
        if not stripped:
            continue
        category_match = re.match(
            r"^\*{0,2}Category\s*(?::\*{0,2}|\*{0,2}:)\s*(.+)$", stripped, re.IGNORECASE
        )
        if (
            category_match
            and not code
            and category is None
            and not whys
            and not "".join(description).strip()
        ):
            category = category_match.group(1).strip().lower().replace(" ", "-")
            continue
        indented = line.text.startswith((" ", "\t"))
        why = _WHY.match(stripped) if not indented and not code else None
        if why:
            whys.append({"question": why.group(2), "answer": "", "line": line.number})
        elif whys and indented and not code:
            answer = _escape.unescape_line(stripped, _escape.ANSWER)
            whys[-1]["answer"] = (whys[-1]["answer"] + " " + answer).strip()
        elif whys:
            raise DocumentError(
                f"text after the Why chain of '{title.text}'; put the description above the "
                "numbered Why steps, or indent it to continue the last answer",
                line=line.number,
            )
        else:
            description.append(line.text)
    description = _escape.unescape_lines(description, _escape.DESCRIPTION)
    if category is None:
        first = next((i for i, text in enumerate(description) if text.strip()), None)
        if first is not None:
            description[first] = _escape.unescape_line(description[first], (_escape.CATEGORY,))
    try:
        steps = tuple(WhyStep(question=w["question"], answer=w["answer"]) for w in whys)
        return ContributingFactor(
            title=title.text,
            category=category,
            description="\n".join(description).strip(),
            whys=steps,
        )
    except ValidationError as err:
        raise DocumentError(
            f"factor '{title.text}': {_first_error(err)}", line=title.number
        ) from err


def _split_row(text: str) -> list[str]:
    body = text.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current: list[str] = []
    chars = iter(body)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in ("|", "\\") else char + nxt)
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    cells.append("".join(current).strip())
    return cells


def _parse_actions(section: _Section) -> list[ActionItem]:
    rows = [
        line
        for line in section.lines
        if line.text.strip() and not _escape.is_comment_line(line.text)
    ]
    if not rows:
        return []
    for line in rows:
        if not line.text.strip().startswith("|"):
            raise DocumentError(
                "expected the action item table: | " + " | ".join(ACTION_COLUMNS) + " |",
                line=line.number,
            )
    header = [cell.casefold() for cell in _split_row(rows[0].text)]
    columns = _action_columns(header, rows[0].number)
    if len(rows) < 2 or not re.fullmatch(r"[\s|:-]+", rows[1].text):
        raise DocumentError(
            "expected the table's separator row '| --- | --- | ... |'", line=rows[0].number + 1
        )
    return [_parse_action(row, columns) for row in rows[2:]]


def _action_columns(header: list[str], number: int) -> dict[str, int]:
    names = {c.casefold(): c for c in ACTION_COLUMNS}
    aliases = {"action": "action item", "description": "action item", "due": "deadline"}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = aliases.get(cell, cell)
        if key not in names:
            raise DocumentError(
                f"unknown action item column {cell!r}; columns are {', '.join(ACTION_COLUMNS)}",
                line=number,
            )
        columns[key] = index
    if "action item" not in columns:
        raise DocumentError("the action item table needs an 'Action item' column", line=number)
    return columns


def _parse_action(row: _Line, columns: dict[str, int]) -> ActionItem:
    cells = _split_row(row.text)
    if len(cells) != len(columns):
        raise DocumentError(
            f"this row has {len(cells)} cells but the header has {len(columns)}; "
            "escape a '|' inside a cell as '\\|'",
            line=row.number,
        )

    def cell(name: str) -> str:
        return cells[columns[name]] if name in columns else ""

    try:
        kind = ActionType(cell("type").lower()) if cell("type") else None
    except ValueError:
        raise DocumentError(
            f"type {cell('type')!r} is not Prevent, Detect or Mitigate", line=row.number
        ) from None
    status_text, _, rationale = cell("status").partition(":")
    try:
        status = ActionStatus.parse(status_text) if status_text.strip() else ActionStatus.OPEN
        deadline = date.fromisoformat(cell("deadline")) if cell("deadline") else None
    except ValueError as err:
        raise DocumentError(f"action item: {err}", line=row.number) from err
    try:
        return ActionItem(
            description=cell("action item"),
            type=kind,
            owner=cell("owner") or None,
            deadline=deadline,
            status=status,
            rationale=rationale.strip() or None,
            ticket_url=cell("ticket") or None,
        )
    except ValidationError as err:
        message = _first_error(err)
        if not message.startswith("action item"):
            message = f"action item: {message}"
        raise DocumentError(message, line=row.number) from err


def _parse_communication(section: _Section) -> ExternalCommunication:
    kept = _escape.drop_comment_lines([line.text for line in section.lines])
    lines = [section.lines[index] for index in kept]
    while lines and not lines[0].text.strip():
        lines.pop(0)
    state = CommunicationState.DRAFT
    if lines:
        match = re.match(
            r"^\*{0,2}Status\s*(?::\*{0,2}|\*{0,2}:)\s*(\w+)\s*$", lines[0].text.strip(), re.I
        )
        if match:
            try:
                state = CommunicationState(match.group(1).lower())
            except ValueError:
                raise DocumentError(
                    f"external communication status {match.group(1)!r} is not draft or approved",
                    line=lines[0].number,
                ) from None
            lines.pop(0)
    texts = _escape.unescape_lines([line.text for line in lines], _escape.COMMUNICATION)
    return ExternalCommunication(state=state, text="\n".join(texts).strip())
