from __future__ import annotations

import pytest

from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import ExternalCommunication
from blamefree.domain.timeline import EventKind
from blamefree.meeting.people import (
    Attendee,
    build_invite_list,
    check_attendees,
    match_actor,
    parse_person,
    rank_involvement,
    suggest_roles,
)

from ._builders import event, make_incident, make_postmortem, person

IC = person("Ines Chen", Role.INCIDENT_COMMANDER)
OWNER = person("Omar Haddad", Role.OWNER)
RESP = person("Rita Park", Role.RESPONDER)


def test_parse_person() -> None:
    assert parse_person("Ana Ops <ana@example.com>") == Participant(
        name="Ana Ops", email="ana@example.com"
    )
    assert parse_person("  Kim  ") == Participant(name="Kim")
    with pytest.raises(ValueError, match="is not 'Name'"):
        parse_person("<ana@example.com>")


def test_match_actor_by_name_email_handle() -> None:
    people = [RESP, IC]
    assert match_actor("rita park", people) == RESP
    assert match_actor("@rita", people) == RESP
    assert match_actor("Rita P <rita@example.com>", people) == RESP
    assert match_actor("ines@example.com", people) == IC
    assert match_actor("alertmanager", people) is None


def test_involvement_counts_actors_by_kind_and_roles() -> None:
    bystander = person("Bea Stone")
    chatter = person("Carl Diaz")
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, bystander, chatter),
        timeline=(
            event(0, EventKind.ALERT_FIRING, "alertmanager"),
            event(1, EventKind.ACK, "rita"),
            event(5, EventKind.CONFIG_CHANGE, "Rita Park"),
            event(6, EventKind.MESSAGE, "carl"),
            event(7, EventKind.MESSAGE, "Carl Diaz"),
            event(8, EventKind.LOG, "Bea Stone"),  # systems' kinds count nothing
        ),
    )
    ranking = {i.person.name: (i.score, i.events) for i in rank_involvement(pm)}
    assert ranking == {
        "Bea Stone": (0, 0),
        "Carl Diaz": (2, 2),
        "Omar Haddad": (0, 0),
        "Ines Chen": (10, 0),
        "Rita Park": (11, 2),
    }


def test_facilitator_is_least_involved_and_never_ic_or_owner() -> None:
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, person("Carl Diaz"), person("Bea Stone")),
        timeline=(event(1, EventKind.ACK, "Rita Park"), event(2, EventKind.MESSAGE, "Carl Diaz")),
    )
    suggestion = suggest_roles(pm)
    assert suggestion.facilitator is not None and suggestion.facilitator.name == "Bea Stone"
    assert suggestion.notetaker is not None and suggestion.notetaker.name == "Carl Diaz"
    assert suggestion.notes == ()


def test_uninvolved_roster_person_is_preferred() -> None:
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, person("Carl Diaz")),
        timeline=(event(1, EventKind.MESSAGE, "Carl Diaz"),),
    )
    outsider = Participant(name="Zoe Quinn", email="zoe@example.com")
    suggestion = suggest_roles(pm, roster=[outsider, person("Rita Park")])
    assert suggestion.facilitator == outsider
    assert suggestion.notetaker is not None and suggestion.notetaker.name == "Carl Diaz"


def test_when_everyone_was_involved_the_least_involved_facilitates_with_a_note() -> None:
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, person("Carl Diaz")),
        timeline=(
            event(1, EventKind.ACK, "Rita Park"),
            event(2, EventKind.MESSAGE, "Carl Diaz"),
            event(3, EventKind.MESSAGE, "Omar Haddad"),
            event(4, EventKind.DEPLOY, "Omar Haddad"),
            event(5, EventKind.DEPLOY, "Ines Chen"),
        ),
    )
    suggestion = suggest_roles(pm)
    assert suggestion.facilitator is not None and suggestion.facilitator.name == "Carl Diaz"
    assert suggestion.notetaker is not None and suggestion.notetaker.name == "Rita Park"
    assert suggestion.notes == (
        "everyone on the list took part in the incident; Carl Diaz was the least involved. "
        "Consider a facilitator from another team ([meeting] roster)",
    )


