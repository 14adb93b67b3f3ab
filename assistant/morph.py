"""One cached pymorphy3 analyzer and cached lemmatisation."""
from __future__ import annotations

from functools import lru_cache

import pymorphy3


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyzer (loading the dictionaries takes ~0.1 s)."""
    try:
        return pymorphy3.MorphAnalyzer(lang="ru")
    except ValueError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "pymorphy3 has no Russian dictionaries; try `pip install pymorphy3-dicts-ru`"
        ) from exc


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """All pymorphy3 parses of a normalised word; none for a word pymorphy3 cannot read."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:  # pymorphy3 looks up every letter's Unicode name; some scripts (Tangut, …) have none
        return ()


@lru_cache(maxsize=200_000)
def parse(word: str):
    """Best pymorphy3 parse of a normalised word (a plain unknown-word parse when it has none)."""
    found = parses(word)
    return found[0] if found else analyzer().parse("?")[0]._replace(word=word, normal_form=word)


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Brand names written both ways («iphone» → «айфон»), from corpora/lexicons/aliases.txt."""
    from .lexicon import read_lines
    from .paths import lexicons_dir
    path = lexicons_dir() / "aliases.txt"
    out: dict[str, str] = {}
    for line in read_lines(path) if path.exists() else ():
        canonical, *forms = line.split()
        out.update((form, canonical) for form in forms)
    return out


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form of a normalised word (one form for a brand written both ways); non-words unchanged."""
    if not word or not word[0].isalpha():
        return word
    found = parse(word).normal_form.replace("ё", "е")
    return aliases().get(word) or aliases().get(found) or found


@lru_cache(maxsize=65536)
def plural_order(word: str) -> bool:
    """A plural imperative among the word's readings, also where the future comes first («оформите», «обновите»)."""
    return any("VERB" in p.tag and "impr" in p.tag and "plur" in p.tag for p in parses(word))


def has_grammeme(word: str, grammeme: str) -> bool:
    """True when any parse of the word carries the grammeme (e.g. 'Name')."""
    return any(grammeme in p.tag for p in parses(word))


def inflect(word: str, grammemes: frozenset[str]) -> str | None:
    """The word put into the grammatical form, or None when pymorphy3 cannot."""
    form = parse(word).inflect(set(grammemes))
    return form.word if form else None


@lru_cache(maxsize=200_000)
def lemma_set(word: str) -> frozenset[str]:
    """Every dictionary form pymorphy3 offers for a normalised word (for lexicon matching)."""
    if not word or not word[0].isalpha():
        return frozenset((word,))
    return frozenset(p.normal_form.replace("ё", "е") for p in parses(word)) | {lemma(word)}
