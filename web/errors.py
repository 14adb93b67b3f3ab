"""One JSON shape for every error: {"error": {"code", "message"}}, never a stack trace or an HTML page."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from assistant import InputError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with an HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def body(code: str, message: str):
    return {"error": {"code": code, "message": message}}


def validation_message(exc: ValidationError) -> str:
    """A short human-readable list of what is wrong in the request."""
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e["loc"]) or "body"
        parts.append(f"{where}: {e['msg']}")
    return "; ".join(parts)


def register(app: Flask) -> None:
    """Install the JSON error handlers."""

    @app.errorhandler(ApiError)
    def _api(exc: ApiError):
        return jsonify(body(exc.code, exc.message)), exc.status

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        return jsonify(body("invalid_request", validation_message(exc))), 422

    @app.errorhandler(InputError)
    def _input(exc: InputError):
        return jsonify(body(exc.code, exc.message)), 422

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        return jsonify(body(code, exc.description or exc.name)), exc.code or 500

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):  # pragma: no cover - safety net
        log.exception("unhandled error")
        return jsonify(body("internal_error", "Внутренняя ошибка сервера; подробности в журнале.")), 500