def test_only_ic_and_owner_gives_no_facilitator() -> None:
    pm = make_postmortem(participants=(IC, OWNER))
    suggestion = suggest_roles(pm)
    assert suggestion.facilitator is None
    assert suggestion.notetaker is None
    assert len(suggestion.notes) == 2
    assert "add people under [meeting] roster" in suggestion.notes[0]


def test_named_facilitator_is_kept_with_a_note_when_they_commanded() -> None:
    ic_facilitator = person("Ines Chen", Role.INCIDENT_COMMANDER, Role.FACILITATOR)
    pm = make_postmortem(participants=(ic_facilitator, OWNER, person("Bea Stone")))
    suggestion = suggest_roles(pm)
    assert suggestion.facilitator == ic_facilitator
    assert suggestion.notetaker is not None and suggestion.notetaker.name == "Bea Stone"
    assert suggestion.notes == (
        "Ines Chen facilitates and is also the incident commander; a facilitator who was "
        "not in the incident can ask the open questions",
    )


def _invite(pm_participants: tuple[Participant, ...], **kwargs: object) -> tuple[str, ...]:
    pm = make_postmortem(participants=pm_participants, **kwargs)
    owners = {"checkout": person("Dana Diaz")}
    attendees = build_invite_list(pm, suggest_roles(pm), service_owners=owners)
    return check_attendees(
        attendees, pm, service_owners=owners, customer_facing_tags=("customer-impact",)
    )


def test_complete_invite_has_no_warnings() -> None:
    warnings = _invite((IC, OWNER, RESP, person("Bea Stone")))
    assert warnings == ()


def test_responder_who_acknowledged_but_is_not_invited() -> None:
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, person("Bea Stone")),
        timeline=(event(1, EventKind.ACK, "Sam Otto"),),
    )
    owners = {"checkout": person("Dana Diaz")}
    attendees = build_invite_list(pm, suggest_roles(pm), service_owners=owners)
    assert check_attendees(attendees, pm, service_owners=owners) == (
        "Sam Otto responded on call but is not on the invite list",
    )


def test_missing_service_owner_and_customer_liaison() -> None:
    pm = make_postmortem(
        incident=make_incident(services=("checkout", "search"), tags=("customer-impact",)),
        participants=(IC, OWNER, RESP, person("Bea Stone")),
    )
    owners = {"checkout": person("Dana Diaz")}
    invited = build_invite_list(pm, suggest_roles(pm), service_owners=owners)
    attendees = [a for a in invited if a.name != "Dana Diaz"]
    warnings = check_attendees(
        attendees, pm, service_owners=owners, customer_facing_tags=("customer-impact",)
    )
    assert warnings == (
        "Dana Diaz, owner of 'checkout', is not on the invite list",
        "no owner is known for the affected service 'search'; name one under "
        "[meeting.service_owners] and invite them",
        "customers were affected but no customer liaison is invited; add one so the meeting "
        "hears what customers experienced",
    )


def test_external_communication_also_means_customers_were_affected() -> None:
    warnings = _invite(
        (IC, OWNER, RESP, person("Bea Stone")),
        external_communication=ExternalCommunication(text="We are sorry."),
    )
    assert len(warnings) == 1 and warnings[0].startswith("customers were affected")
    liaison = person("Lena Ruiz", Role.CUSTOMER_LIAISON)
    warnings = _invite(
        (IC, OWNER, RESP, liaison),
        external_communication=ExternalCommunication(text="We are sorry."),
    )
    assert warnings == ()


def test_a_near_miss_with_a_statement_did_not_affect_customers() -> None:
    pm = make_postmortem(
        incident=make_incident(services=(), near_miss=True),
        participants=(IC, OWNER, RESP, person("Bea Stone")),
        external_communication=ExternalCommunication(text="No statement is needed."),
    )
    attendees = build_invite_list(pm, suggest_roles(pm))
    assert check_attendees(attendees, pm) == ()


