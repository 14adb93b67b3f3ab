"""Training and held-out evaluation of the topic and mood models."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score

from . import corpus, drafts, modelpack
from .classify import MOOD_MODEL, TOPIC_MODEL
from .labels import MOODS, TOPICS
from .paths import drafts_dir, models_dir
from .pipeline import build_pipeline


def metrics(y_true: list[str], y_pred: list[str], labels: tuple[str, ...]) -> dict:
    """Per-class precision/recall/F1, macro-F1, accuracy and the confusion matrix."""
    report = classification_report(y_true, y_pred, labels=list(labels), output_dict=True, zero_division=0)
    return {
        "n": len(y_true),
        "accuracy": round(accuracy_score(y_true, y_pred), 4),
        "macro_f1": round(f1_score(y_true, y_pred, labels=list(labels), average="macro", zero_division=0), 4),
        "per_class": {k: {m: round(report[k][m], 4) for m in ("precision", "recall", "f1-score", "support")}
                      for k in labels},
        "labels": list(labels),
        "confusion": confusion_matrix(y_true, y_pred, labels=list(labels)).tolist(),
    }


def _fit(task: str, train: list[corpus.Message], **params):
    X = [m.text for m in train]
    y = [getattr(m, task) for m in train]
    return build_pipeline(**params).fit(X, y)


def evaluate_model(model, task: str, test: list[corpus.Message]) -> dict:
    """Held-out metrics of one model ('topic' or 'mood')."""
    labels = TOPICS if task == "topic" else MOODS
    pred = list(model.predict([m.text for m in test]))
    return metrics([getattr(m, task) for m in test], pred, labels)


def draft_messages(corpora: str | Path | None = None, known: Iterable[corpus.Message] = ()) -> list[corpus.Message]:
    """The customer messages of the train drafts, labelled with topic and mood, as more training messages.

    Only the drafts' train split, and only messages the messages corpus would also route to its train
    split (its held-out hash) and does not hold already: neither held-out file ever reaches training.
    """
    seen = {corpus.message_id(m.text) for m in known}  # by the normalised text, whatever id a line was given
    out = []
    for d in drafts.load("train", corpora):
        mid = corpus.message_id(d.message)
        if mid in seen or corpus.is_held_out(d.message):
            continue
        seen.add(mid)
        out.append(corpus.Message(mid, d.message, d.topic, d.mood))
    return out


def training_messages(corpora: str | Path | None = None) -> tuple[list[corpus.Message], int]:
    """The messages corpus' train split plus the train drafts' messages; the second number counts the latter."""
    base = corpus.load("train", corpora)
    extra = draft_messages(corpora, base) if drafts_dir(corpora).joinpath("train.jsonl").exists() else []
    return base + extra, len(extra)


def train(corpora: str | Path | None = None, models: str | Path | None = None,
          navec: bool = False, **params) -> dict[str, dict]:
    """Train both models on the train split (with the train drafts' messages), score them on the held-out
    split, save them."""
    train_set, from_drafts = training_messages(corpora)
    test_set = corpus.load("test", corpora)
    out = {}
    for task, name in (("topic", TOPIC_MODEL), ("mood", MOOD_MODEL)):
        started = time.perf_counter()
        model = _fit(task, train_set, navec=navec, **params)
        seconds = round(time.perf_counter() - started, 2)
        held_out = evaluate_model(model, task, test_set)
        meta = {
            "task": task,
            "labels": list(model.classes_),
            "params": {"navec": navec, **params},
            "data_sha256": corpus.data_hash(train_set),
            "train_size": len(train_set),
            "train_from_drafts": from_drafts,
            "train_seconds": seconds,
            "metrics": {"held_out": held_out},
        }
        out[task] = modelpack.save(model, models_dir(models) / name, meta)
    return out


def compare_navec(corpora: str | Path | None = None) -> dict[str, dict[str, float]]:
    """Held-out macro-F1 with and without Navec features, for the report."""
    train_set = corpus.load("train", corpora)
    test_set = corpus.load("test", corpora)
    result: dict[str, dict[str, float]] = {}
    for task in ("topic", "mood"):
        result[task] = {}
        for navec in (False, True):
            m = evaluate_model(_fit(task, train_set, navec=navec), task, test_set)
            result[task]["navec" if navec else "base"] = m["macro_f1"]
            result[task][("navec" if navec else "base") + "_accuracy"] = m["accuracy"]
    return result


def confusion_table(m: dict) -> str:
    """The confusion matrix as aligned text (rows: truth, columns: prediction)."""
    labels = m["labels"]
    short = [lab[:6] for lab in labels]
    width = max(len(lab) for lab in labels)
    lines = [" " * width + " " + " ".join(f"{s:>6}" for s in short)]
    for lab, row in zip(labels, m["confusion"]):
        lines.append(f"{lab:>{width}} " + " ".join(f"{v:>6}" for v in row))
    return "\n".join(lines)


def report_text(m: dict) -> str:
    """Human-readable per-class table, macro-F1 and confusion matrix."""
    lines = [f"{'label':>18} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}"]
    for lab in m["labels"]:
        r = m["per_class"][lab]
        lines.append(f"{lab:>18} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1-score']:6.3f} {int(r['support']):5d}")
    lines.append(f"accuracy {m['accuracy']:.4f}  macro-F1 {m['macro_f1']:.4f}  n={m['n']}")
    return "\n".join(lines) + "\n\n" + confusion_table(m)


