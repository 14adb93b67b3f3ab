"""External evaluation on text nobody on the team wrote (../shared/external, see its README)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..paths import ROOT
from .report import note, pct, row, warn

EXTERNAL = ROOT.parent / "shared" / "external"


def read(name: str) -> list[dict] | None:
    """Records of one external file, or None (with a printed note) when it is missing."""
    path = EXTERNAL / name
    if not path.exists():
        note(f"skipped: {path} not found")
        return None
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class Rudetox:
    """Toxic/neutral pairs with our verdicts, kept for the side-by-side with the peer."""

    toxic: list[str]
    neutral: list[str]
    ours_toxic: list[bool]
    ours_neutral: list[bool]


def rudetox(a) -> Rudetox | None:
    """Both sides of each pair checked as drafts with no message."""
    pairs = read("rudetox_dev_pairs.jsonl")
    if pairs is None:
        return None
    toxic = [a.check(p["toxic"]) for p in pairs]
    neutral = [a.check(p["neutral"]) for p in pairs]
    rt = [("rude" in r.codes) for r in toxic]
    rn = [("rude" in r.codes) for r in neutral]
    right = sum(t.score < n.score for t, n in zip(toxic, neutral)) / len(pairs)
    ties = sum(t.score == n.score for t, n in zip(toxic, neutral)) / len(pairs)
    note(f"RUSSE-2022 detox dev pairs: {len(pairs)} toxic comments with neutral paraphrases, checked as drafts")
    row("`rude` recall on toxic side", pct(sum(rt) / len(rt)))
    row("`rude` false-positive rate on neutral side", pct(sum(rn) / len(rn)))
    row("pairs with score(toxic) < score(neutral)", pct(right))
    row("pairs with equal scores", pct(ties))
    return Rudetox([p["toxic"] for p in pairs], [p["neutral"] for p in pairs], rt, rn)


def tydip(a) -> None:
    """ROC AUC of the reply score for polite against impolite requests."""
    from sklearn.metrics import roc_auc_score
    recs = read("tydip_ru_politeness.jsonl")
    if recs is None:
        return
    scores = [a.check(r["text"]).score for r in recs]
    labels = [int(bool(r["polite"])) for r in recs]
    note(f"TyDiP Russian politeness: {sum(labels)} polite, {len(labels) - sum(labels)} impolite requests")
    row("ROC AUC of the score, polite vs impolite", f"{roc_auc_score(labels, scores):.4f}")


def sentiment(a) -> None:
    """Negative precision/recall of the mood model on SentiRuEval-2016 telecom tweets."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support
    recs = read("sentirueval2016_telecom.jsonl")
    if recs is None:
        return
    pred = [p.mood for p in a.classify_many([r["text"] for r in recs])]
    gold = [r["mood"] for r in recs]
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=["negative"], zero_division=0)
    note(f"SentiRuEval-2016 telecom tweets: {len(recs)} ({int(n[0])} negative); a noisy proxy, see the README")
    row("mood: negative precision", f"{p[0]:.4f}")
    row("mood: negative recall", f"{r[0]:.4f}")
    row("mood: negative F1", f"{f[0]:.4f}")
    row("mood: accuracy over 3 moods", f"{accuracy_score(gold, pred):.4f}")


def run(a) -> Rudetox | None:
    """All external files; returns the rudetox verdicts for the peer comparison."""
    note("")
    note(f"External evaluation ({EXTERNAL}); no targets: real text nobody here wrote")
    if not EXTERNAL.is_dir():
        warn(f"{EXTERNAL} not found: external evaluation skipped")
        return None
    data = None
    for part in (rudetox, tydip, sentiment):
        try:
            out = part(a)
        except Exception as exc:  # noqa: BLE001 - one broken file must not end the benchmark
            warn(f"{part.__name__} failed: {exc!r}")
            continue
        if part is rudetox:
            data = out
    return data
