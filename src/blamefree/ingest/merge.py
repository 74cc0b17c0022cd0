"""Merge records from every source into one ordered timeline: dedupe, correlate, collapse, trim.

Memory design: a build may see a million raw log lines, so log records without a natural key
are collapsed the moment they arrive. Each (source, level, message signature) keeps one open
burst (first time, last time, count, first and last evidence); a line that arrives within the
collapse gap of its burst joins it, anything else starts a new burst. Memory therefore grows
with the number of bursts, not lines. Out-of-order arrivals only ever produce extra bursts of
the same signature, which a final pass over the (few) bursts joins, so the result equals
gap-clustering over the sorted lines. Every other record (alerts, pages, deploys, chat,
cluster events) is kept as a light `Record` until the end, where it is deduplicated by natural
key, correlated across sources and collapsed.

Steps, in order:
1. natural-key dedupe: the same notification re-sent, the same Kubernetes Event updated in
   place (count and last-seen grow), the same file imported twice;
2. correlation: the same happening seen by two sources (an Alertmanager alert and the
   PagerDuty trigger it caused) becomes one record that keeps both references;
3. collapse: repeated or flapping alerts, pages, cluster events and log lines with the same
   signature, less than `collapse_gap` apart, become one record with a count and a span;
4. window: records wholly outside [start - before, end + after] are trimmed;
5. order: (time, source priority, arrival sequence), deterministic.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, cast

from blamefree.domain.timeline import EventKind
from blamefree.ingest.reader import LogLine, Record

COLLAPSIBLE = frozenset(
    {
        EventKind.ALERT_FIRING,
        EventKind.ALERT_RESOLVED,
        EventKind.PAGE,
        EventKind.CLUSTER_EVENT,
        EventKind.LOG,
    }
)
CORRELATED = frozenset(
    {
        EventKind.ALERT_FIRING,
        EventKind.ALERT_RESOLVED,
        EventKind.ACK,
        EventKind.ESCALATION,
        EventKind.PAGE,
    }
)
SOURCE_PRIORITY = {
    "github": 0,
    "git": 0,
    "alertmanager": 1,
    "grafana": 1,
    "pagerduty": 2,
    "opsgenie": 2,
    "k8s": 3,
    "log": 4,
    "syslog": 4,
    "slack": 5,
    "statuspage": 6,
    "manual": 7,
}
"""Tie order at the same instant: the change, then the alert, the page, the symptoms, the talk.
The first source listed here also wins as the text of a correlated pair."""

_BY_MATCH = frozenset({EventKind.ALERT_FIRING, EventKind.ALERT_RESOLVED})
_VARIABLE = re.compile(r"[0-9a-fA-F]{8,}(?:-[0-9a-fA-F]{4,})*|\d+")
_ASCII_VARIABLE = re.compile(r"(?=[0-9a-fA-F])(?:[0-9a-fA-F]{8,}(?:-[0-9a-fA-F]{4,})*|[0-9]+)")
MAX_EVIDENCE = 20
_LOG = EventKind.LOG
_ALERT_FIRING: Final = EventKind.ALERT_FIRING  # a class lookup of a member costs ~70 ns


@dataclass(frozen=True)
class MergeOptions:
    """How records are merged.

    Attributes:
        collapse_gap: repeats closer than this join one burst.
        correlate_within: how close an alert and the page/trigger it caused must be.
        correlate_other_within: how close two sources' acks, escalations, pages and
            resolutions must be to count as one happening (people act at their own pace, so
            this is tighter).
        before, after: the window around the incident (start - before, end + after).
    """

    collapse_gap: timedelta = timedelta(minutes=15)
    correlate_within: timedelta = timedelta(minutes=5)
    correlate_other_within: timedelta = timedelta(minutes=1)
    before: timedelta = timedelta(minutes=30)
    after: timedelta = timedelta(minutes=30)

    def __reduce__(self) -> tuple[object, ...]:
        # Sent to reader worker processes (see ReadContext.__reduce__).
        return (
            MergeOptions,
            (
                self.collapse_gap,
                self.correlate_within,
                self.correlate_other_within,
                self.before,
                self.after,
            ),
        )


@dataclass
class MergeStats:
    """What merging did, for the import report."""

    records: int = 0
    duplicates: int = 0
    correlated: int = 0
    collapsed: int = 0
    trimmed: int = 0


def family(source: str) -> str:
    """The source family (`slack` for `slack.incident-42`)."""
    return source.split(".", 1)[0]


@dataclass
class Partial:
    """One input read on its own (possibly in a worker process), ready for `Merger.absorb`.

    Attributes:
        read: how many records the input gave.
        held: its records that wait for the final merge (natural keys already deduplicated
            within the input), in arrival order, numbered from 1 within the input.
        bursts: its log bursts (collapsed as they arrived), numbered the same way.
        duplicates, collapsed: what the per-input stage already did, for `MergeStats`.
        origin: the input's number (its place in the input order).
        taken: set by `Merger.take_held` once its held records are in that merger.
    """

    read: int
    held: list[Record]
    bursts: list[Record]
    duplicates: int
    collapsed: int
    origin: int = 0
    taken: bool = False

    def __reduce__(self) -> tuple[object, ...]:
        # Field by field (one list per Record slot) pickles far faster than record by record.
        return (
            _partial,
            (
                self.read,
                _columns(self.held),
                _columns(self.bursts),
                self.duplicates,
                self.collapsed,
                self.origin,
            ),
        )


_CONSTRUCTED = (
    "at",
    "source",
    "kind",
    "detail",
    "text",
    "actor",
    "ref",
    "key",
    "match",
    "approximate",
    "count",
    "ended_at",
)
_SET_AFTER = ("last_ref", "refs", "seq", "origin")
"""The column order of a pickled partial: the Record constructor's arguments, then the rest."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_FLOAT_EXACT_MICROS = 2**31 * 1_000_000


