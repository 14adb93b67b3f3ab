"""Build the compact obscene-word list from the MIT-licensed rudetoxifier list (see NOTICE)."""
from __future__ import annotations

import gzip
from pathlib import Path

from .morph import parses
from .normalize import normalize_word

# Ordinary words the source list contains as look-alikes of obscene ones.
ORDINARY = frozenset({
    "мини", "мину", "доту", "доте", "тить", "шише", "куна", "куне", "хамв", "ялде", "анус",
})


def _ordinary(form: str, source: frozenset[str]) -> bool:
    """A dictionary word of pymorphy3 whose most likely lemma is not in the obscene list («минут»)."""
    found = [p for p in parses(form) if any(type(m[0]).__name__ == "DictionaryAnalyzer" for m in p.methods_stack)]
    return bool(found) and found[0].normal_form not in source


def build(source: Path, target: Path) -> int:
    """Normalise, drop ordinary words and write the gzip list; returns its size."""
    raw = {normalize_word(line.strip()) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()}
    raw = frozenset(raw)
    kept = sorted(w for w in raw if len(w) >= 3 and w not in ORDINARY and not _ordinary(w, raw))
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# Derived from s-nlp/rudetoxifier (MIT licence); see NOTICE-obscene.md\n")
        fh.write("\n".join(kept) + "\n")
    return len(kept)
