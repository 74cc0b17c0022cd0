"""Slack workspace export (zip or unpacked folder), or a single channel-day JSON file.

Users are resolved to display names from users.json, mentions and links are decoded, thread
replies and bot messages are kept, joins/leaves are dropped. Time comes from `ts`, never from
the day file's name. One day file is parsed at a time.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath

import orjson

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, one_line, source_name
from blamefree.ingest.reader import Evidence, JsonValue, ReadContext, ReadError, Record
from blamefree.ingest.readers._common import as_dict, as_list, text

KEPT_SUBTYPES = frozenset(
    {
        "",
        "bot_message",
        "thread_broadcast",
        "file_share",
        "me_message",
        "channel_topic",
        "message_changed",
    }
)
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_TS = re.compile(r"^\d{9,10}(\.\d{1,6})?$")
_TOKEN = re.compile(r"<([^<>]+)>")


class SlackReader:
    """Slack export: `channels.json`/`users.json` plus one folder per channel."""

    name = "slack"

    def sniff(self, evidence: Evidence) -> bool:
        if evidence.shape in ("dir", "zip"):
            names = _Export(evidence).top_names()
            return "channels.json" in names or "users.json" in names
        if evidence.shape == "json" and isinstance(evidence.first, list) and evidence.first:
            item = as_dict(evidence.first[0])
            return item is not None and "ts" in item and item.get("type") == "message"
        return False

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        if evidence.shape == "json":
            channel = evidence.path.parent.name or "channel"
            document = evidence.document()
            yield from _messages(evidence.name, document, channel, channel, {}, evidence.name)
            return
        export = _Export(evidence)
        users = export.users()
        channel_ids = export.channel_ids()
        for folder, day_files in export.channel_days():
            channel_id = channel_ids.get(folder, folder)
            for day in day_files:
                member = f"{folder}/{day}"
                document = export.load(member)
                yield from _messages(
                    evidence.name, document, folder, channel_id, users, f"{evidence.name}/{member}"
                )


class _Export:
    """Uniform access to an export folder or zip."""

    def __init__(self, evidence: Evidence) -> None:
        self.evidence = evidence
        self._zip: list[str] | None = None
        if evidence.shape == "zip":
            with zipfile.ZipFile(evidence.path) as archive:
                # macOS "Compress" adds __MACOSX/ resource forks: not part of the export.
                names = [
                    n
                    for n in archive.namelist()
                    if not n.endswith("/") and not n.startswith("__MACOSX/")
                ]
            prefix = _common_prefix(names)
            self._prefix = prefix
            self._zip = [n[len(prefix) :] for n in names]

    def top_names(self) -> set[str]:
        if self._zip is not None:
            return {n for n in self._zip if "/" not in n}
        return {p.name for p in self.evidence.path.iterdir() if p.is_file()}

    def all_files(self) -> list[str]:
        if self._zip is not None:
            return sorted(self._zip)
        root = self.evidence.path
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json") if p.is_file())

    def load(self, member: str) -> JsonValue:
        try:
            if self._zip is not None:
                with zipfile.ZipFile(self.evidence.path) as archive:
                    data = archive.read(self._prefix + member)
            else:
                data = (self.evidence.path / member).read_bytes()
            value: JsonValue = orjson.loads(data)
        except (orjson.JSONDecodeError, KeyError, OSError) as err:
            raise ReadError(
                f"{self.evidence.name}/{member}",
                f"cannot be read as JSON ({err}); re-export the workspace or remove this file",
            ) from err
        return value

    def users(self) -> dict[str, str]:
        names: dict[str, str] = {}
        present = self.top_names()
        for file in ("users.json", "org_users.json"):
            if file not in present:
                continue
            for item in as_list(self.load(file)):
                user = as_dict(item)
                if user is None or not isinstance(user.get("id"), str):
                    continue
                label = text(user, "profile.display_name", "profile.real_name", "real_name", "name")
                names[str(user["id"])] = label or str(user["id"])
        return names

    def channel_ids(self) -> dict[str, str]:
        ids: dict[str, str] = {}
        present = self.top_names()
        for file in ("channels.json", "groups.json", "mpims.json", "dms.json"):
            if file not in present:
                continue
            for item in as_list(self.load(file)):
                channel = as_dict(item)
                if channel is None:
                    continue
                cid, name = channel.get("id"), channel.get("name")
                if isinstance(cid, str):
                    ids[name if isinstance(name, str) else cid] = cid
        return ids

    def channel_days(self) -> list[tuple[str, list[str]]]:
        folders: dict[str, list[str]] = {}
        for path in self.all_files():
            parts = PurePosixPath(path).parts
            if len(parts) == 2 and _DAY_FILE.match(parts[1]):
                folders.setdefault(parts[0], []).append(parts[1])
        return [(folder, sorted(days)) for folder, days in sorted(folders.items())]


def _common_prefix(names: list[str]) -> str:
    """A zip that wraps everything in one top folder: that folder's prefix."""
    tops = {n.split("/", 1)[0] for n in names if "/" in n}
    if len(tops) == 1 and all("/" in n for n in names):
        top = tops.pop() + "/"
        inner = {n[len(top) :].split("/", 1)[0] for n in names}
        if "channels.json" in inner or "users.json" in inner:
            return top
    return ""


