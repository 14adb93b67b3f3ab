"""Data the rules need, loaded once: lexicons, the obscene list, allow-lists and the rudeness model."""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import modelpack
from ..lexicon import Lexicon, read_lines
from ..paths import lexicons_dir, models_dir

LEXICONS = ("categorical", "alternative", "blame", "rude", "bureaucratese", "overpromise", "apology",
            "greeting", "generic", "vague_step", "next_step")
RUDE_MODEL = "rude"


@dataclass
class Resources:
    """Everything the rules read, built once per process and shared by every check."""

    corpora: str | Path | None = None
    models: str | Path | None = None
    classifier: object | None = None  # assistant.classify.Classifier, for the draft's own topic
    load_rude_model: bool = True
    lexicons: dict[str, Lexicon] = field(default_factory=dict)

    def __post_init__(self):
        folder = lexicons_dir(self.corpora)
        for name in LEXICONS:
            self.lexicons[name] = Lexicon.from_file(folder / f"{name}.txt")

    def lexicon(self, name: str) -> Lexicon:
        return self.lexicons[name]

    @cached_property
    def obscene(self) -> frozenset[str]:
        """Normalised obscene word forms (shipped compressed, see lexicons/NOTICE-obscene.md)."""
        with gzip.open(lexicons_dir(self.corpora) / "obscene.txt.gz", "rt", encoding="utf-8") as fh:
            return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        return frozenset(w.upper() for w in read_lines(lexicons_dir(self.corpora) / "abbreviations.txt"))

    @cached_property
    def pii_allow(self) -> tuple[str, ...]:
        return tuple(read_lines(lexicons_dir(self.corpora) / "pii_allow.txt"))

    @cached_property
    def rude_model(self):
        """(pipeline, threshold) of the sentence rudeness model, or None when not trained yet."""
        folder = models_dir(self.models) / RUDE_MODEL
        if not self.load_rude_model or not (folder / "meta.json").exists():
            return None
        model, meta = modelpack.load(folder)
        return model, float(meta["threshold"])