def test_room_size_warnings() -> None:
    pm = make_postmortem(incident=make_incident(services=()))
    few = [Attendee(name=f"P{i}", email=f"p{i}@example.com") for i in range(3)]
    many = [Attendee(name=f"P{i}", email=f"p{i}@example.com") for i in range(9)]
    just = [Attendee(name=f"P{i}", email=f"p{i}@example.com") for i in range(8)]
    assert check_attendees(few, pm) == (
        "only 3 people are invited (fewer than 4); perspectives may be missing, such as "
        "responders, service owners or a facilitator from outside",
    )
    assert check_attendees(many, pm) == (
        "9 people are invited (more than 8); spectators turn a review into a performance, so "
        "share the report with the others instead",
    )
    assert check_attendees(just, pm) == ()
    assert check_attendees(just[:4], pm) == ()


def test_attendee_without_email_is_named() -> None:
    pm = make_postmortem(incident=make_incident(services=()))
    attendees = [Attendee(name=f"P{i}", email=f"p{i}@example.com") for i in range(4)]
    attendees.append(Attendee(name="Noor"))
    assert check_attendees(attendees, pm) == (
        "no email known for Noor; the invite cannot reach them",
    )


def test_invite_list_adds_roles_and_owners_once() -> None:
    pm = make_postmortem(participants=(IC, OWNER, RESP, person("Bea Stone")))
    owners = {"checkout": person("Bea Stone")}
    attendees = build_invite_list(pm, suggest_roles(pm), service_owners=owners)
    assert [(a.name, a.roles) for a in attendees] == [
        ("Ines Chen", (Role.INCIDENT_COMMANDER,)),
        ("Omar Haddad", (Role.OWNER,)),
        ("Rita Park", (Role.RESPONDER, Role.NOTETAKER)),
        ("Bea Stone", (Role.FACILITATOR,)),
    ]


def test_commands_weigh_like_deploys_and_named_people_count_without_an_actor() -> None:
    carl, bea, kim = person("Carl Diaz"), person("Bea Stone"), person("Kim Lee")
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, carl, bea, kim),
        timeline=(
            event(0, EventKind.MESSAGE, "Carl Diaz", "Ran `kubectl rollout undo deploy/checkout`"),
            event(1, EventKind.MANUAL, None, "Rita acknowledged the page"),
            event(2, EventKind.MANUAL, None, "@bea joined the incident channel"),
            event(3, EventKind.ALERT_FIRING, "alertmanager", "Alert paged Kim Lee"),
            event(4, EventKind.MANUAL, None, "Omar Haddadi, a namesake, is not Omar Haddad"),
            event(5, EventKind.LOG, "Bea Stone", "Bea Stone's session expired"),
        ),
    )
    ranking = {i.person.name: (i.score, i.events) for i in rank_involvement(pm)}
    assert ranking == {
        "Bea Stone": (1, 1),  # the mention; her own log line is a system record
        "Carl Diaz": (3, 1),  # a message holding a command
        "Ines Chen": (10, 0),
        "Kim Lee": (1, 1),  # named by an alert that has no person as actor
        "Omar Haddad": (1, 1),  # the full name, once; "Haddadi" does not match
        "Rita Park": (6, 1),  # responder 5 + first name in a line without actor
    }


def test_crafted_timeline_picks_the_person_who_only_read_along() -> None:
    carl, bea = person("Carl Diaz"), person("Bea Stone")
    pm = make_postmortem(
        participants=(IC, OWNER, RESP, carl, bea),
        timeline=(
            event(0, EventKind.PAGE, "pagerduty", "Paged Bea Stone"),
            event(1, EventKind.ACK, "Bea Stone"),
            event(2, EventKind.MESSAGE, "Carl Diaz", "Is checkout slow for anyone else?"),
            event(3, EventKind.MANUAL, "Rita Park", "`SET pool_size = 50`"),
        ),
    )
    roles = suggest_roles(pm)
    assert roles.facilitator == carl  # 1 point against Bea's 4; Ines and Omar never facilitate
    assert roles.notetaker == bea
    assert [i.person.name for i in roles.ranking] == [
        "Omar Haddad",
        "Carl Diaz",
        "Bea Stone",
        "Rita Park",
        "Ines Chen",
    ]
