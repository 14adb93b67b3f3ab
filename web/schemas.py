"""Request and response schemas of the HTTP API, declared once; the OpenAPI document is generated from them."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from assistant.labels import MOODS, TOPICS
from assistant.templates import TemplateRecord
from assistant.textcheck import MAX_CHARS

Topic = Literal[TOPICS]  # type: ignore[valid-type]
Mood = Literal[MOODS]  # type: ignore[valid-type]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class ClassifyIn(_In):
    text: str = Field(min_length=1, max_length=MAX_CHARS, description="Сообщение покупателя")


class SuggestIn(_In):
    message: str = Field(min_length=1, max_length=MAX_CHARS)
    draft: str = Field(default="", max_length=MAX_CHARS, description="Что оператор уже набрал")
    top: int = Field(default=5, ge=1, le=20)


class CheckIn(_In):
    draft: str = Field(min_length=1, max_length=MAX_CHARS)
    message: Optional[str] = Field(default=None, max_length=MAX_CHARS)


class FeedbackIn(_In):
    kind: Literal["accept", "dismiss"]
    template_id: Optional[str] = Field(default=None, max_length=100)
    flag_code: Optional[str] = Field(default=None, max_length=40)
    rule: Optional[str] = Field(default=None, max_length=80)
    message: Optional[str] = Field(default=None, max_length=MAX_CHARS)
    draft: Optional[str] = Field(default=None, max_length=MAX_CHARS)
    operator: Optional[str] = Field(default=None, max_length=100)


TemplateIn = TemplateRecord  # one schema for YAML records and API bodies


class Label(BaseModel):
    label: str
    p: float


class ClassifyOut(BaseModel):
    topic: Topic
    confidence: float
    mood: Mood
    mood_confidence: float
    topics: list[Label]
    moods: list[Label]
    language: str
    warnings: list[str] = []


class SuggestionOut(BaseModel):
    template_id: str
    topic: Topic
    title: str
    text: str
    score: float
    missing: list[str]
    filled: dict[str, str]


class SuggestOut(BaseModel):
    topic: Topic
    mood: Mood
    suggestions: list[SuggestionOut]


class FlagOut(BaseModel):
    code: str
    start: int
    end: int
    severity: Literal["high", "medium", "low"]
    message: str
    suggestion: Optional[str] = None
    rule: str


class Breakdown(BaseModel):
    politeness: float
    empathy: float
    completeness: float
    relevance: float
    clarity: float
    safety: float


class CheckOut(BaseModel):
    score: float = Field(ge=0, le=100)
    flags: list[FlagOut]
    breakdown: Breakdown
    warnings: list[str] = []


class ScoreOut(BaseModel):
    score: float = Field(ge=0, le=100)
    breakdown: Breakdown
    codes: list[str] = Field(description="Коды замечаний, снизивших оценку")


class FeedbackOut(BaseModel):
    id: int
    kind: str


class TemplateOut(BaseModel):
    id: str
    topics: list[str]
    title: str
    moods: list[str]
    text: str
    examples: list[str]
    placeholders: list[str]
    source: Literal["library", "custom"]


class TemplatesOut(BaseModel):
    templates: list[TemplateOut]


class Health(BaseModel):
    status: Literal["ok"]
    models: dict[str, str]
    templates: int
    database: str
    auth: bool


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


ALL = [ClassifyIn, SuggestIn, CheckIn, FeedbackIn, TemplateIn, ClassifyOut, SuggestOut, CheckOut, ScoreOut, FeedbackOut,
       TemplateOut, TemplatesOut, Health, ErrorOut]
