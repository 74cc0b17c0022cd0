"""Who a phrase is about: a person, a role held by a person, or a system.

Names come from the front matter (roles and participants), the team's `people` setting and a
list of common first names. Services from the front matter and the `not_people` setting are
never people, whatever they look like. "We" is never flagged: a team owning its actions is
the blameless way to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from blamefree.lint._document import Document
from blamefree.lint.config import LintConfig


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


class Subject(StrEnum):
    """What kind of thing a sentence's subject is."""

    PERSON = "person"
    PRONOUN = "pronoun"
    ROLE = "role"
    OTHER = "other"


_FIRST_NAMES = _wordset(
    """
    aaron abdul adam adrian ahmed aisha akira alan alex alexander alexandra alice alicia
    amanda amir amy ana andrea andrew andy angela anna anne anton antonio arjun ben benjamin
    beth bill bob brad brian bruno carl carla carlos carol caroline catherine charles
    charlie chen chris christian christina christopher claire claudia colin craig daniel
    danielle dave david deepak denis dennis diana diego dmitri dominic donna doug edward
    elena eli elizabeth ellen emily emma eric erik ethan eva fatima felix fernando fiona
    frank gabriel gary george grace greg hannah hans harry hassan helen henry hiroshi hugo
    ian igor ines irene isaac isabel ivan jack jacob james jane jason javier jay jeff jen
    jennifer jessica jim joan joe johan john jon jonathan jorge jose joseph josh juan judy
    julia julie justin karen karl kate katie kevin kim kumar laura lea lee leo liam linda
    lisa liu lucas lucy luis luke manuel marc marco maria mark marta martin mary matt
    matthew max maya mei michael michelle miguel mike mohamed mohammed nadia nancy nate
    nathan nick nicole nina noah olga oliver omar oscar pablo pat patricia paul pedro peter
    phil priya rachel rahul raj ravi rebecca ricardo richard rick rob robert roberto ryan
    sam samantha sandra sara sarah scott sean sergei simon sofia sophie stefan stephanie
    steve steven sue susan tanya thomas tim tom tony tyler victor victoria vikram vivek
    walter wei william yuki yusuf zoe
    """
)

_NEVER_PEOPLE = _wordset(
    """
    a an the this that these those it its there here then when while after before during our
    their his her my your we they he she you i us them one each every all some any no not
    nothing monitoring alerting deploy deployment database service server cluster system
    team release config configuration pipeline script job cron kubernetes k8s aws gcp azure
    redis postgres postgresql mysql kafka nginx envoy terraform ansible jenkins github
    gitlab argocd docker linux windows slack pagerduty opsgenie grafana prometheus datadog
    cloudflare cdn dns api ci cd production staging prod sentry elasticsearch consul vault
    helm istio node java python go rust chrome safari firefox mac
    because since if so and but or although though however later yesterday today tonight
    finally eventually meanwhile first next unfortunately luckily also initially instead
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """
)

