"""Training of the draft-level models (`no_next_step`, `not_answered`) on the draft corpus."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import GroupKFold, cross_val_predict

from . import drafts, modelpack
from .checks.checker import Checker
from .checks import draftmodel as dm
from .checks.draftmodel import DRAFT_CODES, DRAFT_PARAMS, build_draft_pipeline, signals
from .checks.relevance import find_generic
from .checks.resources import Resources
from .classify import Classifier
from .paths import models_dir


def rows(checker: Checker, items: list[drafts.Draft]) -> list[tuple[str, dict]]:
    """(draft text, rule signals) for each draft, as the models read them."""
    out = []
    for d in items:
        ctx = checker.context(d.draft, d.message)
        out.append((d.draft, signals(ctx)))
    return out


def gates(checker: Checker, items: list[drafts.Draft]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per code: where the checker asks the model at all, and where a rule flags regardless of it.

    The threshold is chosen on the checker's decisions, not on the bare model: the guards
    (no question, a draft that covers every question, term and instruction both present) and
    the generic-phrase rule change which drafts the threshold has to separate.
    """
    asked_na, asked_ns, forced_na = [], [], []
    for d in items:
        ctx = checker.context(d.draft, d.message)
        sig = dm.cached_signals(ctx)
        asked_na.append(dm.needs_answer(ctx) and not dm.answered_by_rule(sig))
        asked_ns.append(dm.needs_step(ctx) and not dm.step_given(ctx))
        forced_na.append(next(iter(find_generic(ctx)), None) is not None)
    no = np.zeros(len(items), bool)
    return {"not_answered": (np.array(asked_na), np.array(forced_na)), "no_next_step": (np.array(asked_ns), no)}


def best_threshold(y: np.ndarray, p: np.ndarray, asked: np.ndarray | None = None,
                   forced: np.ndarray | None = None) -> float:
    """The threshold with the best F1 of the checker's decisions on cross-validated probabilities."""
    asked = np.ones(len(y), bool) if asked is None else asked
    forced = np.zeros(len(y), bool) if forced is None else forced
    grid = np.arange(0.2, 0.91, 0.02)
    scores = [f1_score(y, (asked & (p >= t)) | forced, zero_division=0) for t in grid]
    return round(float(grid[int(np.argmax(scores))]), 2)


def train(corpora: str | Path | None = None, models: str | Path | None = None,
          classifier: Classifier | None = None) -> dict[str, dict]:
    """Fit one model per draft code with a threshold chosen by group cross-validation; save them."""
    classifier = classifier or Classifier.load(models)
    checker = Checker(Resources(corpora, models, classifier=classifier, load_sentence_models=False))
    items = drafts.load("train", corpora)
    X = rows(checker, items)
    groups = [d.group for d in items]
    gated = gates(checker, items)
    out = {}
    for code in DRAFT_CODES:
        y = np.array([code in d.codes for d in items])
        params = DRAFT_PARAMS.get(code, {})
        p_cv = cross_val_predict(build_draft_pipeline(**params), X, y, cv=GroupKFold(5), groups=groups,
                                 method="predict_proba")[:, 1]
        asked, forced = gated[code]
        threshold = best_threshold(y, p_cv, asked, forced)
        model = build_draft_pipeline(**params).fit(X, y)
        pred = (asked & (p_cv >= threshold)) | forced
        meta = {
            "task": f"draft:{code}",
            "labels": [bool(c) for c in model.classes_],
            "threshold": threshold,
            "data_sha256": hashlib.sha256(json.dumps([[d.draft, d.message, sorted(d.codes)] for d in items],
                                                     ensure_ascii=False).encode()).hexdigest(),
            "params": params,
            "train_size": len(items),
            "positives": int(y.sum()),
            "metrics": {"cv": {"precision": round(precision_score(y, pred, zero_division=0), 4),
                               "recall": round(recall_score(y, pred, zero_division=0), 4),
                               "f1": round(f1_score(y, pred, zero_division=0), 4)}},
        }
        out[code] = modelpack.save(model, models_dir(models) / f"draft_{code}", meta)
    return out
