"""Who a phrase is about: a person, a role held by a person, or a system.

Names come from the front matter (roles and participants), the team's `people` setting and a
list of common first names. Services from the front matter and the `not_people` setting are
never people, whatever they look like. "We" is never flagged: a team owning its actions is
the blameless way to write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from blamefree.lint._document import Document
from blamefree.lint._document import is_word_char as _is_word
from blamefree.lint._names import (
    COMMON_CAPITALISED,
    FUNCTION_WORDS,
    MORE_FIRST_NAMES,
    NAMES_ENDING_LIKE_NOUNS,
    NOUN_ENDINGS,
    SHAPE_ENDINGS,
    TECH_WORDS,
    WORDLIKE_NAMES,
)
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
    abena abigail ade adebayo aditya agnieszka ahmad aiko ajay akash akiko akua alejandro
    alessandro alexei alexey ali alison ama amadou amara amit anand anastasia anders
    andreea andrei andres anh anil anita anjali arash arun ashley ashok astrid ava awa ayse
    barbara bartek beatriz bilal bisi bjorn björn bogdan boris brandon brenda britt bruce
    burak camila carter catalina cem chiara chidi chinedu chioma chloe christine cindy
    connor courtney dana daniela daisuke dan danny dariush darren davide dean deepa deniz
    derek diane divya dragan duc dylan eduardo elif elisa ella emeka emre enrique evan
    faisal farah farai fatou fatma federica felipe femi fernanda francesco francisco freya
    funmi gabriela gaurav gavin gina giovanni giulia goran gordon greta guillermo gustavo
    hailey hamza hana haruka haruto hasan heather henrik hiro hoa holly huong hussein hyun
    ibrahim ignacio imran ingrid ioana irina isabella isabelle ishaan istvan ivana jake
    jakub jamal janos jared jasmine jenna jens jeremy jesse jie jill jimena jimmy jin jing
    jisoo jo joao joão joaquin jonas jordan joshua julieta kamau karim karin katalin
    katarzyna kavya kayla keith kelly kemi kenji kenneth kenta kerem khalid kiran kjell
    kofi kojo krishna krzysztof kwabena kwame kyle lakshmi laszlo lauren layla leah leif
    leila lena lerato leon leonardo leyla lily lindsay ling linh linus logan lorenzo lori
    lucia luciana lukasz lydia magnus malgorzata manish marcus marek mariana mateo mateus
    matias matteo meera megan mehmet melissa mette mia mihai mikhail milan ming minh molly
    morgan moussa musa mustafa naoko natalia natalie natasha neha neil nikhil nikola
    nikolai nils njeri nkechi noor nora nour obi oksana olivia olu oluwaseun ola owen
    paige paola parisa patrick pawel pia piotr pooja pradeep prakash preeti priyanka quang
    quinn radu rafael rajesh rakesh ramesh ramon rania rashid raul reza riccardo riku riley
    rodrigo rohan rohit rosa rosie russell ryo sabrina sachin sakura salma samir sanjana
    sanjay santiago satoshi scarlett sebastian seojun sergio seth seun shane shannon sharon
    sheila shirin shota shreya sigrid silvia simone siobhan sipho sneha sophia stacy stuart
    sunil sunita suresh svetlana swati takeshi tara tarek tariq tatiana taylor tendai
    teresa thabo thanh themba thiago tiago tiffany tina todd tolu tomasz travis trevor troy
    tunde uche valentina valeria valerie vanessa varun vijay vincent vinod vlad vladimir
    aksel elin emil ida lars linnea maja ngozi oskar sven
    wambui wanjiru wendy wesley whitney wojciech ximena yasmin yash yaw yulia yumi yuna
    yuto kai zach zachary zainab zanele zeynep zsofia
    aarav abdullah abhishek adaeze adriana afua agustin aida aidan aino aleksandr aleksandra
    aleksei alina alisha allison alma alonso alvaro amelia amina anabel anders andrzej
    aneta angelica angelo anika anish ansel antoine antonia anya aoife arnav arturo asha
    ashwin aurelia ayaan ayesha ayumi babajide bao baraka bastian beatrix benedikt bernard
    bernardo bettina bianca bongani brigitte bronwyn caio callum candice carmen carolina
    cecilia celine chanel chang chantal charlotte chinonso chiamaka chukwuma ciaran clara
    claude clemens colm constantin cormac cristina cristian dalia damian damien darius
    darya dayo declan delia desmond dieter dilnoza dimitri dimitris dinesh dominika dorota
    dmitry ebere ebony edgar edwin efua eilidh ekaterina eleni elias elijah eliza elodie
    emilia emilio emmanuel enzo erin esther eszter etienne eugene eun evgeny ewa ezra
    fabian fabio farid farhan fatemeh fausto felicia fidel filip finn florian folake
    francois françois friederike gabor gaspard gemma georg georgia gerardo gideon gil
    gilles gintaras giorgos gloria gonzalo graham gregor gulnara gunnar hadi hakan hamid
    hamish hanna hannes harald haris harriet hector heidi helga helmut hemant hiroko
    hitomi hugh ibrahima idris ifeoma ike ilya imogen inés ioannis irfan isaiah ismail
    ivo jaime jana janet janelle janine jarrah javed jelena jeroen joanna jocelyn johanna
    jolene jomo jonah jorg jörg josef josephine jovan juliana julian julien jun junaid
    jurgen jürgen kaan kalani kamal kamala kaoru karina kasia katja kazuki keisha kemal
    kenta kevin khadija kieran kimberly kirill klaus kobe koji kristina kristof kunal
    kyoko lachlan laila lana larissa latifa laurent leandro lennart leonie lindiwe lionel
    lisbeth lorena lorna louis louise lubna luca lucía ludmila luisa lukas lwazi madhu
    magdalena mahmoud maite malik mandla manon manuela marcel marcela margaret margarita
    mariam marina mario marisol marius marjorie marlon martina masato mathias maurice
    maxim maximilian mbali mehdi melanie mercy meredith mika mikael mikko milos miriam
    mitsuki mohammad monica monika mthunzi nadine naledi nana naveen nayeli nestor
    nia nicola nicolas niamh niklas nikita nikos nina noemi nomvula nuno obinna odile
    olena oleg olumide ondrej orla osagie oyelaran pascal patrice pavel pedro penelope
    petra philippe pierre pilar prakash priscilla quentin rahim raphael rasmus rebekah
    regina reinhard renata rene rené renee reuben rhys roisin roman ronan rory ruth saanvi
    sadia saeed safiya salim sally samuel sana sandeep sani santosh saoirse sasha
    saskia sebastián senthil serena sergey shabnam shanice shauna shinji shun sibusiso
    sinead siddharth sina sione sipho solomon sonia soren søren stanislav stella stephen
    suleiman sung sven tadeusz taiwo takumi tamara tamsin tanvir tatsuya teodor thandiwe
    theo theresa thomas thor tobias tomás tomoko tsubasa tuan ugo ulrich umar ursula
    uzma valentin vasily vera veronica viktor vilma vinh violeta vusi wanda wanjiku
    werner wilhelmina wojtek xavier xiao xin yannick yaroslav yasmine yehuda yevgeny
    yiannis yoko yolanda yosef youssef yuri yusuke zahra zaid zanele zara zdenek zhang
    zhou ziggy zoran zuzana
    amber dawn faith grant hope iris ivy jade joy rose ruby summer will
    abiodun adeola adewale ayodele babatunde bolaji chibuike chidinma chinwe chukwuemeka
    damilola ebuka ejiro emeka folasade gbenga ifeanyi ikenna kayode kunle nnamdi obiageli
    oladele olamide olufemi olusegun oluwatobi onyeka segun temitope tobi yetunde yemi
    abdoulaye aminata boubacar cheikh fatoumata mamadou ousmane seydou kwesi kwaku kofi
    akosua adjoa esi yaa afia nana ekow kobina fiifi abebe almaz dawit haile meron selam
    tesfaye yonas amani baraka juma neema wanjiku kipchoge otieno achieng nyambura
    lindani lungile nandi sizwe thulani zodwa ayanda busisiwe kagiso lebo palesa tumelo
    agata bartosz dariusz grzegorz jacek jaroslaw janusz kamil krystyna lech maciej
    mariusz przemek radoslaw slawomir szymon tadek witold zbigniew zofia ales bozena
    jiri jitka lenka lubos marketa miroslav petr radek tereza vaclav vojtech ruta egle
    gintare ieva jonas lina mantas rokas tomas vytautas andris janis liga zane arvo
    kadri kaja mart priit tiit tarik tarek yasin yusuf umut volkan serkan ozan murat
    ahmet ayse can cansu ebru esra gizem hakan irem melek oguz selin tugba arman darius
    farhad farzaneh golnaz kian leila mahsa mehran navid nima omid pouya ramin roya
    shirin soraya babak bahram abhay akshay alok amitabh ananya anupam aparna arvind
    bhavna chetan devendra gautam harish hema jayesh kailash kartik kiran lalit madhav
    mahesh manoj nandini nitin pallavi pankaj pranav rajiv ritu sachin sanjiv shalini
    shankar shiva sudhir tanvi uday vandana vinay yogesh aung htet kyaw thida chanthy
    dara sokha sophal bunmi somchai nattapong siriporn wichai anong arief budi dewi eko
    fitri gede indra kadek made nyoman putu rizky sri wayan yudi agnes angeles arnel
    bong jericho jomar maricel nestor rowena danilo rommel tuan hung lan linh mai nam
    phuong thao trang tuyet dung hieu khoa long quoc vy xuan joaquim thiago caio davi
    enzo gustavo heitor lorenzo murilo rafaela tainara vitor wellington yara beatriz
    conceicao goncalo rui tiago vasco adrian alvaro camilo esteban fabiola gabino
    guadalupe horacio ignacio joaquin leticia lupe marisa octavio pilar rocio salvador
    socorro ulises yadira agnar arnar birgir einar eirik gudrun halldor hallgrim ingvar
    kari kjersti knut liv marit odd ragnhild sindre snorre solveig stian thorvald trond
    vidar aapo eero eija jukka kaisa lauri matti paavo pekka riikka sanna timo tuomas
    ville aaro oleksandr oleksii olha andriy bohdan dmytro halyna iryna kateryna mykola
    mykhailo nataliia oksana petro roman serhii sofiia taras vasyl volodymyr yaroslava yurii
    """
) | (MORE_FIRST_NAMES - TECH_WORDS - COMMON_CAPITALISED)
_WORDLIKE_NAMES = WORDLIKE_NAMES | _wordset(
    """
    bill bob carol dan dean frank grace heather henry holly jack jay jo kim lee lily mark max
    may nancy nick oscar pat rob rosie sue victor will amber dawn faith grant hope iris ivy
    jade joy rose ruby summer gil mercy
    """
)
"""First names that are also ordinary lower-case words: a name only when capitalised."""
_LOWER_NAME_LEAD = _wordset("because since when that and but so then after")
"""Words after which a lower-case first name starts a clause ("because dave forgot")."""

