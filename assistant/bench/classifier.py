"""Section 1, issue «foundation»: topic and mood quality, latency, throughput, load time, memory."""
from __future__ import annotations

import os
import time

from .. import corpus
from ..labels import MOODS, TOPICS
from ..train import metrics
from . import fresh
from .measure import clear_text_caches, latency_ns, ms, percentile
from .report import note, row, section, warn


def quality(a, test: list) -> None:
    """Held-out topic macro-F1 and mood accuracy of what classify_many answers."""
    preds = a.classify_many([m.text for m in test])
    topic = metrics([m.topic for m in test], [p.topic for p in preds], TOPICS)
    mood = metrics([m.mood for m in test], [p.mood for p in preds], MOODS)
    note(f"held-out messages: {len(test)} (corpora/messages/test.jsonl)")
    row("topic macro-F1", f"{topic['macro_f1']:.4f}", "≥ 0.92", topic["macro_f1"] >= 0.92)
    row("topic accuracy", f"{topic['accuracy']:.4f}")
    row("mood accuracy", f"{mood['accuracy']:.4f}", "≥ 0.90", mood["accuracy"] >= 0.90)
    row("mood macro-F1", f"{mood['macro_f1']:.4f}")


def latency(a, test: list, iterations: int) -> None:
    """classify() of ~300-character messages, every per-text cache cleared before each call."""
    texts = [m.text for m in test if 250 <= len(m.text) <= 350] or [m.text for m in test][:20]
    cold = latency_ns(a.classify, texts, iterations, before=lambda: clear_text_caches(a))
    warm = latency_ns(a.classify, texts, iterations)
    note(f"{len(texts)} distinct held-out messages of 250–350 characters (mean "
         f"{sum(map(len, texts)) / len(texts):.0f}), {iterations} calls after 50 warm-up calls")
    row("classify p50 (computed, cache cleared)", f"{ms(percentile(cold, 50)):.3f} ms", "≤ 1 ms",
        ms(percentile(cold, 50)) <= 1)
    row("classify p99 (computed, cache cleared)", f"{ms(percentile(cold, 99)):.3f} ms", "≤ 5 ms",
        ms(percentile(cold, 99)) <= 5)
    row("classify p99 (repeat text, answered from cache)", f"{ms(percentile(warm, 99)):.4f} ms")


def _one_core():
    """Pin this process to one CPU (where the OS allows) and return a function that undoes it."""
    if not hasattr(os, "sched_setaffinity"):
        return lambda: None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    return lambda: os.sched_setaffinity(0, before)


def throughput(a, test: list, rounds: int) -> None:
    """classify_many over the whole held-out file, pinned to one core."""
    texts = [m.text for m in test]
    a.classify_many(texts[:100])
    undo = _one_core()
    try:
        started = time.perf_counter()
        for _ in range(rounds):
            a.classify_many(texts)
        seconds = time.perf_counter() - started
    finally:
        undo()
    rate = rounds * len(texts) / seconds
    row(f"classify_many throughput, 1 core ({rounds}×{len(texts)} msgs)", f"{rate:,.0f} msg/s", "≥ 2,000 msg/s",
        rate >= 2000)


def fresh_process(runs: int) -> None:
    """Import + load time and peak memory in a new interpreter."""
    try:
        p = fresh.median_probe(runs)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
        warn(f"fresh-process probe failed: {exc}")
        return
    note(f"fresh interpreter, median of {runs} run(s)")
    row("import assistant", f"{p['import']:.2f} s")
    row("import + load topic/mood models (Assistant())", f"{p['classifier']:.2f} s", "≤ 3 s", p["classifier"] <= 3)
    row("import + load everything (checker, templates)", f"{p['everything']:.2f} s", "≤ 3 s", p["everything"] <= 3)
    own = p["classifier_kb"] / 1024
    row("resident memory, classifier process (held-out batch done)", f"{own:.0f} MB", "≤ 400 MB", own <= 400)
    peak = p.get("VmHWM", p["maxrss_kb"]) / 1024
    row("peak resident memory, everything loaded (checker, templates, NER)", f"{peak:.0f} MB")


def training() -> None:
    """`assistant train --task classifiers` on the whole corpus into a temporary folder."""
    try:
        seconds, output = fresh.train_time()
    except Exception as exc:  # noqa: BLE001
        warn(f"training failed: {exc}")
        return
    row("assistant train --task classifiers (wall, temp --models)", f"{seconds:.1f} s", "≤ 60 s", seconds <= 60)
    for line in output.splitlines():
        note(f"  {line}")


def run(a, quick: bool) -> None:
    """The whole section."""
    section("1. Classifier (issue «foundation»)")
    test = corpus.load("test")
    quality(a, test)
    latency(a, test, 2000 if quick else 20000)
    throughput(a, test, 2 if quick else 5)
    fresh_process(1 if quick else 3)
    training()
