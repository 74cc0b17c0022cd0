"""A learned second opinion on blame and hindsight: a linear model over a sentence's words.

Why it exists: the blame and hindsight rules read grammar they were written for, and on
sentences written by people who never saw them they found about six blaming sentences in
ten (docs/benchmarks.md). Blame takes more shapes than rules can list ("after Ivo's change,
checkout died", "the data team pushed it anyway"), but it leaves traces a model over words
can weigh: a person as the subject, a fault verb after them, a possessive before a change.

The model is multinomial logistic regression (ok / blame / hindsight) over two kinds of
features of the normalised tokens: each token, and each of the few tokens just after an
agent (a name, a pronoun or "team"), which is where blame puts its verb. Names become `<p>`
so the model learns the shape of blame, not the names of its training sentences. Pairs of
adjacent tokens were tried too: they doubled the cost and did not change what was found on
the check sets. It is trained by `tools/train_tone.py` from
the labelled evaluation sentences and public postmortems (as unlabelled-but-fine prose),
deterministically, into `tone_model.json` beside this file; that file records what it was
trained on so a test can tell when it is stale.

Scoring is pure Python: one dictionary lookup per token, since a token's own weights and
its weights after an agent are kept together (`ToneModel.token_weights`).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Final

import orjson

MODEL_PATH = Path(__file__).with_name("tone_model.json")
MODEL_VERSION = 1

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+|[^\w\s]|_")
"""A word (any script; inner apostrophes and hyphens kept), a number, or one other mark."""
_ASCII_END: Final = 0x80
_SPACE: Final = 0
_WORD: Final = 1
_DIGITS: Final = 2
_MARK: Final = 3
_REGEX: Final = 4
"""Not an ASCII kind: a token that starts at or runs into a non-ASCII character, which
`_TOKEN.match` reads."""


def _ascii_kind(char: str) -> int:
    """What a `_TOKEN` match starting at an ASCII character is, read from the pattern."""
    if _TOKEN.match(char) is None:
        return _SPACE
    if re.match(r"[^\W\d_]", char):
        return _WORD
    return _DIGITS if re.match(r"\d", char) else _MARK


_KINDS = bytes([_ascii_kind(chr(code)) for code in range(_ASCII_END)])
"""By ASCII code: the kind of token that starts there (`_SPACE` starts none)."""
_GOES_ON = bytes([1 if re.match(r"[\w'’-]", chr(code)) else 0 for code in range(_ASCII_END)])
"""By ASCII code: 1 where a word token goes on (`[\\w'’-]`)."""


def split_tokens(sentence: str) -> list[str]:
    """`_TOKEN.findall(sentence)`, read character by character.

    Why: the regex spent about 500 instructions per character (each alternative tests
    Unicode classes), which made tokenising 2.5% of all lint instructions. Compiled, this
    loop reads ASCII characters as integers and classifies them by `_KINDS` and
    `_GOES_ON`, tables built from the pattern itself; a token that starts at or runs into
    a non-ASCII character is left to `_TOKEN.match` at its start, which reads it exactly
    as `findall` does there. `test_split_tokens_is_the_regex` compares the two.
    """
    found: list[str] = []
    kinds, goes_on, size = _KINDS, _GOES_ON, len(sentence)
    index = 0
    while index < size:
        start = index
        code = ord(sentence[index])
        kind = kinds[code] if code < _ASCII_END else _REGEX
        index += 1
        if kind == _SPACE:
            continue
        if kind <= _DIGITS:  # a word or a number: read on while it lasts
            while index < size:
                code = ord(sentence[index])
                if code >= _ASCII_END:
                    kind = _REGEX
                    break
                if not (goes_on[code] if kind == _WORD else kinds[code] == _DIGITS):
                    break
                index += 1
        if kind == _REGEX:
            match = _TOKEN.match(sentence, start)
            if match is None:
                index = start + 1  # a space outside ASCII
                continue
            index = match.end()
        found.append(sentence[start:index])
    return found


_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "his",
        "their",
        "theirs",
        "hers",
        "someone",
        "somebody",
        "nobody",
        "anyone",
        "anybody",
        "whoever",
        "everyone",
        "everybody",
    ]
)
_AGENTS = frozenset(("<p>", "<p>'s", "<pro>", "team", "teams"))
_AGENT_REACH = 3
_NONE = (0.0, 0.0)
_Weights = tuple[float, float, float, float, bool]
"""A raw token's (blame, hindsight) weights, its weights after an agent, and whether it is
an agent itself."""
_MAX_TOKENS = 100_000
"""How many distinct tokens' weights a model remembers (a few MB at most)."""
"""How many tokens after an agent get an `a:` feature: subject, verb and object, usually."""
PERSON = "<p>"
PRONOUN = "<pro>"
NUMBER = "<n>"


