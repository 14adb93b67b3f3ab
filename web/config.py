"""Settings: test_config → environment → instance config file (YAML) → defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = f"sqlite:///{ROOT / 'var' / 'assistant.db'}"
MAX_BODY = 64 * 1024


def _split(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value).split(",") if v.strip())


@dataclass(frozen=True)
class Settings:
    """What the service needs to know; tokens empty means auth is off (local use only)."""

    database_url: str = DEFAULT_DB
    operator_tokens: tuple[str, ...] = ()
    admin_tokens: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    models: str | None = None
    corpora: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def auth(self) -> bool:
        return bool(self.operator_tokens or self.admin_tokens)


def load(test_config: dict | None = None) -> Settings:
    """Merge the sources; keys are upper-case like Flask's (DATABASE_URL, ADMIN_TOKENS, …)."""
    merged: dict = {}
    path = os.environ.get("ASSISTANT_CONFIG") or (ROOT / "instance" / "config.yaml")
    if Path(path).exists():
        merged.update({k.upper(): v for k, v in (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).items()})
    env = {
        "DATABASE_URL": os.environ.get("DATABASE_URL"),
        "OPERATOR_TOKENS": os.environ.get("ASSISTANT_OPERATOR_TOKENS"),
        "ADMIN_TOKENS": os.environ.get("ASSISTANT_ADMIN_TOKENS") or os.environ.get("ASSISTANT_ADMIN_TOKEN"),
        "CORS_ORIGINS": os.environ.get("ASSISTANT_CORS_ORIGINS"),
        "MODELS": os.environ.get("ASSISTANT_MODELS"),
        "CORPORA": os.environ.get("ASSISTANT_CORPORA"),
    }
    merged.update({k: v for k, v in env.items() if v})
    merged.update(test_config or {})
    return Settings(
        database_url=merged.get("DATABASE_URL") or DEFAULT_DB,
        operator_tokens=_split(merged.get("OPERATOR_TOKENS")),
        admin_tokens=_split(merged.get("ADMIN_TOKENS")),
        cors_origins=_split(merged.get("CORS_ORIGINS")),
        models=merged.get("MODELS"),
        corpora=merged.get("CORPORA"),
        extra={k: v for k, v in merged.items() if k not in {"DATABASE_URL", "OPERATOR_TOKENS", "ADMIN_TOKENS",
                                                         "CORS_ORIGINS", "MODELS", "CORPORA"}},
    )
