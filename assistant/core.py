"""The Assistant: models and resources loaded once, then classify / suggest / check."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from threadpoolctl import threadpool_limits

from .checks import Checker, CheckResult, Resources
from .classify import Classifier, Prediction
from .paths import templates_dir
from .suggest import Suggester, Suggestion
from .templates import load_library
from .textcheck import require_text


class Assistant:
    """Entry point for the CLI, the web app and notebooks: build once, call many times."""

    def __init__(self, models: str | Path | None = None, corpora: str | Path | None = None):
        # Every product here is a tiny matrix (one message, a few sentences): BLAS threads only add hand-off
        # cost, and on a busy 2-core server they make natasha's NER 30 times slower (27 ms against 0.9 ms).
        threadpool_limits(limits=1, user_api="blas")
        self.models = models
        self.corpora = corpora
        self.classifier = Classifier.load(models)

    @cached_property
    def checker(self) -> Checker:
        return Checker(Resources(self.corpora, self.models, classifier=self.classifier))

    @cached_property
    def suggester(self) -> Suggester:
        return Suggester(load_library(templates_dir(self.corpora)), self.classifier)

    def set_templates(self, library: list) -> None:
        """Rank over another template library from now on (the service merges admin changes in)."""
        self.suggester = Suggester(list(library), self.classifier)

    def suggest(self, message: str, draft: str = "", top: int = 5) -> list[Suggestion]:
        """The best reply templates for a message, narrowed by the operator's draft, placeholders filled."""
        require_text(message, "message")
        require_text(draft, "draft", allow_empty=True)
        return self.suggester.rank(message, draft, top=top)

    def classify(self, text: str) -> Prediction:
        """Topic and mood of a customer message."""
        return self.classifier.classify(require_text(text))

    def classify_many(self, texts: list[str]) -> list[Prediction]:
        """Topic and mood of many messages at once (faster per message)."""
        return self.classifier.classify_many([require_text(t) for t in texts])

    def check(self, draft: str, message: str | None = None) -> CheckResult:
        """Flags with spans and suggestions, and the 0–100 score of an operator's draft."""
        require_text(draft, "draft")
        if message is not None:
            require_text(message, "message", allow_empty=True)
        return self.checker.check(draft, message or None)
