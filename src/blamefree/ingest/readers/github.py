"""GitHub `deployment` / `deployment_status` webhook bodies and `git log` with separators.

Deployments: one record when a deployment is requested and one per status (`deploy.<state>`);
the deployed ref is the correlation token, so a later deploy of an earlier ref reads as a
rollback. `git log` must use the unit/record separator format documented in docs/timeline.md;
commits are changes that landed (committer date), merges are flagged.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, one_line, required_time, source_name
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record, open_binary
from blamefree.ingest.readers._common import as_dict, first_object, payloads, text

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


class GitHubReader:
    """GitHub deployment and deployment_status webhook payloads."""

    name = "github"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        return obj is not None and (
            isinstance(obj.get("deployment_status"), dict)
            or "sha" in (as_dict(obj.get("deployment")) or {})
        )

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                body = as_dict(item)
                base = f"{prefix}#/{position}" if isinstance(value, list) else f"{prefix}#"
                if body is None or not isinstance(body.get("deployment"), dict):
                    raise ReadError(
                        evidence.name,
                        "expected a deployment webhook body with a 'deployment' object",
                        line=line,
                        offset=base.partition("#")[2] or None,
                    )
                yield from _deployment(evidence, context, body, base, line)


def _deployment(
    evidence: Evidence, context: ReadContext, body: dict[str, object], base: str, line: int | None
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
        offset=base.partition("#")[2] + "/deployment",
    )
    description = text(deployment, "description")
    what = f"Deploy requested: {target} to {environment}"
    yield Record(
        at,
        source,
        EventKind.DEPLOY,
        "deploy.requested",
        one_line(f"{what} ({description})" if description else what),
        clip_label(text(deployment, "creator.login")),
        f"{base}/deployment",
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
        EventKind.DEPLOY,
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
        return evidence.shape == "text" and bool(_HASH.match(evidence.head))

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        source = source_name("git", evidence.path.name.split(".")[0])
        line = 1
        for chunk in _records(evidence):
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


def _records(evidence: Evidence) -> Iterator[str]:
    """Records split on 0x1e, streamed in 64 KiB blocks."""
    pending = ""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    with open_binary(evidence.path) as handle:
        while True:
            block = handle.read(65536)
            if not block:
                break
            pending += decoder.decode(block)
            *complete, pending = pending.split("\x1e")
            yield from complete
    if pending.strip():
        yield pending
