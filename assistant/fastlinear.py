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


_SHARED_MAX = 64  # texts remembered per analyzer and per block: one check asks several models about one text


class _Ids(dict):
    """Term → global id; an unknown term reads as -1, so a whole n-gram list maps in C."""

    def __missing__(self, term: str) -> int:
        return -1


class _Terms:
    """Every term of the fitted vocabularies that share one analyzer, with one global id each.

    A text's n-grams are looked up here once; each block then maps the global ids to its own
    columns with one array index, instead of every model looking every n-gram up in its own dict.
    scikit-learn's `char_wb` analyzer takes n-grams inside each whitespace-separated word, so for
    it a text's ids are its words' ids one after another, and a word's ids are kept once found
    (words repeat from text to text; texts rarely do).
    """

    WORDS_MAX = 100_000

    def __init__(self, vec: TfidfVectorizer):
        self.analyze = vec.build_analyzer()
        self.ids: dict[str, int] = _Ids()
        self._recent: dict[str, np.ndarray] = {}
        self._words: dict[str, np.ndarray] | None = None
        if vec.analyzer == "char_wb":
            self._words = {}
            self._prepare = vec.build_preprocessor()
            self._decode = vec.decode
            self._white = vec._white_spaces
            self._word_grams = vec._char_wb_ngrams
            # True when preparing a text equals preparing each of its whitespace-separated words
            self._word_wise = bool(getattr(self._prepare, "word_wise", False))

    def register(self, vocab: dict[str, int]) -> np.ndarray:
        """Add a vocabulary's terms; the array maps each global id known so far to the vocabulary's column."""
        ids = self.ids
        for term in vocab:
            if term not in ids:
                ids[term] = len(ids)
        self._recent.clear()
        if self._words is not None:
            self._words.clear()
        remap = np.full(len(ids), -1, dtype=np.int64)
        for term, col in vocab.items():
            remap[ids[term]] = col
        return remap

    def _lookup(self, grams: list[str]) -> np.ndarray:
        ids = np.fromiter(map(self.ids.__getitem__, grams), dtype=np.int64, count=len(grams))
        return ids[ids >= 0]

    def _char_wb_ids(self, text: str) -> np.ndarray:
        words = self._words
        if len(words) >= self.WORDS_MAX:
            words.clear()
        parts = []
        # a word-wise preprocessor prepares a text as its words one by one: the raw word is the key
        raw = text.split() if self._word_wise else self._white.sub(" ", self._prepare(self._decode(text))).split()
        for word in raw:
            found = words.get(word)
            if found is None:
                found = words[word] = self._word_ids(word)
            parts.append(found)
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def _word_ids(self, word: str) -> np.ndarray:
        if self._word_wise:
            grams = [g for w in self._white.sub(" ", self._prepare(self._decode(word))).split()
                     for g in self._word_grams(w)]
        else:
            grams = self._word_grams(word)
        return self._lookup(grams)

    def text_ids(self, text: str) -> np.ndarray:
        """Global ids of the text's known n-grams, repeats kept."""
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= _SHARED_MAX:
                self._recent.clear()
            if self._words is not None:
                found = self._char_wb_ids(text)
            else:
                found = self._lookup(self.analyze(text))
            self._recent[text] = found
        return found


_TERMS: dict[tuple, _Terms] = {}  # by analyzer key
_BLOCKS: dict[tuple, list["TfidfBlock"]] = {}  # fitted blocks by (analyzer key, size): equal ones are shared


def _analyzer_key(vec: TfidfVectorizer) -> tuple:
    analyzer = vec.analyzer if isinstance(vec.analyzer, str) else getattr(vec.analyzer, "__qualname__", id(vec))
    pre = getattr(vec.preprocessor, "__qualname__", vec.preprocessor)
    return (analyzer, pre, vec.ngram_range, vec.lowercase)


class TfidfBlock:
    __slots__ = ("terms", "remap", "vocab", "idf", "sublinear", "_recent")

    def __init__(self, vec: TfidfVectorizer):
        if vec.norm != "l2" or not vec.use_idf:
            raise ValueError("fast path supports l2-normalised TF-IDF blocks only")
        key = _analyzer_key(vec)
        self.terms = _TERMS.get(key) or _TERMS.setdefault(key, _Terms(vec))
        self.vocab = vec.vocabulary_
        self.remap = self.terms.register(self.vocab)
        self.idf = vec.idf_.astype(np.float64)
        self.sublinear = vec.sublinear_tf
        self._recent: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def of(cls, vec: TfidfVectorizer) -> "TfidfBlock":
        """The block for a fitted vectorizer, shared with an earlier model fitted to the same vocabulary."""
        key = (_analyzer_key(vec), len(vec.vocabulary_), vec.sublinear_tf)
        for block in _BLOCKS.get(key, ()):
            if np.array_equal(block.idf, vec.idf_) and block.vocab == vec.vocabulary_:
                return block
        block = cls(vec)
        _BLOCKS.setdefault(key, []).append(block)
        return block

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and l2-normalised TF-IDF values of the text, within this block."""
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= _SHARED_MAX:
                self._recent.clear()
            found = self._recent[text] = self._features(text)
        return found

    def features_many(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, value) of the non-zero features of several texts, rows ascending: the same
        numbers as features() per text, computed with one pass of array operations for all of them."""
        ids = [self.terms.text_ids(t) for t in texts]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        ids = np.concatenate(ids) if len(ids) else np.empty(0, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        known = ids < len(self.remap)
        cols = self.remap[ids[known]]
        rows = rows[known]
        kept = cols >= 0
        width = len(self.idf)
        keys, tf = np.unique(rows[kept] * width + cols[kept], return_counts=True)
        rows, cols = np.divmod(keys, width)
        tf = tf.astype(np.float64)
        if self.sublinear:
            tf = 1.0 + np.log(tf)
        vals = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=len(texts)))
        vals /= norms[rows]
        return rows, cols, vals

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids = self.terms.text_ids(text)
        cols = self.remap[ids[ids < len(self.remap)]]
        cols = cols[cols >= 0]
        if not len(cols):
            return cols, np.empty(0)
        cols, tf = np.unique(cols, return_counts=True)
        tf = tf.astype(np.float64)
        if self.sublinear:
            tf = 1.0 + np.log(tf)
        vals = tf * self.idf[cols]
        vals /= np.sqrt(vals @ vals)
        return cols, vals