def tokens(
    sentence: str, is_name: Callable[[str], bool], memo: dict[str, str] | None = None
) -> list[str]:
    """The sentence's tokens, lower-cased, with names, pronouns and numbers replaced.

    A possessive keeps its "'s" so "Ivo's change" reads `<p>'s change`. `memo` remembers
    each raw token's answer for one document (names depend on the document's people).
    """
    if memo is None:
        memo = {}
    out: list[str] = []
    append = out.append
    shared = _SHARED
    for token in _TOKEN.findall(sentence):
        word = shared.get(token)
        if word is None:
            word = memo.get(token)
            if word is None:
                word = memo[token] = _normalised(token, is_name)
                if not token[0].isupper() and len(shared) < _MAX_SHARED:
                    shared[token] = word
        append(word)
    return out


_SHARED: dict[str, str] = {}
"""Answers for tokens that are not capitalised: the same in every document."""
_MAX_SHARED = 50_000


def _normalised(token: str, is_name: Callable[[str], bool]) -> str:
    possessive = token.endswith(("'s", "’s")) and len(token) > 2
    base = token[:-2] if possessive else token
    first = base[0]
    if first.isupper() and is_name(base):
        word = PERSON
    elif first.isdigit():
        word = NUMBER
    else:
        word = base.lower().replace("’", "'")
        if word in _PRONOUNS:
            word = PRONOUN
    return word + "'s" if possessive else word


def features(words: list[str]) -> Iterator[str]:
    """Every feature of a token list, repeats included (the model counts them)."""
    for index, word in enumerate(words):
        yield "w:" + word
        if word in _AGENTS:
            for after in words[index + 1 : index + 1 + _AGENT_REACH]:
                yield "a:" + after


@dataclass(frozen=True, slots=True)
class Tone:
    """How much a sentence reads as blame and as hindsight (probabilities, 0 to 1)."""

    blame: float
    hindsight: float

    @property
    def judgement(self) -> float:
        """Either one: the chance the sentence judges people rather than describes events."""
        return self.blame + self.hindsight


def _tone(blame: float, hindsight: float) -> Tone:
    """Softmax of the logits (ok's is 0), shifted so no exponent overflows."""
    top = max(0.0, blame, hindsight)
    ok_e, blame_e, hindsight_e = [math.exp(z - top) for z in (0.0, blame, hindsight)]
    total = ok_e + blame_e + hindsight_e
    return Tone(blame_e / total, hindsight_e / total)


