"""Data the rules need, loaded once: lexicons, the obscene list, allow-lists and the rudeness model."""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from .. import modelpack
from ..fastlinear import FastLinear, StackedLinear, compile_pipeline
from ..lexicon import Lexicon, read_lines
from ..paths import lexicons_dir, models_dir
from .fastdraft import compile_draft

LEXICONS = ("categorical", "alternative", "blame", "blame_final", "rude", "bureaucratese", "overpromise", "apology",
            "greeting", "generic", "vague_step", "next_step", "rule_reason", "bureaucratese_weak", "advice_before",
            "offer")


@dataclass(eq=False)
class Resources:
    """Everything the rules read, built once per process and shared by every check."""

    corpora: str | Path | None = None
    models: str | Path | None = None
    classifier: object | None = None  # assistant.classify.Classifier, for the draft's own topic
    load_sentence_models: bool = True
    lexicons: dict[str, Lexicon] = field(default_factory=dict)

    def __post_init__(self):
        folder = lexicons_dir(self.corpora)
        for name in LEXICONS:
            self.lexicons[name] = Lexicon.from_file(folder / f"{name}.txt")

    def lexicon(self, name: str) -> Lexicon:
        return self.lexicons[name]

    @cached_property
    def obscene(self) -> frozenset[str]:
        """Normalised obscene word forms (shipped compressed, see lexicons/NOTICE-obscene.md)."""
        with gzip.open(lexicons_dir(self.corpora) / "obscene.txt.gz", "rt", encoding="utf-8") as fh:
            return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return frozenset(w.upper() for w in read_lines(lexicons_dir(self.corpora) / "abbreviations.txt"))

    @cached_property
    def pii_allow(self) -> tuple[str, ...]:
        return tuple(read_lines(lexicons_dir(self.corpora) / "pii_allow.txt"))

    def sentence_score(self, code: str, sentence: str) -> float:
        """Probability from the code's sentence model (0 without one); recent sentences are cached."""
        return self._scorer(code).scores([sentence])[0]

    def sentence_scores(self, code: str, sentences: list[str]) -> list[float]:
        """Probabilities of several sentences, scored in one batch."""
        return self._scorer(code).scores(sentences)

    def threshold(self, code: str) -> float:
        loaded = self.sentence_model(code)
        return loaded[1] if loaded else 1.0

    def _scorer(self, code: str) -> "_SentenceScorer":
        return self._scorers.get(code) or _SentenceScorer(None, 0)

    @cached_property
    def _scorers(self) -> dict[str, "_SentenceScorer"]:
        """Per code, its view of a sentence cache. Models over one vocabulary share one cache and are scored
        together (`StackedLinear`): a sentence one code asks about is then known to the others."""
        from ..rude import SENTENCE_CODES
        models = {code: loaded[0] for code in SENTENCE_CODES if (loaded := self.sentence_model(code))}
        fast = [m for m in models.values() if isinstance(m, FastLinear)]
        if len(fast) == len(models) > 1:
            try:
                cache = _ScoreCache(StackedLinear(fast).positives)
                return {code: _SentenceScorer(cache, i) for i, code in enumerate(models)}
            except ValueError:
                pass  # models over different vocabularies: each is scored on its own
        return {code: _SentenceScorer(_ScoreCache(_positive_column(m)), 0) for code, m in models.items()}

    @lru_cache(maxsize=None)
    def draft_model(self, code: str):
        """(model, threshold) of a draft-level model, or None when it is not trained."""
        folder = models_dir(self.models) / f"draft_{code}"
        if not self.load_sentence_models or not (folder / "meta.json").exists():
            return None
        model, meta = modelpack.load(folder)
        return compile_draft(model), float(meta["threshold"])

    @lru_cache(maxsize=None)
    def sentence_model(self, code: str):
        """(fast model, threshold) of a sentence tone model, or None when it is not trained."""
        folder = models_dir(self.models) / f"tone_{code}"
        if not self.load_sentence_models or not (folder / "meta.json").exists():
            return None
        model, meta = modelpack.load(folder)
        return compile_pipeline(model), float(meta["threshold"])


def _positive_column(model):
    """texts → (texts × 1) probabilities of the model's True class."""
    positive = list(model.classes_).index(True)
    return lambda texts: model.predict_proba(texts)[:, [positive]]


class _ScoreCache:
    """Probabilities of recent sentences, one row per sentence, computed in batches."""

    MAX = 8192

    def __init__(self, batch):
        self.batch = batch
        self._known: dict[str, np.ndarray] = {}

    def rows(self, sentences: list[str]) -> list[np.ndarray]:
        known = self._known
        new = list(dict.fromkeys(s for s in sentences if s not in known))
        if new:
            if len(known) + len(new) > self.MAX:
                known.clear()
            known.update(zip(new, self.batch(new)))
        return [known[s] for s in sentences]

    def clear(self) -> None:
        self._known.clear()


class _SentenceScorer:
    """One code's positive-class probability from a (possibly shared) sentence cache; 0 without a model."""

    def __init__(self, cache: _ScoreCache | None, column: int):
        self.cache = cache
        self.column = column

    def scores(self, sentences: list[str]) -> list[float]:
        if self.cache is None:
            return [0.0] * len(sentences)
        return [float(row[self.column]) for row in self.cache.rows(sentences)]

    def cache_clear(self) -> None:
        if self.cache is not None:
            self.cache.clear()
