"""Entities with half-open character spans: names, order numbers, dates, sums, contacts, cards.

Regular expressions find the formatted things (orders, phones, e-mails, cards,
passports); natasha finds person names, dates and sums. Heavy natasha objects
are built once, lazily, and only run when a cheap pre-check says they may hit.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .morph import has_grammeme, parses
from .normalize import fold_case

KINDS = ("person", "order_id", "date", "money", "phone", "email", "card", "passport")


@dataclass(frozen=True, slots=True)
class Entity:
    """A typed span [start, stop) of the text with a normalised value."""

    kind: str
    start: int
    stop: int
    text: str
    value: Any = field(default=None, compare=False)

    def as_dict(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, dt.date) else self.value
        return {"kind": self.kind, "start": self.start, "end": self.stop,
                "text": self.text, "value": value}


# --- formatted entities -----------------------------------------------------

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zа-я]{2,}(?!\w)", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\d+])(?:\+7|8|7)[\s\-\u2011]*\(?\d{3}\)?[\s\-\u2011]*\d{3}[\s\-\u2011]*\d{2}[\s\-\u2011]*\d{2}(?!\d)"
)
CARD = re.compile(r"(?<!\d)(?:\d{4}[ \-]?){3}\d{1,7}(?!\d)")
PASSPORT = re.compile(
    r"(?:паспорт\w*|серия)[^\d\n]{0,25}(\d{2}\s?\d{2})[^\d\n]{0,12}(\d{6})(?!\d)", re.IGNORECASE
)
ORDER_FORMATTED = re.compile(r"(?<![\d-])\d{6,10}-\d{3,5}(?![\d-])")
ORDER_SIGNED = re.compile(r"(?:№|#|n°)\s?(\d[\d-]{3,18}\d)(?!\d)", re.IGNORECASE)
ORDER_NAMED = re.compile(
    r"(?:заказ\w*|номер\w*|order|отправлени\w*|посылк\w*)\s*(?:№|#|номер|:)?\s*(\d[\d-]{4,18}\d)(?!\d|[.,]\d)",
    re.IGNORECASE,
)


def luhn_ok(digits: str) -> bool:
    """Luhn checksum of a card number (digits only)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_emails(text: str) -> list[Entity]:
    return [Entity("email", m.start(), m.end(), m.group(), m.group().lower()) for m in EMAIL.finditer(text)]


def find_phones(text: str) -> list[Entity]:
    out = []
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        out.append(Entity("phone", m.start(), m.end(), m.group(), "7" + digits[-10:]))
    return out


# Four groups of four digits right after «карта» are a card number even when the checksum fails: a mistyped or
# made-up number is leaked all the same, and order numbers are not written that way.
CARD_GROUPED = re.compile(r"\d{4}([ \-])\d{4}\1\d{4}\1\d{4}")
CARD_WORD = re.compile(r"(?:карт\w*|card)\W{0,3}(?:\w+\W{1,3}){0,2}$", re.IGNORECASE)


def find_cards(text: str) -> list[Entity]:
    out = []
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if not 13 <= len(digits) <= 19:
            continue
        named = CARD_GROUPED.fullmatch(m.group()) and CARD_WORD.search(text, max(0, m.start() - 40), m.start())
        if luhn_ok(digits) or named:
            out.append(Entity("card", m.start(), m.end(), m.group(), digits))
    return out


def find_passports(text: str) -> list[Entity]:
    out = []
    for m in PASSPORT.finditer(text):
        start, stop = m.start(1), m.end(2)
        out.append(Entity("passport", start, stop, text[start:stop],
                          re.sub(r"\D", "", m.group(1)) + re.sub(r"\D", "", m.group(2))))
    return out


def find_orders(text: str) -> list[Entity]:
    out = [Entity("order_id", m.start(), m.end(), m.group(), m.group()) for m in ORDER_FORMATTED.finditer(text)]
    for rx in (ORDER_SIGNED, ORDER_NAMED):
        for m in rx.finditer(text):
            out.append(Entity("order_id", m.start(1), m.end(1), m.group(1), m.group(1)))
    return out


# --- natasha-backed entities --------------------------------------------------

