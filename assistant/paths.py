"""Every resource path in one place: argument → environment variable → packaged default."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_DEFAULTS = {
    "ASSISTANT_CORPORA": ROOT / "corpora",
    "ASSISTANT_MODELS": ROOT / "models",
}


def _resolve(explicit: str | os.PathLike | None, env: str) -> Path:
    if explicit is not None:
        return Path(explicit)
    value = os.environ.get(env)
    return Path(value) if value else _DEFAULTS[env]


def corpora_dir(path: str | os.PathLike | None = None) -> Path:
    """Folder of labelled data, templates and lexicons."""
    return _resolve(path, "ASSISTANT_CORPORA")


def models_dir(path: str | os.PathLike | None = None) -> Path:
    """Folder that holds one sub-folder per trained model."""
    return _resolve(path, "ASSISTANT_MODELS")


def messages_dir(corpora: str | os.PathLike | None = None) -> Path:
    """Customer-message corpus: train.jsonl and the held-out test.jsonl."""
    return corpora_dir(corpora) / "messages"


def drafts_dir(corpora: str | os.PathLike | None = None) -> Path:
    """Operator-draft corpus with expected flag codes."""
    return corpora_dir(corpora) / "drafts"


def templates_dir(corpora: str | os.PathLike | None = None) -> Path:
    """Reply-template library, one YAML file per topic."""
    return corpora_dir(corpora) / "templates"


def lexicons_dir(corpora: str | os.PathLike | None = None) -> Path:
    """Phrase lists used by the draft checker."""
    return corpora_dir(corpora) / "lexicons"