def _messages(
    path: str,
    document: JsonValue,
    folder: str,
    channel_id: str,
    users: dict[str, str],
    ref_prefix: str,
) -> Iterator[Record]:
    if not isinstance(document, list):
        raise ReadError(path, "a Slack day file must be a JSON array of messages")
    source = source_name("slack", folder)
    for index, item in enumerate(document):
        pointer = f"#/{index}"
        message = as_dict(item)
        if message is None:
            raise ReadError(ref_prefix, "expected a message object", offset=pointer[1:])
        subtype = message.get("subtype") or ""
        if not isinstance(subtype, str) or subtype not in KEPT_SUBTYPES:
            continue
        if subtype == "message_changed":
            inner = as_dict(message.get("message"))
            if inner is None:
                continue
            message = inner
        ts = message.get("ts")
        if not isinstance(ts, str) or not _TS.match(ts):
            raise ReadError(
                ref_prefix,
                f"'ts' is {ts!r}, not a Slack timestamp like '1714564987.001200'; "
                "re-export the workspace",
                offset=pointer[1:],
                field="ts",
            )
        body = _message_text(message, users)
        if not body:
            continue
        thread_ts = message.get("thread_ts")
        is_reply = isinstance(thread_ts, str) and thread_ts != ts
        detail = "chat.reply" if is_reply else (f"chat.{subtype}" if subtype else "chat.message")
        if is_reply:
            body = f"(thread reply) {body}"
        if isinstance(message.get("edited"), dict):
            body = f"{body} (edited)"
        yield Record(
            _ts_time(ts),
            source,
            EventKind.MESSAGE,
            detail,
            one_line(body),
            clip_label(_actor(message, users)),
            f"{ref_prefix}{pointer}",
            key=f"slack:{channel_id}/{ts}",
        )


def _ts_time(ts: str) -> datetime:
    seconds, _, fraction = ts.partition(".")
    micros = int((fraction + "000000")[:6]) if fraction else 0
    return datetime.fromtimestamp(int(seconds), UTC).replace(microsecond=micros)


def _actor(message: dict[str, object], users: dict[str, str]) -> str | None:
    user = message.get("user")
    if isinstance(user, str) and user in users:
        return users[user]
    profile_name = text(message, "user_profile.display_name", "user_profile.real_name")
    if profile_name:
        return profile_name
    bot = text(message, "bot_profile.name", "username", "bot_id")
    if bot:
        return bot
    return user if isinstance(user, str) else None


def _message_text(message: dict[str, object], users: dict[str, str]) -> str:
    raw = message.get("text")
    body = decode_mrkdwn(raw, users) if isinstance(raw, str) else ""
    if not body.strip():
        parts = []
        for attachment in as_list(message.get("attachments")):
            label = text(attachment, "fallback", "text", "pretext", "title")
            if label:
                parts.append(decode_mrkdwn(label, users))
        body = " | ".join(parts)
    if not body.strip():
        names = [text(f, "title", "name") for f in as_list(message.get("files"))]
        shared = ", ".join(n for n in names if n)
        body = f"shared {shared}" if shared else ""
    if not body.strip() and message.get("subtype") == "channel_topic":
        topic = text(message, "topic")
        body = f"set the topic: {topic}" if topic else ""
    return body


def decode_mrkdwn(raw: str, users: dict[str, str]) -> str:
    """Slack markup to plain text: mentions to names, links to 'label (url)', entities unescaped."""

    def token(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            uid = target[1:]
            return "@" + (users.get(uid) or label or uid)
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            if target.startswith("!subteam^"):
                return label or "@team"
            if target.startswith("!date^"):
                return label or target.split("^")[1]
            return "@" + (label or target[1:])
        if label and label != target:
            return f"{label} ({target})"
        return target

    decoded = _TOKEN.sub(token, raw)
    return decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
