"""The pure domain core: models and rules, no I/O, no frameworks."""

from blamefree.domain.action_item import ActionItem, ActionStatus, ActionType
from blamefree.domain.clock import Clock, FixedClock, SystemClock, utc_now
from blamefree.domain.errors import BlamefreeError, Conflict, DocumentError, InvalidInput, NotFound
from blamefree.domain.incident import (
    TIME_FIELDS,
    Incident,
    IncidentTimes,
    Severity,
    UtcDatetime,
    Visibility,
)
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
from blamefree.domain.timeline import (
    EventKind,
    KeyMoment,
    KeyMomentKind,
    ResponseMetrics,
    TimelineEvent,
    response_metrics,
    sort_events,
)

__all__ = [
    "SECTION_TITLES",
    "SINGLE_HOLDER_ROLES",
    "TIME_FIELDS",
    "ActionItem",
    "ActionStatus",
    "ActionType",
    "BlamefreeError",
    "Clock",
    "CommunicationState",
    "Conflict",
    "ContributingFactor",
    "DocumentError",
    "EventKind",
    "ExternalCommunication",
    "FixedClock",
    "Incident",
    "IncidentTimes",
    "InvalidInput",
    "KeyMoment",
    "KeyMomentKind",
    "NotFound",
    "Participant",
    "Postmortem",
    "PostmortemStatus",
    "ResponseMetrics",
    "Role",
    "Severity",
    "SystemClock",
    "TimelineEvent",
    "UtcDatetime",
    "Visibility",
    "WhyStep",
    "response_metrics",
    "sort_events",
    "utc_now",
]
