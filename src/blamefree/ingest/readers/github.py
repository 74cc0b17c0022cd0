"""GitHub `deployment` / `deployment_status` webhook bodies and `git log` with separators.

Deployments: one record when a deployment is requested and one per status (`deploy.<state>`);
the deployed ref is the correlation token, so a later deploy of an earlier ref reads as a
rollback. The REST list responses (`GET .../deployments`, `GET .../deployments/{id}/statuses`)
are bare arrays of the same objects. `git log` is read in the unit/record separator format
documented in docs/timeline.md, or as git prints it by default (`medium`, `fuller`, with
`--graph`, `--stat` or `-p`, and `--date` default, iso, iso-strict, rfc, raw or unix);
commits are changes that landed (committer date when shown), merges are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime
from typing import Final

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import (
    TimeError,
    clip_label,
    epoch_to_utc,
    one_line,
    parse_iso,
    required_time,
    source_name,
)
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record
from blamefree.ingest.readers._common import as_dict, first_object, payloads, text
from blamefree.ingest.streams import separated_records

# Module constants: an enum member looked up on its class costs ~70 ns per record.
_DEPLOY: Final = EventKind.DEPLOY

GIT_FIELDS = (
    "hash",
    "parents",
    "author",
    "author_email",
    "author_date",
    "committer",
    "committer_email",
    "committer_date",
    "refs",
    "subject",
)
GIT_FORMAT = "%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%D%x1f%s%x1e"
_HASH = re.compile(rb"^\s*[0-9a-f]{40}\x1f")
_COMMIT = re.compile(
    r"^(?P<graph>[*|\\/ _.-]*?)commit (?P<hash>[0-9a-f]{40}(?:[0-9a-f]{24})?)"
    r"(?: \((?P<refs>[^)]*)\))?\s*$"
)
_COMMIT_HEAD = re.compile(rb"^[*|\\/ _.-]*?commit [0-9a-f]{40}")
_HEADER = re.compile(r"^(?P<key>[A-Za-z]+):\s+(?P<value>.*)$")
_GIT_DEFAULT_DATE = "%a %b %d %H:%M:%S %Y"


class GitHubReader:
    """GitHub deployment and deployment_status webhook payloads."""

    name = "github"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        return obj is not None and (
            isinstance(obj.get("deployment_status"), dict)
            or "sha" in (as_dict(obj.get("deployment")) or {})
            or _is_rest_deployment(obj)
            or _is_rest_status(obj)
        )

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                body = as_dict(item)
                base = f"{prefix}#/{position}" if isinstance(value, list) else f"{prefix}#"
                if body is not None and _is_rest_deployment(body):
                    repository = {"full_name": text(body, "repository_url") or ""}
                    yield from _deployment(
                        evidence,
                        context,
                        {"deployment": body, "repository": repository},
                        base,
                        line,
                        suffix="",
                    )
                    continue
                if body is not None and _is_rest_status(body):
                    yield from _rest_status(evidence, context, body, base, line)
                    continue
                if body is None or not isinstance(body.get("deployment"), dict):
                    raise ReadError(
                        evidence.name,
                        "expected a deployment webhook body with a 'deployment' object",
                        line=line,
                        offset=base.partition("#")[2] or None,
                    )
                yield from _deployment(evidence, context, body, base, line)


def _is_rest_deployment(obj: dict[str, object]) -> bool:
    """A deployment object as the REST API lists it (no webhook wrapper)."""
    return "sha" in obj and "ref" in obj and "environment" in obj and "statuses_url" in obj


def _is_rest_status(obj: dict[str, object]) -> bool:
    """A deployment status object as the REST API lists it (no webhook wrapper)."""
    return "state" in obj and "deployment_url" in obj and "created_at" in obj


def _rest_status(
    evidence: Evidence, context: ReadContext, status: dict[str, object], base: str, line: int | None
) -> Iterator[Record]:
    """A listed status: it names its deployment only by URL, so the text gives that id."""
    repository = (text(status, "repository_url") or "").rstrip("/").split("/")[-1]
    state = text(status, "state") or "unknown"
    at, assumed = required_time(
        status.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="created_at",
        line=line,
        offset=base.partition("#")[2] or None,
    )
    deployment = (text(status, "deployment_url") or "").rstrip("/").split("/")[-1]
    parts = [f"Deploy {state}: deployment {deployment} to {text(status, 'environment') or '?'}"]
    description = text(status, "description")
    if description:
        parts.append(f"({description})")
    log_url = text(status, "log_url", "target_url")
    if log_url:
        parts.append(log_url)
    status_id = text(status, "id")
    yield Record(
        at,
        source_name("github", repository),
        _DEPLOY,
        f"deploy.{state.lower()}",
        one_line(" ".join(parts)),
        clip_label(text(status, "creator.login")),
        base,
        key=f"github:deployment_status:{status_id}" if status_id else None,
        approximate=assumed,
    )


def _deployment(
    evidence: Evidence,
    context: ReadContext,
    body: dict[str, object],
    base: str,
    line: int | None,
    *,
    suffix: str = "/deployment",
) -> Iterator[Record]:
    deployment = as_dict(body.get("deployment")) or {}
    repo = text(body, "repository.full_name")
    source = source_name("github", repo.split("/")[-1] if repo else None)
    ref = text(deployment, "ref") or "?"
    sha = (text(deployment, "sha") or "")[:7]
    environment = text(deployment, "environment") or "?"
    target = f"{ref}@{sha}" if sha and sha != ref[:7] else ref
    deployment_id = text(deployment, "id")
    at, assumed = required_time(
        deployment.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="deployment.created_at",
        line=line,
        offset=base.partition("#")[2] + suffix,
    )
    description = text(deployment, "description")
    what = f"Deploy requested: {target} to {environment}"
    yield Record(
        at,
        source,
        _DEPLOY,
        "deploy.requested",
        one_line(f"{what} ({description})" if description else what),
        clip_label(text(deployment, "creator.login")),
        f"{base}{suffix}",
        key=f"github:deployment:{deployment_id}" if deployment_id else None,
        match=ref.lower(),
        approximate=assumed,
    )
    status = as_dict(body.get("deployment_status"))
    if status is None:
        return
    state = text(status, "state") or "unknown"
    status_at, status_assumed = required_time(
        status.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="deployment_status.created_at",
        line=line,
        offset=base.partition("#")[2] + "/deployment_status",
    )
    parts = [f"Deploy {state}: {target} to {text(status, 'environment') or environment}"]
    status_description = text(status, "description")
    if status_description:
        parts.append(f"({status_description})")
    log_url = text(status, "log_url", "target_url")
    if log_url:
        parts.append(log_url)
    status_id = text(status, "id")
    yield Record(
        status_at,
        source,
        _DEPLOY,
        f"deploy.{state.lower()}",
        one_line(" ".join(parts)),
        clip_label(text(status, "creator.login") or text(body, "sender.login")),
        f"{base}/deployment_status",
        key=f"github:deployment_status:{status_id}" if status_id else None,
        match=ref.lower(),
        approximate=status_assumed,
    )


class GitLogReader:
    """`git log --pretty=format:'<GIT_FORMAT>'` output (fields split by 0x1f, records by 0x1e)."""

    name = "git"

    def sniff(self, evidence: Evidence) -> bool:
        if evidence.shape != "text":
            return False
        return bool(_HASH.match(evidence.head) or _COMMIT_HEAD.match(evidence.head.lstrip()))

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        source = source_name("git", evidence.path.name.split(".")[0])
        if not _HASH.match(evidence.head):
            yield from _pretty_log(evidence, context, source)
            return
        line = 1
        for chunk in separated_records(evidence.path, "\x1e"):
            lead = len(chunk) - len(chunk.lstrip("\r\n"))
            start_line = line + chunk[:lead].count("\n")
            line += chunk.count("\n")
            body = chunk.strip("\r\n")
            if not body.strip():
                continue
            fields = body.split("\x1f")
            if len(fields) != len(GIT_FIELDS):
                raise ReadError(
                    evidence.name,
                    f"a commit has {len(fields)} fields, expected {len(GIT_FIELDS)}; produce the "
                    f"file with git log --pretty=format:'{GIT_FORMAT}'",
                    line=start_line,
                )
            commit = dict(zip(GIT_FIELDS, fields, strict=True))
            at, assumed = required_time(
                commit["committer_date"],
                context.default_tz,
                path=evidence.name,
                field="%cI",
                line=start_line,
            )
            merge = len(commit["parents"].split()) >= 2
            refs = f" [{commit['refs']}]" if commit["refs"] else ""
            label = "Merged" if merge else "Committed"
            yield Record(
                at,
                source,
                EventKind.CONFIG_CHANGE,
                "code.merge" if merge else "code.commit",
                one_line(f"{label} {commit['hash'][:7]}: {commit['subject']}{refs}"),
                clip_label(commit["author"]),
                f"{evidence.name}:{start_line}",
                key=f"git:{commit['hash']}",
                match=commit["hash"][:7],
                approximate=assumed,
            )


class _Commit:
    """One commit of `git log`'s own layout while its lines are read."""

    def __init__(self, match: re.Match[str], line: int) -> None:
        self.hash = match["hash"]
        self.refs = match["refs"] or ""
        self.width = len(match["graph"])
        self.line = line
        self.headers: dict[str, tuple[str, int]] = {}
        self.subject: str | None = None
        self.in_message = False

    def add(self, raw: str, number: int) -> None:
        line = raw[self.width :] if raw[: self.width].strip(" |\\/*_.-") == "" else raw
        if not self.in_message:
            header = _HEADER.match(line)
            if header is not None:
                self.headers[header["key"].lower()] = (header["value"].strip(), number)
            elif not line.strip():
                self.in_message = bool(self.headers)
        elif self.subject is None and line.startswith("    ") and line.strip():
            self.subject = line.strip()


