"""A learned layer over whole drafts for the fuzzy codes (`no_next_step`, `not_answered`).

Rules say whether a draft has a term, an instruction, a vague «ожидайте», stock
phrases, how much it shares with the message, and what topic it reads as; a
logistic regression over those signals plus the draft's own words learns how
QA reviewers weigh them (labels: the team-written draft corpus).
"""
from __future__ import annotations

import math
import re

import numpy as np

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from ..features import lemma_analyzer, navec
from . import completeness as c
from . import relevance as r
from .context import Context
from .model import Hit
from .phrases import matches

DRAFT_CODES = ("no_next_step", "not_answered")


_Q_WHEN = re.compile(r"когда|сколько\s+(?:ещ[её]\s+)?(?:ждать|дней|времени)|срок|долго", re.I)
_Q_HOW_MUCH = re.compile(r"сколько\s+стоит|какая\s+цена|стоимость|почему\s+(?:списали|вернули|сумма)|сколько", re.I)
_Q_CAN = re.compile(r"можно\s+ли|можно|могу\s+ли|есть\s+ли|реально\s+ли|получится", re.I)
_Q_HOW = re.compile(r"\bкак\b|каким\s+образом|что\s+делать|что\s+мне\s+делать", re.I)
_Q_WHERE = re.compile(r"\bгде\b|куда", re.I)
_A_YESNO = re.compile(r"\b(?:да|нет|можно|нельзя|получится|есть|доступн\w*)\b", re.I)
_A_NUMBER = re.compile(r"\d")


def _mean_vector(lemmas) -> np.ndarray | None:
    emb = navec()
    vecs = [emb[w] for w in lemmas if w in emb]
    if not vecs:
        return None
    v = np.mean(vecs, axis=0)
    n = np.linalg.norm(v)
    return v / n if n else None


def question_signals(message: str, draft: str, ctx: Context) -> dict:
    """Does the draft carry the kind of answer the question asks for (a term, a number, yes/no, steps)?"""
    out = {}
    for name, rx, answered in (
        ("when", _Q_WHEN, lambda: c.has_term(ctx)),
        ("how_much", _Q_HOW_MUCH, lambda: bool(_A_NUMBER.search(draft))),
        ("can", _Q_CAN, lambda: bool(_A_YESNO.search(draft))),
        ("how", _Q_HOW, lambda: c.has_instruction(ctx) or bool(matches(ctx, "next_step"))),
        ("where", _Q_WHERE, lambda: c.has_term(ctx) or "раздел" in draft.lower() or bool(_A_NUMBER.search(draft))),
    ):
        if rx.search(message):
            out[f"asks_{name}"] = 1.0
            out[f"asks_{name}_answered"] = float(answered())
    return out


def signals(ctx: Context) -> dict:
    """Named numeric and categorical signals of a draft and its message."""
    out: dict[str, float] = {}
    topic = ctx.topic or "none"
    out[f"topic={topic}"] = 1.0
    out[f"mood={ctx.mood or 'none'}"] = 1.0
    term, instr = c.has_term(ctx), c.has_instruction(ctx)
    step = bool(matches(ctx, "next_step"))
    vague = bool(matches(ctx, "vague_step"))
    out["has_term"] = float(term)
    out["has_instruction"] = float(instr)
    out["has_step_words"] = float(step)
    out["has_vague"] = float(vague)
    out[f"step|{topic}"] = float(term or instr or step)
    out[f"vague|{topic}"] = float(vague and not (term or instr))
    covered = r.covered_spans(ctx)
    content = r.content_lemmas(ctx, covered)
    out["content_words"] = math.log1p(len(content))
    out["generic"] = float(bool(matches(ctx, "generic")))
    out["n_sentences"] = math.log1p(len(ctx.draft.sentences))
    if ctx.message is not None:
        msg_words = {w.lemma for w in ctx.message.words}
        shared = len(msg_words & set(content))
        out["shared_words"] = math.log1p(shared)
        out["shared_share"] = shared / (len(set(content)) or 1)
        out["questions"] = float(ctx.message.text.count("?") > 0) + float(ctx.message.text.count("?") > 1)
        out.update(question_signals(ctx.message.text, ctx.draft.text, ctx))
        mv = _mean_vector(msg_words)
        dv = _mean_vector(content)
        out["navec_similarity"] = float(mv @ dv) if mv is not None and dv is not None else 0.0
    topics = r.draft_topic(ctx)
    if topics is not None and ctx.prediction is not None:
        probs = dict(topics)
        best = topics[0][0]
        out["draft_p_msg_topic"] = probs.get(ctx.topic, 0.0)
        out["draft_same_topic"] = float(best == ctx.topic)
        out["draft_related_topic"] = float(best in r.RELATED.get(ctx.topic, ()))
        out["msg_p_draft_topic"] = ctx.prediction.proba(best)
        out[f"draft_topic={best}"] = 1.0
    return out


class TextOf(BaseEstimator, TransformerMixin):
    """Selects the draft text from a (text, signals) row."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [row[0] for row in X]


class SignalsOf(BaseEstimator, TransformerMixin):
    """Selects the signals dict from a (text, signals) row."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [row[1] for row in X]


def build_draft_pipeline(C: float = 1.0) -> Pipeline:
    """Draft words + rule signals → logistic regression."""
    return Pipeline([
        ("features", FeatureUnion([
            ("words", Pipeline([("text", TextOf()),
                                ("tfidf", TfidfVectorizer(analyzer=lemma_analyzer, sublinear_tf=True, min_df=2))])),
            ("signals", Pipeline([("signals", SignalsOf()), ("dict", DictVectorizer())])),
        ])),
        ("clf", LogisticRegression(C=C, class_weight="balanced", max_iter=2000)),
    ])


def draft_probability(ctx: Context, code: str) -> float | None:
    """The draft model's probability for a code, or None without a model."""
    loaded = ctx.resources.draft_model(code)
    if loaded is None:
        return None
    model, _ = loaded
    key = f"signals"
    if key not in ctx.extra:
        ctx.extra[key] = signals(ctx)
    return float(model.predict_proba([(ctx.draft.text, ctx.extra[key])])[0, 1])


def find_no_next_step(ctx: Context):
    """Learned: the draft gives no concrete step where reviewers expect one (falls back to the rule)."""
    if ctx.message is None or ctx.prediction is None or ctx.topic not in c.NEEDS_STEP or ctx.mood == "positive":
        return  # thanks, greetings and praise need no next step, whatever the model says
    p = draft_probability(ctx, "no_next_step")
    if p is None:
        yield from c.find_no_next_step(ctx)
        return
    if p >= ctx.resources.draft_model("no_next_step")[1] and not (c.has_term(ctx) and c.has_instruction(ctx)):
        vague = matches(ctx, "vague_step")
        start, stop = (vague[0].start, vague[0].stop) if vague else (0, 0)
        yield Hit(start, stop, c.STEP_BY_TOPIC.get(ctx.topic or "", "Назовите конкретный шаг и срок."))


def find_not_answered(ctx: Context):
    """Learned: the draft does not answer what the customer asked."""
    if ctx.message is None or ctx.prediction is None or ctx.topic in r.SKIP_TOPICS:
        return
    p = draft_probability(ctx, "not_answered")
    if p is not None and p >= ctx.resources.draft_model("not_answered")[1]:
        yield Hit(0, 0, "Ответьте на вопрос покупателя по существу.",
                  "Похоже, ответ не отвечает на вопрос покупателя.")
