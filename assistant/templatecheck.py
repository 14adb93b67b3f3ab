"""Every template must pass our own draft checker: filled with sample values, against its own examples."""
from __future__ import annotations

import datetime as dt

from .fill import fill
from .templates import Template

SAMPLE = {"name": "Анна", "order_id": "48213577-0012", "date": dt.date(2026, 11, 28), "amount": 3200,
          "pickup_point": "ул. Ленина, 5", "promo_code": "OSEN500", "product": "пылесос",
          "tracking_number": "RA123456789RU"}


def sample_text(template: Template) -> str:
    """The template with every placeholder filled by a sample value."""
    return fill(template.text, SAMPLE, today=dt.date(2026, 11, 25)).text


def check_library(assistant, library: list[Template]) -> dict[str, list]:
    """Flags the checker raises on each template against the examples it is meant for; empty when clean.

    An example counts when the classifier reads it as one of the template's topics and moods (the
    suggestion engine offers the template for such messages); every template must have one.
    """
    problems: dict[str, list] = {}
    for t in library:
        text = sample_text(t)
        flags = {}
        used = 0
        for example in t.examples:
            pred = assistant.classify(example)
            if pred.mood not in t.moods or pred.topic not in t.topics:
                continue
            used += 1
            for f in assistant.checker.check(text, example, pred).flags:
                flags.setdefault((f.code, f.rule), f)
        if not used:
            problems[t.id] = ["no example is read as the template's topic and mood"]
        elif flags:
            problems[t.id] = list(flags.values())
    return problems
