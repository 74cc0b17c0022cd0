"""The postmortem document model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from blamefree.domain import (
    SECTION_TITLES,
    CommunicationState,
    ContributingFactor,
    ExternalCommunication,
    Postmortem,
    PostmortemStatus,
    Role,
    Visibility,
    WhyStep,
)
from tests.builders import (
    at,
    make_event,
    make_factor,
    make_incident,
    make_participant,
    make_postmortem,
)


def test_section_titles_in_order() -> None:
    assert SECTION_TITLES == (
        "Summary",
        "Impact",
        "Timeline",
        "Contributing factors",
        "What went well",
        "Where we got lucky",
        "Action items",
        "Lessons learned",
        "External communication",
    )


def test_defaults() -> None:
    pm = Postmortem(incident=make_incident())
    assert (pm.status, pm.visibility) == (PostmortemStatus.DRAFT, Visibility.INTERNAL)
    assert pm.external_communication == ExternalCommunication(
        state=CommunicationState.DRAFT, text=""
    )
    assert (pm.summary, pm.timeline, pm.factors, pm.action_items) == ("", (), (), ())
    assert pm.id == "INC-1042"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("draft", PostmortemStatus.DRAFT),
        ("In Review", PostmortemStatus.IN_REVIEW),
        ("in-review", PostmortemStatus.IN_REVIEW),
        ("in_review", PostmortemStatus.IN_REVIEW),
        (" PUBLISHED ", PostmortemStatus.PUBLISHED),
    ],
)
def test_status_spellings(written: str, expected: PostmortemStatus) -> None:
    assert make_postmortem(status=written).status is expected


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValidationError, match="status 'final' is not one of draft, in review"):
        make_postmortem(status="final")


def test_visibility_and_communication_states() -> None:
    assert make_postmortem(visibility="restricted").visibility is Visibility.RESTRICTED
    with pytest.raises(ValidationError, match="visibility"):
        make_postmortem(visibility="public")
    assert [s.value for s in CommunicationState] == ["draft", "approved"]
    comm = ExternalCommunication(state="approved", text="\n  We are sorry.  \n")
    assert (comm.state, comm.text) == (CommunicationState.APPROVED, "We are sorry.")


def test_prose_is_stripped_and_timeline_sorted() -> None:
    late = make_event(at=at(15, 0), text="late")
    early = make_event(at=at(14, 0), text="early")
    pm = make_postmortem(summary="\n  Checkout failed.\n\n", timeline=(late, early))
    assert pm.summary == "Checkout failed."
    assert [e.text for e in pm.timeline] == ["early", "late"]
    resorted = pm.with_timeline([late, make_event(at=at(14, 30), text="middle"), early])
    assert [e.text for e in resorted.timeline] == ["early", "middle", "late"]
    assert [e.text for e in pm.timeline] == ["early", "late"]


def test_participants_listed_twice_are_refused_case_insensitively() -> None:
    with pytest.raises(ValidationError, match="participant 'ana lima' is listed twice"):
        make_postmortem(
            participants=(make_participant(name="Ana Lima"), make_participant(name="ana lima"))
        )


def test_single_holder_roles_are_held_once() -> None:
    with pytest.raises(
        ValidationError, match="role facilitator is held by Ana Lima, Ravi Menon; one person"
    ):
        make_postmortem(
            participants=(
                make_participant(name="Ana Lima", roles=(Role.FACILITATOR,)),
                make_participant(name="Ravi Menon", roles=(Role.FACILITATOR,)),
            )
        )


def test_holder_and_people_with() -> None:
    ana = make_participant(name="Ana Lima", roles=(Role.OWNER, Role.RESPONDER))
    ravi = make_participant(name="Ravi Menon", email=None, roles=(Role.RESPONDER,))
    pm = make_postmortem(participants=(ana, ravi))
    assert pm.holder(Role.OWNER) == ana
    assert pm.holder(Role.FACILITATOR) is None
    assert pm.people_with(Role.RESPONDER) == (ana, ravi)


def test_factor_title_and_category() -> None:
    factor = make_factor(title=" Migration \n locks ", description="\n text \n")
    assert (factor.title, factor.description) == ("Migration locks", "text")
    with pytest.raises(ValidationError, match="contributing factor title is empty"):
        make_factor(title="  \n ")
    for bad in ("Change", "-x", "a b", "x" * 41):
        with pytest.raises(ValidationError, match="category"):
            make_factor(category=bad)


def test_why_steps_keep_their_order_on_one_line() -> None:
    factor = ContributingFactor(
        title="t",
        whys=(WhyStep(question=" Why\n one? ", answer=" a \n b "), WhyStep(question="Why two?")),
    )
    assert [(w.question, w.answer) for w in factor.whys] == [("Why one?", "a b"), ("Why two?", "")]
    with pytest.raises(ValidationError, match="question"):
        WhyStep(question="")


def test_meeting_and_published_times_are_utc() -> None:
    pm = make_postmortem(meeting_at=at(10, 0, day=6), published_at=at(12, 0, day=9))
    assert (pm.meeting_at, pm.published_at) == (at(10, 0, day=6), at(12, 0, day=9))
    with pytest.raises(ValidationError, match="has no timezone"):
        make_postmortem(meeting_at=at(10, 0).replace(tzinfo=None))
