"""Section 4, issue «service»: a real `assistant serve` under wrk load, memory of each worker."""
from __future__ import annotations

import json
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
from .measure import children, private_kb, proc_status, pss_kb
from .report import note, row, section, warn

CONNECTIONS = 32
WORKERS = 2
# gthread keeps connections alive, each with the worker that accepted it (wrk's 32 may all land on one);
# sync takes one request per connection from the shared queue, first come first served.
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


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lua_script(path: str, bodies: list[str]) -> str:
    """A wrk script that POSTs the JSON bodies in turn."""
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
            "end\n")


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
    return WrkResult(
        requests=int(re.search(r"(\d+) requests in", text).group(1)),
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        p50_ms=_ms(pct["50"]), p99_ms=_ms(pct["99"]),
        errors=socket_errors + non_2xx, non_2xx=non_2xx, socket_errors=socket_errors,
    )


def wrk(url: str, script: Path, seconds: int, connections: int = CONNECTIONS) -> WrkResult:
    """One wrk run against url."""
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s",
                          "--latency", "-s", str(script), url], capture_output=True, text=True,
                         timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed: {out.stderr.strip()[-300:]}")
    return parse_wrk(out.stdout)


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
    note(f"wrk: 2 threads, {CONNECTIONS} connections, {seconds} s per endpoint, on the same "
         f"{os.cpu_count()} CPU(s) as the server; bodies cycle through held-out requests")
    for worker_class in WORKER_CLASSES:
        serve_and_load(worker_class, seconds)


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
                scripts[path] = tmp / (path.rsplit("/", 1)[1] + ".lua")
                scripts[path].write_text(lua_script(path, items), encoding="utf-8")
                wrk(base + path, scripts[path], 3, connections=4)  # warm-up: both workers load their models
                note(f"{path}: {len(items)} distinct bodies")
            _print_memory(f"after warm-up ({worker_class})", proc.pid)
            for path, script in scripts.items():
                r = wrk(base + path, script, seconds)
                label = f"{worker_class} {path}"
                row(f"{label}: requests in {seconds} s", f"{r.requests:,}")
                row(f"{label}: errors (non-2xx {r.non_2xx}, socket {r.socket_errors})", f"{r.errors}",
                    "0", r.errors == 0)
                row(f"{label}: latency p50", f"{r.p50_ms:.1f} ms")
                row(f"{label}: latency p99", f"{r.p99_ms:.1f} ms", "≤ 30 ms", r.p99_ms <= 30)
                row(f"{label}: throughput", f"{r.rps:,.0f} req/s", "≥ 400 req/s", r.rps >= 400)
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
