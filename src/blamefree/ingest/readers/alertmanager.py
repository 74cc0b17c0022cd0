"""Prometheus Alertmanager (webhook version 4) and Grafana (version 1) notification payloads.

One payload per file or one per line (a receiver that logs every POST). A notification is
re-sent on every group interval, so each alert yields one "firing" record per
(fingerprint, startsAt) and one "resolved" record at `endsAt` when it arrives resolved; the
natural keys make the repeats collapse into one. A firing alert's `endsAt` is a "valid until"
time, not an end, and is ignored.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from typing import Final

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, field_time, one_line, required_time
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record
from blamefree.ingest.readers._common import as_dict, as_list, first_object, payloads, text

# Module constants: an enum member looked up on its class costs ~70 ns per record.
_ALERT_FIRING: Final = EventKind.ALERT_FIRING
_ALERT_RESOLVED: Final = EventKind.ALERT_RESOLVED


def _is_grafana(payload: dict[str, object]) -> bool:
    return "orgId" in payload or payload.get("version") == "1"


def _is_notification(obj: dict[str, object] | None) -> bool:
    return (
        obj is not None
        and isinstance(obj.get("alerts"), list)
        and ("receiver" in obj or "groupKey" in obj or "version" in obj)
    )


class AlertmanagerReader:
    """Alertmanager webhook payloads (`version: "4"`)."""

    name = "alertmanager"
    family = "alertmanager"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        return _is_notification(obj) and obj is not None and not _is_grafana(obj)

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                payload = as_dict(item)
                base = f"{prefix}#/{position}" if isinstance(value, list) else f"{prefix}#"
                if not _is_notification(payload) or payload is None:
                    raise ReadError(
                        evidence.name,
                        "expected an alert notification with an 'alerts' array",
                        line=line,
                        offset=base.partition("#")[2] or None,
                    )
                family = "grafana" if _is_grafana(payload) else "alertmanager"
                yield from _alerts(evidence, context, payload, family, base, line)


class GrafanaReader(AlertmanagerReader):
    """Grafana unified alerting webhook payloads (`version: "1"`, `orgId`)."""

    name = "grafana"
    family = "grafana"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        if obj is not None and _is_legacy_grafana(obj):
            return True  # recognised, so that reading it can say why it cannot be used
        return _is_notification(obj) and obj is not None and _is_grafana(obj)

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        obj = first_object(evidence)
        if obj is not None and _is_legacy_grafana(obj):
            raise ReadError(
                evidence.name,
                "this is a legacy Grafana alert webhook (ruleName, evalMatches), which carries "
                "no time; use Grafana Alerting (unified) webhook payloads, or add the alert to a "
                "manual timeline",
            )
        yield from super().read(evidence, context)


def _is_legacy_grafana(obj: dict[str, object]) -> bool:
    return "alerts" not in obj and "ruleName" in obj and "evalMatches" in obj


def _alerts(
    evidence: Evidence,
    context: ReadContext,
    payload: dict[str, object],
    family: str,
    base: str,
    line: int | None,
) -> Iterator[Record]:
    common = as_dict(payload.get("commonAnnotations")) or {}
    for index, item in enumerate(as_list(payload.get("alerts"))):
        alert = as_dict(item)
        pointer = f"{base}/alerts/{index}"
        offset = pointer.partition("#")[2]
        if alert is None:
            raise ReadError(evidence.name, "expected an alert object", line=line, offset=offset)
        labels = as_dict(alert.get("labels")) or {}
        name = text(labels, "alertname") or text(payload, "title") or "alert"
        starts, assumed = required_time(
            alert.get("startsAt"),
            context.default_tz,
            path=evidence.name,
            field="startsAt",
            line=line,
            offset=offset,
        )
        summary = (
            text(alert, "annotations.summary", "annotations.description")
            or text(common, "summary", "description")
            or (text(alert, "valueString") if family == "grafana" else None)
            or _label_text(labels)
        )
        fingerprint = text(alert, "fingerprint") or "-".join(_label_text(labels).split())
        raw_start = _raw_start(starts)
        actor = clip_label(name)
        match = name.lower()
        yield Record(
            starts,
            family,
            _ALERT_FIRING,
            "alert.firing",
            one_line(f"{name} firing: {summary}"),
            actor,
            pointer,
            key=f"{family}:{fingerprint}@{raw_start}:firing",
            match=match,
            approximate=assumed,
        )
        if alert.get("status") != "resolved":
            continue
        ends, ends_assumed = field_time(
            alert.get("endsAt"),
            context.default_tz,
            path=evidence.name,
            field="endsAt",
            line=line,
            offset=offset,
        )
        if ends is None:
            continue
        yield Record(
            ends,
            family,
            _ALERT_RESOLVED,
            "alert.resolved",
            one_line(f"{name} resolved: {summary}"),
            actor,
            pointer,
            key=f"{family}:{fingerprint}@{raw_start}:resolved",
            match=match,
            approximate=ends_assumed,
        )


@functools.lru_cache(maxsize=4096)
def _raw_start(starts: datetime) -> str:
    # Re-sent notifications repeat the same start: format each one once.
    return starts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _label_text(labels: dict[str, object]) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(labels.items()) if isinstance(v, str)) or "alert"