def _pretty_log(evidence: Evidence, context: ReadContext, source: str) -> Iterator[Record]:
    """`git log` as git prints it: `commit <hash>`, headers, a blank line, the indented message."""
    commit: _Commit | None = None
    for number, raw in evidence.text_lines():
        match = _COMMIT.match(raw)
        if match is not None:
            if commit is not None:
                yield _pretty_record(evidence, context, source, commit)
            commit = _Commit(match, number)
        elif commit is not None:
            commit.add(raw, number)
    if commit is not None:
        yield _pretty_record(evidence, context, source, commit)


def _pretty_record(
    evidence: Evidence, context: ReadContext, source: str, commit: _Commit
) -> Record:
    field = "CommitDate" if "commitdate" in commit.headers else "Date"
    value, line = commit.headers.get(field.lower(), ("", commit.line))
    if not value:
        raise ReadError(
            evidence.name,
            "the commit shows no date (a --oneline or --format without one?); produce the file "
            "with plain git log, or with git log --pretty=format:'" + GIT_FORMAT + "'",
            line=commit.line,
        )
    try:
        at, assumed = git_date(value, context.default_tz)
    except TimeError as err:
        raise ReadError(evidence.name, str(err), line=line, field=field) from None
    merge = "merge" in commit.headers
    author = commit.headers.get("author", ("", 0))[0].partition(" <")[0]
    refs = f" [{commit.refs}]" if commit.refs else ""
    label = "Merged" if merge else "Committed"
    return Record(
        at,
        source,
        EventKind.CONFIG_CHANGE,
        "code.merge" if merge else "code.commit",
        one_line(f"{label} {commit.hash[:7]}: {commit.subject or '(no message)'}{refs}"),
        clip_label(author),
        f"{evidence.name}:{commit.line}",
        key=f"git:{commit.hash}",
        match=commit.hash[:7],
        approximate=assumed,
    )


