"""The reply-template library: YAML files under corpora/templates/, validated with pydantic."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .labels import MOODS, TOPICS
from .paths import templates_dir

PLACEHOLDERS = ("name", "order_id", "date", "amount", "pickup_point", "promo_code", "product", "tracking_number")
SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
GENERIC = ("ваше обращение очень важно", "ожидайте ответа", "мы передали информацию")


class TemplateError(ValueError):
    """A template file or record that breaks the schema."""


class TemplateRecord(BaseModel):
    """Schema of one template record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    topics: list[str] = Field(min_length=1)
    title: str = Field(min_length=3, max_length=120)
    moods: list[str] = Field(min_length=1)
    text: str = Field(min_length=20, max_length=1500)
    examples: list[str] = Field(min_length=2)

    @field_validator("topics")
    @classmethod
    def _topics(cls, v):
        bad = [t for t in v if t not in TOPICS]
        if bad:
            raise ValueError(f"unknown topic(s) {bad}; expected one of {', '.join(TOPICS)}")
        return v

    @field_validator("moods")
    @classmethod
    def _moods(cls, v):
        bad = [m for m in v if m not in MOODS]
        if bad:
            raise ValueError(f"unknown mood(s) {bad}; expected any of {', '.join(MOODS)}")
        return v

    @field_validator("text")
    @classmethod
    def _text(cls, v):
        stray = SLOT.sub("", v)
        if "{" in stray or "}" in stray:
            raise ValueError("a brace outside a placeholder: write slots as {name}, {order_id}, …")
        unknown = sorted({m.group(1) for m in SLOT.finditer(v)} - set(PLACEHOLDERS))
        if unknown:
            raise ValueError(f"unknown placeholder(s) {unknown}; allowed: {', '.join(PLACEHOLDERS)}")
        low = v.lower()
        for phrase in GENERIC:
            if phrase in low:
                raise ValueError(f"generic phrase «{phrase}»: a template must answer something specific")
        return v


@dataclass(frozen=True)
class Template:
    """A reply template: the text with named placeholders and the messages it answers."""

    id: str
    topics: tuple[str, ...]
    title: str
    moods: tuple[str, ...]
    text: str
    examples: tuple[str, ...]

    @property
    def topic(self) -> str:
        return self.topics[0]

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.group(1) for m in SLOT.finditer(self.text)))

    def as_dict(self) -> dict:
        return {"id": self.id, "topics": list(self.topics), "title": self.title, "moods": list(self.moods),
                "text": self.text, "examples": list(self.examples), "placeholders": list(self.placeholders)}


def parse_record(obj, where: str = "") -> Template:
    """Validate one record (a dict from YAML or JSON) and build a Template."""
    try:
        rec = TemplateRecord.model_validate(obj)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
        raise TemplateError(f"{where}: {problems}") from exc
    return Template(rec.id, tuple(rec.topics), rec.title, tuple(rec.moods), " ".join(rec.text.split()),
                    tuple(rec.examples))


def load_file(path: Path) -> list[Template]:
    """Templates of one YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TemplateError(f"{path}: broken YAML ({exc})") from exc
    if not isinstance(data, list):
        raise TemplateError(f"{path}: expected a list of templates")
    return [parse_record(obj, f"{path}[{i}]") for i, obj in enumerate(data)]


def load_library(folder: str | Path | None = None) -> list[Template]:
    """Every template under the folder, ids unique, in file and record order."""
    folder = Path(folder) if folder is not None else templates_dir()
    out: list[Template] = []
    for path in sorted(folder.glob("*.yaml")):
        out.extend(load_file(path))
    seen: set[str] = set()
    for t in out:
        if t.id in seen:
            raise TemplateError(f"duplicate template id {t.id!r}")
        seen.add(t.id)
    return out
