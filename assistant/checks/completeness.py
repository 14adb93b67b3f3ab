"""Completeness finders: greeting, apology on a complaint, a concrete next step."""
from __future__ import annotations

import re
from typing import Iterable

from ..morph import has_grammeme, parse, plural_order
from .context import Context, per_check
from .model import Hit
from .phrases import matches

# --- greeting -------------------------------------------------------------------

_ADDRESS = re.compile(r"^\W*(?:уважаем\w+\s+)?([А-ЯЁ][а-яё]+)(?:\s+[А-ЯЁ][а-яё]+)?\s*[,!]", re.UNICODE)
GREETING_ZONE = 60  # characters from the start where a greeting must stand


def customer_name(ctx: Context) -> str | None:
    """First name of the customer from the message, if any."""
    if ctx.message is None:
        return None
    for e in ctx.message.entities_of("person"):
        if e.value:
            return e.value
    return None


def greeting_text(ctx: Context) -> str:
    name = customer_name(ctx)
    return f"Здравствуйте, {name}!" if name else "Здравствуйте!"


def has_greeting(ctx: Context) -> bool:
    """A greeting in the opening, or an address to the customer by name («Анна, …», «Уважаемый Игорь!»)."""
    if any(m.start < GREETING_ZONE for m in matches(ctx, "greeting")):
        return True
    m = _ADDRESS.match(ctx.draft.text)
    if m and has_grammeme(m.group(1).lower().replace("ё", "е"), "Name"):
        return True
    return ctx.draft.text.lstrip().lower().startswith("уважаем")


def find_no_greeting(ctx: Context) -> Iterable[Hit]:
    if ctx.words and not has_greeting(ctx):
        yield Hit(0, 0, greeting_text(ctx) + " ")


# --- apology --------------------------------------------------------------------

APOLOGY_BY_TOPIC = {
    "delivery": "Приносим извинения за задержку.",
    "refund": "Извините, что ожидание затянулось.",
    "defect_wrong_item": "Очень жаль, что товар пришёл в таком виде, приносим извинения.",
    "courier_pickup": "Приносим извинения за неудобства при получении заказа.",
    "technical_issue": "Извините за неудобства с приложением.",
    "account": "Понимаем, как неприятно, когда не получается войти, извините.",
    "order_payment": "Приносим извинения за неудобства с оплатой.",
    "promo_bonus": "Извините, что промокод сработал не так, как вы ожидали.",
    "return_exchange": "Приносим извинения за неудобства с возвратом.",
    "contact_support": "Извините, что пришлось ждать ответа.",
}


def has_apology(ctx: Context) -> bool:
    return bool(matches(ctx, "apology"))


# Probability of the negative mood that makes a message a complaint (chosen on the train drafts: from 0.5 to
# 0.75 F1 stays at 0.93 while clean replies asked to apologise fall from 10 to 7 of 1,015) …
COMPLAINT_P = 0.75
CALM_QUESTION_P = 0.85   # … and the stricter bar for a calm question («Это ошибка?», «Вы бот?»)
_SHOUT = re.compile(r"!|\?\?|\b[А-ЯЁ]{4,}\b")


def is_complaint(ctx: Context) -> bool:
    """The customer complains: the mood model's probability of «negative», stricter for a calm question.

    A plain question that mentions a problem («Возврат пишет 0 ₽. Это ошибка?») reads as negative
    to the mood model more often than a customer means it; without «!», «??» or capitals it needs
    a surer model before the draft is asked to apologise.
    """
    if ctx.prediction is None or ctx.message is None:
        return False
    p = dict(ctx.prediction.moods).get("negative", 0.0)
    text = ctx.message.text
    calm = "?" in text and not _SHOUT.search(text)
    return p >= (CALM_QUESTION_P if calm else COMPLAINT_P)


def find_no_apology(ctx: Context) -> Iterable[Hit]:
    """The customer complains (negative mood) and the draft neither apologises nor empathises."""
    if not is_complaint(ctx) or has_apology(ctx):
        return
    yield Hit(0, 0, APOLOGY_BY_TOPIC.get(ctx.topic or "", "Приносим извинения за неудобства."))


# --- next step ------------------------------------------------------------------

NEEDS_STEP = frozenset({"order_payment", "delivery", "return_exchange", "refund", "promo_bonus",
                        "defect_wrong_item", "courier_pickup", "technical_issue", "account",
                        "contact_support"})
