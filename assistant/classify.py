"""Topic and mood of a customer message."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import modelpack
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
        tp = self.topic_model.predict_proba(texts)
        mp = self.mood_model.predict_proba(texts)
        tl, ml = self.topic_model.classes_, self.mood_model.classes_
        out = []
        for text, t, m in zip(texts, tp, mp):
            topics, moods = _ranked(tl, t), _ranked(ml, m)
            out.append(Prediction(topics[0][0], topics[0][1], moods[0][0], moods[0][1],
                                  topics, moods, language_of(text)))
        return out

    def classify(self, text: str) -> Prediction:
        """Topic and mood of one message."""
        return self.classify_many([text])[0]
