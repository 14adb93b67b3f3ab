"""Topic and mood of a customer message."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import modelpack
from .fastlinear import compile_pipeline
from .paths import models_dir
from .textcheck import language_of

TOPIC_MODEL = "topic"
MOOD_MODEL = "mood"


@dataclass(frozen=True, slots=True)
class Prediction:
    """Topic and mood of one message with their probabilities, best first."""

    topic: str
    confidence: float
    mood: str
    mood_confidence: float
    topics: tuple[tuple[str, float], ...]
    moods: tuple[tuple[str, float], ...]
    language: str = "ru"

    def proba(self, topic: str) -> float:
        """Probability of one topic."""
        return dict(self.topics).get(topic, 0.0)

    def as_dict(self) -> dict:
        out = {
            "topic": self.topic,
            "confidence": round(self.confidence, 4),
            "mood": self.mood,
            "mood_confidence": round(self.mood_confidence, 4),
            "topics": [{"label": k, "p": round(p, 4)} for k, p in self.topics],
            "moods": [{"label": k, "p": round(p, 4)} for k, p in self.moods],
            "language": self.language,
        }
        if self.language == "other":
            out["warnings"] = ["Текст не похож на русский: тема и настроение определены ненадёжно."]
        return out


def _ranked(labels, probs) -> tuple[tuple[str, float], ...]:
    order = np.argsort(-probs, kind="stable")
    return tuple((str(labels[i]), float(probs[i])) for i in order)


class Classifier:
    """Topic and mood models loaded once; classify() is cheap afterwards."""

    def __init__(self, topic_model, mood_model, topic_meta: dict | None = None, mood_meta: dict | None = None):
        self.topic_model = topic_model
        self.mood_model = mood_model
        self._topic = compile_pipeline(topic_model)
        self._mood = compile_pipeline(mood_model)
        # While an operator types, the customer's message and most of the draft stay the same:
        # remember recent answers (Predictions are immutable).
        self._one = lru_cache(maxsize=4096)(self._classify_uncached)
        self.topics_of = lru_cache(maxsize=4096)(self._topics_uncached)
        self.topic_meta = topic_meta or {}
        self.mood_meta = mood_meta or {}

    @classmethod
    def load(cls, models: str | Path | None = None) -> "Classifier":
        """Load and check the shipped (or given) topic and mood models."""
        folder = models_dir(models)
        topic, tmeta = modelpack.load(folder / TOPIC_MODEL)
        mood, mmeta = modelpack.load(folder / MOOD_MODEL)
        return cls(topic, mood, tmeta, mmeta)

    def classify_many(self, texts: list[str]) -> list[Prediction]:
        """Predictions for a batch of texts (one vectorisation pass per model)."""
        if not texts:
            return []
        tp = self._topic.predict_proba(texts)
        mp = self._mood.predict_proba(texts)
        tl, ml = self.topic_model.classes_, self.mood_model.classes_
        out = []
        for text, t, m in zip(texts, tp, mp):
            topics, moods = _ranked(tl, t), _ranked(ml, m)
            out.append(Prediction(topics[0][0], topics[0][1], moods[0][0], moods[0][1],
                                  topics, moods, language_of(text)))
        return out

    def _topics_uncached(self, text: str) -> tuple[tuple[str, float], ...]:
        """Topic probabilities only, best first (the checker reads drafts with it)."""
        return _ranked(self.topic_model.classes_, self._topic.predict_proba([text])[0])

    def _classify_uncached(self, text: str) -> Prediction:
        return self.classify_many([text])[0]

    def classify(self, text: str) -> Prediction:
        """Topic and mood of one message (recent texts are answered from a cache)."""
        return self._one(text)
