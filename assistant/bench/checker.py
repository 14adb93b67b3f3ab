"""Section 3, issue «checker»: per-code quality on held-out drafts and check() latency."""
from __future__ import annotations

import re

from .. import drafts
from . import external, peer
from .measure import clear_text_caches, latency_ns, ms, per_input_medians, percentile
from .report import note, pct, row, section

LONG, LONGEST = 550, 650  # characters: what «a ~600-character draft» means here
_GREETING = re.compile(r"^\W*(?:здравствуйте|добрый\s+\w+|доброе\s+утро)[^.!]*[.!]\s*", re.IGNORECASE)


def quality(a, test: list) -> None:
    """Per-code precision/recall/F1, clean drafts flagged and good-above-bad (drafts.evaluate)."""
    m = drafts.evaluate(a.checker, test)
    note(f"held-out drafts: {m['n']} (corpora/drafts/test.jsonl); target ≥ 0.90 for each of P, R, F1")
    note(f"{'code':>22} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}")
    for code in drafts.CODES:
        r = m["codes"][code]
        ok = min(r["precision"], r["recall"], r["f1"]) >= 0.90
        note(f"{code:>22} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['support']:5d}   "
             f"{'ok' if ok else 'MISS'}")
    row("macro-F1 over the 13 codes", f"{m['macro_f1']:.4f}")
    row("clean drafts with any flag", pct(m["clean_flagged"]), "< 5 %", m["clean_flagged"] < 0.05)
    row(f"good draft scores above bad one, same message ({m['pairs']} pairs)", pct(m["good_above_bad"]),
        "≥ 95 %", m["good_above_bad"] >= 0.95)


def long_drafts(test: list) -> list[tuple[str, str]]:
    """(draft, message) pairs of about 600 characters: a long held-out draft continued with another's body.

    The held-out drafts are shorter than 500 characters, so each long draft is extended with the
    sentences after the greeting of the next long draft until it reaches LONG characters, and cut
    after a sentence that ends by LONGEST.
    """
    longest = sorted((d for d in test if len(d.draft) >= 250), key=lambda d: (-len(d.draft), d.group))
    out = []
    for i, d in enumerate(longest):
        text = d.draft
        j = i + 1
        while len(text) < LONG and len(longest) > 1:
            other = longest[j % len(longest)].draft
            text = f"{text} {_GREETING.sub('', other, count=1).strip()}"
            j += 1
        if len(text) > LONGEST:  # cut after the last sentence that still fits
            cut = max(text.rfind(end, 0, LONGEST) for end in ".!?")
            text = text[:cut + 1] if cut >= LONG else text[:LONGEST]
        out.append((text, d.message))
    return out


def latency(a, test: list, iterations: int) -> None:
    """check() of held-out drafts as they are and of ~600-character drafts, with the message."""
    call = lambda pair: a.check(*pair)  # noqa: E731
    for label, pairs in (("held-out drafts as they are", [(d.draft, d.message) for d in test]),
                         ("~600-character drafts", long_drafts(test))):
        lat = latency_ns(call, pairs, iterations, warmup=min(len(pairs), 300), before=lambda: clear_text_caches(a))
        mean = sum(len(p[0]) for p in pairs) / len(pairs)
        note(f"{label}: {len(pairs)} distinct, mean {mean:.0f} characters, {iterations} calls "
             "(per-text caches cleared before each)")
        p50, p99 = ms(percentile(lat, 50)), ms(percentile(lat, 99))
        target = "~600" in label
        row(f"check p50, {label}", f"{p50:.3f} ms", "≤ 5 ms" if target else "", p50 <= 5 if target else None)
        row(f"check p99, {label}", f"{p99:.3f} ms", "≤ 5 ms" if target else "", p99 <= 5 if target else None)
        if target:
            medians = per_input_medians(lat, len(pairs))
            row(f"p99 of each draft's median, {label}", f"{ms(percentile(medians, 99)):.3f} ms")
            note("  the calls' p99 counts the machine's stalls too; each draft's median over its calls does not")


def run(a, quick: bool) -> None:
    """The whole section: held-out drafts, external data, the check-swear peer."""
    section("3. Draft checker (issue «checker»)")
    test = drafts.load("test")
    quality(a, test)
    latency(a, test, 1000 if quick else 5000)
    data = external.run(a)
    peer.run(a, test, data)
