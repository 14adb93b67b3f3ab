"""Personal data and template slots left in the draft."""
from __future__ import annotations

import re
from typing import Iterable

from ..entities import find_cards, find_emails, find_passports, find_phones
from .context import Context
from .model import Hit

PII_LABELS = {"card": "номер карты", "phone": "номер телефона", "email": "адрес e-mail", "passport": "паспортные данные"}


def _allowed(kind: str, value: str, allow: tuple[str, ...]) -> bool:
    if kind == "phone":
        digits = value[-10:]
        return any(("8" + digits).startswith(a) or ("7" + digits).startswith(a) for a in allow if a.isdigit())
    if kind == "email":
        return any(value == a.lower() or (a.startswith("@") and value.endswith(a.lower())) for a in allow)
    return False


def find_pii(ctx: Context) -> Iterable[Hit]:
    """Card numbers (Luhn), full phone numbers, e-mails and passport numbers, minus the allow-list."""
    text = ctx.draft.text
    allow = ctx.resources.pii_allow
    for finder in (find_cards, find_phones, find_emails, find_passports):
        for e in finder(text):
            if not _allowed(e.kind, str(e.value), allow):
                yield Hit(e.start, e.stop, "уберите данные или замаскируйте: ****",
                          f"В ответе {PII_LABELS[e.kind]} — персональные данные нельзя отправлять в чат.")


PLACEHOLDER = re.compile(
    r"\{\{?\s*[\w.:|-]+\s*\}?\}"           # {order_id}, {{name}}
    r"|\[[^\[\]\n]{2,40}\]"                 # [номер заказа]
    r"|<[^<>\n]{2,30}>"                     # <дата>
    r"|%[A-Za-zА-Яа-я_]+%"                  # %name%
    r"|\$\{?[A-Za-z_]+\}?"                  # $name, ${name}
    r"|(?<![\wА-ЯЁ])(?:[XХ]{3,}|_{3,}|\.{5,})(?![\wА-ЯЁ])"  # ХХХ, XXX, ___
)


# What to write instead of a slot, by the words in its name.
SLOT_HINTS = (
    (re.compile(r"order|заказ", re.I), "номер заказа из сообщения покупателя"),
    (re.compile(r"name|имя|фио", re.I), "имя покупателя (или просто «Здравствуйте!»)"),
    (re.compile(r"date|дат|срок|day", re.I), "дату, например «5 декабря»"),
    (re.compile(r"amount|sum|сумм|price|цен", re.I), "сумму, например «3 200 ₽»"),
    (re.compile(r"pickup|пункт|пвз|адрес|address", re.I), "адрес пункта выдачи"),
    (re.compile(r"promo|промо|код|code", re.I), "промокод"),
    (re.compile(r"track|трек", re.I), "трек-номер"),
)


def slot_hint(slot: str) -> str:
    """A short instruction what the operator should put in place of a slot."""
    for rx, hint in SLOT_HINTS:
        if rx.search(slot):
            return f"впишите {hint}"
    return "впишите значение или уберите поле"


def find_placeholders(ctx: Context) -> Iterable[Hit]:
    """Template slots left unfilled: «{order_id}», «[номер заказа]», «ХХХ», «<дата>»."""
    for m in PLACEHOLDER.finditer(ctx.draft.text):
        yield Hit(m.start(), m.end(), slot_hint(m.group()), f"Не заполнено поле шаблона «{m.group()}».")