def git_date(value: str, default_tz: tzinfo | None) -> tuple[datetime, bool]:
    """A date as `git log --date=...` prints it: default, local, iso, iso-strict, rfc, raw, unix.

    Raises:
        TimeError: relative or short dates, and a local date without `--tz`.
    """
    text = value.strip()
    parts = text.split()
    if parts and parts[0].isdigit() and len(parts) <= 2:  # raw ("1714557600 +0200") or unix
        return epoch_to_utc(parts[0]), False
    if "," in text:  # rfc: "Wed, 1 May 2024 14:16:05 +0200"
        try:
            return parsedate_to_datetime(text).astimezone(UTC), False
        except (TypeError, ValueError):
            pass
    if parts and parts[0][:1].isdigit() and len(parts[0]) == 10 and len(parts) >= 2:
        return parse_iso(text, default_tz)  # iso, iso-strict
    if len(parts) == 1 and parts[0][:4].isdigit():
        if "T" in text:
            return parse_iso(text, default_tz)
        raise TimeError(
            f"{text!r} has no time of day; produce the file with git log --date=iso-strict"
        )
    zone = parts[-1] if parts and parts[-1][:1] in "+-" else None
    clock = " ".join(parts[:-1] if zone else parts)
    try:
        parsed = datetime.strptime(clock, _GIT_DEFAULT_DATE)
    except ValueError:
        raise TimeError(
            f"{text!r} is not a date git prints for --date=default, iso, iso-strict, rfc, raw or "
            "unix (relative dates cannot be placed in time); produce the file with "
            "git log --date=iso-strict"
        ) from None
    if zone is not None:
        return parse_iso(f"{parsed.isoformat()}{zone[:3]}:{zone[3:]}", None)
    if default_tz is None:
        raise TimeError(
            f"{text!r} has no timezone (git log --date=local); pass --tz with the zone of the "
            "machine that printed it, or produce the file with git log --date=iso-strict"
        )
    return parsed.replace(tzinfo=default_tz).astimezone(UTC), True
