"""Small measuring helpers: percentiles, timed loops, top-k accuracy, memory of a process."""
from __future__ import annotations

import math
import os
import statistics
import time
from pathlib import Path
from typing import Callable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by the nearest-rank method; values need not be sorted."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0..100, got {q}")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_ns(call: Callable[[object], object], inputs: Sequence, iterations: int, warmup: int = 50,
               before: Callable[[], None] | None = None) -> list[int]:
    """Nanoseconds of each of `iterations` calls cycling through inputs, after `warmup` untimed calls.

    `before` runs untimed ahead of every call (the benchmark clears answer caches with it,
    so a repeated input is measured as the first time it is seen).
    """
    for i in range(warmup):
        if before:
            before()
        call(inputs[i % len(inputs)])
    out = []
    clock = time.perf_counter_ns
    for i in range(iterations):
        if before:
            before()
        x = inputs[i % len(inputs)]
        t0 = clock()
        call(x)
        out.append(clock() - t0)
    return out


def per_input_medians(lat: Sequence[int], n_inputs: int) -> list[float]:
    """Median time of each input over its calls (latency_ns cycles through the inputs in order).

    The p99 of calls mixes the slowest inputs with the machine's stalls; the p99 of these medians shows what the
    slowest inputs cost when nothing else gets in the way.
    """
    by_input: list[list[int]] = [[] for _ in range(n_inputs)]
    for i, t in enumerate(lat):
        by_input[i % n_inputs].append(t)
    return [statistics.median(v) for v in by_input if v]


def ms(ns: float) -> float:
    """Nanoseconds to milliseconds."""
    return ns / 1e6


def topk_accuracy(ranked: Sequence[Sequence[str]], gold: Sequence[str], k: int) -> float:
    """Share of items whose gold label is among the first k of their ranked labels."""
    if len(ranked) != len(gold):
        raise ValueError("ranked and gold differ in length")
    if not gold:
        return 0.0
    return sum(g in list(r)[:k] for r, g in zip(ranked, gold)) / len(gold)


def proc_status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS, VmHWM and friends of a process from /proc, in kB (empty where /proc is missing)."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.startswith("Vm") and value.strip().endswith("kB"):
                out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _smaps(pid: int, *keys: str) -> int | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith(keys))


def private_kb(pid: int) -> int | None:
    """Memory a process does not share with others (Private_Clean + Private_Dirty), in kB."""
    return _smaps(pid, "Private_Clean:", "Private_Dirty:")


def pss_kb(pid: int) -> int | None:
    """Proportional set size: private memory plus this process's share of pages shared with others, in kB."""
    return _smaps(pid, "Pss:")


def children(pid: int) -> list[int]:
    """Direct child processes of pid (from /proc/*/stat)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return sorted(out)


def established_inodes(port: int) -> set[str]:
    """Socket inodes of the established TCP connections whose local port is `port` (from /proc/net/tcp)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                out.add(fields[9])
    return out


def connections_by_worker(master: int, port: int) -> dict[int, int]:
    """How many established connections on `port` each child of `master` holds."""
    inodes = established_inodes(port)
    out = {}
    for pid in children(master):
        held = 0
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            held += target.startswith("socket:[") and target[8:-1] in inodes
        out[pid] = held
    return out


def clear_text_caches(assistant) -> None:
    """Forget every answer kept per text (classifications, n-grams, lemmas of a text, analysed messages,
    sentence scores), so a latency figure is computed work; per-word caches stay warm as in a running server."""
    from .. import fastlinear, features
    from .. import document
    assistant.classifier._one.cache_clear()
    assistant.classifier.topics_of.cache_clear()
    features.lemma_tokens.cache_clear()
    fastlinear.clear_caches()
    document.message_document.cache_clear()
    from ..rude import SENTENCE_CODES
    for code in SENTENCE_CODES:
        scorer = assistant.checker.resources._scorer(code)
        getattr(scorer, "cache_clear", lambda: None)()
