"""Bearer tokens: operators read and check, admins also change templates and models."""
from __future__ import annotations

import hmac
from functools import wraps

from flask import current_app, request

from .errors import ApiError


def _token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _known(token: str, tokens: tuple[str, ...]) -> bool:
    return any(hmac.compare_digest(token.encode(), t.encode()) for t in tokens)


def require(role: str):
    """Decorator: the request must carry a token of the role (admin tokens pass operator checks)."""

    def wrap(view):
        @wraps(view)
        def inner(*args, **kwargs):
            settings = current_app.extensions["assistant.settings"]
            if settings.auth:
                token = _token()
                if token is None:
                    raise ApiError(401, "unauthorized", "Нужен заголовок Authorization: Bearer <токен>.")
                allowed = settings.admin_tokens + (settings.operator_tokens if role == "operator" else ())
                if not _known(token, allowed):
                    raise ApiError(403, "forbidden", "Этот токен не даёт доступа к запросу.")
            return view(*args, **kwargs)
        inner.required_role = role
        return inner
    return wrap
