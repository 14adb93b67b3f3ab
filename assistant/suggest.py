"""Ranking reply templates for a customer message and the operator's partial draft.

score = TOPIC_W·P(template topic) + SIM_W·similarity(message, template examples)
        + MOOD_W·[message mood suits the template] + DRAFT_W·coverage(draft, template)
where P(topic) is the message's topic probability, mixed with the topic of what
the operator has typed so far once the draft says something (DRAFT_TOPIC_SHARE).
Templates of topics the draft does not support drop to the end: typing «Здравствуйте! Деньги за возв» narrows the list to refunds and
returns. The list is diversified: each further template of an already shown
topic counts REPEAT_DECAY times less, so an unsure topic model puts the runner-up
topic in the first three. Ties break on the template id, so the order is
deterministic. Weights were chosen on cross-validated predictions of the training
split (the held-out messages are for the benchmark only).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .classify import Classifier, Prediction
from .document import message_document
from .features import lemma_tokens
from .fastlinear import TfidfBlock
from .fill import fill, values_from
from .checks.relevance import stopwords
from .paths import lexicons_dir
from .templates import Template

TOPIC_W, SIM_W, MOOD_W, DRAFT_W = 1.0, 0.3, 0.05, 0.4
REPEAT_DECAY = 0.3
DRAFT_TOPIC_SHARE = 0.6     # weight of the draft's own topic once the operator has typed content
DRAFT_KEEP_P = 0.15         # a template stays in a narrowed list when the draft's topic gives it this
# The draft narrows the list only when its own topic is this sure and not `other`: a reply made of a reproach
# alone («Вы что, читать не умеете?») reads about even between `other` and `contact_support`, a started
# answer («Деньги за возв») above 0.9.
DRAFT_NARROW_P = 0.6
_GREETING = re.compile(r"^\W*(?:здравствуйте|добрый\s+(?:день|вечер|утро)|доброе\s+утро|приветствуем)"
                       r"(?:,\s*[А-ЯЁа-яё]+)?\W*", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """A ranked template with its text filled from the message."""

    template_id: str
    topic: str
    title: str
    text: str
    score: float
    missing: tuple[str, ...]
    filled: dict

    def as_dict(self) -> dict:
        return {"template_id": self.template_id, "topic": self.topic, "title": self.title, "text": self.text,
                "score": round(self.score, 4), "missing": list(self.missing), "filled": self.filled}


def _words(text: str) -> list[str]:
    return [w for w in lemma_tokens(text) if w[:1].isalpha()]


def _content(words: list[str]) -> list[str]:
    stop = stopwords(lexicons_dir())
    return [w for w in words if w not in stop]


def draft_words(draft: str) -> tuple[list[str], str | None] | None:
    """(complete lemmas, unfinished last word) of the draft after its greeting; None when it says nothing yet."""
    body = _GREETING.sub("", draft, count=1).strip()
    tokens = re.findall(r"\w+", body.lower().replace("ё", "е"))
    if not tokens:
        return None
    if draft.rstrip()[-1:].isalnum():  # the operator is still typing the last word
        return _content(_words(" ".join(tokens[:-1]))), tokens[-1]
    return _content(_words(" ".join(tokens))), None


def draft_coverage(words: tuple[list[str], str | None], template_words: set[str], template_norm: str) -> float:
    """Share of the draft's words found in the template; the unfinished last word counts as a prefix («возв»)."""
    complete, partial = words
    hits = sum(w in template_words for w in complete)
    total = len(complete)
    if partial:
        total += 1
        hits += any(w.startswith(partial) for w in template_words) or partial in template_norm
    return hits / total if total else 0.0


class Suggester:
    """Template ranking: build once with the library and the classifier."""

    def __init__(self, library: list[Template], classifier: Classifier):
        self.library = library
        self.classifier = classifier
        self.vectorizer = TfidfVectorizer(analyzer=_words, sublinear_tf=True)
        docs = [" ".join(t.examples) + " " + t.title for t in library]
        self.example_matrix = self.vectorizer.fit_transform(docs)
        # the message side through fastlinear's TF-IDF path, the templates as a dense (terms × templates) table
        self._message_block = TfidfBlock(self.vectorizer)  # not shared: the library is refitted on every change
        self._examples_by_term = np.ascontiguousarray(self.example_matrix.T.toarray())
        self.template_words = [set(_words(t.text)) for t in library]
        self.template_norm = [t.text.lower().replace("ё", "е") for t in library]

    def _similarity(self, message: str) -> np.ndarray:
        """Cosine of the message's TF-IDF vector with each template's examples."""
        cols, vals = self._message_block.features(message)
        if not len(cols):
            return np.zeros(len(self.library))
        return vals @ self._examples_by_term[cols]

    def scores(self, message: str, draft: str = "", prediction: Prediction | None = None) -> np.ndarray:
        """Raw (undiversified) score of every template."""
        pred = prediction or self.classifier.classify(message)
        probs = dict(pred.topics)
        sim = self._similarity(message)
        words = draft_words(draft) if draft.strip() else None
        draft_probs = self._narrowing(draft) if words else None
        out = np.empty(len(self.library))
        for i, t in enumerate(self.library):
            p_msg = max(probs.get(x, 0.0) for x in t.topics)
            s = TOPIC_W * p_msg
            if words:
                s += DRAFT_W * draft_coverage(words, self.template_words[i], self.template_norm[i])
            if draft_probs is not None:
                p_draft = max(draft_probs.get(x, 0.0) for x in t.topics)
                s += TOPIC_W * DRAFT_TOPIC_SHARE * (p_draft - p_msg)
                if p_draft < DRAFT_KEEP_P:
                    s -= 10.0  # the operator is writing about something else
            out[i] = s + SIM_W * sim[i] + MOOD_W * (pred.mood in t.moods)
        return out

    def _narrowing(self, draft: str) -> dict[str, float] | None:
        """Topic probabilities of the draft when it clearly speaks of one topic; None for a greeting, an apology
        or a sentence that could belong anywhere (those must not hide the message's own templates)."""
        topics = self.classifier.topics_of(_GREETING.sub("", draft, count=1))
        label, p = topics[0]
        return dict(topics) if label != "other" and p >= DRAFT_NARROW_P else None

    def rank(self, message: str, draft: str = "", top: int = 5, prediction: Prediction | None = None,
             today: dt.date | None = None) -> list[Suggestion]:
        """The best templates first, diversified by topic, with placeholders filled."""
        raw = self.scores(message, draft, prediction)
        order = sorted(range(len(self.library)), key=lambda i: (-raw[i], self.library[i].id))
        position = {i: k for k, i in enumerate(order)}
        chosen: list[tuple[float, int]] = []
        shown: dict[str, int] = {}
        pool = order[: max(top * 8, 40)]  # the diversified pick needs only the head of the list

        def effective(i: int) -> float:
            decay = REPEAT_DECAY ** shown.get(self.library[i].topic, 0)
            return raw[i] * decay if raw[i] > 0 else raw[i]

        while pool and len(chosen) < top:
            best = max(pool, key=lambda i: (effective(i), -position[i]))
            pool.remove(best)
            chosen.append((effective(best), best))
            shown[self.library[best].topic] = shown.get(self.library[best].topic, 0) + 1
        values = values_from(message_document(message, today or dt.date.today())) if chosen else {}
        out = []
        for score, i in chosen:
            t = self.library[i]
            f = fill(t.text, values, today)
            out.append(Suggestion(t.id, t.topic, t.title, f.text, float(score), f.missing, f.filled))
        return out