_NEVER_PEOPLE = _wordset(
    """
    a an the this that these those it its there here then when while after before during our
    their his her my your we they he she you i us them one each every all some any no not
    nothing nobody anybody anyone everyone everybody someone somebody none monitoring alerting
    deploy deployment database service server cluster system
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
) | (TECH_WORDS | COMMON_CAPITALISED)

_ROLE_NOUNS = (
    r"(?:on-?call|oncall|primary|secondary|junior|senior|new|lead|responding|"
    r"database|release|platform|backend|frontend|support)?\s*"
    r"(?:engineer|developer|dev|operator|admin|administrator|sre|dba|intern|contractor|"
    r"employee|responder|commander|person|team member|staff member|colleague|coworker|"
    r"co-worker|teammate|manager|reviewer|approver|hire|on-?caller|sysadmin|cto|ceo|cio|ciso|"
    r"vp|director|architect|tester|analyst|technician|consultant|trainee|apprentice|lead|"
    r"captain|coordinator|"
    r"new\s+guy|new\s+girl)s?"
)
ROLE_PHRASE = re.compile(
    rf"^(?:the|an?|one|our|that|this|another|some)\s+(?:[a-z-]+\s+)?{_ROLE_NOUNS}"
    r"(?:\s+(?:on|in)\s+(?:call|shift|duty))?$",
    re.IGNORECASE,
)
_ROLE_LAST_WORDS = _wordset(
    """
    engineer developer dev operator admin administrator sre dba intern contractor employee
    responder commander person member colleague coworker co-worker teammate manager reviewer
    approver hire caller sysadmin cto ceo cio ciso vp director architect tester analyst
    technician consultant trainee apprentice lead captain coordinator guy girl
    """
)
_ROLE_ENDINGS = (
    *sorted(_ROLE_LAST_WORDS),
    *sorted(word + "s" for word in _ROLE_LAST_WORDS),
    "call",
    "shift",
    "duty",
)
"""How the last word of a `ROLE_PHRASE` match ends: a role noun of `_ROLE_NOUNS` (perhaps
plural, perhaps run together with its modifier: "oncallengineer"), or "on call", "in shift"."""


def may_end_role(word: str) -> bool:
    """False when no `ROLE_PHRASE` match can end with `word` (an ASCII word that ends with no
    role noun), so the phrase need not be tried. Role phrases are tried for every clause that
    opens with "the" or ends before a blaming verb, and few of them end with a role noun.

    Only ASCII words are ruled out: a case-free pattern also matches a few other letters ("ſ"
    for "s", the Kelvin sign for "k"), which lower-casing would not bring back.
    """
    return not word.isascii() or word.lower().endswith(_ROLE_ENDINGS)


_PRONOUNS = frozenset({"he", "she", "someone", "somebody", "i", "you", "him", "her"})
_SKIP = _wordset(
    """
    had has have then also accidentally mistakenly carelessly apparently simply just
    unfortunately again later still probably clearly obviously inadvertently already easily
    really definitely certainly surely
    """
)
_WORD = re.compile(r"@[^\W_][\w.-]*\w|[^\W\d_][\w'’.-]*")
_BOUNDARY = re.compile(r"[!?;:|()\[\]\"“”\n]|\.(?!\w)|\s[-–—]\s")
"""What ends a clause: `_last_boundary_end` finds the last one with string searches (the
tests compare the two)."""
_MARKS = '!?;:|()[]"“”\n'
"""The one-character boundaries of `_BOUNDARY`."""
_DASHES = "-–—"
_EDGES = ',;:!?()[]"“”'
"""Punctuation around a word that `_WORD` leaves out and that ends a word (no "'", "." or "-")."""


def _last_boundary_end(window: str) -> int:
    """Where the clause after the last `_BOUNDARY` in `window` starts (0 without one).

    Found with `str.rfind` (C's memrchr), one search per boundary character: a list of every
    boundary match, kept to take the last, was 1.4% of the linter's instructions, and a
    regex backing off from the end still cost 13,000 instructions a window.

    This is the latest end of any boundary. That is the end of the last one a left-to-right
    search finds, except in a run of spaced dashes (" - - "), where it ends past a dash and a
    space more: they hold no word, so the clause's words are the same.
    """
    end = 0
    for mark in _MARKS:
        at = window.rfind(mark, end)
        if at >= 0:
            end = at + 1
    at = window.rfind(".", end)
    while at >= 0:  # a full stop before no word character ("node.js" goes on)
        if at + 1 == len(window) or not _is_word(window[at + 1]):
            end = at + 1
            break
        at = window.rfind(".", end, at)
    for dash in _DASHES:  # a dash with a space on each side
        low = max(end - 1, 1)
        at = window.rfind(dash, low, len(window) - 1)
        while at >= 0:
            if window[at - 1].isspace() and window[at + 1].isspace():
                end = at + 2
                break
            at = window.rfind(dash, low, at)
    return end


def _words(text: str) -> list[str]:
    """`_WORD.findall(text)`, with whole words read from a split: a space-separated token of
    letters, perhaps between `_EDGES` ("(Dave,"), is one word as it stands; only other tokens
    are searched ("re-ran", "3rd", "it."). A search of every clause cost 16,000 instructions."""
    words: list[str] = []
    for token in text.split():
        core = token.strip(_EDGES)
        if core.isalpha():
            words.append(core)
        else:
            words.extend(_WORD.findall(token))
    return words


def _clause_tail(prose: str, offset: int, limit: int = 80) -> tuple[str, list[str]]:
    """The clause up to `offset` (at most `limit` characters) and its words, adverbs dropped."""
    global _LAST_TAIL
    last = _LAST_TAIL
    if last[0] is prose and last[1] == offset and last[2] == limit:
        return last[3], list(last[4])  # the subject, then the team, before the same verb
    window = prose[max(0, offset - limit) : offset]
    window = window[_last_boundary_end(window) :]
    words = _words(window)
    while words and words[-1].casefold() in _SKIP:
        words.pop()
    _LAST_TAIL = (prose, offset, limit, window, tuple(words))
    return window, words


_LAST_TAIL: tuple[str, int, int, str, tuple[str, ...]] = ("", -1, -1, "", ())
"""The last `_clause_tail` answer, kept whole in one tuple (so threads never see half of it)."""


_HANDLE_GROUP_PARTS = _wordset(
    "team teams squad group guild crew oncall on-call sre sres platform infra devops eng "
    "engineering all everyone here channel admins ops bots bot ci"
)


def is_person_handle(handle: str) -> bool:
    """True for a chat handle of one person ("@jdoe", "@kwame_ops"), not a group ("@sre-team")."""
    parts = [p for p in re.split(r"[-_./]", handle.lstrip("@").casefold()) if p]
    if not parts or "/" in handle:
        return False
    if parts[0] in _FIRST_NAMES:
        return True
    return not any(part in _HANDLE_GROUP_PARTS for part in parts)


def _fold(word: str) -> str:
    """Case-folded, with accents removed when the plain form is a known name ("Lucía")."""
    folded = word.casefold()
    if folded.isascii() or folded in _FIRST_NAMES:
        return folded
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if c.isascii())
    return plain if plain in _FIRST_NAMES else folded


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
        """True for a capitalised word that names a person here, or a chat @handle.

        What the built-in lists say about a word is shared by all documents; only the
        document's own names and services are looked up per call (two set lookups).
        """
        shared = _SHARED_NAMES.get(word)
        if shared is None:
            if word.startswith("@"):
                handle = _SHARED_HANDLES.get(word)
                if handle is None:
                    handle = _remember(_SHARED_HANDLES, word, is_person_handle(word))
                return handle
            shared = _remember(_SHARED_NAMES, word, _listed_name(word))
        folded, candidate, listed = shared
        return candidate and folded not in self.never and (listed or folded in self.known)

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
        window, words = _clause_tail(prose, offset)
        if len(words) > 1 and words[-1].casefold() == "who":
            words = words[:-1]  # "rushed out by Imran, who ignored the freeze"
        if not words:
            return Subject.OTHER, ""
        if words[-1].casefold() in _CHAIN and len(words) > 1:
            # "Dave restarted the pods and broke the cache": the subject opens the clause.
            return self._clause_opener(words, relaxed=relaxed)
        # A role is "the on-call engineer": try the longest tail that forms one.
        if may_end_role(words[-1]):
            for size in (4, 3, 2):
                tail = " ".join(words[-size:])
                if len(words) >= size and ROLE_PHRASE.match(tail):
                    return Subject.ROLE, tail
        joined = " ".join(words)
        modified = _ROLE_WITH_MODIFIER.search(joined) if _may_modify_role(joined) else None
        if modified is not None:
            # "the engineer responsible for the migration", "the person who ran the script"
            return Subject.ROLE, modified.group("role")
        last = words[-1]
        if self._lower_name(words):
            return Subject.PERSON, last
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

    def lower_name(self, word: str) -> bool:
        """A lower-case first name ("dave"), which may open a clause."""
        return self._lower_name([word])

    def _lower_name(self, words: list[str]) -> bool:
        """A lower-case first name opening a clause: "dave forgot", "because priya skipped"."""
        last = words[-1]
        folded = last.casefold()
        return (
            last.islower()
            and (folded in self.known or folded in _FIRST_NAMES)
            and folded not in _WORDLIKE_NAMES
            and folded not in self.never
            and (len(words) == 1 or words[-2].casefold() in _LOWER_NAME_LEAD)
        )

    def _clause_opener(self, words: list[str], *, relaxed: bool) -> tuple[Subject, str]:
        """The subject at the start of a clause whose verb phrases are joined by 'and'."""
        while words and words[0].casefold() in _SKIP | _OPENERS:
            words = words[1:]
        for size in (4, 3, 2):
            if len(words) > size and may_end_role(words[size - 1]):
                head = " ".join(words[:size])
                if ROLE_PHRASE.match(head):
                    return Subject.ROLE, head
        first = words[0] if words else ""
        if first.casefold() in _PRONOUNS - {"him", "her"}:
            return Subject.PRONOUN, first
        if len(words) > 1 and first.casefold() in _WORDLIKE_NAMES and words[1] in _DETERMINERS:
            return Subject.OTHER, ""  # "Will the new alert fire?", "Mark the incident resolved"
        if self.is_name(first) or self._lower_name(words[:1]):
            return Subject.PERSON, first
        if relaxed and self._looks_like_name(first):
            return Subject.PERSON, first
        return Subject.OTHER, ""

    def clause_subject(self, prose: str, offset: int) -> tuple[Subject, str]:
        """The subject opening the clause that `offset` is in (up to 120 characters back).

        Used for fault markers late in a clause ("... without telling anyone"): the person,
        pronoun or singular role that opens the clause is the one the marker is about.
        """
        _window, words = _clause_tail(prose, offset, 120)
        if not words:
            return Subject.OTHER, ""
        kind, who = self._clause_opener(words, relaxed=False)
        if kind is Subject.ROLE and who.split()[-1].casefold().endswith("s"):
            return Subject.OTHER, ""  # "the responders": a group, no individual
        return kind, who

    def team_before(self, prose: str, offset: int) -> str | None:
        """A named team just before `offset` as a clause subject: "the DBA team"."""
        _window, words = _clause_tail(prose, offset)
        if not words or words[-1].casefold() not in _TEAM_LAST_WORDS:
            return None  # no team can end the clause: skip the search (1.3% of all instructions)
        found = _TEAM_SUBJECT.search(" ".join(words))
        return found.group("team") if found is not None else None

    def name_shaped(self, word: str) -> bool:
        """A capitalised word no list knows that still reads as a given name ("Tobiah").

        Stricter than `looks_like_name`: at least three letters, no function word, and no
        ending of an adverb, participle, plural, adjective or agent noun ("Obviously",
        "Paused", "Flags", "Scheduler").
        """
        shaped = _SHARED_SHAPES.get(word)
        if shaped is None:
            folded = word.casefold()
            shaped = _remember(
                _SHARED_SHAPES,
                word,
                len(word) > 2
                and folded not in FUNCTION_WORDS
                and not folded.endswith(SHAPE_ENDINGS)
                and _name_form(word),
            )
        return shaped and word.casefold() not in self.never

    def looks_like_name(self, word: str) -> bool:
        """A capitalised plain word that no list calls a product, service or team."""
        return self._looks_like_name(word)

    def _looks_like_name(self, word: str) -> bool:
        return word.casefold() not in self.never and _name_form(word)

    def is_team(self, owner: str) -> bool:
        """True when an owner cell names a team or group rather than one person."""
        folded = " ".join(owner.casefold().split()).lstrip("@")
        if folded in self.teams or any(t and t in folded for t in self.teams):
            return True
        return _TEAM_WORDS.search(folded) is not None


def _listed_name(word: str) -> tuple[str, bool, bool]:
    """(folded form, whether it can name anyone, whether the built-in list names it)."""
    folded = _fold(word.rstrip(".").removesuffix("'s").removesuffix("’s"))
    candidate = (
        folded not in _NEVER_PEOPLE
        and word[:1].isupper()
        and not (word.isupper() and len(word) > 1)
    )
    return folded, candidate, candidate and folded in _FIRST_NAMES


def _name_form(word: str) -> bool:
    """Capitalised like a given name ("Tobiah", "Soo-jin") and on no list of other words."""
    folded = word.casefold()
    head, _dash, tail = word.partition("-")
    return (
        head[:1].isupper()
        and head[1:].islower()
        and head.isalpha()
        and (not tail or (tail.isalpha() and tail[1:].islower()))
        and folded not in _NEVER_PEOPLE
        and (not folded.endswith(NOUN_ENDINGS) or folded in NAMES_ENDING_LIKE_NOUNS)
    )


_SHARED_NAMES: dict[str, tuple[str, bool, bool]] = {}
_SHARED_SHAPES: dict[str, bool] = {}
_SHARED_HANDLES: dict[str, bool] = {}
"""Answers that depend on the word and the built-in lists alone, shared by all documents
(each document adds its own names and services on top): documents ask about many of the
same capitalised words."""
_SHARED_LIMIT = 50_000


_T = TypeVar("_T")


def _remember(cache: dict[str, _T], word: str, answer: _T) -> _T:
    """Store `answer` for `word` in a shared cache (emptied when it grows too large)."""
    if len(cache) > _SHARED_LIMIT:
        cache.clear()
    cache[word] = answer
    return answer


_CHAIN = frozenset({"and", "then"})
_DETERMINERS = _wordset("the a an this that these those it we you they there our your my all")
_OPENERS = _wordset(
    "later however afterwards so but meanwhile eventually finally first next unfortunately"
)
_ROLE_WITH_MODIFIER = re.compile(
    rf"(?:^|\s)(?P<role>(?:the|an?|our|that|this)\s+(?:[a-z-]+\s+)?{_ROLE_NOUNS})"
    r"\s+(?:responsible\s+for|in\s+charge\s+of|who|that)\s+"
    r"(?:(?!(?:that|which|when|because|and|but)\b)[\w'’-]+\s*){1,6}$",
    re.IGNORECASE,
)


def _may_modify_role(phrase: str) -> bool:
    """False when `_ROLE_WITH_MODIFIER` cannot match `phrase`: an ASCII phrase without any of
    its linking words ("who", "that", "charge", "responsible") in any case. The search tries
    every place in the phrase, and most phrases hold none of them.

    Only ASCII phrases are ruled out: a case-free pattern also matches a few other letters
    ("ſ" for "s", the Kelvin sign for "k"), which lower-casing would not bring back.
    """
    if not phrase.isascii():
        return True
    lowered = phrase.lower()
    return "who" in lowered or "that" in lowered or "charge" in lowered or "responsible" in lowered


_GROUP_NOUNS = (
    r"(?:squad|crew|department|folks|guys|devs|dbas|sres|admins|administrators|managers|"
    r"contractors|consultants|testers|ops|helpdesk|help\s+desk|leadership|management|agency|"
    r"vendors?|office|desk|shift)"
)
"""Nouns of a group of people that need no modifier to name one group ("the DBAs")."""
_GENERIC_GROUP_NOUNS = r"(?:team|group|people|engineers|developers|operators|reviewers|staff)"
"""Nouns that name one group only with a modifier ("the payments team", not "the team")."""
_DEPARTMENTS = (
    r"(?:Ops|QA|Networking|Security|Support|Infra(?:structure)?|Dev[Oo]ps|Engineering|"
    r"Operations|Legal|Marketing|Finance|Leadership|Management|Helpdesk)"
)
"""Departments named bare, as the subject of a clause ("Networking changed the BGP config")."""
GROUP_AGENT = re.compile(
    r"(?:(?:[Tt]he|[Oo]ur|[Tt]heir|[Tt]hat|[Tt]his)\s+(?!(?:whole|entire|same|full|rest|"
    r"other|wider|broader)\b)(?:(?:[\w'’-]+\s+){0,2}?"
    + _GROUP_NOUNS
    + r"|(?:[\w'’-]+\s+){1,2}?"
    + _GENERIC_GROUP_NOUNS
    + r")|(?!(?:The|Our|Their|That|This|An?)\s)(?:(?:[A-Z][\w-]*\s+){1,2}(?:team|squad|crew)|"
    r"[A-Z][\w-]*\s+(?:support|engineering|ops|operations)|"
    + _DEPARTMENTS
    + r")|(?:[Tt]he\s+)?(?:DBAs|SREs))(?![\w'’-])"
)
"""A named group of people opening a clause: "the payments team", "the infra folks",
"Customer support", "Networking". Matched at a clause start, on the original text."""
_TEAM_SUBJECT = re.compile(
    r"(?:^|\s)(?P<team>(?i:(?:the|our|that|their)\s+"
    r"(?!(?:whole|entire|same|full|other)\b)(?:[\w-]+\s+){1,2}team)|" + GROUP_AGENT.pattern + r")$"
)
_TEAM_LAST_WORDS = _wordset(
    """
    team squad crew department folks guys devs dbas sres admins administrators managers
    contractors consultants testers ops helpdesk desk leadership management agency vendor vendors
    office shift group people engineers developers operators reviewers staff support engineering
    operations qa networking security infra infrastructure devops legal marketing finance
    """
)
"""Every last word of a `_TEAM_SUBJECT` match, case-folded: a clause ending in another word
names no team, so `team_before` answers without a search."""
_TEAM_WORDS = re.compile(
    r"(?:\bteam\b|\bsquad\b|\bgroup\b|\bguild\b|\bcrew\b|\bdepartment\b|\bdept\b|"
    r"\bengineering\b|\bops\b|\bdevops\b|\bsre\b|\binfra\b|\bplatform\b|\beveryone\b|"
    r"\ball\b|\bon-?call\b|\brotation\b|^@[\w-]+/[\w-]+$)"
)
