"""Printing: one header per section, one aligned row per figure with its target."""
from __future__ import annotations

import os
import sys

WIDTH = 58


def load_average() -> str:
    """The 1/5/15-minute load average: timings on a busy machine say more with it."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def section(title: str) -> None:
    """A section header with the load average at its start."""
    print(f"\n{'=' * 78}\n{title}   [load average {load_average()}]\n{'=' * 78}", flush=True)


def note(text: str) -> None:
    """A free-text line (context, skipped parts)."""
    print(f"  {text}", flush=True)


def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    """`label …… value   target … [ok|MISS]`; ok=None prints no verdict."""
    mark = "" if ok is None else ("  ok" if ok else "  MISS")
    tgt = f"target {target}" if target else ""
    print(f"  {label:<{WIDTH}} {value:>12}   {tgt}{mark}".rstrip(), flush=True)


def pct(x: float) -> str:
    """0.9712 → '97.12 %'."""
    return f"{100 * x:.2f} %"


def warn(text: str) -> None:
    """A problem that stopped part of a section."""
    print(f"  ! {text}", file=sys.stdout, flush=True)