@dataclass(frozen=True, slots=True)
class ToneModel:
    """Weights per feature for blame and hindsight, relative to ok (whose logit is 0)."""

    weights: dict[str, tuple[float, float]]
    bias: tuple[float, float]
    threshold: float
    """The `judgement` a sentence needs before the rules report it (chosen in training)."""
    trained_on: dict[str, str]
    """Training input name -> SHA-256 of what was read, to notice a stale model."""
    _by_token: dict[str, tuple[float, float, float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _by_raw: dict[str, _Weights] = field(default_factory=dict, compare=False, repr=False)

    def score(self, words: list[str]) -> Tone:
        """The tone of one tokenised sentence (the reference `score_text` must agree with)."""
        return self.score_features(features(words))

    def score_text(
        self, sentence: str, is_name: Callable[[str], bool], memo: dict[str, _Weights]
    ) -> tuple[Tone, int]:
        """`score(tokens(sentence, is_name))` and the token count, in one pass.

        `memo` maps raw tokens to their weights for one document (capitalised tokens depend
        on its people); the rest are shared by all documents.
        """
        blame, hindsight = self.bias
        shared = self._by_raw
        back1 = back2 = back3 = False
        count = 0
        for token in split_tokens(sentence):
            known = shared.get(token)
            if known is None:
                known = memo.get(token)
                if known is None:
                    known = self._raw_weights(token, is_name, memo)
            own_blame, own_hindsight, after_blame, after_hindsight, agent = known
            blame += own_blame
            hindsight += own_hindsight
            behind = back1 + back2 + back3
            if behind:
                blame += behind * after_blame
                hindsight += behind * after_hindsight
            back3, back2, back1 = back2, back1, agent
            count += 1
        return _tone(blame, hindsight), count

    def _raw_weights(
        self, token: str, is_name: Callable[[str], bool], memo: dict[str, _Weights]
    ) -> _Weights:
        word = _normalised(token, is_name)
        known = (*self.token_weights(word), word in _AGENTS)
        if token[0].isupper():
            memo[token] = known
        elif len(self._by_raw) < _MAX_TOKENS:
            self._by_raw[token] = known
        return known

    def token_weights(self, word: str) -> tuple[float, float, float, float]:
        """(blame, hindsight) weights of the token itself, then of the token after an agent."""
        known = self._by_token.get(word)
        if known is None:
            own = self.weights.get("w:" + word, _NONE)
            after = self.weights.get("a:" + word, _NONE)
            known = (own[0], own[1], after[0], after[1])
            if len(self._by_token) < _MAX_TOKENS:
                self._by_token[word] = known
        return known

    def score_features(self, bag: Iterable[str]) -> Tone:
        """The tone of a sentence from its features (`features(tokens(...))`)."""
        blame, hindsight = self.bias
        get = self.weights.get
        for feature in bag:
            weight = get(feature)
            if weight is not None:
                blame += weight[0]
                hindsight += weight[1]
        return _tone(blame, hindsight)

    def as_json(self) -> bytes:
        """The model file's bytes: sorted keys and rounded weights, so retraining diffs well."""
        return orjson.dumps(
            {
                "version": MODEL_VERSION,
                "classes": ["ok", "blame", "hindsight"],
                "threshold": self.threshold,
                "bias": list(self.bias),
                "trained_on": self.trained_on,
                "weights": {key: list(value) for key, value in self.weights.items()},
            },
            option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2,
        )

    @classmethod
    def from_json(cls, data: bytes, *, where: str = "tone model") -> ToneModel:
        """Read a model file, naming the file and the field when something is off."""
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise ValueError(f"{where}: not valid JSON ({error}); retrain it") from error
        if not isinstance(raw, dict) or raw.get("version") != MODEL_VERSION:
            raise ValueError(f"{where}: expected a version {MODEL_VERSION} model; retrain it")
        try:
            weights = {str(k): (float(v[0]), float(v[1])) for k, v in raw["weights"].items()}
            bias = (float(raw["bias"][0]), float(raw["bias"][1]))
            threshold = float(raw["threshold"])
            trained_on = {str(k): str(v) for k, v in raw["trained_on"].items()}
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"{where}: a field is missing or malformed ({error!r})") from error
        return cls(weights, bias, threshold, trained_on)


@cache
def shipped_model() -> ToneModel:
    """The model that ships with Blamefree, read once per process.

    `BLAMEFREE_TONE_MODEL` names another model file (used to evaluate models trained
    without one of the labelled sets: `eval/train_tone.py --leave-out`).
    """
    path = Path(os.environ.get("BLAMEFREE_TONE_MODEL") or MODEL_PATH)
    return ToneModel.from_json(path.read_bytes(), where=str(path))