_ROLE_NOUNS = (
    r"(?:on-?call|oncall|primary|secondary|junior|senior|new|lead|responding|"
    r"database|release|platform|backend|frontend|support)?\s*"
    r"(?:engineer|developer|dev|operator|admin|administrator|sre|dba|intern|contractor|"
    r"employee|responder|commander|person|team member|staff member|colleague|coworker|"
    r"co-worker|teammate|manager|reviewer|approver|hire|on-?caller|sysadmin)s?"
)
ROLE_PHRASE = re.compile(
    rf"^(?:the|an?|one|our|that|this|another|some)\s+(?:[a-z-]+\s+)?{_ROLE_NOUNS}"
    r"(?:\s+(?:on|in)\s+(?:call|shift|duty))?$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"he", "she", "someone", "somebody", "i", "you", "him", "her"})
_SKIP = _wordset(
    """
    had has have then also accidentally mistakenly carelessly apparently simply just
    unfortunately again later still probably clearly obviously inadvertently already easily
    really definitely certainly surely
    """
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_BOUNDARY = re.compile(r"[.!?;:|()\[\]\"“”\n]|\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class PeopleIndex:
    """Name knowledge for one document under one config."""

    known: frozenset[str]
    never: frozenset[str]
    teams: frozenset[str]

    @classmethod
    def build(cls, doc: Document, config: LintConfig) -> PeopleIndex:
        """Combine front matter names, configured names and the built-in lists."""
        extra = {n.casefold() for n in config.people}
        extra |= {w.casefold() for n in config.people for w in n.split() if len(w) > 1}
        never = set(doc.not_people) | {n.casefold() for n in config.not_people}
        teams = {t.casefold() for t in config.teams}
        return cls(
            known=frozenset(doc.people | extra),
            never=frozenset(never | teams),
            teams=frozenset(teams),
        )

    def is_name(self, word: str) -> bool:
        """True for a capitalised word that names a person here."""
        folded = word.casefold().rstrip(".").removesuffix("'s").removesuffix("’s")
        if folded in self.never or folded in _NEVER_PEOPLE or not word[:1].isupper():
            return False
        if word.isupper() and len(word) > 1:
            return False
        return folded in self.known or folded in _FIRST_NAMES

    def classify(self, phrase: str) -> Subject:
        """What a short noun phrase (a sentence subject or object) refers to."""
        words = _WORD.findall(phrase)
        if not words:
            return Subject.OTHER
        if len(words) == 1 and words[0].casefold() in _PRONOUNS:
            return Subject.PRONOUN
        text = " ".join(words)
        if ROLE_PHRASE.match(text):
            return Subject.ROLE
        if phrase.casefold() in self.known:
            return Subject.PERSON
        capitalised = 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
        if capitalised and (self.is_name(words[0]) or self.is_name(words[-1])):
            return Subject.PERSON
        return Subject.OTHER

    def subject_before(
        self, prose: str, offset: int, *, relaxed: bool = False
    ) -> tuple[Subject, str]:
        """Classify the subject that ends just before `offset` in the same clause.

        With `relaxed`, used before verbs only people do ("forgot", "fat-fingered"), any
        capitalised word that is not a known product or service counts as a name.
        """
        start = max(0, offset - 80)
        window = prose[start:offset]
        cuts = [match.end() for match in _BOUNDARY.finditer(window)]
        if cuts:
            window = window[cuts[-1] :]
        words = _WORD.findall(window)
        while words and words[-1].casefold() in _SKIP:
            words.pop()
        if not words:
            return Subject.OTHER, ""
        # A role is "the on-call engineer": try the longest tail that forms one.
        for size in (4, 3, 2):
            tail = " ".join(words[-size:])
            if len(words) >= size and ROLE_PHRASE.match(tail):
                return Subject.ROLE, tail
        last = words[-1]
        if last.casefold() in _PRONOUNS:
            return Subject.PRONOUN, last
        if self.is_name(last):
            name = last
            if (
                len(words) >= 2
                and words[-2][:1].isupper()
                and words[-2].casefold() not in _NEVER_PEOPLE
                and re.search(rf"{re.escape(words[-2])}[ \t]+{re.escape(last)}", window)
            ):
                name = f"{words[-2]} {last}"
            return Subject.PERSON, name
        if (
            len(words) >= 2
            and last[:1].isupper()
            and self.is_name(words[-2])
            and last.casefold() not in self.never
            and last.casefold() not in _NEVER_PEOPLE
        ):
            return Subject.PERSON, f"{words[-2]} {last}"
        if last.casefold() in self.known and last[:1].isupper():
            return Subject.PERSON, last
        if relaxed and self._looks_like_name(last):
            return Subject.PERSON, last
        return Subject.OTHER, last

    def looks_like_name(self, word: str) -> bool:
        """A capitalised plain word that no list calls a product, service or team."""
        return self._looks_like_name(word)

    def _looks_like_name(self, word: str) -> bool:
        folded = word.casefold()
        return (
            word[:1].isupper()
            and word[1:].islower()
            and word.isalpha()
            and folded not in self.never
            and folded not in _NEVER_PEOPLE
        )

    def is_team(self, owner: str) -> bool:
        """True when an owner cell names a team or group rather than one person."""
        folded = " ".join(owner.casefold().split()).lstrip("@")
        if folded in self.teams or any(t and t in folded for t in self.teams):
            return True
        return _TEAM_WORDS.search(folded) is not None


_TEAM_WORDS = re.compile(
    r"(?:\bteam\b|\bsquad\b|\bgroup\b|\bguild\b|\bcrew\b|\bdepartment\b|\bdept\b|"
    r"\bengineering\b|\bops\b|\bdevops\b|\bsre\b|\binfra\b|\bplatform\b|\beveryone\b|"
    r"\ball\b|\bon-?call\b|\brotation\b|^@[\w-]+/[\w-]+$)"
)