def _wire_time(value: datetime | None) -> object:
    """A UTC time as exact integer microseconds (a datetime pickles many times slower)."""
    if value is not None and value.tzinfo is UTC:
        return (value - _EPOCH) // _MICROSECOND
    return value


def _unwire_time(value: object) -> datetime | None:
    """`_wire_time` undone. Below 2**31 seconds, micros / 10**6 is within an eighth of a
    microsecond of the exact instant, so `fromtimestamp` (which rounds to the microsecond)
    gives it exactly, about twice as fast as adding a timedelta."""
    if type(value) is int:
        if 0 <= value < _FLOAT_EXACT_MICROS:
            return datetime.fromtimestamp(value / 1_000_000, UTC)
        return _EPOCH + timedelta(microseconds=value)
    return cast(datetime | None, value)


def _columns(records: list[Record]) -> list[list[object]]:
    """One list per Record slot, in `_CONSTRUCTED` then `_SET_AFTER` order."""
    columns: list[list[object]] = [[] for _ in range(len(_CONSTRUCTED) + len(_SET_AFTER))]
    at, source, kind, detail, text, actor, ref, key, match, approximate, count, ended_at = columns[
        : len(_CONSTRUCTED)
    ]
    last_ref, refs, seq, origin = columns[len(_CONSTRUCTED) :]
    for record in records:
        at.append(_wire_time(record.at))
        source.append(record.source)
        kind.append(record.kind)
        detail.append(record.detail)
        text.append(record.text)
        actor.append(record.actor)
        ref.append(record.ref)
        key.append(record.key)
        match.append(record.match)
        approximate.append(record.approximate)
        count.append(record.count)
        ended_at.append(_wire_time(record.ended_at))
        last_ref.append(record.last_ref)
        refs.append(record.refs)
        seq.append(record.seq)
        origin.append(record.origin)
    return columns


