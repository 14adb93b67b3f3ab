"""A fast inference path for our fitted text pipelines.

scikit-learn spends most of a single-text predict in input validation and sparse
matrix plumbing. For the pipelines of `build_pipeline` (TF-IDF blocks → linear
SVM → sigmoid calibration) the same numbers come out of a few dictionary look-ups
and one small matrix product. `compile_pipeline` reads the fitted pipeline;
tests check that both paths give the same probabilities.
"""
from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline


_SHARED: dict[tuple, np.ndarray] = {}  # recent texts' n-gram lists, shared by models with one analyzer
_SHARED_MAX = 64


def _analyzer_key(vec: TfidfVectorizer) -> tuple:
    analyzer = vec.analyzer if isinstance(vec.analyzer, str) else getattr(vec.analyzer, "__qualname__", id(vec))
    pre = getattr(vec.preprocessor, "__qualname__", vec.preprocessor)
    return (analyzer, pre, vec.ngram_range, vec.lowercase)


class _Block:
    __slots__ = ("analyze", "key", "vocab", "idf", "offset", "sublinear")

    def __init__(self, vec: TfidfVectorizer, offset: int):
        if vec.norm != "l2" or not vec.use_idf:
            raise ValueError("fast path supports l2-normalised TF-IDF blocks only")
        self.analyze = vec.build_analyzer()
        self.key = _analyzer_key(vec)
        self.vocab = vec.vocabulary_
        self.idf = vec.idf_.astype(np.float64)
        self.offset = offset
        self.sublinear = vec.sublinear_tf

    def grams(self, text: str) -> list[str]:
        key = (self.key, text)
        found = _SHARED.get(key)
        if found is None:
            if len(_SHARED) >= _SHARED_MAX:
                _SHARED.clear()
            found = _SHARED[key] = self.analyze(text)
        return found

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        get = self.vocab.get
        cols = np.fromiter((get(g, -1) for g in self.grams(text)), dtype=np.int64)
        cols = cols[cols >= 0]
        if not len(cols):
            return cols, np.empty(0)
        cols, tf = np.unique(cols, return_counts=True)
        tf = tf.astype(np.float64)
        if self.sublinear:
            tf = 1.0 + np.log(tf)
        vals = tf * self.idf[cols]
        vals /= np.sqrt(vals @ vals)
        return cols + self.offset, vals


class FastLinear:
    """predict_proba of a fitted TF-IDF → LinearSVC → sigmoid-calibration pipeline, without sklearn overhead."""

    def __init__(self, pipeline: Pipeline):
        union = pipeline.named_steps["features"]
        clf = pipeline.named_steps["clf"]
        if not isinstance(clf, CalibratedClassifierCV) or len(clf.calibrated_classifiers_) != 1:
            raise ValueError("fast path needs CalibratedClassifierCV(ensemble=False)")
        self.blocks = []
        offset = 0
        for _, vec in union.transformer_list:
            if not isinstance(vec, TfidfVectorizer):
                raise ValueError(f"fast path cannot run {type(vec).__name__}")
            self.blocks.append(_Block(vec, offset))
            offset += len(vec.vocabulary_)
        cal = clf.calibrated_classifiers_[0]
        svm = cal.estimator
        self.coef = np.ascontiguousarray(svm.coef_.T, dtype=np.float64)  # (features, outputs)
        self.intercept = np.asarray(svm.intercept_, dtype=np.float64)
        self.a = np.array([c.a_ for c in cal.calibrators], dtype=np.float64)
        self.b = np.array([c.b_ for c in cal.calibrators], dtype=np.float64)
        self.classes_ = clf.classes_
        self.binary = len(self.classes_) == 2

    def decision(self, text: str) -> np.ndarray:
        out = self.intercept.copy()
        for block in self.blocks:
            cols, vals = block.features(text)
            if len(cols):
                out += vals @ self.coef[cols]
        return out

    def proba_one(self, text: str) -> np.ndarray:
        p = expit(-(self.a * self.decision(text) + self.b))
        if self.binary:
            return np.array([1.0 - p[0], p[0]])
        total = p.sum()
        return p / total if total else np.full_like(p, 1.0 / len(p))

    def predict_proba(self, texts) -> np.ndarray:
        return np.vstack([self.proba_one(t) for t in texts]) if len(texts) else np.empty((0, len(self.classes_)))


def compile_pipeline(pipeline: Pipeline):
    """The fast path for a pipeline when it supports it, else the pipeline itself."""
    try:
        return FastLinear(pipeline)
    except (ValueError, AttributeError, KeyError):
        return pipeline
