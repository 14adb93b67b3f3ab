"""What a finder sees: the analysed draft, the customer's message and shared resources."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, wraps

from ..classify import Prediction
from ..document import Document
from ..tokens import Token
from .resources import Resources

QUOTES = re.compile(r"«[^«»]*»|\"[^\"]*\"|„[^„“]*“|“[^“”]*”")


@dataclass
class Context:
    """The draft, the optional message with its prediction, and the loaded resources."""

    draft: Document
    resources: Resources
    message: Document | None = None
    prediction: Prediction | None = None
    extra: dict = field(default_factory=dict)

    @cached_property
    def words(self) -> list[Token]:
        return self.draft.words

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def word_range(self, start: int, stop: int) -> range:
        """Indices of the draft words that begin within [start, stop)."""
        starts = self._word_starts
        return range(bisect_left(starts, start), bisect_left(starts, stop))

    def words_between(self, start: int, stop: int) -> list[Token]:
        """The draft words that begin within [start, stop), in order."""
        r = self.word_range(start, stop)
        return self.words[r.start:r.stop]

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """Spans of the draft inside quotation marks (quoting the customer is not our tone)."""
        return [(m.start(), m.end()) for m in QUOTES.finditer(self.draft.text)]

    def hits(self, find) -> tuple:
        """Everything a finder finds in this draft, computed once: the draft models' signals and the rules
        both ask the tone and privacy finders."""
        memo = self.extra.setdefault("hits", {})
        if find not in memo:
            memo[find] = tuple(find(self))
        return memo[find]

    def once(self, compute):
        """compute(self), computed once per check (remembered by the function itself)."""
        memo = self.extra.setdefault("once", {})
        if compute not in memo:
            memo[compute] = compute(self)
        return memo[compute]

    def note_doubt(self, code: str, probability: float, threshold: float) -> None:
        """Remember how close a model came to flagging the code (its probability over its threshold, the
        highest when asked several times); the score takes a little off for doubts below the threshold."""
        doubts = self.extra.setdefault("doubts", {})
        doubts[code] = max(doubts.get(code, 0.0), probability / threshold if threshold > 0 else 0.0)

    @property
    def doubts(self) -> dict[str, float]:
        """code → the model's probability over its threshold, for the codes a model was asked about."""
        return self.extra.get("doubts", {})

    def in_quotes(self, start: int, stop: int) -> bool:
        return any(qs <= start and stop <= qe for qs, qe in self.quoted)

    @property
    def topic(self) -> str | None:
        return self.prediction.topic if self.prediction else None

    @property
    def mood(self) -> str | None:
        return self.prediction.mood if self.prediction else None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """Span of the draft sentence holding the character position."""
        for s in self.draft.sentences:
            if s.start <= pos < s.stop:
                return s.start, s.stop
        return 0, len(self.draft.text)


def per_check(compute):
    """A function of the Context computed once per check, however many rules ask for it."""

    @wraps(compute)
    def once(ctx: Context):
        return ctx.once(compute)

    return once