def _rows(columns: list[list[object]]) -> list[Record]:
    """The records `_columns` gave these columns for."""
    at, source, kind, detail, text, actor, ref, key, match, approximate, count, ended_at = columns[
        : len(_CONSTRUCTED)
    ]
    last_ref, refs, seq, origin = columns[len(_CONSTRUCTED) :]
    records: list[Record] = []
    for index in range(len(at)):
        when = _unwire_time(at[index])
        assert when is not None
        record = Record(
            when,
            cast(str, source[index]),
            cast(EventKind, kind[index]),
            cast(str, detail[index]),
            cast(str, text[index]),
            cast(str | None, actor[index]),
            cast(str, ref[index]),
            cast(str | None, key[index]),
            cast(str | None, match[index]),
            cast(bool, approximate[index]),
            cast(int, count[index]),
            _unwire_time(ended_at[index]),
        )
        record.last_ref = cast(str | None, last_ref[index])
        record.refs = cast(list[str] | None, refs[index])
        record.seq = cast(int, seq[index])
        record.origin = cast(int, origin[index])
        records.append(record)
    return records


def _partial(
    read: int,
    held: list[list[object]],
    bursts: list[list[object]],
    duplicates: int,
    collapsed: int,
    origin: int,
) -> Partial:
    return Partial(read, _rows(held), _rows(bursts), duplicates, collapsed, origin)


