"""A fast inference path for the draft-level models (`build_draft_pipeline`).

scikit-learn spends milliseconds per single-row predict in validation, joblib and
pipeline plumbing; the checker has a budget of a few milliseconds per draft. The
soft vote of the linear and the tree model is recomputed here from the fitted
parameters: TF-IDF look-ups and a dot product for the linear half, all boosted
trees walked level by level with numpy for the other. Tests check both paths agree.
"""
from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.ensemble import VotingClassifier

from ..fastlinear import TfidfBlock


class _Trees:
    """The raw score of a fitted HistGradientBoostingClassifier (binary) over a dense row."""

    def __init__(self, hgb):
        feats, thr, left, right, leaf, value, roots = [], [], [], [], [], [], []
        offset = 0
        for (tree,) in hgb._predictors:
            nodes = tree.nodes
            roots.append(offset)
            feats.append(nodes["feature_idx"].astype(np.int64))
            thr.append(nodes["num_threshold"].astype(np.float64))
            left.append(nodes["left"].astype(np.int64) + offset)
            right.append(nodes["right"].astype(np.int64) + offset)
            leaf.append(nodes["is_leaf"].astype(bool))
            value.append(nodes["value"].astype(np.float64))
            offset += len(nodes)
        self.feature = np.concatenate(feats)
        self.threshold = np.concatenate(thr)
        self.left = np.concatenate(left)
        self.right = np.concatenate(right)
        self.leaf = np.concatenate(leaf)
        self.value = np.concatenate(value)
        self.roots = np.array(roots, dtype=np.int64)
        self.baseline = float(np.ravel(hgb._baseline_prediction)[0])

    def raw(self, x: np.ndarray) -> float:
        idx = self.roots.copy()
        while True:
            inner = ~self.leaf[idx]
            if not inner.any():
                break
            at = idx[inner]
            go_left = x[self.feature[at]] <= self.threshold[at]
            idx[inner] = np.where(go_left, self.left[at], self.right[at])
        return self.baseline + float(self.value[idx].sum())


class FastDraft:
    """predict_proba of a fitted `build_draft_pipeline` model for one (text, signals) row at a time."""

    def __init__(self, model: VotingClassifier):
        linear, trees = model.named_estimators_["linear"], model.named_estimators_["trees"]
        union = linear.named_steps["features"]
        words = dict(union.transformer_list)["words"].named_steps["tfidf"]
        dv_lin = dict(union.transformer_list)["signals"].named_steps["dict"]
        lr = linear.named_steps["clf"]
        self.block = TfidfBlock.of(words)
        self.lin_vocab = {k: v + len(words.vocabulary_) for k, v in dv_lin.vocabulary_.items()}
        self.coef = lr.coef_[0].astype(np.float64)
        self.intercept = float(lr.intercept_[0])
        self.tree_vocab = trees.named_steps["dict"].vocabulary_
        self.trees = _Trees(trees.named_steps["clf"])
        w = np.asarray(model.weights if model.weights is not None else [1.0, 1.0], dtype=np.float64)
        self.weights = w / w.sum()
        self.classes_ = model.classes_

    def proba_one(self, text: str, signals: dict) -> float:
        cols, vals = self.block.features(text)
        z = self.intercept + (float(vals @ self.coef[cols]) if len(cols) else 0.0)
        x = np.zeros(len(self.tree_vocab))
        for key, v in signals.items():
            col = self.lin_vocab.get(key)
            if col is not None:
                z += self.coef[col] * v
            col = self.tree_vocab.get(key)
            if col is not None:
                x[col] = v
        return float(self.weights[0] * expit(z) + self.weights[1] * expit(self.trees.raw(x)))

    def predict_proba(self, rows) -> np.ndarray:
        p = np.array([self.proba_one(text, sig) for text, sig in rows])
        return np.column_stack([1.0 - p, p])


def compile_draft(model):
    """The fast path for a draft model when it supports it, else the model itself."""
    try:
        return FastDraft(model)
    except (AttributeError, KeyError, TypeError, ValueError):
        return model
