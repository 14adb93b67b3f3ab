"""Tokens and sentences with razdel; half-open character spans into the original text."""
from __future__ import annotations

import re
from dataclasses import dataclass

import razdel
from razdel.rule import JOIN
from razdel.segmenters.tokenize import ATOM, DASHES, INT, OTHER, PUNCT, RULES, Atom, TokenSplit

from .morph import lemma
from .normalize import normalize_word, repair_lookalikes

# A run of pictographs razdel keeps as one token is split into single emoji.
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text, half-open span, normalised form and lemma."""

    text: str
    start: int
    stop: int
    norm: str
    lemma: str

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalpha()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open span [start, stop) of the original text."""

    start: int
    stop: int
    text: str


def _make(text: str, start: int) -> Token:
    norm = normalize_word(text)
    return Token(text, start, start + len(text), norm, lemma(norm))


def _split_emoji(text: str, start: int):
    if not _EMOJI.search(text) or len(text) == 1:
        yield _make(text, start)
        return
    buf_start = None
    for i, ch in enumerate(text):
        if _EMOJI.match(ch):
            if buf_start is not None:
                yield _make(text[buf_start:i], start + buf_start)
                buf_start = None
            if ch not in "\uFE0F\u200D":
                yield _make(ch, start + i)
        elif buf_start is None:
            buf_start = i
    if buf_start is not None:
        yield _make(text[buf_start:], start + buf_start)


# Which touching atoms razdel's rules could join. A dash or «_» joins its neighbours; «.», «,», «/» and
# «\\» join digits only; «yahoo» takes a «!»; two punctuation marks and any OTHER atom (emoji, symbols)
# have rules of their own. Every other touching pair («заказ,», «да!») is split by every rule.
_DASHLIKE = frozenset(DASHES) | {"_"}
_DIGIT_JOINERS = frozenset(".,/\\")


def _may_join(left: re.Match, right: re.Match) -> bool:
    a, b = left.lastgroup, right.lastgroup
    if a == OTHER or b == OTHER or (a == PUNCT and b == PUNCT):
        return True
    x, y = left.group(), right.group()
    return (x in _DASHLIKE or y in _DASHLIKE or (a == INT and y in _DIGIT_JOINERS)
            or (b == INT and x in _DIGIT_JOINERS) or (y == "!" and x.lower() == "yahoo"))


def _join(split: TokenSplit) -> bool:
    for rule in RULES:
        action = rule(split)
        if action:
            return action == JOIN
    return False


def razdel_spans(text: str) -> list[tuple[int, int]]:
    """The (start, stop) of each token razdel.tokenize finds, computed the same way but faster.

    razdel splits the text into atoms (a run of letters of one script, a run of digits, one other
    character) and asks its rules whether to join each pair of neighbours; a pair with whitespace
    between is never joined, whatever the rules say. Most pairs have whitespace between, so only
    touching pairs are built into razdel's own split objects and judged by razdel's own rules;
    a test checks the spans equal razdel's on the corpora and on generated text.
    """
    found = list(ATOM.finditer(text))
    if not found:
        return []
    atoms: dict[int, Atom] = {}

    def atom(j: int) -> Atom:
        a = atoms.get(j)
        if a is None:
            m = found[j]
            a = atoms[j] = Atom(m.start(), m.end(), m.lastgroup, m.group())
        return a

    spans = []
    start, stop = found[0].span()
    buffer = found[0].group()
    for i in range(1, len(found)):
        m = found[i]
        if m.start() == stop and _may_join(found[i - 1], m):
            split = TokenSplit([atom(j) for j in range(max(0, i - 3), i)], "",
                               [atom(j) for j in range(i, min(len(found), i + 3))])
            split.buffer = buffer
            if _join(split):
                buffer += m.group()
                stop = m.end()
                continue
        spans.append((start, stop))
        start, stop = m.span()
        buffer = m.group()
    spans.append((start, stop))
    return spans


def tokenize(text: str) -> list[Token]:
    """Tokens of the text with lemmas; emoji become one token each."""
    out: list[Token] = []
    # razdel splits «зaкaз» at the latin letters; tokenise a same-length repaired copy
    spans = razdel_spans(repair_lookalikes(text))
    if not _EMOJI.search(text):
        return [_make(text[a:b], a) for a, b in spans]
    for a, b in spans:
        out.extend(_split_emoji(text[a:b], a))
    return out


def sentences(text: str) -> list[Span]:
    """Sentences of the text as half-open spans."""
    return [Span(s.start, s.stop, s.text) for s in razdel.sentenize(text)]
