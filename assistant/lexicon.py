"""Phrase lexicons matched on lemmas, so every word form of a phrase is caught.

A lexicon is a UTF-8 text file, one phrase a line, `#` starts a comment.
A phrase is a sequence of positions separated by spaces; a position is a word
(matched by lemma), `word@gram` (by lemma, in a form with the pymorphy3
grammeme: «выбрать@past» is «выбрали», not «выберете»), `=word` (matched by
exact form, for forms whose lemma is too broad: «=положено»), alternatives `a|b` (`=a|=b` for forms), `*` (any
one word), `*@gram` (any word whose most likely parse has the grammeme: «вы *@past» is «вы носили») or `~` (zero
to three words). An optional suggestion follows ` => `. Example:

    не представляться возможный => к сожалению, так не получится, но мы можем …
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .morph import lemma, lemma_set, parse, parses
from .normalize import normalize_word
from .tokens import Token

ANY = "*"
GAP = "~"


@dataclass(frozen=True, slots=True)
class AnyWith:
    """A position that accepts any word whose best parse carries all the grammemes."""

    grammemes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled phrase: a tuple of positions (frozensets of lemmas, ANY or GAP)."""

    text: str
    positions: tuple
    suggestion: str | None = None

    @property
    def has_negation(self) -> bool:
        """The phrase handles negation itself: it has «не», or it matches an action by grammeme
        («вы ~ *@VERB,past»), where «вы его не заметили» blames as much as «вы заметили»."""
        return any(isinstance(p, AnyWith) or isinstance(p, tuple) and not p[1].isdisjoint(("не", "ни", "нет"))
                   for p in self.positions)


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found in a token sequence: half-open character span and the phrase."""

    start: int
    stop: int
    phrase: Phrase
    first: int  # index of the first matched word in the word list
    last: int


def _position(word: str) -> tuple[bool, frozenset[str], frozenset[tuple[str, str]]]:
    """(match by form?, accepted values, (lemma, grammeme) constraints) of one phrase word."""
    by_form = word.startswith("=")
    if any(a.startswith("=") != by_form for a in word.split("|")):
        raise ValueError(f"«{word}»: alternatives are all forms (=word) or all lemmas, not both")
    alts = [a.lstrip("=") for a in word.split("|")]
    if by_form:
        return True, frozenset(normalize_word(a) for a in alts), frozenset()
    values, constraints, free = set(), set(), set()
    for alt in alts:
        base, _, gram = alt.partition("@")
        lem = lemma(normalize_word(base))
        values.add(lem)
        if gram:  # «испортить@VERB,past»: a finite past form, not a participle (every grammeme of one alternative)
            constraints.add((lem, frozenset(gram.split(","))))
        else:
            free.add(lem)
    # «смотреть@INFN|смотреть@3per»: either form; a bare alternative of the same lemma accepts every form
    return False, frozenset(values), frozenset(c for c in constraints if c[0] not in free)


def _grammeme_ok(norm: str, position: tuple) -> bool:
    """A word meets a position's grammeme constraints (or the position has none for its lemma)."""
    constraints = position[2]
    if not constraints:
        return True
    for p in parses(norm):
        lem = p.normal_form.replace("ё", "е")
        if lem in position[1]:
            forms = [grams for (cl, grams) in constraints if cl == lem]
            if not forms or any(all(g in p.tag for g in grams) for grams in forms):
                return True
    return False


def compile_phrase(line: str) -> Phrase:
    """Turn one lexicon line into a Phrase."""
    text, _, suggestion = line.partition("=>")
    positions = []
    for word in text.split():
        if word.startswith(ANY + "@"):
            positions.append(AnyWith(frozenset(word[2:].split(","))))
        else:
            positions.append(word if word in (ANY, GAP) else _position(word))
    return Phrase(text.strip(), tuple(positions), suggestion.strip() or None)


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