@lru_cache(maxsize=1)
def _ner():
    """natasha's NER tagger over the shared Navec embedding, loaded once."""
    from natasha import NewsNERTagger

    from .embedding import navec
    return NewsNERTagger(navec())


# «26 ноября», «1 мая 2026 года», «31 декабря 2025 г.»: a day number, a month name in any case form, an
# optional year. These are the day-and-month forms of natasha's date grammar (DAY MONTH_NAME [YEAR [г.|год]]);
# a test checks both find the same dates on the corpora, and this runs in microseconds instead of milliseconds.
_CASES = r"(?:ь|я|е|ю|ем|ём|и|ей|ям|ями|ях)"
_MONTH_FORMS = {
    1: "январ" + _CASES, 2: "феврал" + _CASES, 3: r"март(?:а|е|у|ом|ы|ов|ам|ами|ах)?", 4: "апрел" + _CASES,
    5: r"ма(?:й|я|е|ю|ем|и|ев|ям|ями|ях)", 6: "июн" + _CASES, 7: "июл" + _CASES,
    8: r"август(?:а|е|у|ом|ы|ов|ам|ами|ах)?", 9: "сентябр" + _CASES, 10: "октябр" + _CASES,
    11: "ноябр" + _CASES, 12: "декабр" + _CASES,
}
_DAY_MONTH = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s*(?P<month>" + "|".join(f"(?P<m{k}>{v})" for k, v in _MONTH_FORMS.items())
    + r")(?!\w)(?:\s*(?P<year>\d{4})(?!\d)(?:\s*(?:г(?!\w)\.?|год(?:а|у|ом|е)?(?!\w)))?)?", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.])([0-3]?\d)\.([01]\d)(?:\.((?:20)?\d\d))?(?![\d.])")
_RELATIVE = {
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
}
_RELATIVE_RX = re.compile(r"(?<!\w)(позавчера|вчера|сегодня|послезавтра|завтра)(?!\w)", re.I)
_IN_DAYS = re.compile(r"через\s+(\d{1,2}|пару|два|три|неделю)\s*(дн\w*|недел\w*)?", re.I)
_WORD_NUM = {"пару": 2, "два": 2, "три": 3, "неделю": 7}


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, today: dt.date | None = None) -> list[Entity]:
    """Absolute dates («12 марта», «05.11», «26.11.2026») and relative ones («завтра», «через 3 дня»)."""
    today = today or dt.date.today()
    out: list[Entity] = []
    for m in _DAY_MONTH.finditer(text):
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") and 1000 <= int(m.group("year")) <= 2100 else None
        if 1 <= day <= 31:
            month = next(k for k in _MONTH_FORMS if m.group(f"m{k}"))
            stop = m.end() if year else m.end("month")
            out.append(Entity("date", m.start(), stop, text[m.start():stop],
                              _date_or_none(year or today.year, month, day)))
    for m in _NUMERIC_DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(year) + (2000 if year and len(year) == 2 else 0) if year else today.year
        value = _date_or_none(year, month, day)
        if value:
            out.append(Entity("date", m.start(), m.end(), m.group(), value))
    for m in _RELATIVE_RX.finditer(text):
        out.append(Entity("date", m.start(), m.end(), m.group(),
                          today + dt.timedelta(days=_RELATIVE[m.group(1).lower()])))
    for m in _IN_DAYS.finditer(text):
        n = m.group(1).lower()
        days = int(n) if n.isdigit() else _WORD_NUM[n]
        unit = (m.group(2) or "").lower()
        if unit.startswith("недел") and n != "неделю":
            days *= 7
        out.append(Entity("date", m.start(), m.end(), m.group(), today + dt.timedelta(days=days)))
    return out


_MONEY = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s?"
    r"(₽|руб(?:л[а-я]*)?\.?|р\.|р(?![а-яё])|rub|(?:тыс\.?|тысяч[а-я]*|к|k)(?:\s?(?:руб\w*\.?|р\.?|₽))?)(?![а-яёa-z])",
    re.IGNORECASE,
)


