"""Section 4, issue «service»: a real `assistant serve` under wrk load, memory of each worker."""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .. import corpus, drafts
from .measure import children, connections_by_worker, private_kb, proc_status, pss_kb
from .report import note, row, section, warn

CONNECTIONS = 32
WORKERS = 2
THREADS = 2  # wrk threads
# Latency is read at a steady offered rate, as a desk produces it: the target rate with some margin, then
# twice that. A closed loop (each connection sends again as soon as it has its answer) measures capacity
# instead: there the mean latency is connections ÷ throughput whatever the server does.
RATES = (500, 800)
TARGET_RATE = 400
TARGET_P99_MS = 30
LATE_MS = 5  # a send this far behind its schedule means the generator waited for the server
# gthread keeps connections alive, each with the worker that accepted it (ours share them out evenly, see
# assistant.workers); sync takes one request per connection from the shared queue, first come first served.
WORKER_CLASSES = ("gthread", "sync")
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    """What one wrk run reports."""

    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    non_2xx: int
    socket_errors: int
    late: int | None = None  # paced runs: sends more than LATE_MS behind schedule
    worst_late_ms: float | None = None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Paces each wrk thread to a fixed schedule: delay() is asked before every send and returns the wait until
# the thread's next slot; LuaJIT's FFI reads the monotonic clock. A send that finds its slot already past
# goes at once and is counted as late: then the server, not the schedule, set the pace.
PACING = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
int clock_gettime(int clk_id, pace_timespec *tp);
]]
local ts = ffi.new("pace_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
local interval, slot = nil, nil
late, worst = 0, 0
function init(args) interval = 1000 / tonumber(args[1]) end
function delay()
  local t = now_ms()
  if slot == nil then slot = t end
  local wait = slot - t
  slot = slot + interval
  if wait >= 0 then return math.floor(wait + 0.5) end
  if -wait > worst then worst = -wait end
  if -wait > LATE_MS then late = late + 1 end
  return 0
end
function done(summary, latency, requests)
  local n, w = 0, 0
  for _, th in ipairs(threads) do n = n + th:get("late"); w = math.max(w, th:get("worst")) end
  io.write(string.format("pacing: %d late, worst %.1f ms\\n", n, w))
end
"""


def lua_script(path: str, bodies: list[str], paced: bool = False) -> str:
    """A wrk script that POSTs the JSON bodies in turn; paced, each thread keeps the rate given after `--`."""
    items = []
    for body in bodies:
        level = "=" * 3
        while f"]{level}]" in body:
            level += "="
        items.append(f"[{level}[{body}]{level}]")
    return ("local bodies = {\n" + ",\n".join(items) + "\n}\n"
            "local i = 0\n"
            "request = function()\n"
            "  i = i + 1\n"
            f"  return wrk.format('POST', '{path}', {{['Content-Type'] = 'application/json'}}, "
            "bodies[(i % #bodies) + 1])\n"
            "end\n" + (PACING.replace("LATE_MS", str(LATE_MS)) if paced else ""))


def _ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        raise ValueError(f"unknown wrk duration {value!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_wrk(text: str) -> WrkResult:
    """Requests, rate, p50/p99 latency and errors from `wrk --latency` output."""
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.MULTILINE))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    socket_errors = sum(map(int, sock.groups())) if sock else 0
    non = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    non_2xx = int(non.group(1)) if non else 0
    pacing = re.search(r"pacing: (\d+) late, worst ([\d.]+) ms", text)
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", text).group(1)),
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        p50_ms=_ms(pct["50"]), p99_ms=_ms(pct["99"]),
        errors=socket_errors + non_2xx, non_2xx=non_2xx, socket_errors=socket_errors,
        late=int(pacing.group(1)) if pacing else None, worst_late_ms=float(pacing.group(2)) if pacing else None,
    )


def wrk(url: str, script: Path, seconds: int, connections: int = CONNECTIONS, rate: int | None = None,
        during=None) -> WrkResult:
    """One wrk run against url: a closed loop, or `rate` requests per second in all when the script is paced;
    `during` is called once halfway through."""
    pace = ["--", f"{rate / THREADS:g}"] if rate else []
    proc = subprocess.Popen(["wrk", "-t", str(THREADS), "-c", str(connections), "-d", f"{seconds}s", "--timeout",
                             "5s", "--latency", "-s", str(script), url, *pace], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        if during is not None:
            time.sleep(seconds / 2)
            during()
        out, err = proc.communicate(timeout=seconds + 60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed: {err.strip()[-300:]}")
    return parse_wrk(out)


def _command(port: int, database: Path, worker_class: str = "gthread") -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
    return head + ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(WORKERS),
                   "--worker-class", worker_class, "--database-url", f"sqlite:///{database}"]


def _env(tmp: Path) -> dict:
    """The caller's environment without tokens or a database or config of its own: auth off on loopback."""
    drop = {"ASSISTANT_OPERATOR_TOKENS", "ASSISTANT_ADMIN_TOKENS", "ASSISTANT_ADMIN_TOKEN", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["ASSISTANT_CONFIG"] = str(tmp / "no-config.yaml")
    return env


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 120) -> float:
    """Seconds until GET /healthz answers 200; raises when the server dies or never answers."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"/healthz did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's process group, SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def worker_memory(master: int) -> list[tuple[int, int, int | None, int | None]]:
    """(pid, RSS kB, private kB, PSS kB) of each gunicorn worker."""
    return [(pid, proc_status(pid).get("VmRSS", 0), private_kb(pid), pss_kb(pid)) for pid in children(master)]


def _print_memory(label: str, master: int) -> None:
    # The models load once in the master and the forked workers share those pages: RSS counts them in full
    # for every worker, PSS splits them between the processes that share them.
    for pid, rss, private, pss in worker_memory(master):
        own = f" (RSS {rss / 1024:.0f} MB, private {private / 1024:.0f} MB)" if private is not None else ""
        value = pss if pss is not None else rss
        row(f"worker {pid} PSS {label}{own}", f"{value / 1024:.0f} MB", "≤ 400 MB", value <= 400 * 1024)


def bodies() -> dict[str, list[str]]:
    """Request bodies from the held-out files: drafts with their messages, messages."""
    test_drafts = drafts.load("test")
    messages = corpus.load("test")
    return {
        "/api/v1/check": [json.dumps({"draft": d.draft, "message": d.message}) for d in test_drafts],
        "/api/v1/suggest": [json.dumps({"message": m.text}) for m in messages],
    }


def run(quick: bool) -> None:
    """Both worker classes of `assistant serve`, one after the other, under the same load."""
    section("4. HTTP service (issue «service»)")
    if shutil.which("wrk") is None:
        warn("wrk is not installed (apt-get install -y wrk; `make bench` does it): section skipped")
        return
    seconds = 5 if quick else 30
    note(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {seconds} s per run, on the same "
         f"{os.cpu_count()} CPU(s) as the server; bodies cycle through held-out requests")
    note(f"each endpoint twice over: paced at {' and '.join(f'{r:,}' for r in RATES)} req/s (latency at a "
         "steady load), then a closed loop where every connection sends again at once (capacity)")
    for worker_class in WORKER_CLASSES:
        serve_and_load(worker_class, seconds)


def _print_run(label: str, r: WrkResult, seconds: int, rate: int | None) -> None:
    row(f"{label}: requests in {seconds} s", f"{r.requests:,}")
    row(f"{label}: errors (non-2xx {r.non_2xx}, socket {r.socket_errors})", f"{r.errors}", "0", r.errors == 0)
    row(f"{label}: latency p50", f"{r.p50_ms:.1f} ms")
    if rate is None:
        row(f"{label}: latency p99 (= queueing at full load)", f"{r.p99_ms:.1f} ms")
        row(f"{label}: throughput", f"{r.rps:,.0f} req/s", f"≥ {TARGET_RATE} req/s", r.rps >= TARGET_RATE)
        return
    row(f"{label}: latency p99", f"{r.p99_ms:.1f} ms", f"≤ {TARGET_P99_MS} ms", r.p99_ms <= TARGET_P99_MS)
    row(f"{label}: throughput", f"{r.rps:,.0f} req/s", f"≥ {TARGET_RATE} req/s", r.rps >= TARGET_RATE)
    if r.late is not None:
        # a late send was held back by the server, so its own wait is not in the latency above
        row(f"{label}: sends over {LATE_MS} ms behind schedule (worst {r.worst_late_ms:.0f} ms)", f"{r.late:,}",
            "0", r.late == 0)


WARMUP_PASSES = 3  # passes over the bodies, so each of the workers sees nearly every body at least once
WARMUP_RATE = 500  # requests per second a warm-up of 4 connections manages at least, on two cores


def warmup_seconds(n_bodies: int) -> int:
    """Length of the closed-loop warm-up for a body set: a few passes over it, at least 3 s."""
    return max(3, math.ceil(WARMUP_PASSES * n_bodies / WARMUP_RATE))


def serve_and_load(worker_class: str, seconds: int) -> None:
    """Start the server, load each endpoint, print the figures, always stop the server."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmpdir:
        tmp = Path(tmpdir)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(tmp / "server.log", "wb")
        proc = subprocess.Popen(_command(port, tmp / "db.sqlite", worker_class), stdout=log,
                                stderr=subprocess.STDOUT, env=_env(tmp), start_new_session=True)
        try:
            started = wait_healthy(base, proc)
            note(f"assistant serve --workers {WORKERS} --worker-class {worker_class} on 127.0.0.1:{port}, "
                 f"SQLite in {tmp}; healthy after {started:.1f} s")
            scripts = {}
            for path, items in bodies().items():
                name = path.rsplit("/", 1)[1]
                scripts[path] = (tmp / f"{name}.lua", tmp / f"{name}-paced.lua")
                scripts[path][0].write_text(lua_script(path, items), encoding="utf-8")
                scripts[path][1].write_text(lua_script(path, items, paced=True), encoding="utf-8")
                # warm-up: both workers load their models and, like a server that has run a while, meet the
                # bodies' words (each worker keeps its own per-word caches; per-text ones do not help later runs,
                # which cycle through every body)
                wrk(base + path, scripts[path][0], warmup_seconds(len(items)), connections=4)
                note(f"{path}: {len(items)} distinct bodies")
            _print_memory(f"after warm-up ({worker_class})", proc.pid)
            for path, (closed, paced) in scripts.items():
                for rate in RATES:
                    _print_run(f"{worker_class} {path} at {rate:,} req/s", wrk(base + path, paced, seconds, rate=rate),
                               seconds, rate)
                split: list[int] = []
                r = wrk(base + path, closed, seconds, during=lambda: split.extend(
                    connections_by_worker(proc.pid, port).values()))
                _print_run(f"{worker_class} {path} closed loop", r, seconds, None)
                if sum(split):  # sync workers hold a connection only while they answer it
                    row(f"{worker_class} {path} closed loop: connections per worker", " / ".join(map(str, split)))
            _print_memory(f"after the load ({worker_class})", proc.pid)
        except Exception as exc:  # noqa: BLE001 - report, then the finally stops the server
            warn(f"service benchmark failed: {exc}")
            log.flush()
            tail = (tmp / "server.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:]
            for line in tail:
                note(f"  server: {line}")
        finally:
            stop(proc)
            log.close()
