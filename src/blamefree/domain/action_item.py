"""Action items: the concrete follow-up that keeps the same incident from coming back."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class ActionType(StrEnum):
    """Prevent stops a recurrence, Detect finds it sooner, Mitigate makes it hurt less."""

    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"

    @property
    def label(self) -> str:
        """Capitalised label for tables and reports."""
        return self.value.capitalize()


class ActionStatus(StrEnum):
    """Where an action item stands. "won't do" needs a written rationale."""

    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    WONT_DO = "won't do"

    @classmethod
    def parse(cls, value: str) -> ActionStatus:
        """Accept the canonical words plus common spellings (in-progress, wontfix, closed)."""
        text = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        text = text.replace("’", "'")
        aliases = {
            "todo": cls.OPEN,
            "to do": cls.OPEN,
            "new": cls.OPEN,
            "in progress": cls.IN_PROGRESS,
            "doing": cls.IN_PROGRESS,
            "started": cls.IN_PROGRESS,
            "closed": cls.DONE,
            "complete": cls.DONE,
            "completed": cls.DONE,
            "fixed": cls.DONE,
            "wont do": cls.WONT_DO,
            "won't do": cls.WONT_DO,
            "wontfix": cls.WONT_DO,
            "wont fix": cls.WONT_DO,
            "won't fix": cls.WONT_DO,
        }
        if text in aliases:
            return aliases[text]
        try:
            return cls(text)
        except ValueError:
            raise ValueError(
                f"status {value!r} is not one of open, in progress, done, won't do"
            ) from None


class ActionItem(BaseModel):
    """One follow-up with one named owner, a deadline and a type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field(min_length=1, max_length=1000)
    type: ActionType | None = None
    owner: str | None = Field(default=None, max_length=200)
    deadline: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    rationale: str | None = Field(default=None, max_length=1000)
    ticket_url: str | None = Field(default=None, max_length=500)

    @field_validator("description", "owner", "rationale", "ticket_url")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return " ".join(value.split()) or None

    @model_validator(mode="after")
    def _wont_do_needs_rationale(self) -> Self:
        if self.status is ActionStatus.WONT_DO and not self.rationale:
            raise ValueError(
                f"action item {self.description!r} is marked won't do without a rationale; "
                "say why it will not be done"
            )
        if self.status is not ActionStatus.WONT_DO and self.rationale:
            raise ValueError(
                f"action item {self.description!r} has a rationale but is not marked won't do"
            )
        return self

    @property
    def is_closed(self) -> bool:
        """Done or deliberately not done."""
        return self.status in (ActionStatus.DONE, ActionStatus.WONT_DO)

    def is_overdue(self, today: date) -> bool:
        """Open past its deadline."""
        return not self.is_closed and self.deadline is not None and self.deadline < today
