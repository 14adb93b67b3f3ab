"""The keyword baseline: the canned-response search of a usual help desk.

The message is cut into lower-case words, stop words (corpora/lexicons/stopwords.txt)
and words shorter than MIN_LEN letters are dropped, and each template scores the
number of distinct message words found as substrings of its title and text.
Ties keep library order. No morphology, no model: what an operator gets by typing
the customer's words into the search box of a template library.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..paths import lexicons_dir

MIN_LEN = 3  # «в», «на», «по» match inside almost any text and say nothing
_WORD = re.compile(r"[^\W\d_]+")


def load_stopwords(corpora: str | Path | None = None) -> frozenset[str]:
    """Stop words of the project's list (`#` starts a comment)."""
    words: set[str] = set()
    for line in (lexicons_dir(corpora) / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        words.update(_norm(line.split("#", 1)[0]).split())
    return frozenset(words)


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def query_words(text: str, stopwords: frozenset[str]) -> list[str]:
    """Distinct lower-case words of a message without stop words, in text order."""
    words = (w for w in _WORD.findall(_norm(text)) if len(w) >= MIN_LEN and w not in stopwords)
    return list(dict.fromkeys(words))


class KeywordSearch:
    """Substring search of the message's words over template titles and texts."""

    def __init__(self, library: Sequence, stopwords: frozenset[str] = frozenset()):
        self.library = list(library)
        self.stopwords = stopwords
        self.haystacks = [_norm(f"{t.title} {t.text}") for t in self.library]

    def scores(self, message: str) -> list[int]:
        """Number of the message's words found in each template, in library order."""
        words = query_words(message, self.stopwords)
        return [sum(w in hay for w in words) for hay in self.haystacks]

    def rank(self, message: str, top: int = 3) -> list:
        """The best `top` templates, most words found first, ties in library order."""
        s = self.scores(message)
        order = sorted(range(len(self.library)), key=lambda i: -s[i])  # sorted() is stable
        return [self.library[i] for i in order[:top]]
