"""The checker: run every rule of the registry over a draft and collect flags."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..classify import Prediction
from ..document import Document, analyze, message_document
from ..score import score
from ..textcheck import language_of
from .context import Context
from .model import Flag, Rule
from .registry import default_rules
from .resources import Resources


@dataclass(frozen=True)
class CheckResult:
    """Flags on a draft in text order, the 0–100 score and its breakdown."""

    score: float
    flags: tuple[Flag, ...]
    breakdown: dict
    warnings: tuple[str, ...] = ()

    @property
    def codes(self) -> set[str]:
        return {f.code for f in self.flags}

    def as_dict(self) -> dict:
        out = {"score": self.score, "flags": [f.as_dict() for f in self.flags], "breakdown": self.breakdown}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def _overlaps(a: Flag, b: Flag) -> bool:
    return a.code == b.code and a.start < b.end and b.start < a.end


def _warnings(ctx: Context) -> tuple[str, ...]:
    """What the operator should know about how far to trust the flags."""
    out = []
    if language_of(ctx.draft.text) == "other":
        out.append("Черновик не похож на русский текст: проверки рассчитаны на русский язык.")
    if ctx.message is not None and language_of(ctx.message.text) == "other":
        out.append("Сообщение покупателя не похоже на русский текст: тема и настроение определены ненадёжно.")
    return tuple(out)


class Checker:
    """Runs the rules; build it once with the resources, then call check() per draft."""

    def __init__(self, resources: Resources, rules: tuple[Rule, ...] | None = None):
        self.resources = resources
        self.rules = rules if rules is not None else default_rules()

    def context(self, draft: str | Document, message: str | Document | None = None,
                prediction: Prediction | None = None) -> Context:
        ddoc = draft if isinstance(draft, Document) else analyze(draft)
        mdoc = message if isinstance(message, Document) or message is None else \
            message_document(message, dt.date.today())
        if prediction is None and mdoc is not None and self.resources.classifier is not None and mdoc.text.strip():
            prediction = self.resources.classifier.classify(mdoc.text)
        return Context(ddoc, self.resources, mdoc, prediction)

    def flags(self, ctx: Context) -> list[Flag]:
        """All flags of all rules, de-duplicated where two rules of one code cover the same text."""
        out: list[Flag] = []
        for rule in self.rules:
            for hit in ctx.hits(rule.find):
                if rule.skip_quotes and hit.stop > hit.start and ctx.in_quotes(hit.start, hit.stop):
                    continue
                flag = Flag(rule.code, hit.start, hit.stop, rule.severity, hit.detail or rule.message,
                            hit.suggestion or rule.suggestion, rule.id)
                if any(_overlaps(flag, f) for f in out) or (flag.start == flag.end and
                                                            any(f.code == flag.code for f in out)):
                    continue
                out.append(flag)
        return sorted(out, key=lambda f: (f.start, f.end, f.code))

    def check(self, draft: str | Document, message: str | Document | None = None,
              prediction: Prediction | None = None) -> CheckResult:
        """Flags, score and breakdown of one draft (message-aware when the message is given)."""
        ctx = self.context(draft, message, prediction)
        flags = self.flags(ctx)
        total, breakdown = score(flags, ctx.doubts)
        return CheckResult(total, tuple(flags), breakdown, _warnings(ctx))
