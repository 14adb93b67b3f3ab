"""JSON Lines batch runner: one result per input line, in order; a broken line never stops the batch."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .textcheck import InputError

CHUNK = 256


@dataclass
class BatchStats:
    """How many lines ran and how many failed."""

    total: int = 0
    failed: int = 0


def _error(code: str, message: str, rid=None, line: int | None = None) -> dict:
    out = {"id": rid, "error": {"code": code, "message": message}}
    if line is not None:
        out["line"] = line
    return out


def _parse(raw: bytes, n: int) -> tuple[dict | None, dict | None]:
    """(record, None) for a good line, (None, error result) for a broken one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, _error("bad_encoding", f"line {n} is not UTF-8 ({exc.reason} at byte {exc.start})", line=n)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, _error("bad_json", f"line {n}: malformed JSON ({exc.msg}, column {exc.colno})", line=n)
    if not isinstance(obj, dict):
        return None, _error("bad_record", f"line {n}: expected a JSON object, got {type(obj).__name__}", line=n)
    return obj, None


def _with_id(rec: dict, n: int, result: dict) -> dict:
    return {"id": rec.get("id", n), **result}


def _run_chunk(chunk, process_many, process_one) -> list[dict]:
    results: list[dict | None] = [err for _, _, err in chunk]
    good = [(i, n, rec) for i, (n, rec, err) in enumerate(chunk) if err is None]
    try:
        outs = process_many([rec for _, _, rec in good])
        for (i, n, rec), out in zip(good, outs):
            results[i] = _with_id(rec, n, out)
    except InputError:
        for i, n, rec in good:  # isolate the bad record(s)
            try:
                results[i] = _with_id(rec, n, process_one(rec))
            except InputError as exc:
                results[i] = _error(exc.code, exc.message, rec.get("id", n), n)
    return results  # type: ignore[return-value]


def run(lines: Iterable[bytes], process_many: Callable[[list[dict]], list[dict]],
        stats: BatchStats | None = None) -> Iterator[dict]:
    """Results for each non-blank input line, in input order."""
    stats = stats if stats is not None else BatchStats()

    def process_one(rec: dict) -> dict:
        return process_many([rec])[0]

    chunk: list = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        rec, err = _parse(raw.rstrip(b"\r\n"), n)
        chunk.append((n, rec, err))
        if len(chunk) >= CHUNK:
            yield from _count(_run_chunk(chunk, process_many, process_one), stats)
            chunk = []
    if chunk:
        yield from _count(_run_chunk(chunk, process_many, process_one), stats)


def _count(results: list[dict], stats: BatchStats) -> Iterator[dict]:
    for r in results:
        stats.total += 1
        if "error" in r:
            stats.failed += 1
        yield r


def dumps(obj: dict) -> str:
    """One output line."""
    return json.dumps(obj, ensure_ascii=False)