class Merger:
    """Accepts records one by one (streaming) and produces the merged, ordered records.

    A build reads each input into its own Merger (`partial`), then absorbs the partials in
    input order into one Merger (`absorb`) and finishes that one: log lines collapse within
    their input as they stream in, and bursts of the same signature from different inputs
    join in `finish`, exactly as out-of-order lines of one input do.

    A parallel build may take the held records of the inputs that have them early
    (`take_held`, then `settle`), correlating and collapsing them while other processes still
    read the log inputs; `absorb` then takes every input in input order as usual (see
    `take_held` for why the result is the same).
    """

    def __init__(self, options: MergeOptions | None = None) -> None:
        self.options = options or MergeOptions()
        self._gap = self.options.collapse_gap
        self.stats = MergeStats()
        self._held: list[Record] = []
        self._keyed: dict[str, Record] = {}
        self._bursts: dict[tuple[str, str, str], Record] = {}
        self._closed: list[Record] = []
        self._seq = 0
        self._merged: list[Record] | None = None  # held records, correlated and collapsed
        self._by_input = False  # see take_held
        self._offsets: dict[int, int] = {}  # input number -> sequence offset (take_held)

    def add(self, record: Record, origin: int = 0) -> None:
        """Take one record from input number `origin` (records of one input never correlate)."""
        self._seq += 1
        record.seq = self._seq
        record.origin = origin
        if record.key is None and record.kind is _LOG:
            self._stream_collapse(record)
            return
        if self._merged is not None:
            raise RuntimeError("held records were already settled; add them before settle()")
        if record.key is None:
            self._held.append(record)
            return
        self._keep_keyed(record)

    def add_log(self, line: LogLine, origin: int = 0) -> None:
        """`add(log_record(line), origin)`, without making a Record for a line that only
        extends the running burst of its signature (most lines of a big log)."""
        self._seq += 1
        at, source, detail, text, actor, ref, approximate = line
        # A direct call: compiled, the hot loop then calls the byte scan as C.
        key = (source, detail, _scanned_signature(text) if COMPILED else _regex_signature(text))
        burst = self._bursts.get(key)
        if burst is not None:
            end = burst.ended_at or burst.at
            if at > end and at - end <= self._gap:
                burst.count += 1
                burst.ended_at = at
                burst.last_ref = ref
                if approximate:
                    burst.approximate = True
                self.stats.collapsed += 1
                return
        record = Record(at, source, _LOG, detail, text, actor, ref, None, None, approximate)
        record.seq = self._seq
        record.origin = origin
        self._stream_collapse(record, key)

    def _keep_keyed(self, record: Record) -> None:
        key = record.key
        assert key is not None
        seen = self._keyed.get(key)
        if seen is None:
            self._keyed[key] = record
            self._held.append(record)
            return
        self.stats.duplicates += 1
        if record.count > seen.count:
            seen.count = record.count
        if record.ended_at is not None and (
            seen.ended_at is None or record.ended_at > seen.ended_at
        ):
            seen.ended_at = record.ended_at
        if record.at < seen.at:
            seen.at = record.at

    def partial(self, origin: int = 0) -> Partial:
        """This merger's state after reading input number `origin`, for `absorb`."""
        return Partial(
            read=self._seq,
            held=self._held,
            bursts=[*self._closed, *self._bursts.values()],
            duplicates=self.stats.duplicates,
            collapsed=self.stats.collapsed,
            origin=origin,
        )

    def absorb(self, partial: Partial) -> None:
        """Take one input's `Partial`, as if its records had been added here in order.

        Sequence numbers continue from the records already taken, natural keys dedupe
        against every earlier input, and the input's log bursts join in `finish`. Inputs
        must come in input order (also those whose held records `take_held` took early).
        """
        offset = self._seq
        self._seq += partial.read
        self.stats.duplicates += partial.duplicates
        self.stats.collapsed += partial.collapsed
        if partial.taken:
            self._offsets[partial.origin] = offset  # its held records: numbered in finish
        elif partial.held:
            if self._merged is not None:
                raise RuntimeError(
                    f"input {partial.origin} holds records but the held records were already "
                    "settled; take every input that holds records before settle()"
                )
            for record in partial.held:
                record.seq += offset
                if record.key is None:
                    self._held.append(record)
                else:
                    self._keep_keyed(record)
        for burst in partial.bursts:
            burst.seq += offset
        self._closed.extend(partial.bursts)

    def take_held(self, partial: Partial) -> None:
        """Take one input's held records before the inputs ahead of it are known.

        For a parallel build: the inputs that hold records (alerts, pages, deploys, cluster
        events) come through here in input order, then `settle` correlates and collapses
        them while other processes still read the log inputs, which hold none. The records
        keep their numbers within their input until `finish` (`absorb` learns each input's
        offset), and correlation orders ties by (input, number) meanwhile: offsets grow with
        the input order, so that is the order the final numbers give, and the result equals
        absorbing every input in input order.
        """
        if self._merged is not None:
            raise RuntimeError("held records were already settled; take them before settle()")
        self._by_input = True
        partial.taken = True
        for record in partial.held:
            if record.key is None:
                self._held.append(record)
            else:
                self._keep_keyed(record)
        partial.held = []  # taken: duplicates folded away here can be freed after `settle`

    def settle(self) -> None:
        """Correlate and collapse the held records now (`finish` does it when not done yet).

        Every input that holds records must already be in (`absorb` or `take_held`).
        """
        if self._merged is None:
            merged = self._collapse(self._correlate(self._held))
            # Put in timeline order now (correlation may have changed a record's source, so
            # its priority): in a parallel build this runs while the logs are still read,
            # and `finish` then only places the few log bursts among these records.
            merged.sort(key=_input_order_key if self._by_input else order_key)
            self._merged = merged
            self._held = []
            # No held record can come any more (`absorb` refuses them now): drop the index of
            # natural keys, which also frees the records folded into others above while the
            # logs may still be read, instead of at the end of the build.
            self._keyed = {}

    def settled(self) -> list[Record]:
        """The held records as `settle` left them: deduplicated, correlated, collapsed and in
        timeline order (log bursts are not among them); `settle` first if not done yet."""
        self.settle()
        assert self._merged is not None
        return self._merged

    def add_all(
        self,
        records: Iterable[Record],
        origin: int = 0,
        progress: Callable[[int], object] | None = None,
        every: int = 20_000,
    ) -> int:
        """Add every record of one input; returns how many were read.

        `progress(count)` is called after every `every` records (the per-file progress bar).
        """
        count = 0
        for record in records:
            self.add(record, origin)
            count += 1
            if progress is not None and count % every == 0:
                progress(count)
        return count

    def add_logs(
        self,
        lines: Iterable[LogLine],
        origin: int = 0,
        progress: Callable[[int], object] | None = None,
        every: int = 20_000,
    ) -> int:
        """`add_log` for every line of one input, as `add_all` does for records (the loop
        runs in compiled code when built: per line it costs more than the line's own work
        when it runs interpreted)."""
        count = 0
        for line in lines:
            self.add_log(line, origin)
            count += 1
            if progress is not None and count % every == 0:
                progress(count)
        return count

    @property
    def seen(self) -> int:
        """How many records and log lines were added so far."""
        return self._seq

    def signature(self, text: str) -> str:
        """The text with numbers and hex ids replaced, so repeats with varying ids match."""
        return _signature(text)

    def _stream_collapse(self, record: Record, key: tuple[str, str, str] | None = None) -> None:
        if key is None:
            key = (record.source, record.detail, _signature(record.text))
        burst = self._bursts.get(key)
        if burst is None:
            self._bursts[key] = record
            return
        gap = self._gap
        end = burst.ended_at or burst.at
        at = record.at
        if record.ended_at is None and at > end:
            # The common case, a later line of a running burst: extend it in place.
            if at - end > gap:
                self._closed.append(burst)
                self._bursts[key] = record
                return
            burst.count += record.count
            burst.ended_at = at
            burst.last_ref = record.ref
            if record.approximate:
                burst.approximate = True
            self.stats.collapsed += 1
            return
        if at > end + gap or at < burst.at - gap:
            self._closed.append(burst)
            self._bursts[key] = record
            return
        _absorb(burst, record)
        self.stats.collapsed += 1

    def finish(self) -> list[Record]:
        """Correlate and collapse what was held, join log bursts, and order the result."""
        self.stats.records = self._seq
        self.settle()
        merged = self._merged
        assert merged is not None
        offsets = self._offsets
        if offsets:
            for record in merged:
                record.seq += offsets.get(record.origin, 0)
        bursts = self._join_bursts([*self._closed, *self._bursts.values()])
        bursts.sort(key=order_key)
        return _interleave(merged, bursts)

    def _correlate(self, records: list[Record]) -> list[Record]:
        by_kind: dict[EventKind, list[Record]] = {}
        kept: list[Record] = []
        casefolded: dict[int, str] = {}  # by id: every record stays alive in `records`
        for record in sorted(records, key=_input_order_key if self._by_input else order_key):
            if record.kind not in CORRELATED:
                kept.append(record)
                continue
            earlier = by_kind.setdefault(record.kind, [])
            window = (
                self.options.correlate_within
                if record.kind is _ALERT_FIRING
                else self.options.correlate_other_within
            )
            partner = None
            oldest = record.at - window
            origin = record.origin
            folded = None
            for candidate in reversed(earlier):
                if candidate.at < oldest:
                    break
                if candidate.origin == origin:
                    continue
                # same_happening(candidate, record), with each text casefolded only once.
                if candidate.match is not None and candidate.match == record.match:
                    partner = candidate
                    break
                if folded is None:
                    folded = record.text.casefold()
                candidate_folded = casefolded.get(id(candidate))
                if candidate_folded is None:
                    candidate_folded = casefolded[id(candidate)] = candidate.text.casefold()
                if _same_text(candidate, candidate_folded, record, folded):
                    partner = candidate
                    break
            if partner is None:
                earlier.append(record)
                kept.append(record)
                continue
            self.stats.correlated += 1
            _join(partner, record)
        return kept

    def _collapse(self, records: list[Record]) -> list[Record]:
        gap = self.options.collapse_gap
        open_bursts: dict[tuple[str, str, str], Record] = {}
        result: list[Record] = []
        for record in records:
            if record.kind not in COLLAPSIBLE:
                result.append(record)
                continue
            token = record.match if record.kind in _BY_MATCH and record.match else None
            key = (record.source, record.detail, token or self.signature(record.text))
            burst = open_bursts.get(key)
            if burst is not None and record.at <= (burst.ended_at or burst.at) + gap:
                _absorb(burst, record)
                if burst.refs is None:
                    burst.refs = []
                burst.refs.extend(record.evidence())  # in place: bursts can be long
                self.stats.collapsed += 1
                continue
            open_bursts[key] = record
            result.append(record)
        return result

    def _join_bursts(self, bursts: list[Record]) -> list[Record]:
        gap = self.options.collapse_gap
        bursts.sort(key=lambda b: (b.source, b.detail, self.signature(b.text), b.at))
        joined: list[Record] = []
        previous: Record | None = None
        previous_key: tuple[str, str, str] | None = None
        for burst in bursts:
            key = (burst.source, burst.detail, self.signature(burst.text))
            if (
                previous is not None
                and key == previous_key
                and burst.at <= (previous.ended_at or previous.at) + gap
            ):
                _absorb(previous, burst)
                self.stats.collapsed += 1
                continue
            joined.append(burst)
            previous, previous_key = burst, key
        return joined


