"""What the customer asks and whether a draft covers it: question sentences, their kind, word overlap.

A message may ask two things («как вернуть и когда придут деньги?»); each question
sentence is compared with the draft on its own, so a draft that answers one and
skips the other shows a low minimum coverage.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..features import navec
from ..tokens import Span
from .completeness import has_instruction, has_term
from .context import Context
from .phrases import matches

_ASKS = re.compile(
    r"\?|(?<!\w)(?:как|когда|где|куда|почему|зачем|сколько|какой|какая|какие|каким|можно\s+ли|есть\s+ли|"
    r"подскажите|скажите|что\s+делать|что\s+мне\s+делать|ли)(?!\w)", re.I)

KINDS = {
    "when": re.compile(r"когда|сколько\s+(?:ещ[её]\s+)?(?:ждать|дней|времени|идут|ид[её]т|по\s+времени|едет|везут)|"
                       r"какой\s+срок|срок|через\s+сколько|как\s+долго|долго|как\s+скоро|в\s+какие\s+сроки|"
                       r"успеете|успеет|к\s+какому\s+числу", re.I),
    "how_much": re.compile(r"сколько\s+стоит|какая\s+цена|стоимость|сколько\s+(?:баллов|рублей|денег)|"
                           r"какая\s+сумма|какой\s+размер\s+скидки", re.I),
    "yes_no": re.compile(r"можно\s+ли|можно|могу\s+ли|есть\s+ли|реально\s+ли|получится|подойд[её]т|влезет|"
                         r"будет\s+ли|\bли\b|это\s+(?:нормально|ошибка|глюк|брак|законно)", re.I),
    "how": re.compile(r"(?<!\w)как(?!\w)(?!\s+долго)|каким\s+образом|что\s+(?:мне\s+)?делать|что\s+нужно|куда\s+"
                      r"(?:нажать|писать|обратиться|звонить)", re.I),
    "where": re.compile(r"(?<!\w)где(?!\w)|куда(?!\s+(?:нажать|писать|обратиться|звонить))", re.I),
    "why": re.compile(r"почему|зачем|за\s+что|с\s+какой\s+стати|на\s+каком\s+основании|что\s+случилось", re.I),
}

_YES_NO = re.compile(r"(?<!\w)(?:да|нет|можно|нельзя|возможн\w*|невозможн\w*|получится|конечно|разумеется|"
                     r"доступн\w*|подойд[её]т|подходит|не\s+подходит|принима\w+|не\s+принима\w+|действует|"
                     r"поддерживается|есть|будет|нормально|бывает)(?!\w)", re.I)
_WHY = re.compile(r"потому\s+что|так\s+как|из-за|связан\w*|причин\w*|дело\s+в\s+том|поскольку|означает|"
                  r"это\s+значит|произош\w+|случил\w+|ошибк\w+|сбо[йея]\w*|по\s+ошибке|(?<!\w)т\.\s*к\.", re.I)
_WHERE = re.compile(r"раздел\w*|пункт\w*|на\s+карте|в\s+приложени\w+|в\s+личном\s+кабинете|в\s+профиле|адрес\w*|"
                    r"статус\w*|в\s+пути|на\s+складе|передан\w*|прибыл\w*|находится|едет|в\s+карточке|по\s+ссылке",
                    re.I)
_NUMBER = re.compile(r"\d|бесплатн\w*|(?<!\w)(?:один|одна|два|две|три|четыре|пять|десять)(?!\w)", re.I)
_PLACEHOLDER = re.compile(r"\{[^{}]+\}|\[[^\[\]]+\]|<[^<>]+>|%\w+%|ХХ+")


def question_spans(message) -> list[Span]:
    """Sentences of the message that ask something (a «?» or a question word)."""
    return [s for s in message.sentences if _ASKS.search(s.text)]


def kinds_of(text: str) -> set[str]:
    """The kinds of answer a question wants: a term, a sum, yes/no, steps, a place, a reason."""
    return {k for k, rx in KINDS.items() if rx.search(text)}


def question_kinds(text: str) -> set[str]:
    """The kinds a question sentence wants; a bare «…?» with no question word wants a yes/no or a statement."""
    kinds = kinds_of(text)
    if not kinds and "?" in text:
        kinds = {"yes_no"}
    return kinds


def kind_answered(kind: str, ctx: Context) -> bool:
    """Whether the draft carries the kind of answer a question wants."""
    text = ctx.draft.text
    if kind == "when":
        return has_term(ctx) or bool(_PLACEHOLDER.search(text))
    if kind == "how_much":
        return bool(_NUMBER.search(text))
    if kind == "yes_no":
        return bool(_YES_NO.search(text))
    if kind == "how":
        return has_instruction(ctx) or bool(matches(ctx, "next_step"))
    if kind == "where":
        return bool(_WHERE.search(text)) or has_term(ctx)
    if kind == "why":
        return bool(_WHY.search(text))
    return True


@lru_cache(maxsize=50_000)
def unit_vector(lemma: str) -> np.ndarray | None:
    """The Navec vector of a lemma, normalised; None when Navec does not know it."""
    emb = navec()
    if lemma not in emb:
        return None
    v = np.asarray(emb[lemma], dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else None


def soft_coverage(asked: list[str], said: list[str]) -> float:
    """Mean over asked lemmas of the best cosine with any said lemma (1 for the same lemma)."""
    if not asked:
        return 1.0
    said_set = set(said)
    said_vecs = [v for v in (unit_vector(w) for w in said_set) if v is not None]
    matrix = np.vstack(said_vecs) if said_vecs else None
    total = 0.0
    for w in asked:
        if w in said_set:
            total += 1.0
            continue
        v = unit_vector(w)
        if v is not None and matrix is not None:
            total += max(0.0, float((matrix @ v).max()))
    return total / len(asked)


def words_in(doc, span: Span, stop: frozenset[str]) -> list[str]:
    """Content lemmas of the document's words inside a span."""
    return [w.lemma for w in doc.words if span.start <= w.start < span.stop
            and w.lemma not in stop and w.norm not in stop and len(w.norm) > 2]
