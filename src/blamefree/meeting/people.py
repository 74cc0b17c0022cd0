"""Who runs the review and who should be in the room.

The facilitator keeps the conversation blameless and moving, which is easiest for someone
who did not live through the incident: people are ranked by how involved they were, computed
from the timeline (who acknowledged, ran commands, deployed, wrote) and from their roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, ValidationError

from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import Postmortem
from blamefree.domain.timeline import EventKind

EVENT_WEIGHTS: Mapping[EventKind, int] = {
    EventKind.ACK: 3,
    EventKind.DEPLOY: 3,
    EventKind.CONFIG_CHANGE: 3,
    EventKind.ESCALATION: 2,
    EventKind.STATUS_UPDATE: 2,
    EventKind.PAGE: 1,
    EventKind.MESSAGE: 1,
    EventKind.MANUAL: 1,
}
"""How much one event by a person counts; events by systems (alerts, logs) count nothing."""

COMMAND_WEIGHT = 3
"""An event whose text shows a command someone ran (`kubectl ...` in backticks, `$ ...`)."""
MENTION_WEIGHT = 1
"""An event without an actor whose text names a person ("Rita rolled back the deploy")."""

ROLE_WEIGHTS: Mapping[Role, int] = {
    Role.INCIDENT_COMMANDER: 10,
    Role.RESPONDER: 5,
    Role.CUSTOMER_LIAISON: 2,
}

_PERSON = re.compile(r"^\s*(?P<name>[^<>]+?)\s*(?:<(?P<email>[^<>\s]+@[^<>\s]+)>)?\s*$")


def parse_person(text: str, *, roles: tuple[Role, ...] = ()) -> Participant:
    """Read 'Name <email>' (email optional) into a Participant.

    Raises:
        ValueError: when the text is empty or the brackets are unbalanced.
    """
    match = _PERSON.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not 'Name' or 'Name <name@example.com>'")
    try:
        return Participant(name=match["name"], email=match["email"], roles=roles)
    except ValidationError as err:
        raise ValueError(f"{text!r}: {err.errors()[0]['msg']}") from None


def _keys(person: Participant) -> set[str]:
    keys = {person.name.casefold(), person.name.casefold().replace(" ", "")}
    if person.email:
        email = person.email.casefold()
        keys |= {email, email.split("@", 1)[0]}
    return keys


def _actor_key(actor: str) -> str:
    text = actor.strip()
    match = re.search(r"<([^<>\s]+@[^<>\s]+)>", text)
    if match:
        return match.group(1).casefold()
    return text.lstrip("@").casefold()


def match_actor(actor: str, people: Iterable[Participant]) -> Participant | None:
    """The person a timeline actor refers to (by name, email or email user), if any."""
    key = _actor_key(actor)
    if not key:
        return None
    return next((p for p in people if key in _keys(p)), None)


class Involvement(BaseModel):
    """How involved one person was in the incident."""

    model_config = ConfigDict(frozen=True)

    person: Participant
    score: int
    events: int


def _is_command(text: str) -> bool:
    stripped = text.lstrip()
    return "`" in text or stripped.startswith(("$ ", "# ", "> "))


def _mentioned(text: str, people: Sequence[Participant]) -> tuple[Participant, ...]:
    """People a timeline line names: full name, @handle, email, or a first name only one has."""
    folded = text.casefold()
    first_names: dict[str, list[Participant]] = {}
    for person in people:
        first_names.setdefault(person.name.split()[0], []).append(person)
    found: list[Participant] = []
    for person in people:
        handles = [person.name.casefold()]
        if person.email:
            handles += [person.email.casefold(), "@" + person.email.split("@", 1)[0].casefold()]
        handles.append("@" + person.name.casefold().replace(" ", ""))
        if any(re.search(rf"(?<![\w@.]){re.escape(h)}(?![\w-])", folded) for h in handles):
            found.append(person)
            continue
        first = person.name.split()[0]
        if len(first_names[first]) == 1 and re.search(rf"(?<![\w@]){re.escape(first)}\b", text):
            found.append(person)
    return tuple(found)


def rank_involvement(
    postmortem: Postmortem, *, roster: Sequence[Participant] = ()
) -> tuple[Involvement, ...]:
    """Everyone on the participant list and the roster, least involved first (ties by name).

    Each timeline event adds its weight to the person who acted (acknowledged, deployed,
    wrote...); a command in the text weighs like a deploy. An event whose actor is not a
    person on the list (none, or a system such as the pager) counts for the people its text
    names ("Paged Bea Stone"). Roles add their own weight.
    """
    people = _merge_people(postmortem.participants, roster)
    scores = {p.name: sum(ROLE_WEIGHTS.get(role, 0) for role in p.roles) for p in people}
    events = dict.fromkeys(scores, 0)
    for event in postmortem.timeline:
        weight = EVENT_WEIGHTS.get(event.kind, 0)
        if _is_command(event.text):
            weight = max(weight, COMMAND_WEIGHT)
        actor = match_actor(event.actor, people) if event.actor else None
        if actor is not None:
            involved: tuple[Participant, ...] = (actor,) if weight else ()
        else:  # no actor, or a system such as the pager: count the people it names
            involved = _mentioned(event.text, people)
            weight = max(weight, MENTION_WEIGHT)
        for person in involved:
            scores[person.name] += weight
            events[person.name] += 1
    ranked = [Involvement(person=p, score=scores[p.name], events=events[p.name]) for p in people]
    return tuple(sorted(ranked, key=lambda i: (i.score, i.person.name.casefold())))


def _merge_people(
    participants: Sequence[Participant], roster: Sequence[Participant]
) -> tuple[Participant, ...]:
    merged = list(participants)
    for person in roster:
        if not any(_keys(person) & _keys(known) for known in merged):
            merged.append(person.model_copy(update={"roles": ()}))
    return tuple(merged)


class RoleSuggestion(BaseModel):
    """Suggested facilitator and notetaker, with the ranking and notes that explain them."""

    model_config = ConfigDict(frozen=True)

    facilitator: Participant | None
    notetaker: Participant | None
    ranking: tuple[Involvement, ...]
    notes: tuple[str, ...] = ()


_NEVER_FACILITATE = (Role.INCIDENT_COMMANDER, Role.OWNER)


def suggest_roles(postmortem: Postmortem, *, roster: Sequence[Participant] = ()) -> RoleSuggestion:
    """Pick a facilitator and a notetaker.

    The facilitator is the least involved person who is neither the incident commander nor
    the postmortem owner; when everyone took part, the least involved of them, with a note.
    A facilitator or notetaker already named in the document is kept (with a note when the
    named facilitator also commanded the incident or owns the postmortem).
    """
    ranking = rank_involvement(postmortem, roster=roster)
    eligible = [i for i in ranking if not any(i.person.has(r) for r in _NEVER_FACILITATE)]
    notes: list[str] = []

    facilitator = postmortem.holder(Role.FACILITATOR)
    if facilitator is not None:
        clash = [r.value.replace("_", " ") for r in _NEVER_FACILITATE if facilitator.has(r)]
        if clash:
            notes.append(
                f"{facilitator.name} facilitates and is also the {' and '.join(clash)}; "
                "a facilitator who was not in the incident can ask the open questions"
            )
    elif eligible:
        facilitator = eligible[0].person
        if eligible[0].score > 0:
            notes.append(
                f"everyone on the list took part in the incident; {facilitator.name} was the "
                "least involved. Consider a facilitator from another team ([meeting] roster)"
            )
    else:
        notes.append(
            "no one besides the incident commander and the owner is on the list; add people "
            "under [meeting] roster to get a facilitator suggestion"
        )

    notetaker = postmortem.holder(Role.NOTETAKER)
    if notetaker is None:
        taken = {facilitator.name} if facilitator else set()
        others = [i for i in eligible if i.person.name not in taken]
        if others:
            notetaker = others[0].person
        else:
            notes.append("no one is left to take notes; add a notetaker to the invite list")
    return RoleSuggestion(
        facilitator=facilitator, notetaker=notetaker, ranking=ranking, notes=tuple(notes)
    )


class Attendee(BaseModel):
    """One person on the invite, the roles they hold in the meeting and why they are invited."""

    model_config = ConfigDict(frozen=True)

    name: str
    email: str | None = None
    roles: tuple[Role, ...] = ()
    reason: str = ""


def build_invite_list(
    postmortem: Postmortem,
    suggestion: RoleSuggestion,
    *,
    service_owners: Mapping[str, Participant] | None = None,
) -> tuple[Attendee, ...]:
    """Participants, the suggested facilitator and notetaker, and known owners of the services."""
    attendees: list[Attendee] = []

    def add(person: Participant, role: Role | None, reason: str) -> None:
        for index, known in enumerate(attendees):
            known_person = Participant(name=known.name, email=known.email)
            if _keys(person) & _keys(known_person):
                if role is not None and role not in known.roles:
                    attendees[index] = known.model_copy(update={"roles": (*known.roles, role)})
                return
        roles = tuple(dict.fromkeys((*person.roles, *((role,) if role else ()))))
        attendees.append(Attendee(name=person.name, email=person.email, roles=roles, reason=reason))

    for person in postmortem.participants:
        add(person, None, "participant")
    if suggestion.facilitator is not None:
        add(suggestion.facilitator, Role.FACILITATOR, "suggested facilitator")
    if suggestion.notetaker is not None:
        add(suggestion.notetaker, Role.NOTETAKER, "suggested notetaker")
    for service in postmortem.incident.services:
        owner = (service_owners or {}).get(service)
        if owner is not None:
            add(owner, None, f"owner of {service}")
    return tuple(attendees)


def _customers_affected(postmortem: Postmortem, customer_facing_tags: Iterable[str]) -> bool:
    """A customer-facing tag or a customer statement says so; a near miss by definition did not."""
    if postmortem.incident.near_miss:
        return False
    tags = {t.casefold() for t in postmortem.incident.tags}
    return bool(tags & {t.casefold() for t in customer_facing_tags}) or bool(
        postmortem.external_communication.text
    )


def check_attendees(
    attendees: Sequence[Attendee],
    postmortem: Postmortem,
    *,
    service_owners: Mapping[str, Participant] | None = None,
    customer_facing_tags: Iterable[str] = (),
    min_attendees: int = 4,
    max_attendees: int = 8,
) -> tuple[str, ...]:
    """Warnings about the invite list: missing perspectives and a room too small or too big."""
    warnings: list[str] = []
    invited = [Participant(name=a.name, email=a.email) for a in attendees]

    def present(person: Participant) -> bool:
        return any(_keys(person) & _keys(known) for known in invited)

    responders: list[str] = [p.name for p in postmortem.people_with(Role.RESPONDER)]
    for event in postmortem.timeline:
        if event.kind is EventKind.ACK and event.actor:
            known = match_actor(event.actor, postmortem.participants)
            name = known.name if known else event.actor.strip()
            if name not in responders:
                responders.append(name)
    for name in responders:
        person = match_actor(name, postmortem.participants) or Participant(name=name)
        if not present(person):
            warnings.append(f"{name} responded on call but is not on the invite list")

    owners = service_owners or {}
    for service in postmortem.incident.services:
        owner = owners.get(service)
        if owner is None:
            warnings.append(
                f"no owner is known for the affected service {service!r}; name one under "
                "[meeting.service_owners] and invite them"
            )
        elif not present(owner):
            warnings.append(f"{owner.name}, owner of {service!r}, is not on the invite list")

    if _customers_affected(postmortem, customer_facing_tags) and not any(
        Role.CUSTOMER_LIAISON in a.roles for a in attendees
    ):
        warnings.append(
            "customers were affected but no customer liaison is invited; add one so the "
            "meeting hears what customers experienced"
        )

    count = len(attendees)
    if count > max_attendees:
        warnings.append(
            f"{count} people are invited (more than {max_attendees}); spectators turn a review "
            "into a performance, so share the report with the others instead"
        )
    elif count < min_attendees:
        warnings.append(
            f"only {count} people are invited (fewer than {min_attendees}); perspectives may "
            "be missing, such as responders, service owners or a facilitator from outside"
        )
    missing_email = [a.name for a in attendees if not a.email]
    if missing_email:
        warnings.append(
            "no email known for " + ", ".join(missing_email) + "; the invite cannot reach them"
        )
    return tuple(warnings)