STEP_BY_TOPIC = {
    "delivery": "Назовите срок: «Заказ привезут до {date}» или «Статус обновится в течение 2 дней».",
    "refund": "Назовите срок: «Деньги вернутся на карту в течение 3–10 рабочих дней».",
    "return_exchange": "Опишите шаги: «Нажмите «Вернуть» в разделе «Заказы» и сдайте товар в пункт выдачи».",
    "defect_wrong_item": "Предложите действие: «Пришлите фото, и мы оформим замену или возврат денег».",
    "order_payment": "Назовите действие и срок: «Лишнее списание вернётся в течение 3 рабочих дней».",
    "promo_bonus": "Назовите действие: «Мы начислим баллы вручную в течение суток».",
    "courier_pickup": "Скажите, что будет дальше: «Мы передали жалобу и ответим вам до конца дня».",
    "technical_issue": "Дайте шаги: «Обновите приложение и очистите кеш в настройках телефона».",
    "account": "Дайте шаги: «Нажмите «Войти по почте» и введите код из письма».",
    "contact_support": "Скажите, как связаться: «Напишите продавцу в разделе «Вопросы о товаре»».",
}
# Lower-case text, no IGNORECASE (slow on Unicode); the lookahead names every first letter an alternative can
# start with, so the search skips most positions without trying each alternative there.
_TERM = re.compile(
    r"(?=[\dвдкнопстзч])(?:"
    r"\d+\s*[–-]?\s*\d*\s*(?:рабоч\w+\s+|календарн\w+\s+)?(?:дн|день|час|минут|недел|сут|мес)"
    r"|в\s+течени[еи]|до\s+\d|до\s+конца|к\s+\d|на\s+следующ\w+|(?:одн|дв|тр)\w*\s+(?:рабоч\w+\s+)?(?:дн|недел|час|сут)"
    r"|(?:несколько|пару)\s+(?:рабоч\w+\s+)?(?:дн|час|минут)"
    r"|\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"|(?<![\d.])[0-3]?\d\.[01]\d(?![\d])|(?<![\d:])[0-2]?\d:[0-5]\d(?![\d:])"  # 28.11, a clock time 13:30
    r"|(?<!\w)(?:сегодня|завтра|послезавтра|в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))(?!\w)"
    r"|(?<![\d.])[0-3]?\d-(?:го|е|ое|ого|му|м)(?!\w)|через\s+(?:час|день|сутки|недел|месяц|минут)"
    r"|(?<!\w)после\s+(?:того|получени|приёмк|приемк|проверк|оплат|доставк|возврат|обновлени|\d))"
)


def names_a_term(text: str) -> bool:
    """The text names a term or date: «в течение 3 дней», «до 26 ноября», «завтра»."""
    return bool(_TERM.search(text.lower()))


@per_check
def has_term(ctx: Context) -> bool:
    """A term or date anywhere in the draft."""
    return names_a_term(ctx.draft.text)


# Imperatives that promise nothing: «ожидайте», «следите за новостями», «обращайтесь».
_WAITING = frozenset({"ожидать", "подождать", "ждать", "следить", "давать", "оставаться", "обращаться",
                      "быть", "не"})


@per_check
def has_instruction(ctx: Context) -> bool:
    """An imperative the customer can follow («нажмите», «пришлите», also a «ты»-form «нажми»), not «ожидайте»."""
    words = ctx.words
    return any(imperative_at(words, i) for i in range(len(words)))


# Words before a form shared by the future and the imperative that make it the future: «вы оформите»,
# «если оформите», «не оформите».
_FUTURE_BEFORE = frozenset({"вы", "не", "если", "когда", "только", "как", "ли", "что", "чтобы"})


def imperative_at(words, i: int, waiting: frozenset[str] = _WAITING) -> bool:
    """Word i is an order the customer can follow, not one of the `waiting` verbs. The dictionary reads
    «оформите новый» as the future first; without «вы», «если» or «не» before it, it is the imperative."""
    w = words[i]
    if w.lemma in waiting:
        return False
    tag = parse(w.norm).tag
    if "VERB" not in tag:
        return False  # «здравствуйте» has an imperative reading too
    if "impr" in tag:
        return True
    return (i == 0 or words[i - 1].norm not in _FUTURE_BEFORE) and plural_order(w.norm)


def has_next_step(ctx: Context) -> bool:
    return has_term(ctx) or has_instruction(ctx) or bool(matches(ctx, "next_step"))


def find_no_next_step(ctx: Context) -> Iterable[Hit]:
    """The topic needs an action, term or date and the draft gives none (a vague «ожидайте» is marked)."""
    if ctx.topic not in NEEDS_STEP or ctx.mood == "positive" or has_next_step(ctx):
        return
    vague = matches(ctx, "vague_step")
    start, stop = (vague[0].start, vague[0].stop) if vague else (0, 0)
    yield Hit(start, stop, STEP_BY_TOPIC.get(ctx.topic))
