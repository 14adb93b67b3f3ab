"""Tokens and sentences with razdel; half-open character spans into the original text."""
from __future__ import annotations

import re
from dataclasses import dataclass

import razdel

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


def tokenize(text: str) -> list[Token]:
    """Tokens of the text with lemmas; emoji become one token each."""
    out: list[Token] = []
    # razdel splits «зaкaз» at the latin letters; tokenise a same-length repaired copy
    for sub in razdel.tokenize(repair_lookalikes(text)):
        out.extend(_split_emoji(text[sub.start:sub.stop], sub.start))
    return out


def sentences(text: str) -> list[Span]:
    """Sentences of the text as half-open spans."""
    return [Span(s.start, s.stop, s.text) for s in razdel.sentenize(text)]
