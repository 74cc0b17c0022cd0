"""Participants and roles."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from blamefree.domain import SINGLE_HOLDER_ROLES, Participant, Role


def test_role_values_and_single_holders() -> None:
    assert [r.value for r in Role] == [
        "owner",
        "facilitator",
        "notetaker",
        "incident_commander",
        "customer_liaison",
        "responder",
    ]
    assert Role.RESPONDER not in SINGLE_HOLDER_ROLES
    assert len(SINGLE_HOLDER_ROLES) == 5


def test_name_is_cleaned_and_non_ascii_is_kept() -> None:
    assert Participant(name="  Tomás \n Silva ").name == "Tomás Silva"
    assert Participant(name="李雷").name == "李雷"


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="name"):
        Participant(name=name)


def test_angle_brackets_in_names_are_refused() -> None:
    with pytest.raises(ValidationError, match="participant name 'Ana <x>' contains '<' or '>'"):
        Participant(name="Ana <x>")


@pytest.mark.parametrize("email", ["ana", "ana@", "a b@example.com", "<ana@example.com>"])
def test_email_pattern(email: str) -> None:
    with pytest.raises(ValidationError, match="email"):
        Participant(name="Ana", email=email)


def test_roles_are_deduplicated_in_canonical_order() -> None:
    person = Participant(
        name="Ana", roles=(Role.RESPONDER, Role.OWNER, Role.RESPONDER, Role.FACILITATOR)
    )
    assert person.roles == (Role.OWNER, Role.FACILITATOR, Role.RESPONDER)
    assert person.has(Role.OWNER) is True
    assert person.has(Role.NOTETAKER) is False
