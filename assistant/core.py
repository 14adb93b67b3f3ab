"""The Assistant: models and resources loaded once, then classify / suggest / check."""
from __future__ import annotations

from pathlib import Path

from .classify import Classifier, Prediction
from .textcheck import require_text


class Assistant:
    """Entry point for the CLI, the web app and notebooks: build once, call many times."""

    def __init__(self, models: str | Path | None = None, corpora: str | Path | None = None):
        self.models = models
        self.corpora = corpora
        self.classifier = Classifier.load(models)

    def classify(self, text: str) -> Prediction:
        """Topic and mood of a customer message."""
        return self.classifier.classify(require_text(text))

    def classify_many(self, texts: list[str]) -> list[Prediction]:
        """Topic and mood of many messages at once (faster per message)."""
        return self.classifier.classify_many([require_text(t) for t in texts])
