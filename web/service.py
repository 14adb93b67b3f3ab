"""What the views call: the Assistant (loaded once per worker), the template store and the feedback log."""
from __future__ import annotations

import threading
import time

from sqlalchemy import select

from assistant import Assistant
from assistant.paths import templates_dir
from assistant.templatecheck import check_library
from assistant.templates import Template, TemplateError, load_library, parse_record

from .db import CustomTemplate, Feedback, bump_templates_version, templates_version

VERSION_CHECK_SECONDS = 1.0


class TemplateConflict(TemplateError):
    """A template with that id exists already."""


class TemplateNotClean(TemplateError):
    """Our own checker flags the template: a desk must not send it."""


class Service:
    """One per worker process: models, the merged template library and database access."""

    def __init__(self, assistant: Assistant, Session, corpora=None):
        self.assistant = assistant
        self.Session = Session
        self.corpora = corpora
        self._lock = threading.Lock()
        self._version = -1
        self._checked = 0.0
        self.sources: dict[str, str] = {}
        self.refresh(force=True)

    # --- templates ---------------------------------------------------------------

    def library(self) -> list[Template]:
        """Shipped templates, with admin changes from the database on top."""
        merged = {t.id: t for t in load_library(templates_dir(self.corpora))}
        sources = {tid: "library" for tid in merged}
        with self.Session() as s:
            for row in s.execute(select(CustomTemplate)).scalars():
                if row.deleted:
                    merged.pop(row.id, None)
                    sources.pop(row.id, None)
                else:
                    merged[row.id] = parse_record(row.data, f"database template {row.id}")
                    sources[row.id] = "custom"
        self.sources = sources
        return list(merged.values())

    def refresh(self, force: bool = False) -> None:
        """Rebuild the suggester when another worker (or this one) changed the templates."""
        now = time.monotonic()
        if not force and now - self._checked < VERSION_CHECK_SECONDS:
            return
        self._checked = now
        version = templates_version(self.Session)
        if force or version != self._version:
            with self._lock:
                self.assistant.set_templates(self.library())
                self._version = version

    def templates(self) -> list[dict]:
        self.refresh()
        return [{**t.as_dict(), "source": self.sources.get(t.id, "library")} for t in self.assistant.suggester.library]

    def put_template(self, record: dict, create: bool) -> dict:
        template = parse_record(record, "request")
        with self.Session.begin() as s:
            exists = s.get(CustomTemplate, template.id)
            known = template.id in self.sources
            if create and (known or (exists and not exists.deleted)):
                raise TemplateConflict(f"шаблон {template.id} уже есть; измените его через PUT")
            if not create and not known:
                raise KeyError(template.id)
            self._require_clean(template)
            if exists:
                exists.data, exists.deleted = record, 0
            else:
                s.add(CustomTemplate(id=template.id, data=record, deleted=0))
            bump_templates_version(s)
        self.refresh(force=True)
        return {**template.as_dict(), "source": "custom"}

    def _require_clean(self, template: Template) -> None:
        problems = check_library(self.assistant, [template]).get(template.id)
        if problems:
            said = "; ".join(p if isinstance(p, str) else f"{p.code}: {p.message}" for p in problems)
            raise TemplateNotClean(f"шаблон не проходит проверку черновика ({said})")

    def delete_template(self, template_id: str) -> None:
        if template_id not in self.sources:
            raise KeyError(template_id)
        with self.Session.begin() as s:
            row = s.get(CustomTemplate, template_id)
            if row:
                row.deleted, row.data = 1, None
            else:
                s.add(CustomTemplate(id=template_id, data=None, deleted=1))
            bump_templates_version(s)
        self.refresh(force=True)

    # --- feedback --------------------------------------------------------------

    def add_feedback(self, data: dict) -> int:
        with self.Session.begin() as s:
            row = Feedback(**data)
            s.add(row)
            s.flush()
            return int(row.id)

    def feedback(self, limit: int = 1000) -> list[dict]:
        with self.Session() as s:
            rows = s.execute(select(Feedback).order_by(Feedback.id.desc()).limit(limit)).scalars()
            return [{"id": r.id, "created_at": r.created_at.isoformat() if r.created_at else None, "kind": r.kind,
                     "template_id": r.template_id, "flag_code": r.flag_code, "rule": r.rule,
                     "message": r.message, "draft": r.draft, "operator": r.operator} for r in rows]
