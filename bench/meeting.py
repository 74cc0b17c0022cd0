"""Benchmark: the cost of calendar-aware deadlines (`blamefree status`) and meeting plans.

Usage: .venv/bin/python bench/meeting.py [--count 5000] [--seed 7]

Postmortems are generated in memory (seeded): random severities, resolution times spread
over two years, 0-40 timeline events by 6 people, 0-6 contributing factors. Measured in the
same run:

- baseline: five deadlines per postmortem by plain UTC arithmetic (resolved + fixed hours),
  which is what a calendar-blind tool does;
- review_status: the same deadlines on working days in Europe/Berlin with holidays, and
  their states;
- review_overview: everything `blamefree status` computes once the postmortems are loaded
  (deadline states plus skipped reviews), over the whole set at once;
- build_plan: a full meeting plan (slot, roles, invite list, agenda) per postmortem.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from blamefree.domain.clock import FixedClock
from blamefree.domain.incident import Incident, IncidentTimes
from blamefree.domain.meeting import DEFAULT_POLICY
from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import ContributingFactor, Postmortem
from blamefree.domain.timeline import EventKind, TimelineEvent
from blamefree.meeting.plan import build_plan
from blamefree.meeting.policy import MeetingSettings
from blamefree.meeting.scheduling import WorkCalendar, review_status
from blamefree.services.meeting import MeetingConfig, review_overview

NAMES = ("Ana Lima", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Fox", "Flo Gray")
HOLIDAYS = tuple(date(year, m, d) for year in (2025, 2026) for m, d in ((1, 1), (5, 1), (12, 25)))
CALENDAR = WorkCalendar(timezone="Europe/Berlin", holidays=HOLIDAYS)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def generate(count: int, seed: int) -> list[Postmortem]:
    rng = random.Random(seed)
    kinds = list(EventKind)
    result = []
    for number in range(count):
        resolved = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(900_000))
        started = resolved - timedelta(minutes=rng.randrange(10, 600))
        people = tuple(
            Participant(
                name=name,
                email=f"{name.split()[0].lower()}@example.com",
                roles=(Role.OWNER,) if i == 0 else (Role.INCIDENT_COMMANDER,) if i == 1 else (),
            )
            for i, name in enumerate(NAMES)
        )
        events = tuple(
            TimelineEvent(
                at=started + timedelta(minutes=rng.randrange(600)),
                text=f"event {j}",
                kind=rng.choice(kinds),
                actor=rng.choice(NAMES),
            )
            for j in range(rng.randrange(41))
        )
        result.append(
            Postmortem(
                incident=Incident(
                    id=f"INC-{number}",
                    title=f"Incident {number}",
                    severity=f"SEV{rng.randrange(4)}",
                    times=IncidentTimes(started=started, resolved=resolved),
                    services=("checkout",),
                ),
                participants=people,
                timeline=events,
                factors=tuple(ContributingFactor(title=f"F{k}") for k in range(rng.randrange(7))),
                summary="Written." if rng.random() < 0.8 else "",
            )
        )
    return result


def naive_deadlines(pm: Postmortem) -> tuple[datetime, ...]:
    resolved = pm.incident.times.resolved
    assert resolved is not None
    return tuple(resolved + timedelta(hours=h) for h in (72, 48, 72, 120, 840))


def measure(label: str, items: list[Postmortem], work: Callable[[Postmortem], object]) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for pm in items:
            work(pm)
        runs.append(time.perf_counter() - started)
    best = min(runs)
    per_item = best / len(items) * 1e6
    print(
        f"{label:<16} {best * 1000:9.1f} ms total  {per_item:8.1f} µs/postmortem  "
        f"(median of 3: {statistics.median(runs) * 1000:.1f} ms)"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    items = generate(args.count, args.seed)
    settings = MeetingSettings(calendar=CALENDAR)
    print(f"{len(items)} postmortems, seed {args.seed}")
    baseline = measure("baseline (UTC)", items, naive_deadlines)
    status = measure(
        "review_status",
        items,
        lambda pm: review_status(pm, policy=DEFAULT_POLICY, calendar=CALENDAR, now=NOW),
    )
    config = MeetingConfig(policy=DEFAULT_POLICY, settings=settings, project={})
    overview_runs = []
    for _ in range(3):
        started = time.perf_counter()
        report = review_overview(items, config, clock=FixedClock(NOW))
        overview_runs.append(time.perf_counter() - started)
    overview = min(overview_runs)
    print(
        f"{'review_overview':<16} {overview * 1000:9.1f} ms total  "
        f"{overview / len(items) * 1e6:8.1f} µs/postmortem  "
        f"({len(report.attention)} needing care, {len(report.skipped)} skipped)"
    )
    plan = measure(
        "build_plan",
        items,
        lambda pm: build_plan(pm, policy=DEFAULT_POLICY, settings=settings, now=NOW),
    )
    print(f"review_status / baseline: {status / baseline:.0f}x")
    print(f"review_overview / baseline: {overview / baseline:.0f}x")
    print(f"build_plan / baseline:    {plan / baseline:.0f}x")


if __name__ == "__main__":
    main()
