"""The 0–100 reply score with a per-criterion breakdown.

Formula (documented in README): every flag carries a weight
w = SEVERITY_WEIGHT[severity] × CODE_WEIGHT[code], 0 < w < 1. A criterion's score
is 100 × Π(1 − w) over the flags of its codes; the total is 100 × Π(1 − w) over
all flags. A product of factors below one is strictly monotone: any extra flag
lowers the score of an otherwise identical draft, and no flag count reaches 0.
"""
from __future__ import annotations

from typing import Iterable

from .checks.model import Flag

SEVERITY_WEIGHT = {"high": 0.35, "medium": 0.2, "low": 0.1}
CODE_WEIGHT = {
    "rude": 1.4, "pii": 1.2, "not_answered": 1.3, "register": 1.0, "categorical": 1.0, "blame": 1.1,
    "unfilled_placeholder": 1.0, "no_next_step": 1.0, "no_apology": 1.0, "overpromise": 0.9,
    "caps": 0.9, "no_greeting": 1.0, "bureaucratese": 0.8,
}
CRITERIA = {
    "politeness": ("rude", "register", "caps", "categorical"),
    "empathy": ("no_apology", "blame", "no_greeting"),
    "completeness": ("no_next_step", "unfilled_placeholder"),
    "relevance": ("not_answered",),
    "clarity": ("bureaucratese", "overpromise"),
    "safety": ("pii",),
}


def weight(flag: Flag) -> float:
    """Share of the score one flag takes away."""
    return min(0.9, SEVERITY_WEIGHT[flag.severity] * CODE_WEIGHT.get(flag.code, 1.0))


def _product(flags: Iterable[Flag]) -> float:
    value = 100.0
    for f in flags:
        value *= 1.0 - weight(f)
    return value


def score(flags: list[Flag]) -> tuple[float, dict[str, float]]:
    """(total, breakdown by criterion), rounded to one decimal."""
    breakdown = {name: round(_product(f for f in flags if f.code in codes), 1)
                 for name, codes in CRITERIA.items()}
    return round(_product(flags), 1), breakdown
