"""Text normalisation for features: case, ё, stretched letters, latin look-alikes, digits.

Normalisation never moves offsets of the original text: tokens keep their spans
and carry the normalised form beside them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin letters that look like Cyrillic ones; replaced only inside words that
# already contain Cyrillic, so «iPhone» stays as it is and «зaкaз» is repaired.
_LOOKALIKES = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
    "k": "к", "m": "м", "t": "т", "h": "н", "b": "в",
})
_LOOKALIKES_UPPER = str.maketrans({
    "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "Y": "У",
    "K": "К", "M": "М", "T": "Т", "H": "Н", "B": "В",
})
_MIXED_WORD = re.compile(r"\w*[а-яёА-ЯЁ]\w*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]")
_ASCII_LETTER = re.compile(r"[a-zA-Z]")
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def fold_case(text: str) -> str:
    """Lower case and ё→е."""
    return text.lower().replace("ё", "е")


def unstretch(word: str) -> str:
    """Collapse a letter repeated three or more times: «пожааалуйста» → «пожалуйста»."""
    return _STRETCH.sub(r"\1", word)


def fix_lookalikes(word: str) -> str:
    """Replace latin look-alike letters inside a Cyrillic word (lower-cased input)."""
    if _LATIN.search(word) and _CYRILLIC.search(word):
        return word.translate(_LOOKALIKES)
    return word


@lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    """Normalised form of one token, the key for lemmas and lexicons."""
    return fix_lookalikes(unstretch(fold_case(word)))


def normalize_text(text: str) -> str:
    """Normalised whole text for character n-grams: digits become 0, spaces fold."""
    text = unicodedata.normalize("NFC", text)
    words = [normalize_word(w) for w in text.split()]
    return _DIGITS.sub("0", _SPACES.sub(" ", " ".join(words))).strip()


def _repair_word(m: re.Match) -> str:
    word = m.group()
    if _LATIN.search(word.lower()):
        return word.translate(_LOOKALIKES).translate(_LOOKALIKES_UPPER)
    return word


def repair_lookalikes(text: str) -> str:
    """Same-length copy of the text with latin look-alikes inside Cyrillic words replaced."""
    if not _ASCII_LETTER.search(text):
        return text  # nothing to replace: every look-alike is an ASCII letter
    return _MIXED_WORD.sub(_repair_word, text)
