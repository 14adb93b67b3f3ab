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
    out = []
    for tok in _FEATURE_TOKEN.findall(repair_lookalikes(text)):
        if tok in _SKIP:
            continue
        if tok[0].isdigit():
            out.append("<num>")
        elif tok[0] in "?!":
            out.append("<" + tok[0] + ">")
        else:
            out.append(lemma(normalize_word(tok)))
    return tuple(out)


def lemma_analyzer(text: str) -> list[str]:
    """Lemma unigrams and bigrams of a text: the word-level features."""
    lem = lemma_tokens(text)
    return list(lem) + [a + " " + b for a, b in zip(lem, lem[1:])]


def char_preprocessor(text: str) -> str:
    """Normalised text for character n-grams."""
    return normalize_text(text)


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
