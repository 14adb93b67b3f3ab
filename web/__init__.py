"""Flask app factory: the API blueprint, the operator console, storage and JSON errors."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, send_from_directory
from flask_cors import CORS

from assistant import Assistant

from . import config, db, errors
from .service import Service

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("assistant.web")


def create_app(test_config: dict | None = None, assistant: Assistant | None = None) -> Flask:
    """Build the app; heavy models load once here (per worker), or come in as `assistant`."""
    settings = config.load(test_config)
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config.update(MAX_CONTENT_LENGTH=config.MAX_BODY, JSON_AS_ASCII=False, TESTING=bool(settings.extra.get("TESTING")))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    errors.register(app)

    engine = db.make_engine(settings.database_url)
    if settings.extra.get("MIGRATE", True):  # `assistant serve` migrates once before forking workers
        db.migrate(engine)
    assistant = assistant or Assistant(models=settings.models, corpora=settings.corpora)
    app.extensions["assistant.settings"] = settings
    app.extensions["assistant.service"] = Service(assistant, db.sessions(engine), settings.corpora)

    if settings.cors_origins:
        CORS(app, resources={r"/api/*": {"origins": list(settings.cors_origins)}},
             allow_headers=["Authorization", "Content-Type"], max_age=600)
    if not settings.auth:
        log.warning("auth is OFF: no operator or admin tokens configured (fine on 127.0.0.1 only)")

    from . import api
    app.register_blueprint(api.bp)

    @app.get("/healthz")
    def healthz():
        return api.health()

    @app.get("/")
    def console():
        return send_from_directory(STATIC, "console.html")

    return app
