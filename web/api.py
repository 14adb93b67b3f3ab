"""The /api/v1 blueprint: parse → call the package → return a dict."""
from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, request

from assistant import __version__
from assistant.templates import TemplateError

from . import schemas as s
from .auth import require
from .errors import ApiError
from .openapi import build, route_doc
from .service import TemplateConflict

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def service():
    return current_app.extensions["assistant.service"]


def parse(model):
    """The JSON body validated against a schema; clear 4xx errors for anything else."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Отправьте JSON с заголовком Content-Type: application/json.")
    raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", f"Тело запроса не в UTF-8 (байт {exc.start}).") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "bad_json", f"Неверный JSON: {exc.msg} (строка {exc.lineno}, столбец {exc.colno}).") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "Ожидался JSON-объект.")
    return model.model_validate(data)


route_doc("/api/v1/classify", "post", "Тема и настроение сообщения покупателя", s.ClassifyIn, s.ClassifyOut)


@bp.post("/classify")
@require("operator")
def classify():
    body = parse(s.ClassifyIn)
    return service().assistant.classify(body.text).as_dict()


route_doc("/api/v1/suggest", "post", "Лучшие шаблоны ответа с заполненными полями", s.SuggestIn, s.SuggestOut)


@bp.post("/suggest")
@require("operator")
def suggest():
    body = parse(s.SuggestIn)
    svc = service()
    svc.refresh()
    pred = svc.assistant.classify(body.message)
    found = svc.assistant.suggest(body.message, body.draft, top=body.top)
    return {"topic": pred.topic, "mood": pred.mood, "suggestions": [x.as_dict() for x in found]}


route_doc("/api/v1/check", "post", "Флаги черновика оператора и оценка 0–100", s.CheckIn, s.CheckOut)


@bp.post("/check")
@require("operator")
def check():
    body = parse(s.CheckIn)
    return service().assistant.check(body.draft, body.message).as_dict()


route_doc("/api/v1/score", "post", "Оценка одного ответа с разбивкой по критериям (для контроля качества)",
          s.CheckIn, s.ScoreOut)


@bp.post("/score")
@require("operator")
def score():
    body = parse(s.CheckIn)
    result = service().assistant.check(body.draft, body.message)
    return {"score": result.score, "breakdown": result.breakdown, "codes": sorted(result.codes)}


route_doc("/api/v1/templates", "get", "Библиотека шаблонов", None, s.TemplatesOut,
          params=[{"name": "topic", "in": "query", "required": False, "schema": {"type": "string"}}])


@bp.get("/templates")
@require("operator")
def list_templates():
    topic = request.args.get("topic")
    items = [t for t in service().templates() if not topic or topic in t["topics"]]
    return {"templates": items}


route_doc("/api/v1/templates", "post", "Добавить шаблон (админ)", s.TemplateIn, s.TemplateOut, 201, "admin")


@bp.post("/templates")
@require("admin")
def create_template():
    body = parse(s.TemplateIn)
    try:
        return service().put_template(body.model_dump(), create=True), 201
    except TemplateConflict as exc:
        raise ApiError(409, "template_conflict", str(exc)) from exc
    except TemplateError as exc:
        raise ApiError(422, "invalid_template", str(exc)) from exc


_ID_PARAM = [{"name": "template_id", "in": "path", "required": True, "schema": {"type": "string"}}]
route_doc("/api/v1/templates/{template_id}", "put", "Изменить шаблон (админ)", s.TemplateIn, s.TemplateOut,
          role="admin", params=_ID_PARAM)


@bp.put("/templates/<template_id>")
@require("admin")
def update_template(template_id: str):
    body = parse(s.TemplateIn)
    if body.id != template_id:
        raise ApiError(422, "invalid_request", "id в теле не совпадает с id в адресе.")
    try:
        return service().put_template(body.model_dump(), create=False)
    except KeyError:
        raise ApiError(404, "not_found", f"Шаблона {template_id} нет; создайте его через POST.") from None
    except TemplateError as exc:
        raise ApiError(422, "invalid_template", str(exc)) from exc


route_doc("/api/v1/templates/{template_id}", "delete", "Удалить шаблон (админ)", None, None, 204, "admin",
          params=_ID_PARAM)


@bp.delete("/templates/<template_id>")
@require("admin")
def delete_template(template_id: str):
    try:
        service().delete_template(template_id)
    except KeyError:
        raise ApiError(404, "not_found", f"Шаблона {template_id} нет.") from None
    return "", 204


route_doc("/api/v1/feedback", "post", "Оператор принял подсказку или скрыл флаг", s.FeedbackIn, s.FeedbackOut, 201)


@bp.post("/feedback")
@require("operator")
def feedback():
    body = parse(s.FeedbackIn)
    return {"id": service().add_feedback(body.model_dump()), "kind": body.kind}, 201


route_doc("/api/v1/feedback", "get", "Журнал отзывов операторов для обучения (админ)", None, None, role="admin",
          params=[{"name": "limit", "in": "query", "required": False,
                   "schema": {"type": "integer", "minimum": 1, "maximum": 100000}}])


@bp.get("/feedback")
@require("admin")
def feedback_log():
    try:
        limit = max(1, min(100_000, int(request.args.get("limit", 1000))))
    except ValueError:
        raise ApiError(422, "invalid_request", "limit должен быть целым числом.") from None
    return {"feedback": service().feedback(limit)}


route_doc("/api/v1/healthz", "get", "Состояние сервиса", None, s.Health, role=None)


@bp.get("/healthz")
def healthz():
    return health()


def health() -> dict:
    svc = service()
    settings = current_app.extensions["assistant.settings"]
    a = svc.assistant
    return {"status": "ok",
            "models": {"topic": a.classifier.topic_meta.get("created", "?"), "mood": a.classifier.mood_meta.get("created", "?")},
            "templates": len(a.suggester.library), "database": svc.Session.kw["bind"].dialect.name,
            "auth": settings.auth}


route_doc("/api/v1/openapi.json", "get", "Документ OpenAPI", None, None, role=None)


@bp.get("/openapi.json")
def openapi():
    return jsonify(build(__version__))
