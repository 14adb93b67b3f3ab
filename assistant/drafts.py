"""The labelled draft corpus: schema, held-out split by group, and per-code evaluation of the checker."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import corpus
from .labels import MOODS, TOPICS
from .paths import drafts_dir

CODES: tuple[str, ...] = ("rude", "categorical", "blame", "no_greeting", "no_apology", "no_next_step",
                          "not_answered", "pii", "caps", "bureaucratese", "overpromise",
                          "unfilled_placeholder", "register")


@dataclass(frozen=True, slots=True)
class Draft:
    """One operator draft to a customer message, with the flag codes it deserves."""

    group: str
    message: str
    topic: str
    mood: str
    draft: str
    codes: frozenset[str]
    quality: str


def validate(obj: dict, where: str = "") -> Draft:
    """Check one draft record against the schema."""
    if not isinstance(obj, dict):
        raise corpus.CorpusError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    for key in ("group", "message", "topic", "mood", "draft", "codes", "quality"):
        if key not in obj:
            raise corpus.CorpusError(f"{where}: missing field «{key}»")
    for key in ("group", "message", "draft"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise corpus.CorpusError(f"{where}: «{key}» must be a non-empty string")
    if not isinstance(obj["codes"], list) or not all(isinstance(c, str) for c in obj["codes"]):
        raise corpus.CorpusError(f"{where}: «codes» must be a list of flag codes")
    if obj["topic"] not in TOPICS or obj["mood"] not in MOODS:
        raise corpus.CorpusError(f"{where}: unknown topic or mood")
    unknown = set(obj["codes"]) - set(CODES)
    if unknown:
        raise corpus.CorpusError(f"{where}: unknown codes {sorted(unknown)}")
    if obj["quality"] not in ("good", "bad") or (obj["quality"] == "good") != (not obj["codes"]):
        raise corpus.CorpusError(f"{where}: a good draft has no codes and a bad one has some")
    return Draft(obj["group"], obj["message"], obj["topic"], obj["mood"], obj["draft"],
                 frozenset(obj["codes"]), obj["quality"])


def group_held_out(group: str) -> bool:
    """Whether a whole message group (its good and bad drafts) is held out."""
    digest = hashlib.sha256(group.encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < corpus.TEST_SHARE


def record(d: Draft) -> dict:
    """The JSON Lines record of a draft, codes sorted."""
    return {"group": d.group, "message": d.message, "topic": d.topic, "mood": d.mood, "draft": d.draft,
            "codes": sorted(d.codes), "quality": d.quality}


def add_drafts(records: Iterable[tuple[str, dict]], corpora: str | Path | None = None) -> dict[str, int]:
    """Add labelled drafts ((where, record) pairs); each group lands in train or held-out by its name's hash.

    Every record is checked before anything is written, so a bad line adds nothing. A draft already in
    either split (same group and text) is skipped; a group must keep the message it was written for.
    """
    folder = drafts_dir(corpora)
    present = [d for s in ("train", "test") if (folder / f"{s}.jsonl").exists() for d in load(s, corpora)]
    messages = {d.group: d.message for d in present}
    seen = {(d.group, d.draft.strip()) for d in present}
    new: dict[str, list[dict]] = {"train": [], "test": []}
    duplicates = 0
    for where, obj in records:
        d = validate(obj, where)
        if messages.setdefault(d.group, d.message) != d.message:
            raise corpus.CorpusError(f"{where}: group «{d.group}» already answers another message")
        if (d.group, d.draft.strip()) in seen:
            duplicates += 1
            continue
        seen.add((d.group, d.draft.strip()))
        new["test" if group_held_out(d.group) else "train"].append(record(d))
    folder.mkdir(parents=True, exist_ok=True)
    for split, recs in new.items():
        corpus.append_jsonl(folder / f"{split}.jsonl", recs)  # existing lines stay as they are
    return {"train": len(new["train"]), "test": len(new["test"]), "duplicate": duplicates}


def load(split: str = "train", corpora: str | Path | None = None) -> list[Draft]:
    """Drafts of one split: 'train' or 'test' (held out)."""
    path = drafts_dir(corpora) / f"{split}.jsonl"
    return [validate(obj, f"{path}:{n}") for n, obj in corpus.read_jsonl(path)]


def per_code(expected: Iterable[frozenset[str]], found: Iterable[set[str]]) -> dict[str, dict]:
    """Precision, recall and F1 of every code over paired expected/found code sets."""
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    for exp, got in zip(expected, found):
        for code in CODES:
            if code in exp and code in got:
                tp[code] += 1
            elif code in got:
                fp[code] += 1
            elif code in exp:
                fn[code] += 1
    out = {}
    for code in CODES:
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 0.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[code] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                     "support": tp[code] + fn[code]}
    return out


def evaluate(checker, drafts: list[Draft]) -> dict:
    """Per-code P/R/F1, clean-draft false-flag rate and good-above-bad pair ranking."""
    results = [checker.check(d.draft, d.message) for d in drafts]
    found = [r.codes for r in results]
    codes = per_code([d.codes for d in drafts], found)
    clean = [r for d, r in zip(drafts, results) if d.quality == "good"]
    by_group: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"good": [], "bad": []})
    for d, r in zip(drafts, results):
        by_group[d.group][d.quality].append(r.score)
    pairs = [(g, b) for v in by_group.values() for g in v["good"] for b in v["bad"]]
    return {
        "n": len(drafts),
        "codes": codes,
        "macro_f1": round(sum(c["f1"] for c in codes.values()) / len(codes), 4),
        "clean_flagged": round(sum(1 for r in clean if r.flags) / len(clean), 4) if clean else 0.0,
        "good_above_bad": round(sum(g > b for g, b in pairs) / len(pairs), 4) if pairs else 0.0,
        "pairs": len(pairs),
    }


def report_text(m: dict) -> str:
    """Human-readable per-code table with the clean-flagged rate and good-above-bad of evaluate()."""
    lines = [f"{'code':>22} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}"]
    for code in CODES:
        r = m["codes"][code]
        lines.append(f"{code:>22} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['support']:5d}")
    lines.append(f"macro-F1 {m['macro_f1']:.4f}  n={m['n']}")
    lines.append(f"clean drafts with any flag {100 * m['clean_flagged']:.2f} %  "
                 f"good above bad {100 * m['good_above_bad']:.2f} % of {m['pairs']} pairs")
    return "\n".join(lines)
