"""The labelled message corpus: reading, schema checks and the fixed held-out split."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .labels import MOODS, TOPICS
from .normalize import normalize_text
from .paths import messages_dir

TEST_SHARE = 25  # percent of messages that go to the held-out file


@dataclass(frozen=True, slots=True)
class Message:
    """One labelled customer message."""

    id: str
    text: str
    topic: str
    mood: str


class CorpusError(ValueError):
    """A corpus line that breaks the schema."""


def message_id(text: str) -> str:
    """Stable id of a message: a hash of its normalised text."""
    return "m-" + hashlib.sha1(normalize_text(text).encode()).hexdigest()[:12]


def is_held_out(text: str) -> bool:
    """Whether a message belongs to the held-out split (stable, by content hash)."""
    digest = hashlib.sha256(normalize_text(text).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < TEST_SHARE


def validate(record: dict, where: str = "") -> Message:
    """Check one corpus record and turn it into a Message."""
    if not isinstance(record, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(record).__name__}")
    missing = {"text", "topic", "mood"} - record.keys()
    if missing:
        raise CorpusError(f"{where}: missing field(s) {sorted(missing)}")
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: text must be a non-empty string")
    if record["topic"] not in TOPICS:
        raise CorpusError(f"{where}: unknown topic {record['topic']!r}; expected one of {', '.join(TOPICS)}")
    if record["mood"] not in MOODS:
        raise CorpusError(f"{where}: unknown mood {record['mood']!r}; expected one of {', '.join(MOODS)}")
    return Message(record.get("id") or message_id(text), text, record["topic"], record["mood"])


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-empty line of a JSON Lines file."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, json.loads(line)


def load(split: str = "train", corpora: str | Path | None = None) -> list[Message]:
    """Messages of one split: 'train' or 'test' (the held-out file)."""
    path = messages_dir(corpora) / f"{split}.jsonl"
    return [validate(obj, f"{path}:{n}") for n, obj in read_jsonl(path)]


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    """Write records as JSON Lines; returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def append_jsonl(path: Path, records: list[dict]) -> int:
    """Append records to a JSON Lines file, leaving its existing lines as they are (a last line without its
    newline is finished first); returns how many were appended."""
    if not records:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    unfinished = path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n")
    with open(path, "a", encoding="utf-8") as fh:
        if unfinished:
            fh.write("\n")
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return len(records)


def add_messages(records: Iterable[dict], corpora: str | Path | None = None) -> dict[str, int]:
    """Add labelled messages to the corpus; each lands in train or test by its content hash.

    Duplicates (same normalised text) of a message already in either split are skipped,
    so the held-out file never gains a copy of a training message.
    """
    folder = messages_dir(corpora)
    splits = {s: [m for _, m in read_jsonl(folder / f"{s}.jsonl")] if (folder / f"{s}.jsonl").exists() else []
              for s in ("train", "test")}
    seen = {normalize_text(m["text"]) for recs in splits.values() for m in recs}
    added = {"train": 0, "test": 0, "duplicate": 0}
    for i, rec in enumerate(records, 1):
        msg = validate(rec, f"record {i}")
        key = normalize_text(msg.text)
        if key in seen:
            added["duplicate"] += 1
            continue
        seen.add(key)
        split = "test" if is_held_out(msg.text) else "train"
        splits[split].append({"id": msg.id, "text": msg.text, "topic": msg.topic, "mood": msg.mood})
        added[split] += 1
    folder.mkdir(parents=True, exist_ok=True)
    for split, recs in splits.items():
        write_jsonl(folder / f"{split}.jsonl", recs)
    return added


def data_hash(messages: Iterable[Message]) -> str:
    """sha256 of the training data as the model saw it."""
    h = hashlib.sha256()
    for m in messages:
        h.update(json.dumps([m.text, m.topic, m.mood], ensure_ascii=False).encode())
    return h.hexdigest()