def _interleave(ordered: list[Record], others: list[Record]) -> list[Record]:
    """Both lists, each already in `order_key` order, as one list in that order.

    `ordered` is long (every held record) and `others` short (log bursts): each of `others`
    is placed by a binary search, instead of computing the key of every record again. Keys
    are unique (arrival numbers are), so this is exactly what sorting the two together gives.
    """
    result: list[Record] = []
    start = 0
    for record in others:
        at = bisect.bisect_left(ordered, order_key(record), start, key=order_key)
        result.extend(ordered[start:at])
        result.append(record)
        start = at
    result.extend(ordered[start:])
    return result


def _regex_signature(text: str) -> str:
    # For ASCII text, \d is [0-9] and a leading lookahead lets the regex engine skip every
    # position that cannot start a match: about a third faster, the same result.
    return (_ASCII_VARIABLE if text.isascii() else _VARIABLE).sub("#", text)


_HEX: Final = bytes([1 if chr(c) in "0123456789abcdefABCDEF" else 0 for c in range(256)])
_DASH: Final = 45
_ZERO: Final = 48
_NINE: Final = 57
_MIN_HEX_RUN: Final = 8
_MIN_HEX_GROUP: Final = 4


def _scanned_signature(text: str) -> str:
    """`_VARIABLE.sub("#", text)` as a byte loop: what the regex does, position by position.

    At a hex character the regex first tries a run of 8+ hex characters (then `-` groups of
    4+), else a run of digits, else moves on. Compiled by mypyc, this loop over bytes runs
    several times faster than the regex engine; interpreted it is slower, so `_signature`
    picks it only in a compiled build. Non-ASCII text keeps the regex (Unicode digits).
    """
    if not text.isascii():
        return _VARIABLE.sub("#", text)
    data = text.encode("ascii")
    hexes = _HEX
    size = len(data)
    pieces: list[str] = []
    literal = 0  # where the text not yet copied starts
    at = 0
    while at < size:
        if not hexes[data[at]]:
            at += 1
            continue
        run_end = at + 1
        while run_end < size and hexes[data[run_end]]:
            run_end += 1
        if run_end - at >= _MIN_HEX_RUN:
            end = run_end
            while end < size and data[end] == _DASH:
                group_end = end + 1
                while group_end < size and hexes[data[group_end]]:
                    group_end += 1
                if group_end - end - 1 < _MIN_HEX_GROUP:
                    break
                end = group_end
            pieces.append(text[literal:at])
            pieces.append("#")
            literal = at = end
            continue
        # A run too short for an id: only its digit runs are variable.
        while at < run_end:
            if _ZERO <= data[at] <= _NINE:
                digits_end = at + 1
                while digits_end < run_end and _ZERO <= data[digits_end] <= _NINE:
                    digits_end += 1
                pieces.append(text[literal:at])
                pieces.append("#")
                literal = at = digits_end
            else:
                at += 1
    if not pieces:
        return text
    pieces.append(text[literal:])
    return "".join(pieces)


