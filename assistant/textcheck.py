"""Input checks shared by the CLI and the API: empty, too long, not Russian."""
from __future__ import annotations

import re

MAX_CHARS = 10_000

_CYR = re.compile(r"[а-яё]", re.IGNORECASE)
_LAT = re.compile(r"[a-z]", re.IGNORECASE)


class InputError(ValueError):
    """Bad input; code is a stable machine-readable reason."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def require_text(value, field: str = "text", *, allow_empty: bool = False) -> str:
    """The value as a text within limits, or an InputError that says what is wrong."""
    if not isinstance(value, str):
        raise InputError("invalid_type", f"«{field}» must be a string")
    if not allow_empty and not value.strip():
        raise InputError("empty_text", f"«{field}» is empty")
    if len(value) > MAX_CHARS:
        raise InputError("text_too_long", f"«{field}» has {len(value)} characters; the limit is {MAX_CHARS}")
    return value


def language_of(text: str) -> str:
    """'ru' when Cyrillic letters dominate, 'other' when Latin ones do, 'none' without letters."""
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    if cyr == 0 and lat == 0:
        return "none" if not re.search(r"\w", text) else "ru"
    return "ru" if cyr >= lat else "other"
