"""`python -m assistant.bench [--quick] [--only classifier,suggest,checker,http]`."""
from __future__ import annotations

import argparse
import os
import platform
import time

from .report import load_average

SECTIONS = ("classifier", "suggest", "checker", "http")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(prog="python -m assistant.bench",
                                description="Print measured figures of every area next to their targets.")
    p.add_argument("--quick", action="store_true", help="Shorter loads and fewer iterations.")
    p.add_argument("--only", default=",".join(SECTIONS),
                   help=f"Comma-separated sections to run (default: all of {','.join(SECTIONS)}).")
    args = p.parse_args(argv)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(args.only) - set(SECTIONS))
    if unknown:
        p.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen sections in order."""
    args = parse(argv)
    started = time.perf_counter()
    print(f"assistant bench{' --quick' if args.quick else ''}: {', '.join(args.only)}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPU(s), "
          f"load average {load_average()} at start; speed and memory targets are printed, never asserted")
    a = None
    if set(args.only) - {"http"}:
        from assistant import Assistant
        from assistant.serve import settle_collector, warm
        # as `assistant serve` does: every lazy part loaded, then the collector settled the same way
        a = warm(Assistant())
        settle_collector()
    if "classifier" in args.only:
        from . import classifier
        classifier.run(a, args.quick)
    if "suggest" in args.only:
        from . import suggestions
        suggestions.run(a, args.quick)
    if "checker" in args.only:
        from . import checker
        checker.run(a, args.quick)
    if "http" in args.only:
        from . import service
        service.run(args.quick)
    print(f"\nbench finished in {time.perf_counter() - started:.0f} s, load average {load_average()}")


if __name__ == "__main__":
    main()