COMPILED = not __file__.endswith(".py")
"""True when this module runs as a mypyc-compiled extension (see `ingest.speedups`)."""
_signature = _scanned_signature if COMPILED else _regex_signature


def _absorb(burst: Record, other: Record) -> None:
    """Fold `other` (same signature, within the gap) into `burst`: count, span, first text."""
    burst.count += other.count
    other_end = other.ended_at or other.at
    end = burst.ended_at or burst.at
    if other.at < burst.at:
        burst.last_ref = burst.last_ref or burst.ref
        burst.at, burst.text, burst.actor, burst.ref = other.at, other.text, other.actor, other.ref
    if other_end > end:
        burst.ended_at = other_end
        burst.last_ref = other.last_ref or other.ref
    elif burst.ended_at is None and end > burst.at:
        burst.ended_at = end
    burst.approximate = burst.approximate or other.approximate


def _join(primary: Record, other: Record) -> None:
    """Make `primary` stand for both records of one happening, keeping all references."""
    better = SOURCE_PRIORITY.get(family(other.source), 9) < SOURCE_PRIORITY.get(
        family(primary.source), 9
    )
    refs = [*primary.evidence(), *other.evidence()]
    if better:
        primary.source, primary.text, primary.actor = other.source, other.text, other.actor
        primary.detail = other.detail
    if other.at < primary.at:
        primary.at = other.at
    primary.match = primary.match or other.match
    primary.refs = refs
    primary.approximate = primary.approximate or other.approximate