def clear_caches() -> None:
    """Forget the recent texts' n-grams and features (the benchmark measures every text as new)."""
    for terms in _TERMS.values():
        terms._recent.clear()
    for blocks in _BLOCKS.values():
        for block in blocks:
            block._recent.clear()


class FastLinear:
    """predict_proba of a fitted TF-IDF → LinearSVC → sigmoid-calibration pipeline, without sklearn overhead."""

    BATCH = 32  # texts per batched product

    def __init__(self, pipeline: Pipeline):
        union = pipeline.named_steps["features"]
        clf = pipeline.named_steps["clf"]
        if not isinstance(clf, CalibratedClassifierCV) or len(clf.calibrated_classifiers_) != 1:
            raise ValueError("fast path needs CalibratedClassifierCV(ensemble=False)")
        self.blocks = []  # (block, its first column in the model's coefficients)
        offset = 0
        for _, vec in union.transformer_list:
            if not isinstance(vec, TfidfVectorizer):
                raise ValueError(f"fast path cannot run {type(vec).__name__}")
            self.blocks.append((TfidfBlock.of(vec), offset))
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
        for block, offset in self.blocks:
            cols, vals = block.features(text)
            if len(cols):
                out += vals @ self.coef[cols + offset]
        return out

    def decisions(self, texts: list[str]) -> np.ndarray:
        """Decision values of several texts at once: one sparse product instead of one per text."""
        out = np.tile(self.intercept, (len(texts), 1))
        for block, offset in self.blocks:
            rows, cols, vals = block.features_many(texts)
            if len(cols):
                contrib = vals[:, None] * self.coef[cols + offset]
                starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
                out[rows[starts]] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def _proba(self, decision: np.ndarray) -> np.ndarray:
        p = expit(-(self.a * decision + self.b))
        if self.binary:
            return np.concatenate([1.0 - p, p], axis=-1)
        total = p.sum(axis=-1, keepdims=True)
        return np.divide(p, total, out=np.full_like(p, 1.0 / p.shape[-1]), where=total > 0)

    def proba_one(self, text: str) -> np.ndarray:
        return self._proba(self.decision(text))

    def predict_proba(self, texts) -> np.ndarray:
        """Class probabilities of each text; several texts go through one batched product."""
        texts = list(texts)
        if len(texts) < 2:
            return self._proba(self.decision(texts[0]))[None, :] if texts else np.empty((0, len(self.classes_)))
        # in slices: a batch's products take (its non-zero features × outputs) floats at once
        return np.vstack([self._proba(self.decisions(texts[i:i + self.BATCH]))
                          for i in range(0, len(texts), self.BATCH)])


class StackedLinear(FastLinear):
    """Binary FastLinear models over the very same feature blocks, scored together: one feature pass and one
    product give every model's positive-class probability (column j is models[j]'s)."""

    def __init__(self, models: list[FastLinear]):
        if not models:
            raise ValueError("nothing to stack")
        layout = [(id(block), offset) for block, offset in models[0].blocks]
        for m in models:
            if not m.binary or [(id(block), offset) for block, offset in m.blocks] != layout:
                raise ValueError("stacked models must be binary and share their feature blocks")
        self.blocks = models[0].blocks
        self.coef = np.ascontiguousarray(np.hstack([m.coef for m in models]))
        self.intercept = np.concatenate([m.intercept for m in models])
        self.a = np.concatenate([m.a for m in models])
        self.b = np.concatenate([m.b for m in models])
        self.classes_ = None
        self.binary = True

    def positives(self, texts: list[str]) -> np.ndarray:
        """(texts × models) positive-class probabilities."""
        if len(texts) == 1:
            d = self.decision(texts[0])[None, :]
        else:
            d = np.vstack([self.decisions(texts[i:i + self.BATCH]) for i in range(0, len(texts), self.BATCH)])
        return expit(-(self.a * d + self.b))


def compile_pipeline(pipeline: Pipeline):
    """The fast path for a pipeline when it supports it, else the pipeline itself."""
    try:
        return FastLinear(pipeline)
    except (ValueError, AttributeError, KeyError):
        return pipeline