def find_money(text: str) -> list[Entity]:
    """Sums of money: «1 500 ₽», «2999р», «12 000 рублей», «3к», «1,5 тыс. руб.»."""
    out = []
    for m in _MONEY.finditer(text):
        whole = int(re.sub(r"\D", "", m.group(1)))
        unit = m.group(3).lower()
        if unit[:1] in "тkк" and not unit.startswith("руб"):
            amount = int(round((whole + float("0." + (m.group(2) or "0"))) * 1000))
        else:
            amount = whole
        out.append(Entity("money", m.start(), m.end(), m.group(), amount))
    return out


_WORD = re.compile(r"[А-ЯЁа-яё]+")
_CALLED = re.compile(r"(?:зовут|имя|звать)\s+$", re.IGNORECASE)


def _windows(text: str, rx: re.Pattern, before: int, after: int):
    """Merged windows of the text around matches of rx, cut at spaces; (offset, substring)."""
    spans: list[list[int]] = []
    for m in rx.finditer(text):
        start = max(0, m.start() - before)
        stop = min(len(text), m.end() + after)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while stop < len(text) and not text[stop].isspace():
            stop += 1
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], stop)
        else:
            spans.append([start, stop])
    return [(s, text[s:e]) for s, e in spans]


def _name_candidates(text: str):
    """Words that may be first names: capitalised, or right after «зовут»."""
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) < 3 or not has_grammeme(fold_case(word), "Name"):
            continue
        if word[0].isupper() or _CALLED.search(text[max(0, m.start() - 8):m.start()]):
            yield m


def _is_signature(text: str, m: re.Match) -> bool:
    """A capitalised name alone at the very end, after a sentence break: «… Спасибо! Анна»."""
    if not m.group()[0].isupper() or text[m.end():].strip(" .!)\n\t"):
        return False
    before = text[:m.start()].rstrip()
    return not before or before[-1] in ".!?,)\n-—–"


def find_persons(text: str) -> list[Entity]:
    """Person names found by natasha's NER on short windows; value is the first name, nominative."""
    candidates = list(_name_candidates(text))
    if not candidates:
        return []
    out = []
    seen: set[int] = set()
    rx = re.compile("|".join(re.escape(m.group()) for m in candidates))
    windows = list(_windows(text, rx, before=30, after=30))
    # one batched NER call for every window (the tagger tokenises raw text itself)
    for (offset, window), markup in zip(windows, _ner().map([w for _, w in windows])):
        for span in markup.spans:
            if span.type == "PER" and offset + span.start not in seen:
                seen.add(offset + span.start)
                start, stop = offset + span.start, offset + span.stop
                out.append(Entity("person", start, stop, text[start:stop], first_name(text[start:stop])))
    for m in candidates:
        if (_CALLED.search(text[max(0, m.start() - 8):m.start()]) or _is_signature(text, m)) \
                and not any(e.start <= m.start() < e.stop for e in out):
            out.append(Entity("person", m.start(), m.end(), m.group(), first_name(m.group())))
    return out


def first_name(person: str) -> str | None:
    """The first name of a person span, in the nominative and capitalised."""
    for word in _WORD.findall(person):
        for p in parses(fold_case(word)):
            if "Name" in p.tag:
                form = p.inflect({"nomn"})
                return (form.word if form else word).capitalize()
    return None


# --- all together -------------------------------------------------------------

_PRIORITY = {"email": 0, "card": 1, "passport": 2, "phone": 3, "order_id": 4,
             "money": 5, "date": 6, "person": 7}


def _drop_overlaps(found: list[Entity]) -> list[Entity]:
    """Keep the higher-priority (then longer) entity where two overlap."""
    ranked = sorted(found, key=lambda e: (_PRIORITY[e.kind], -(e.stop - e.start), e.start))
    kept: list[Entity] = []
    for e in ranked:
        if all(e.stop <= k.start or e.start >= k.stop for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.stop))


def extract(text: str, today: dt.date | None = None, persons: bool = True) -> list[Entity]:
    """All entities of the text, non-overlapping, in text order."""
    found = (find_emails(text) + find_cards(text) + find_passports(text) + find_phones(text)
             + find_orders(text) + find_money(text) + find_dates(text, today))
    if persons:
        found += find_persons(text)
    return _drop_overlaps(found)
