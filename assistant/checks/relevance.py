"""Relevance: does the draft answer what the customer asked (code `not_answered`)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..labels import TOPIC_TITLES
from ..lexicon import read_lines
from ..paths import lexicons_dir
from .completeness import has_instruction, has_term
from .context import Context, per_check
from .model import Hit
from .phrases import matches

SKIP_TOPICS = frozenset({"other"})  # thanks, greetings: a short warm reply answers them
MIN_CONTENT_WORDS = 3
MISMATCH_OWN_P = 0.08     # the draft's probability of the message's topic below this …
MISMATCH_OTHER_P = 0.5    # … and another topic this sure: the draft is about something else
MESSAGE_ALLOWS_P = 0.1    # the draft's topic is one the message may be about after all
# Topics whose answers naturally talk about each other (a defect is answered with a return or a refund).
RELATED = {
    "order_payment": {"refund", "promo_bonus", "delivery", "technical_issue", "account"},
    "delivery": {"courier_pickup", "order_payment", "return_exchange", "technical_issue", "defect_wrong_item",
                 "account"},
    "return_exchange": {"refund", "defect_wrong_item", "courier_pickup", "delivery"},
    "refund": {"return_exchange", "order_payment", "defect_wrong_item", "promo_bonus"},
    "promo_bonus": {"order_payment", "refund", "account", "technical_issue"},
    "product_question": {"defect_wrong_item", "return_exchange", "contact_support", "delivery", "technical_issue"},
    "defect_wrong_item": {"return_exchange", "refund", "product_question", "contact_support", "delivery"},
    "courier_pickup": {"delivery", "return_exchange", "contact_support"},
    "technical_issue": {"account", "order_payment", "contact_support", "promo_bonus", "delivery"},
    "account": {"technical_issue", "contact_support"},
    "contact_support": {"account", "technical_issue", "product_question", "courier_pickup", "defect_wrong_item"},
}


@lru_cache(maxsize=4)
def stopwords(folder: Path) -> frozenset[str]:
    return frozenset(w for line in read_lines(folder / "stopwords.txt") for w in line.split())


def content_lemmas(ctx: Context, covered: list[tuple[int, int]]) -> list[str]:
    """Lemmas of draft words outside greeting/apology/generic phrases and stop words."""
    stop = stopwords(lexicons_dir(ctx.resources.corpora))
    inside = bytearray(len(ctx.draft.text) + 1)
    for s, e in covered:
        inside[s:e] = b"\x01" * (e - s)
    out = []
    for w in ctx.words:
        if inside[w.start]:
            continue
        if w.lemma in stop or w.norm in stop or len(w.norm) < 2:
            continue
        out.append(w.lemma)
    return out


def covered_spans(ctx: Context) -> list[tuple[int, int]]:
    spans = []
    for name in ("greeting", "apology", "generic"):
        spans.extend((m.start, m.stop) for m in matches(ctx, name))
    return spans


@per_check
def draft_topic(ctx: Context):
    """The topic model's reading of the draft itself, or None without a classifier."""
    clf = ctx.resources.classifier
    return None if clf is None else clf.topics_of(ctx.draft.text)


def shares_a_word(ctx: Context, covered: list[tuple[int, int]]) -> bool:
    """A content word of the draft (outside stock phrases) that the message uses too."""
    if ctx.message is None:
        return False
    said = {w for w in content_lemmas(ctx, covered) if w.isalpha() and len(w) > 2}
    return bool(said & {w.lemma for w in ctx.message.words})


def find_generic(ctx: Context) -> Iterable[Hit]:
    """A draft made of greetings, apologies and stock phrases only answers nothing."""
    if ctx.topic in SKIP_TOPICS or (ctx.prediction is not None and ctx.mood == "positive"):
        return
    covered = covered_spans(ctx)
    if len(content_lemmas(ctx, covered)) >= MIN_CONTENT_WORDS:
        return
    if matches(ctx, "vague_step") or has_term(ctx) or has_instruction(ctx):
        return  # «информация передана», «проверим» acknowledge the problem: no_next_step judges them
    if shares_a_word(ctx, covered):
        return  # «Windows 7 не поддерживается» is short, but it speaks of what was asked
    generic = matches(ctx, "generic")
    start, stop = (generic[0].start, generic[-1].stop) if generic else (0, 0)
    yield Hit(start, stop, "Ответьте на вопрос покупателя по существу: что случилось и что будет дальше.",
              "Ответ из общих фраз: на вопрос покупателя он не отвечает.")


def find_off_topic(ctx: Context) -> Iterable[Hit]:
    """The draft is about another topic than the customer's message."""
    if ctx.prediction is None or ctx.topic in SKIP_TOPICS or ctx.prediction.confidence < 0.5:
        return
    topics = draft_topic(ctx)
    if topics is None:
        return
    own = dict(topics).get(ctx.topic, 0.0)
    best, best_p = topics[0]
    if best in ("other", ctx.topic) or best in RELATED.get(ctx.topic, ()) \
            or ctx.prediction.proba(best) >= MESSAGE_ALLOWS_P:
        return  # «other» is a thanks or stock reply: find_generic judges those
    if own < MISMATCH_OWN_P and best_p >= MISMATCH_OTHER_P:
        yield Hit(0, 0, "Ответьте именно на вопрос покупателя.",
                  f"Ответ, похоже, о другом: покупатель пишет о теме «{TOPIC_TITLES[ctx.topic]}», "
                  f"а ответ — о теме «{TOPIC_TITLES[best]}».")
