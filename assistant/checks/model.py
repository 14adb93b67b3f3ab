"""Records of the checker: a Hit from a finder, a Rule of the registry, a Flag on a draft."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a finder found: a half-open span and, where it has one, a better wording."""

    start: int = 0
    stop: int = 0
    suggestion: str | None = None
    detail: str | None = None  # overrides the rule's message where the finder knows more


@dataclass(frozen=True, slots=True)
class Example:
    """A Russian example for the meta-test: a draft, optionally with the customer's message."""

    draft: str
    message: str | None = None


@dataclass(frozen=True)
class Rule:
    """One check: id, contract code, severity, Russian explanation and a span finder."""

    id: str
    code: str
    severity: str
    message: str
    find: Callable[..., Iterable[Hit]] = field(repr=False)
    fires: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    skip_quotes: bool = True
    suggestion: str | None = None  # the better wording when the finder has none of its own for a hit


@dataclass(frozen=True, slots=True)
class Flag:
    """A flag on a draft as the contract shapes it (end is exclusive)."""

    code: str
    start: int
    end: int
    severity: str
    message: str
    suggestion: str | None = None
    rule: str = ""

    def as_dict(self) -> dict:
        out = {"code": self.code, "start": self.start, "end": self.end, "severity": self.severity,
               "message": self.message, "rule": self.rule}
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out


def ex(draft: str, message: str | None = None) -> Example:
    """Shorthand for an Example."""
    return Example(draft, message)
