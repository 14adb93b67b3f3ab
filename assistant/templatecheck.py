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
    """Flags the checker raises on each template (against each of its examples); empty when clean."""
    problems: dict[str, list] = {}
    for t in library:
        text = sample_text(t)
        flags = {}
        for example in t.examples:
            pred = assistant.classify(example)
            if pred.mood not in t.moods:
                continue  # the template is not meant for this mood of message
            for f in assistant.checker.check(text, example).flags:
                flags.setdefault((f.code, f.rule), f)
        if flags:
            problems[t.id] = list(flags.values())
    return problems
