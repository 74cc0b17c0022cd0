"""Key moments (first symptom, detection, acknowledgement, escalation, mitigation,
resolution) found in a merged timeline, each with its evidence and a confidence, and the
response metrics they give (time to detect, acknowledge, mitigate and resolve).

The rules are deliberately simple and explainable; each moment's `reason` says which rule
chose it, and a person can override any moment (overrides survive rebuilds):

- detection: the first alert firing (0.9); without alerts, the first page (0.7).
- first symptom: the earliest error-level log, warning cluster event or alert between the
  last change (deploy, config change) before detection and detection; without a change, in
  the hour before detection. Logs give 0.5, cluster warnings 0.6, the alert itself 0.8.
- acknowledgement / escalation: the first ack (0.9) / escalation (0.8) at or after detection.
- mitigation: after detection, a rollback deploy that finished (0.9: a redeploy of an earlier
  ref, or a deploy whose text says rollback/revert/failover/scale), a rollback deploy
  requested (0.8), a revert commit or config change (0.8), a scale-up (0.7), or a chat/manual/
  status line that says so (0.5). The highest confidence wins; ties go to the earliest.
- resolution: the incident resolved in the paging tool (0.9), the status page resolved (0.8),
  or the last alert resolved (0.7).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from blamefree.domain.timeline import EventKind, KeyMoment, KeyMomentKind, ResponseMetrics
from blamefree.ingest.merge import MAX_EVIDENCE
from blamefree.ingest.reader import Record

LOOKBACK = timedelta(hours=1)
MITIGATION_WORDS = re.compile(
    r"\b(roll(?:ing|ed)?[ -]?back|rollback|revert(?:ed|ing|s)?|fail(?:ed|ing)?[ -]?over|"
    r"failover|scal(?:e|ed|ing)[ -]?(?:up|out)|disabled? (?:the )?(?:feature )?flag|"
    r"feature flag off)\b",
    re.IGNORECASE,
)
_MITIGATION_LITERALS = ("roll", "revert", "fail", "scal", "disable", "flag")
"""Every match of MITIGATION_WORDS holds one of these (lowercased, for ASCII text)."""


def says_mitigated(text: str) -> bool:
    """`MITIGATION_WORDS.search(text) is not None`, skipping the regex for ASCII text that
    holds none of the literals every match contains (most deploy texts of a big build).
    Non-ASCII text always takes the regex: IGNORECASE folds some letters `lower` keeps."""
    if text.isascii():
        lowered = text.lower()
        for literal in _MITIGATION_LITERALS:
            if literal in lowered:
                break
        else:
            return False
    return MITIGATION_WORDS.search(text) is not None


SYMPTOM_LEVELS = frozenset({"log.error", "log.critical", "log.fatal", "log.emergency", "log.alert"})
CHANGE_KINDS = frozenset({EventKind.DEPLOY, EventKind.CONFIG_CHANGE})
# The kinds as module constants: an enum member looked up on its class costs about 70 ns
# each time, which the loops below would pay for every record.
_LOG: Final = EventKind.LOG
_ACK: Final = EventKind.ACK
_ALERT_FIRING: Final = EventKind.ALERT_FIRING
_ALERT_RESOLVED: Final = EventKind.ALERT_RESOLVED
_CLUSTER_EVENT: Final = EventKind.CLUSTER_EVENT
_CONFIG_CHANGE: Final = EventKind.CONFIG_CHANGE
_DEPLOY: Final = EventKind.DEPLOY
_ESCALATION: Final = EventKind.ESCALATION
_MANUAL: Final = EventKind.MANUAL
_MESSAGE: Final = EventKind.MESSAGE
_PAGE: Final = EventKind.PAGE
_STATUS_UPDATE: Final = EventKind.STATUS_UPDATE


def find_key_moments(
    records: Sequence[Record],
    *,
    since: datetime | None = None,
    prepared: PreparedMoments | None = None,
) -> list[KeyMoment]:
    """Key moments in merged, time-ordered records; `since` ignores anything earlier.

    `prepared` (from `prepare_key_moments` on some of these records, in the same order) gives
    every moment but the first symptom; it is used only when the records it did not see
    could not change those moments (log lines: see `_could_decide`), else they are found
    again here, so the result is the same either way.
    """
    events = _since(records, since)
    if prepared is None or prepared.since != since or _deciding(records) != prepared.deciding:
        prepared = _prepare(events, records, since, deciding=-1)
    moments: list[KeyMoment] = []
    symptom = _first_symptom(events, prepared.detection)
    if symptom is not None:
        record, confidence, reason = symptom
        moments.append(_moment(KeyMomentKind.FIRST_SYMPTOM, record, confidence, reason))
    moments.extend(prepared.moments)
    return moments


@dataclass(frozen=True)
class PreparedMoments:
    """Every key moment but the first symptom, found before the log lines are in.

    Only the first symptom can come from a log line; the other moments come from alerts,
    pages, acks, deploys, cluster events, chat and status updates. A parallel build finds
    them while the workers still read the logs (see `prepare_key_moments`).

    Attributes:
        since: the `since` they were found with.
        deciding: how many of the records could decide a moment (`_could_decide`).
        detection: the detection record, which the first symptom is measured against.
        moments: detection, acknowledgement, escalation, mitigation, resolution (as found).
    """

    since: datetime | None
    deciding: int
    detection: Record | None
    moments: tuple[KeyMoment, ...]


def prepare_key_moments(
    records: Sequence[Record], *, since: datetime | None = None
) -> PreparedMoments:
    """The key moments of `records` besides the first symptom, for `find_key_moments` on
    these records plus log lines (the same records in the same order, lines in between)."""
    return _prepare(_since(records, since), records, since, deciding=_deciding(records))


def _since(records: Sequence[Record], since: datetime | None) -> Sequence[Record]:
    if since is None:
        return records
    return [r for r in records if (r.ended_at or r.at) >= since]


_RESOLVING_DETAILS = frozenset({"incident.resolved", "comms.resolved", "comms.incident_resolved"})


def _could_decide(record: Record) -> bool:
    """Whether the record could decide a moment other than the first symptom: anything but
    a log line (a log line's detail is its level, `log.error`, never a resolving detail)."""
    return record.kind is not _LOG or record.detail in _RESOLVING_DETAILS


def _deciding(records: Sequence[Record]) -> int:
    count = 0
    log = _LOG
    for record in records:
        if record.kind is not log or record.detail in _RESOLVING_DETAILS:  # _could_decide
            count += 1
    return count


def _prepare(
    events: Sequence[Record], records: Sequence[Record], since: datetime | None, *, deciding: int
) -> PreparedMoments:
    detection = _first(events, _ALERT_FIRING)
    detection_confidence = 0.9
    if detection is None:
        detection, detection_confidence = _first(events, _PAGE), 0.7
    if detection is None:
        return PreparedMoments(since, deciding, None, ())
    moments = [
        _moment(
            KeyMomentKind.DETECTION,
            detection,
            detection_confidence,
            "first alert"
            if detection.kind is _ALERT_FIRING
            else "first page (no alert in the evidence)",
        )
    ]
    after = [r for r in events if r.at >= detection.at]
    ack = _first(after, _ACK)
    if ack is not None:
        moments.append(_moment(KeyMomentKind.ACKNOWLEDGEMENT, ack, 0.9, "first acknowledgement"))
    escalation = _first(after, _ESCALATION)
    if escalation is not None:
        moments.append(_moment(KeyMomentKind.ESCALATION, escalation, 0.8, "first escalation"))
    mitigation = _mitigation(events, detection, history=records)
    if mitigation is not None:
        record, confidence, reason = mitigation
        moments.append(_moment(KeyMomentKind.MITIGATION, record, confidence, reason))
    resolution = _resolution(after)
    if resolution is not None:
        record, confidence, reason, at = resolution
        moments.append(_moment(KeyMomentKind.RESOLUTION, record, confidence, reason, at=at))
    return PreparedMoments(since, deciding, detection, tuple(moments))


def _first(records: Sequence[Record], kind: EventKind) -> Record | None:
    return next((r for r in records if r.kind is kind), None)


def _is_symptom(record: Record) -> float | None:
    if record.kind is _ALERT_FIRING:
        return 0.8
    if record.kind is _CLUSTER_EVENT and record.detail.startswith("k8s.warning."):
        return 0.6
    if record.kind is _LOG and record.detail in SYMPTOM_LEVELS:
        return 0.5
    return None


def _first_symptom(
    records: Sequence[Record], detection: Record | None
) -> tuple[Record, float, str] | None:
    if detection is None:
        for record in records:
            confidence = _is_symptom(record)
            if confidence is not None:
                return record, min(confidence, 0.4), "earliest error signal (nothing alerted)"
        return None
    low = detection.at - LOOKBACK
    change = None
    for record in records:
        if record.at > detection.at:
            break
        if record.kind in CHANGE_KINDS and record.at >= low:
            change = record
    start = change.at if change is not None else low
    for record in records:
        if record.at > detection.at:
            break
        if record.at < start:
            continue
        confidence = _is_symptom(record)
        if confidence is not None:
            why = "after the last change before" if change is not None else "in the hour before"
            return record, confidence, f"earliest error signal {why} detection"
    return None


def _mitigation(
    records: Sequence[Record], detection: Record, *, history: Sequence[Record]
) -> tuple[Record, float, str] | None:
    # Deploys before `since` still tell which versions ran earlier (a redeploy of one of them
    # is a rollback), so the version history reads every record, not just the window.
    earlier_refs: list[str] = []
    for record in history:
        if record.at >= detection.at:
            break
        if record.kind is _DEPLOY and record.match:
            earlier_refs.append(record.match)
    current = earlier_refs[-1] if earlier_refs else None
    previous_refs = {ref for ref in earlier_refs if ref != current}
    best: tuple[Record, float, str] | None = None
    for record in records:
        if record.at < detection.at:
            continue
        if best is not None and _HIGHEST_SCORE.get(record.kind, 0.0) <= best[1]:
            continue  # this kind cannot beat the best so far (ties go to the earliest)
        scored = _mitigation_score(record, previous_refs)
        if scored is not None and (best is None or scored[0] > best[1]):
            best = (record, *scored)
            if scored[0] >= _HIGHEST_SCORE[_DEPLOY]:
                break  # nothing scores higher: the rest cannot change the result
    return best


_WORDED_KINDS = frozenset(
    {
        EventKind.DEPLOY,
        EventKind.CONFIG_CHANGE,
        EventKind.MESSAGE,
        EventKind.MANUAL,
        EventKind.STATUS_UPDATE,
    }
)


_HIGHEST_SCORE: dict[EventKind, float] = {
    EventKind.DEPLOY: 0.9,
    EventKind.CONFIG_CHANGE: 0.8,
    EventKind.CLUSTER_EVENT: 0.7,
    EventKind.MESSAGE: 0.5,
    EventKind.MANUAL: 0.5,
    EventKind.STATUS_UPDATE: 0.5,
}
"""The highest score `_mitigation_score` can give each kind (other kinds score nothing):
once the best so far reaches it, records of that kind need no text search."""


def _mitigation_score(record: Record, previous_refs: set[str]) -> tuple[float, str] | None:
    kind = record.kind
    if kind is _CLUSTER_EVENT:
        return (0.7, "scale-up") if "scaled up" in record.text.lower() else None
    if kind not in _WORDED_KINDS:
        return None  # no other kind can mark mitigation: skip the word search
    worded = says_mitigated(record.text)
    if record.kind is _DEPLOY:
        redeploy = record.match is not None and record.match in previous_refs
        if not (worded or redeploy):
            return None
        why = "redeploy of an earlier version" if redeploy else "rollback deploy"
        if record.detail == "deploy.requested":
            return 0.8, f"{why} requested"
        if record.detail in ("deploy.success", "deploy.inactive"):
            return 0.9, f"{why} finished"
        return None
    if record.kind is _CONFIG_CHANGE and worded:
        return 0.8, "revert or config change"
    if record.kind is _CLUSTER_EVENT and "scaled up" in record.text.lower():
        return 0.7, "scale-up"
    if record.kind in (_MESSAGE, _MANUAL, _STATUS_UPDATE) and worded:
        return 0.5, "someone wrote that it was mitigated"
    return None


def _resolution(records: Sequence[Record]) -> tuple[Record, float, str, datetime] | None:
    for record in records:
        if record.detail == "incident.resolved":
            return record, 0.9, "incident resolved in the paging tool", record.at
    for record in records:
        if record.detail in ("comms.resolved", "comms.incident_resolved"):
            return record, 0.8, "status page resolved", record.at
    last: Record | None = None
    for record in records:
        if record.kind is _ALERT_RESOLVED and (
            last is None or (record.ended_at or record.at) >= (last.ended_at or last.at)
        ):
            last = record
    if last is None:
        return None
    return last, 0.7, "last alert resolved", last.ended_at or last.at


def _moment(
    kind: KeyMomentKind,
    record: Record,
    confidence: float,
    reason: str,
    *,
    at: datetime | None = None,
) -> KeyMoment:
    evidence = record.evidence()
    if len(evidence) > MAX_EVIDENCE:
        evidence = (*evidence[: MAX_EVIDENCE - 1], evidence[-1])
    return KeyMoment(
        kind=kind,
        at=at or record.at,
        confidence=confidence,
        evidence=evidence,
        reason=f"{reason}: {record.text[:160]}",
    )


def with_overrides(computed: Sequence[KeyMoment], kept: Sequence[KeyMoment]) -> list[KeyMoment]:
    """Computed moments, except where a person overrode that kind: their choice stays."""
    overridden = {moment.kind: moment for moment in kept if moment.overridden}
    merged = {moment.kind: moment for moment in computed}
    merged.update(overridden)
    order = list(KeyMomentKind)
    return sorted(merged.values(), key=lambda moment: order.index(moment.kind))


def metrics_from(moments: Sequence[KeyMoment]) -> ResponseMetrics:
    """TTD/TTA/TTM/TTR in seconds, all measured from the first symptom (else detection)."""
    at = {moment.kind: moment.at for moment in moments}
    origin = at.get(KeyMomentKind.FIRST_SYMPTOM) or at.get(KeyMomentKind.DETECTION)

    def since(kind: KeyMomentKind) -> float | None:
        moment = at.get(kind)
        if origin is None or moment is None:
            return None
        return (moment - origin).total_seconds()

    return ResponseMetrics(
        time_to_detect=since(KeyMomentKind.DETECTION),
        time_to_acknowledge=since(KeyMomentKind.ACKNOWLEDGEMENT),
        time_to_mitigate=since(KeyMomentKind.MITIGATION),
        time_to_resolve=since(KeyMomentKind.RESOLUTION),
    )
