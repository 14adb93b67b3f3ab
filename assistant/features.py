"""Feature extraction shared by training, the CLI and notebooks.

Analyzers are module-level functions so joblib can pickle the pipelines.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .embedding import navec  # noqa: F401  (re-exported: features and checks share one embedding)
from .morph import lemma
from .normalize import normalize_text, normalize_word, repair_lookalikes

_SKIP = frozenset(".,:;!?()[]{}\"'«»-—–…/\\")


# Features need no spans, so a regular expression stands in for razdel here (5× faster).
_FEATURE_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[?!]+|[^\w\s]")


@lru_cache(maxsize=4096)
def lemma_tokens(text: str) -> tuple[str, ...]:
    """Lemmas of the text's tokens (punctuation dropped, numbers folded, «?!» kept)."""
    known = _TOKEN_FEATURE
    if len(known) > 200_000:
        known.clear()
    out = []
    for tok in _FEATURE_TOKEN.findall(repair_lookalikes(text)):
        feature = known.get(tok)
        if feature is None:
            feature = known[tok] = _token_feature(tok)
        if feature is not _DROPPED:
            out.append(feature)
    return tuple(out)


_TOKEN_FEATURE: dict[str, object] = {}  # token → its feature, as words repeat from text to text
_DROPPED = object()  # the feature of punctuation that is left out


def _token_feature(tok: str) -> object:
    if tok in _SKIP:
        return _DROPPED
    if tok[0].isdigit():
        return "<num>"
    if tok[0] in "?!":
        return "<" + tok[0] + ">"
    return lemma(normalize_word(tok))


def lemma_analyzer(text: str) -> list[str]:
    """Lemma unigrams and bigrams of a text: the word-level features."""
    lem = lemma_tokens(text)
    return list(lem) + [a + " " + b for a, b in zip(lem, lem[1:])]


def char_preprocessor(text: str) -> str:
    """Normalised text for character n-grams."""
    return normalize_text(text)


# normalize_text works word by word (NFC, the word's own normal form, digits → 0) and joins the words
# with single spaces, so a text's prepared words are its words prepared one at a time; the fast inference
# path keys its per-word cache on raw words because of this (a test checks it on the corpora).
char_preprocessor.word_wise = True


class NavecMean(BaseEstimator, TransformerMixin):
    """Mean Navec vector of the lemmas known to the embedding (natasha's news vectors)."""

    def __init__(self, weight: float = 1.0):
        self.weight = weight

    def fit(self, X, y=None):
        self.dim_ = navec().pq.dim
        return self

    def transform(self, X):
        emb = navec()
        out = np.zeros((len(X), self.dim_), dtype=np.float32)
        for i, text in enumerate(X):
            vecs = [emb[w] for w in lemma_tokens(text) if w in emb]
            if vecs:
                v = np.mean(vecs, axis=0)
                n = np.linalg.norm(v)
                out[i] = v / n * self.weight if n else v
        return out