class Lexicon:
    """A set of phrases with an index by first lemma for fast matching."""

    def __init__(self, phrases: Sequence[Phrase], name: str = ""):
        self.name = name
        self.phrases = tuple(phrases)
        # head value → (phrase, the values of its second word position, one of which the text must hold)
        self._index: dict[str, list[tuple[Phrase, frozenset[str] | None]]] = {}
        self._by_form: dict[str, list[tuple[Phrase, frozenset[str] | None]]] = {}
        for ph in self.phrases:
            need = next((p[1] for p in ph.positions[1:] if isinstance(p, tuple)), None)
            head = ph.positions[0]
            if not isinstance(head, tuple):
                raise ValueError(f"{name}: a phrase must start with a word: {ph.text!r}")
            index = self._by_form if head[0] else self._index
            for value in head[1]:
                index.setdefault(value, []).append((ph, need))
        self._heads = frozenset(self._index)
        self._form_heads = frozenset(self._by_form)

    @classmethod
    def from_file(cls, path: Path) -> "Lexicon":
        return cls([compile_phrase(line) for line in read_lines(path)], path.stem)

    @classmethod
    def from_lines(cls, lines: Sequence[str], name: str = "") -> "Lexicon":
        return cls([compile_phrase(line) for line in lines], name)

    def __len__(self) -> int:
        return len(self.phrases)

    def find(self, words: Sequence[Token], ends: Sequence[int] | None = None,
             values: tuple | None = None) -> list[Match]:
        """All non-overlapping matches (longest first at each start) in a list of word tokens.

        With `ends` (for each word, the index just past its sentence), no match runs past the sentence it
        starts in: one pass over a whole draft finds what matching each sentence on its own would. `values`
        are the words' word_values(), when the caller keeps them for several lexicons.
        """
        norms, lemmas, present, form_at, lemma_at = values or word_values(words)
        by_form, index, heads = self._by_form, self._index, self._heads
        out: list[Match] = []
        i = 0
        starts: set[int] = set()
        for value in heads & present:
            starts.update(lemma_at.get(value, ()))
        for value in self._form_heads & present:
            starts.update(form_at.get(value, ()))
        for start in sorted(starts):
            if start < i:
                continue
            best = None
            groups = [by_form.get(norms[start], ())]  # forms first: of two equally long matches, the first wins
            groups.extend(index.get(lem, ()) for lem in lemmas[start])
            limit = len(words) if ends is None else ends[start]
            for group in groups:
                for ph, need in group:
                    if need is not None and present.isdisjoint(need):
                        continue  # a word the phrase needs is nowhere in the text
                    end = _match_at(ph.positions, lemmas, norms, start, limit)
                    if end is not None and (best is None or end > best[0]):
                        best = (end, ph)
            if best:
                end, ph = best
                out.append(Match(words[start].start, words[end - 1].stop, ph, start, end - 1))
                i = end
        return out


def word_values(words: Sequence[Token]) -> tuple:
    """Forms, lemma sets, every form and lemma, and where each form and each lemma stands, of a word list."""
    norms = [w.norm for w in words]
    lemmas = [lemma_set(n) for n in norms]
    form_at: dict[str, list[int]] = {}
    lemma_at: dict[str, list[int]] = {}
    for i, (norm, lems) in enumerate(zip(norms, lemmas)):
        form_at.setdefault(norm, []).append(i)
        for lem in lems:
            lemma_at.setdefault(lem, []).append(i)
    return norms, lemmas, frozenset(form_at) | frozenset(lemma_at), form_at, lemma_at


def _match_at(positions: tuple, lemmas: list[frozenset], norms: list[str], i: int, limit: int) -> int | None:
    """Index after the match of positions starting at word i and ending by word `limit`, or None."""
    if not positions:
        return i
    head, rest = positions[0], positions[1:]
    if head == GAP:
        for skip in range(0, 4):
            if i + skip > limit:
                break
            end = _match_at(rest, lemmas, norms, i + skip, limit)
            if end is not None:
                return end
        return None
    if i >= limit:
        return None
    if isinstance(head, AnyWith):
        return _match_at(rest, lemmas, norms, i + 1, limit) if _best_has(norms[i], head.grammemes) else None
    if head == ANY or (norms[i] in head[1] if head[0]
                       else not lemmas[i].isdisjoint(head[1]) and _grammeme_ok(norms[i], head)):
        return _match_at(rest, lemmas, norms, i + 1, limit)
    return None


@lru_cache(maxsize=65536)
def _best_has(norm: str, grammemes: frozenset[str]) -> bool:
    """The word's most likely parse carries every grammeme (non-words never do)."""
    return bool(norm) and norm[0].isalpha() and grammemes <= parse(norm).tag.grammemes


@lru_cache(maxsize=64)
def load(path: Path) -> Lexicon:
    """A lexicon file, read once per process."""
    return Lexicon.from_file(path)