def same_happening(first: Record, second: Record) -> bool:
    """Two records of the same kind describe one happening (correlation tokens or text)."""
    if first.match is not None and first.match == second.match:
        return True
    return _same_text(first, first.text.casefold(), second, second.text.casefold())


def _same_text(first: Record, left: str, second: Record, right: str) -> bool:
    """The text part of `same_happening`; `left` and `right` are the casefolded texts."""
    if left == right:
        return True
    # The substring test is what the word search needs anyway, and far cheaper.
    return (first.match is not None and first.match in right and _has_word(right, first.match)) or (
        second.match is not None and second.match in left and _has_word(left, second.match)
    )


def _has_word(text: str, word: str) -> bool:
    return _word_pattern(word).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    # Compiled once per correlation token: re's own cache is too small for big builds.
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


@functools.lru_cache(maxsize=4096)
def _priority(source: str) -> int:
    return SOURCE_PRIORITY.get(family(source), 9)


def order_key(record: Record) -> tuple[datetime, int, int]:
    """(time, source priority, arrival sequence): the deterministic timeline order."""
    return (record.at, _priority(record.source), record.seq)


def _input_order_key(record: Record) -> tuple[datetime, int, int, int]:
    """`order_key` for records numbered within their input (see `Merger.take_held`)."""
    return (record.at, _priority(record.source), record.origin, record.seq)


def trim(
    records: list[Record],
    start: datetime | None,
    end: datetime | None,
    options: MergeOptions,
    stats: MergeStats,
) -> list[Record]:
    """Drop records wholly outside [start - before, end + after]; a burst that overlaps stays."""
    low = start - options.before if start is not None else None
    high = end + options.after if end is not None else None
    kept = []
    for record in records:
        if low is not None and (record.ended_at or record.at) < low:
            continue
        if high is not None and record.at > high:
            continue
        kept.append(record)
    stats.trimmed += len(records) - len(kept)
    return kept
