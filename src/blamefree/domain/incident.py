"""Incidents: what happened, how bad it was and when each phase began."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from blamefree.domain._time import as_utc

UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]
"""A datetime that must carry a timezone; it is stored and compared in UTC."""

INCIDENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Severity(StrEnum):
    """How bad an incident was. SEV0 is the worst; one canonical spelling on output."""

    SEV0 = "SEV0"
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"

    @classmethod
    def parse(cls, value: object) -> Severity:
        """Accept SEV0-3, P0-P3, 0-3 and critical/major/minor/low, case-insensitively.

        Teams arrive from PagerDuty (P1), Opsgenie (P1-P5 mapped by hand), Jira (major) or
        internal habits (SEV1); Blamefree stores one form so reports and metrics agree.
        """
        if isinstance(value, Severity):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError(f"severity {value!r} is not one of {_SEVERITY_HELP}")
        text = " ".join(str(value).lower().split())
        if text in _SEVERITY_ALIASES:
            return _SEVERITY_ALIASES[text]
        # A separator only between the prefix and the digit: 'SEV-1', 'sev 1', never '-1'.
        match = re.fullmatch(r"(?:(?:sev|p)[ _-]?)?([0-3])", text)
        if match is None:
            raise ValueError(f"severity {value!r} is not one of {_SEVERITY_HELP}")
        return cls(f"SEV{match.group(1)}")

    @property
    def rank(self) -> int:
        """0 for SEV0 (worst) to 3 for SEV3."""
        return int(self.value[-1])


_SEVERITY_ALIASES = {
    "critical": Severity.SEV0,
    "major": Severity.SEV1,
    "high": Severity.SEV1,
    "minor": Severity.SEV2,
    "medium": Severity.SEV2,
    "moderate": Severity.SEV2,
    "low": Severity.SEV3,
}
_SEVERITY_HELP = "SEV0-SEV3, P0-P3, critical, major, minor or low"


class Visibility(StrEnum):
    """Who may read a postmortem. Restricted ones are hidden from everyone not on the list."""

    INTERNAL = "internal"
    RESTRICTED = "restricted"


TIME_FIELDS: tuple[str, ...] = ("started", "detected", "acknowledged", "mitigated", "resolved")
"""Incident phases in the order they must happen."""


class IncidentTimes(BaseModel):
    """The five moments that bound an incident's phases, all UTC, all optional.

    They must not run backwards: an incident cannot be resolved before it was detected.
    Two phases may share the same instant (an alert that is acknowledged automatically).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    started: UtcDatetime | None = None
    detected: UtcDatetime | None = None
    acknowledged: UtcDatetime | None = None
    mitigated: UtcDatetime | None = None
    resolved: UtcDatetime | None = None

    @model_validator(mode="after")
    def _phases_in_order(self) -> Self:
        known = [(name, getattr(self, name)) for name in TIME_FIELDS if getattr(self, name)]
        for (earlier, earlier_at), (later, later_at) in itertools.pairwise(known):
            if later_at < earlier_at:
                raise ValueError(
                    f"times are out of order: {later} ({later_at.isoformat()}) is before "
                    f"{earlier} ({earlier_at.isoformat()}); phases run " + " -> ".join(TIME_FIELDS)
                )
        return self

    def get(self, name: str) -> datetime | None:
        """The time of one phase by name ('started' ... 'resolved')."""
        if name not in TIME_FIELDS:
            raise KeyError(name)
        value: datetime | None = getattr(self, name)
        return value


class Incident(BaseModel):
    """One incident: the identity and headline facts a postmortem is about."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=INCIDENT_ID_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    severity: Severity
    times: IncidentTimes = IncidentTimes()
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    repeat_of: tuple[str, ...] = ()
    """Ids of earlier incidents this one repeats (drives the 'full review on repeat' policy)."""
    near_miss: bool = False
    """Nothing broke for users, but it nearly did: reviewed lightly, learned from fully."""

    @field_validator("severity", mode="before")
    @classmethod
    def _parse_severity(cls, value: Any) -> Severity:
        return Severity.parse(value)

    @field_validator("title")
    @classmethod
    def _single_line_title(cls, value: str) -> str:
        title = " ".join(value.split())
        if not title:
            raise ValueError("title is empty")
        return title

    @field_validator("services", "tags", "repeat_of")
    @classmethod
    def _clean_labels(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned: list[str] = []
        for value in values:
            label = " ".join(str(value).split())
            if label and label not in cleaned:
                cleaned.append(label)
        return tuple(cleaned)

    @property
    def duration_seconds(self) -> float | None:
        """Start to resolution in seconds, when both are known."""
        if self.times.started and self.times.resolved:
            return (self.times.resolved - self.times.started).total_seconds()
        return None
