"""The peer side by side: check-swear (Russian profanity filter, scikit-learn SVM) against our `rude`.

check-swear pins scikit-learn==1.4.0 and joblib==1.3.2, which cannot live next to our
scikit-learn 1.9 models, and its tokenizer fetches the NLTK stop-word corpus on first
use. `make bench` therefore builds it its own virtualenv, .venv-peer, with that corpus
unpacked into .venv-peer/nltk_data; this module talks to it through a subprocess.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ..paths import ROOT
from .report import note, pct, warn

PEER = Path(os.environ.get("ASSISTANT_PEER_VENV", ROOT / ".venv-peer"))
RUNNER = Path(__file__).with_name("swear_peer.py")
THRESHOLD = 0.5  # check-swear's own default in predict()


def available() -> str | None:
    """Why the peer cannot run here, or None when it can."""
    if not (PEER / "bin" / "python").exists():
        return f"{PEER} does not exist (`make bench` builds it: pip install check-swear into its own venv)"
    if not (PEER / "nltk_data" / "corpora" / "stopwords" / "russian").exists():
        return f"{PEER}/nltk_data lacks the NLTK stop-word corpus check-swear needs (it would download it)"
    return None


def verdicts(texts: list[str]) -> tuple[str, list[bool]]:
    """(check-swear version, swearing verdict of each text at its default threshold)."""
    env = {**os.environ, "NLTK_DATA": str(PEER / "nltk_data")}
    out = subprocess.run([str(PEER / "bin" / "python"), "-I", str(RUNNER)], input=json.dumps(texts),
                         capture_output=True, text=True, env=env, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "no output")
    data = json.loads(out.stdout)
    return data["version"], [p >= THRESHOLD for p in data["proba"]]


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of boolean predictions."""
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(a, drafts: list, rudetox) -> None:
    """Our `rude` flag and check-swear's verdict on the same texts."""
    note("")
    note("Peer: check-swear (PyPI), profanity filter with an SVM, verdict at its default threshold 0.5")
    why = available()
    if why:
        warn(f"peer skipped: {why}")
        return
    picked = [d for d in drafts if "rude" in d.codes or d.quality == "good"]
    tox = rudetox.toxic + rudetox.neutral if rudetox else []
    try:
        version, said = verdicts([d.draft for d in picked] + tox)
    except Exception as exc:  # noqa: BLE001
        warn(f"peer failed: {exc}")
        return
    note(f"check-swear {version} in {PEER}, no network at run time")
    note(f"{'':<52} {'ours (rude)':>12} {'check-swear':>12}")
    if rudetox:
        n = len(rudetox.toxic)
        peer_t, peer_n = said[len(picked):len(picked) + n], said[len(picked) + n:]
        for label, ours, theirs in (("rudetox: recall on toxic", rudetox.ours_toxic, peer_t),
                                    ("rudetox: false-positive rate on neutral", rudetox.ours_neutral, peer_n)):
            note(f"{label:<52} {pct(sum(ours) / n):>12} {pct(sum(theirs) / n):>12}")
    gold = ["rude" in d.codes for d in picked]
    ours = [("rude" in a.check(d.draft, d.message).codes) for d in picked]
    theirs = said[:len(picked)]
    note(f"held-out drafts: {sum(gold)} labelled rude vs {len(gold) - sum(gold)} clean")
    for name, i in (("precision", 0), ("recall", 1), ("F1", 2)):
        note(f"{'drafts: ' + name:<52} {prf(gold, ours)[i]:>12.4f} {prf(gold, theirs)[i]:>12.4f}")
