"""Placeholder filling from the customer's message: names in the right case, Russian dates, sums."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .document import Document
from .morph import parses
from .templates import SLOT

MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")
CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"}

_PICKUP = re.compile(
    r"(?:ПВЗ|пункт\w*\s+выдачи|постамат\w*)\s+(?:на|по\s+адресу|у)?\s*((?:ул\.?\s*|улиц\w+\s+|пр\.?\s*|проспект\w*\s+)?"
    r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё]+)?,?\s*\d+[а-я]?)", re.IGNORECASE)
_PROMO = re.compile(r"(?:промокод\w*|промик\w*|купон\w*|код\w*)\s*[«\"']?([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{3,19})(?![\w])")
_TRACK = re.compile(r"трек\w*(?:[\s-]*номер\w*)?\s*[:№#]?\s*([A-Z]{2}\d{9}[A-Z]{2}|\d{10,20}|[A-Z0-9]{10,20})")


@dataclass(frozen=True)
class Filled:
    """A template text with the placeholders the message allowed filled, and those left."""

    text: str
    filled: dict[str, str]
    missing: tuple[str, ...]


def russian_date(value: dt.date, today: dt.date | None = None) -> str:
    """«26 ноября», with the year when it is not the current one."""
    today = today or dt.date.today()
    text = f"{value.day} {MONTHS_GEN[value.month - 1]}"
    return text if value.year == today.year else f"{text} {value.year} года"


def rubles(amount: int) -> str:
    """«3 200 ₽»."""
    return f"{amount:,}".replace(",", " ") + " ₽"


def inflect_name(name: str, case: str) -> str:
    """A first name in the grammatical case (pymorphy3), capitalised; unchanged when it cannot."""
    if case not in CASES or case == "nomn":
        return name
    for p in parses(name.lower()):
        if "Name" in p.tag:
            form = p.inflect({case})
            if form:
                return form.word.capitalize()
    return name


# Words that make the name after them somebody else's: «курьер Алексей», «оператору Диане», «мастер Иван».
_ROLES = frozenset({"курьер", "оператор", "сотрудник", "сотрудница", "продавец", "продавщица", "менеджер", "мастер",
                    "водитель", "доставщик", "консультант", "специалист", "девушка", "парень", "мужчина", "женщина",
                    "администратор", "кассир", "работник", "поддержка", "пункт", "муж", "жена", "сын", "дочь",
                    "мама", "папа", "брат", "сестра", "подруга", "друг", "коллега", "ребенок", "внук", "внучка",
                    "бабушка", "дедушка", "сосед", "соседка", "получатель"})
_SELF = re.compile(r"(?:меня\s+зовут|моё\s+имя|мое\s+имя|я\s*[—-]?|это|с\s+уважением,?|пишет)\s*$", re.IGNORECASE)


def customer_name(message: Document) -> str | None:
    """The customer's own first name: introduced («меня зовут Анна», «это Марина»), or signed at the end;
    otherwise the first name that is not somebody else's («курьер Алексей» is not the customer)."""
    people = [e for e in message.entities_of("person") if e.value]
    own, others = [], []
    for e in people:
        before = message.text[max(0, e.start - 16):e.start]
        words = [w.lemma for w in message.words if e.start - 30 <= w.start and w.stop <= e.start][-2:]
        if _SELF.search(before) or not message.text[e.stop:].strip(" .!)\n\t"):
            own.append(e)
        elif not any(w in _ROLES for w in words):
            others.append(e)
    chosen = (own or others or [None])[0]
    return chosen.value if chosen else None


def values_from(message: Document) -> dict[str, object]:
    """Placeholder values found in the customer's message."""
    values: dict[str, object] = {}
    name = customer_name(message)
    if name:
        values["name"] = name
    for kind, key in (("order_id", "order_id"), ("date", "date"), ("money", "amount")):
        for e in message.entities_of(kind):
            if e.value:
                values.setdefault(key, e.value)
    for rx, key in ((_PICKUP, "pickup_point"), (_PROMO, "promo_code"), (_TRACK, "tracking_number")):
        m = rx.search(message.text)
        if m:
            values[key] = m.group(1).strip()
    return values


def _render(key: str, case: str | None, value: object, today: dt.date | None) -> str:
    if key == "name":
        return inflect_name(str(value), case or "nomn")
    if key == "date" and isinstance(value, dt.date):
        return russian_date(value, today)
    if key == "amount" and isinstance(value, int):
        return rubles(value)
    return str(value)


def fill(text: str, values: dict[str, object], today: dt.date | None = None) -> Filled:
    """Fill the slots the values allow; an unknown name drops «, {name}» from the greeting."""
    if "name" not in values:
        text = re.sub(r",\s*\{name(?::\w+)?\}(?=\s*[!.,])", "", text)
    filled: dict[str, str] = {}
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        key, case = m.group(1), m.group(2)
        if key in values:
            rendered = _render(key, case, values[key], today)
            filled.setdefault(key, rendered)
            return rendered
        if key not in missing:
            missing.append(key)
        return m.group(0)

    return Filled(SLOT.sub(sub, text), filled, tuple(missing))
