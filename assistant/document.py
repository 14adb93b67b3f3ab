"""One call turns a text into a Document that every later stage shares."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .entities import Entity, extract
from .normalize import normalize_text
from .tokens import Span, Token, sentences, tokenize


@dataclass
class Document:
    """A text with its tokens, sentences, lemmas and (lazily) entities."""

    text: str
    tokens: list[Token]
    today: dt.date | None = field(default=None, repr=False)

    @cached_property
    def sentences(self) -> list[Span]:
        return sentences(self.text)

    @cached_property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @cached_property
    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens]

    @cached_property
    def normalized(self) -> str:
        return normalize_text(self.text)

    @cached_property
    def entities(self) -> list[Entity]:
        return extract(self.text, today=self.today)

    def entities_of(self, kind: str) -> list[Entity]:
        """Entities of one kind, in text order."""
        return [e for e in self.entities if e.kind == kind]


def analyze(text: str, today: dt.date | None = None) -> Document:
    """Tokenise and lemmatise a text; entities are extracted on first use."""
    return Document(text=text, tokens=tokenize(text), today=today)


@lru_cache(maxsize=512)
def message_document(text: str, day: dt.date) -> Document:
    """The customer's message, analysed once a day: it stays the same while the operator types, and the
    suggestions and the checker both read it."""
    return analyze(text, today=day)
