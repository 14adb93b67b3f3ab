"""Figures that need a fresh interpreter: import and model-load time, peak memory, training time."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

# Runs in a new interpreter: the clock starts before the package is imported.
PROBE = r"""
import json, resource, time
t0 = time.perf_counter()
from assistant import Assistant
t1 = time.perf_counter()
a = Assistant()
a.classify("где мой заказ 5520193?")
t2 = time.perf_counter()
from assistant import corpus
a.classify_many([m.text for m in corpus.load("test")])
classifier_kb = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])
a.checker, a.suggester
a.check("Здравствуйте! Заказ передан в доставку, курьер привезёт его завтра.", "где мой заказ 5520193?")
a.suggest("где мой заказ 5520193?")
from assistant import drafts
msgs = corpus.load("test")
a.classify_many([m.text for m in msgs])
for m in msgs[:200]:
    a.suggest(m.text)
for d in drafts.load("test")[:200]:
    a.check(d.draft, d.message)
status = {}
for line in open("/proc/self/status"):
    key, _, value = line.partition(":")
    if key in ("VmRSS", "VmHWM"):
        status[key] = int(value.split()[0])
print(json.dumps({"import": t1 - t0, "classifier": t2 - t0, "classifier_kb": classifier_kb,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, **status}))
"""


# «Everything loaded» in a process of its own: the first probe classifies the held-out batch before it loads the
# checker (for the classifier process's memory), which would count that batch and warm the word caches.
PROBE_LOAD = r"""
import json, time
t0 = time.perf_counter()
from assistant import Assistant
a = Assistant()
a.checker, a.suggester
a.check("Здравствуйте! Заказ передан в доставку, курьер привезёт его завтра.", "где мой заказ 5520193?")
a.suggest("где мой заказ 5520193?")
print(json.dumps({"everything": time.perf_counter() - t0}))
"""


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"probe failed: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def probe() -> dict:
    """Load times (s) and memory (kB) of fresh processes that load and exercise everything."""
    started = time.perf_counter()
    result = {**_run(PROBE), **_run(PROBE_LOAD)}
    result["wall"] = time.perf_counter() - started
    return result


def train_time() -> tuple[float, str]:
    """Wall seconds of `assistant train --task classifiers` into a temporary models folder, and its output."""
    with tempfile.TemporaryDirectory(prefix="bench-models-") as tmp:
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "assistant.cli", "train", "--task", "classifiers",
                              "--models", tmp], capture_output=True, text=True, timeout=1800)
        seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"training failed: {out.stderr.strip()[-500:]}")
    return seconds, out.stdout.strip()


def median_probe(runs: int) -> dict:
    """The probe run several times; each figure is the median over the runs."""
    results = [probe() for _ in range(runs)]
    return {k: sorted(r[k] for r in results)[len(results) // 2] for k in results[0]}


if __name__ == "__main__":  # pragma: no cover - a manual check
    print(json.dumps(median_probe(1)))
