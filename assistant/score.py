"""The 0–100 reply score with a per-criterion breakdown.

Formula (documented in README): every flag carries a weight
w = SEVERITY_WEIGHT[severity] × CODE_WEIGHT[code], 0 < w < 1. A criterion's score
is 100 × Π(1 − w) over the flags of its codes; the total is 100 × Π(1 − w) over
all flags. A product of factors below one is strictly monotone: any extra flag
lowers the score of an otherwise identical draft, and no flag count reaches 0.

Doubt: the learned layer's models (rude, categorical and blame sentences, no_next_step and not_answered drafts) give
a probability even when they stay below their threshold. For a code a model was asked about and that carries no
flag, its doubt d = probability / threshold takes DOUBT_MAX × ((d − DOUBT_FROM) / (1 − DOUBT_FROM)) off,
nothing below DOUBT_FROM: a reply the models are sure about still scores 100, a borderline one a point or two
less. One doubt takes less than any flag, so a flag always lowers the score more than the doubt it replaces.
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


DOUBT_FROM = 0.5
DOUBT_MAX = 0.02


def weight(flag: Flag) -> float:
    """Share of the score one flag takes away."""
    return min(0.9, SEVERITY_WEIGHT[flag.severity] * CODE_WEIGHT.get(flag.code, 1.0))


def doubt_weight(doubt: float) -> float:
    """Share of the score a model's doubt below its threshold takes away (0 up to DOUBT_FROM)."""
    return DOUBT_MAX * min(1.0, max(0.0, (doubt - DOUBT_FROM) / (1.0 - DOUBT_FROM)))


def _product(flags: Iterable[Flag], doubts: dict[str, float], codes=None) -> float:
    value = 100.0
    flagged = set()
    for f in flags:
        if codes is None or f.code in codes:
            value *= 1.0 - weight(f)
            flagged.add(f.code)
    for code, doubt in doubts.items():
        if code not in flagged and (codes is None or code in codes):
            value *= 1.0 - doubt_weight(doubt)
    return value


def score(flags: list[Flag], doubts: dict[str, float] | None = None) -> tuple[float, dict[str, float]]:
    """(total, breakdown by criterion), rounded to one decimal; doubts: code → model probability / threshold."""
    doubts = doubts or {}
    breakdown = {name: round(_product(flags, doubts, codes), 1) for name, codes in CRITERIA.items()}
    return round(_product(flags, doubts), 1), breakdown
