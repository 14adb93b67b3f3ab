"""Sentence tone models (rude, blame, categorical): weak labels, training, thresholds, evaluation.

Labels come from two team-written sources:
- `drafts/sentences_*.jsonl`: operator sentences labelled for `rude`, `blame` and/or `categorical` (a line is
  used for each code it has a true/false for);
- the draft corpus: every bad draft was written from its group's good draft by
  introducing a defect, so when exactly one sentence of a bad draft is new, it
  carries the draft's codes (weak sentence labels); sentences of good drafts
  are negatives for every code. Bad drafts with several new sentences are left
  out, since which sentence is at fault is unknown.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from . import corpus, drafts, modelpack
from .normalize import normalize_text
from .paths import drafts_dir, models_dir
from .pipeline import build_features, build_pipeline, fit_on_shared_features
from .tokens import sentences

SENTENCE_CODES = ("rude", "categorical", "blame")
LABELLED_CODES = ("rude", "blame", "categorical")  # the codes the sentence files label
# Threshold: the lowest one whose cross-validated precision reaches the target. Weak labels
# (blame, categorical) are noisy, so their target is lower; the rules carry most of those codes. A false
# «rude» on a good reply costs an operator's trust more than a miss the phrase rules may still catch:
# at 0.9 the model flagged plain sentences of the clean development set («повторять ничего не нужно»).
# Blame learned from weak labels alone flagged plain terms; the labelled sentences with their near-misses
# («зачисление зависит от банка, обычно до 3 дней» is no blame) are what make it usable. At 0.85 it read honest
# causes in good replies («…, потому что при оформлении был выбран способ «На баланс»») as blame: 14 of the 480
# development replies flagged against 10 at 0.9; the phrase rules carry most of the code. With 2,000 labelled
# sentences its cross-validated precision is flat from 0.76 to 0.85 (0.905–0.915) while recall falls 0.66 → 0.59,
# so a 0.9 target sat at 0.76, where it read contrasts («поставили по ошибке, а не потому, что…», «мы не
# производитель, а продавец») as blame in 4 of the 480 development replies; at 0.92 (0.87) it flags 1.
# Categorical learned from weak labels alone at 0.8; with the hand-labelled refusals and their near-misses the
# cross-validated precision means more, and at 0.8 the threshold fell to 0.32, which on a development set of new
# writers' drafts added a false alarm and no hit.
TARGET_PRECISION = {"rude": 0.93, "categorical": 0.85, "blame": 0.92}


def check_sentence(obj: object, where: str) -> dict:
    """One labelled sentence line: a non-empty «text» and a true/false for one or more of LABELLED_CODES."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise corpus.CorpusError(f"{where}: need «text» (a non-empty string)")
    given = [c for c in LABELLED_CODES if c in obj]
    if not given or any(not isinstance(obj[c], bool) for c in given):
        names = ", ".join(f"«{c}»" for c in LABELLED_CODES)
        raise corpus.CorpusError(f"{where}: need one or more of {names} as true/false")
    extra = set(obj) - {"text", *LABELLED_CODES}
    if extra:
        raise corpus.CorpusError(f"{where}: unknown field(s) {sorted(extra)}")
    return obj


def load_sentences(split: str, corpora: str | Path | None = None, code: str = "rude") -> tuple[list[str], list[bool]]:
    """(texts, labels) of the labelled operator sentences of one split that carry a label for the code."""
    if code not in LABELLED_CODES:
        raise ValueError(f"sentence files label {', '.join(LABELLED_CODES)}, not {code!r}")
    path = drafts_dir(corpora) / f"sentences_{split}.jsonl"
    texts, labels = [], []
    for n, obj in corpus.read_jsonl(path):
        obj = check_sentence(obj, f"{path}:{n}")
        if code in obj:
            texts.append(obj["text"])
            labels.append(obj[code])
    return texts, labels


def add_sentences(records, corpora: str | Path | None = None) -> dict[str, int]:
    """Add labelled sentences ((where, record) pairs); each lands in train or held-out by its text's hash, as
    messages do. Every line is checked before anything is written; one already in either file is skipped."""
    folder = drafts_dir(corpora)
    seen = {normalize_text(obj["text"]) for s in ("train", "test") if (folder / f"sentences_{s}.jsonl").exists()
            for _, obj in corpus.read_jsonl(folder / f"sentences_{s}.jsonl") if isinstance(obj, dict) and "text" in obj}
    new: dict[str, list[dict]] = {"train": [], "test": []}
    duplicates = 0
    for where, obj in records:
        obj = check_sentence(obj, where)
        key = normalize_text(obj["text"])
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        rec = {"text": obj["text"], **{c: obj[c] for c in LABELLED_CODES if c in obj}}
        new["test" if corpus.is_held_out(obj["text"]) else "train"].append(rec)
    for split, recs in new.items():
        corpus.append_jsonl(folder / f"sentences_{split}.jsonl", recs)
    return {"train": len(new["train"]), "test": len(new["test"]), "duplicate": duplicates}


