"""People in a postmortem and the roles they hold."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Role(StrEnum):
    """Roles a person can hold in an incident and its postmortem."""

    OWNER = "owner"
    FACILITATOR = "facilitator"
    NOTETAKER = "notetaker"
    INCIDENT_COMMANDER = "incident_commander"
    CUSTOMER_LIAISON = "customer_liaison"
    RESPONDER = "responder"


SINGLE_HOLDER_ROLES: tuple[Role, ...] = (
    Role.OWNER,
    Role.FACILITATOR,
    Role.NOTETAKER,
    Role.INCIDENT_COMMANDER,
    Role.CUSTOMER_LIAISON,
)
"""Roles exactly one person holds; responders can be many."""


class Participant(BaseModel):
    """A person taking part, with the roles they hold. Names are how the team knows them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, pattern=r"^[^@\s<>]+@[^@\s<>]+$")
    roles: tuple[Role, ...] = ()

    @field_validator("name")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise ValueError("participant name is empty")
        if any(ch in name for ch in "<>"):
            raise ValueError(f"participant name {name!r} contains '<' or '>'")
        return name

    @field_validator("roles")
    @classmethod
    def _canonical_roles(cls, roles: tuple[Role, ...]) -> tuple[Role, ...]:
        order = list(Role)
        return tuple(sorted(set(roles), key=order.index))

    def has(self, role: Role) -> bool:
        """True when this person holds the role."""
        return role in self.roles
