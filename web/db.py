"""Storage: SQLAlchemy models, the engine (SQLite by default, PostgreSQL by DATABASE_URL) and migrations."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import JSON, DateTime, Integer, String, Text, create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    pass


class Feedback(Base):
    """An operator accepted a suggestion or dismissed a flag: material for retraining."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    kind: Mapped[str] = mapped_column(String(16), index=True)
    template_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    flag_code: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    rule: Mapped[str | None] = mapped_column(String(80), nullable=True)
    message: Mapped[str | None] = mapped_column(Text, nullable=True)
    draft: Mapped[str | None] = mapped_column(Text, nullable=True)
    operator: Mapped[str | None] = mapped_column(String(100), nullable=True)


class CustomTemplate(Base):
    """A template added or changed by an admin; `deleted` hides a library template too."""

    __tablename__ = "custom_templates"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    deleted: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                    onupdate=func.now())


class Meta(Base):
    """Key/value state shared by workers (the template library's version)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout and its folder created."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def sessions(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)


def templates_version(Session) -> int:
    with Session() as s:
        row = s.execute(select(Meta.value).where(Meta.key == "templates_version")).scalar()
        return int(row or 0)


def bump_templates_version(session) -> None:
    row = session.get(Meta, "templates_version")
    if row is None:
        session.add(Meta(key="templates_version", value=1))
    else:
        row.value = row.value + 1