def weak_sentences(items: list[drafts.Draft], code: str) -> tuple[list[str], list[bool]]:
    """Sentences of the draft corpus labelled for one code by comparing bad drafts with the good one."""
    good: dict[str, set[str]] = defaultdict(set)
    for d in items:
        if d.quality == "good":
            good[d.group].update(normalize_text(s.text) for s in sentences(d.draft))
    seen: dict[str, bool] = {}
    for d in items:
        keys = [normalize_text(s.text) for s in sentences(d.draft)]
        new = [k for k in keys if d.quality == "bad" and k not in good[d.group]]
        for key in keys:
            if len(key) < 3:
                continue
            if d.quality == "bad" and key in new and len(new) > 1:
                continue  # several sentences changed: which one carries the defect is unknown
            label = d.quality == "bad" and key in new and code in d.codes
            if key in seen and (seen[key] or not label):
                continue
            seen[key] = label
    originals = {normalize_text(s.text): s.text for d in items for s in sentences(d.draft)}
    return [originals[k] for k in seen], list(seen.values())


def training_data(code: str, corpora: str | Path | None = None) -> tuple[list[str], list[bool]]:
    """All training sentences for a code (never the held-out files)."""
    X, y = weak_sentences(drafts.load("train", corpora), code)
    if code in LABELLED_CODES:
        Xs, ys = load_sentences("train", corpora, code)
        X, y = X + Xs, y + ys
    return X, y


def choose_threshold(y: list[bool], p: np.ndarray, target: float) -> float:
    """Lowest threshold with precision ≥ target on cross-validated probabilities, else the most precise one."""
    y_arr = np.array(y)
    best = (0.0, 0.95)
    for t in np.arange(0.3, 0.96, 0.01):
        pred = p >= t
        if pred.sum() < 5:
            break
        precision = precision_score(y_arr, pred)
        if precision >= target:
            return round(float(t), 2)
        best = max(best, (precision, round(float(t), 2)))
    return best[1]


def sentence_metrics(y: list[bool], p: np.ndarray, threshold: float) -> dict:
    pred = p >= threshold
    return {"n": len(y), "precision": round(precision_score(y, pred, zero_division=0), 4),
            "recall": round(recall_score(y, pred, zero_division=0), 4),
            "f1": round(f1_score(y, pred, zero_division=0), 4)}


def shared_features(data: dict[str, tuple[list[str], list[bool]]]):
    """TF-IDF features fitted on every code's training sentences (`data`: code → training_data). The three models
    read one vocabulary, so checking a sentence computes its features once and scores all three with one product."""
    texts = list(dict.fromkeys(t for X, _ in data.values() for t in X))
    return build_features().fit(texts)


def train_code(code: str, corpora: str | Path | None = None, models: str | Path | None = None,
               features=None, data: dict[str, tuple[list[str], list[bool]]] | None = None) -> dict:
    """Fit one sentence model, choose its threshold by cross-validation, save it with meta.json.

    The threshold comes from 5-fold predictions of whole pipelines (features fitted within each fold); the
    saved model's classifier is fitted on the shared features (`shared_features`). `data` is every code's
    training_data when the caller has it already."""
    data = data if data is not None else {c: training_data(c, corpora) for c in SENTENCE_CODES}
    X, y = data[code]
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    p_cv = cross_val_predict(build_pipeline(C=0.5), X, y, cv=cv, method="predict_proba")[:, 1]
    threshold = choose_threshold(y, p_cv, TARGET_PRECISION[code])
    model = fit_on_shared_features(features if features is not None else shared_features(data), X, y, C=0.5)
    metrics = {"cv": sentence_metrics(y, p_cv, threshold)}
    if code in LABELLED_CODES:
        Xt, yt = load_sentences("test", corpora, code)
        p_test = model.predict_proba(Xt)[:, list(model.classes_).index(True)]
        metrics["held_out_sentences"] = sentence_metrics(yt, p_test, threshold)
    meta = {
        "task": f"sentence:{code}",
        "labels": [bool(c) for c in model.classes_],
        "threshold": threshold,
        "data_sha256": hashlib.sha256(json.dumps([X, y], ensure_ascii=False).encode()).hexdigest(),
        "train_size": len(X),
        "positives": int(sum(y)),
        "shared_features": True,
        "metrics": metrics,
    }
    return modelpack.save(model, models_dir(models) / f"tone_{code}", meta)


def train(corpora: str | Path | None = None, models: str | Path | None = None) -> dict[str, dict]:
    """Train every sentence tone model over one shared vocabulary (each code's sentences gathered once)."""
    data = {code: training_data(code, corpora) for code in SENTENCE_CODES}
    features = shared_features(data)
    return {code: train_code(code, corpora, models, features, data) for code in SENTENCE_CODES}
