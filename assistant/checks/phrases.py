"""Reusable finder type: a lexicon of phrases matched on lemmas, with negation handled."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from ..lexicon import Match, word_values
from .context import Context, per_check
from .model import Hit

_NEGATIONS = frozenset({"не", "ни", "нет"})


_BREAK = re.compile(r"[,;:—–.!?]")


def negated(match: Match, words, text: str | None = None) -> bool:
    """True when a phrase without its own «не» is negated: «вы не виноваты», «не невозможно».

    With the text, a «нет» closing the clause before the phrase negates nothing: «если её нет — вопрос к нему».
    """
    if match.phrase.has_negation:
        return False
    first = match.first
    if first > 0 and text is not None and _BREAK.search(text, words[first - 1].stop, words[first].start):
        first += 1
    span = words[max(0, first - 1):match.last + 1]
    return any(w.norm in _NEGATIONS for w in span)


@per_check
def sentence_words(ctx: Context) -> list[tuple[int, list]]:
    """(index of the first word, the words) of each draft sentence, computed once per draft."""
    words, out, i = ctx.words, [], 0
    for s in ctx.draft.sentences:
        j = i
        while j < len(words) and words[j].start < s.stop:
            j += 1
        if j > i:
            out.append((i, words[i:j]))
        i = j
    if i < len(words):
        out.append((i, words[i:]))
    return out


@per_check
def sentence_ends(ctx: Context) -> list[int]:
    """For each draft word, the index just past the last word of its sentence (computed once per draft)."""
    ends = [0] * len(ctx.words)
    for offset, words in sentence_words(ctx):
        ends[offset:offset + len(words)] = [offset + len(words)] * len(words)
    return ends


@per_check
def _draft_word_values(ctx: Context) -> tuple:
    """The draft words' lemma and form sets, read by every lexicon of the check."""
    return word_values(ctx.words)


def _find_by_sentence(ctx: Context, lexicon: str) -> list[Match]:
    """Matches of a lexicon sentence by sentence, word indices into the whole draft.

    The matcher takes the longest match at each start, and a gap «~» can run over a full stop: matched over
    the whole draft, «значит, использовали его вы. Проверьте, не давали» would hide «значит, использовали его
    вы», and a match that straddles sentences is dropped anyway. So no match may leave its sentence; one pass
    over the draft with the sentence ends finds the same as a pass per sentence.
    """
    return ctx.resources.lexicon(lexicon).find(ctx.words, sentence_ends(ctx), _draft_word_values(ctx))


def matches(ctx: Context, lexicon: str, keep_negated: bool = False) -> list[Match]:
    """Non-negated matches of a lexicon in the draft (computed once per draft: several rules ask).

    With keep_negated, negated matches stay: «не осуществляется» is as bureaucratic as «осуществляется».
    """
    cache = ctx.extra.setdefault("matches", {})
    key = (lexicon, keep_negated)
    if key not in cache:
        words = ctx.words
        found = _find_by_sentence(ctx, lexicon)
        text = ctx.draft.text
        cache[key] = found if keep_negated else [m for m in found if not negated(m, words, text)]
    return cache[key]


def _straddles_quote(ctx: Context, m: Match) -> bool:
    """The match begins outside a quotation and ends inside it, or the other way round."""
    return any((qs < m.start < qe) != (qs < m.stop <= qe) for qs, qe in ctx.quoted)


def _straddles_sentence(ctx: Context, m: Match) -> bool:
    """A gap carried the match over a sentence end («…связь работает. Если у вас…»)."""
    return any(m.start < s.start < m.stop for s in ctx.draft.sentences)


def phrase_finder(lexicon: str, accept: Callable[[Context, Match], bool] | None = None,
                  keep_negated: bool = False) -> Callable[[Context], Iterable[Hit]]:
    """A finder that flags each phrase of the lexicon, with the phrase's own suggestion."""

    def find(ctx: Context) -> Iterable[Hit]:
        for m in matches(ctx, lexicon, keep_negated):
            if _straddles_quote(ctx, m) or _straddles_sentence(ctx, m):
                continue  # «вы пишете, что курьер сказал «сами виноваты»»: half ours, half quoted
            if accept is None or accept(ctx, m):
                yield Hit(m.start, m.stop, m.phrase.suggestion)

    find.__name__ = f"find_{lexicon}"
    return find
