"""Heavy objects are built once per test session."""
from __future__ import annotations

import contextlib

import pytest

from assistant import Assistant


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return Assistant()


@pytest.fixture(scope="session")
def checker(assistant):
    return assistant.checker


# --- the service -------------------------------------------------------------------------------

import os  # noqa: E402

POSTGRES_URL = os.environ.get("ASSISTANT_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    """Drop everything the app made, so each test starts from an empty schema and migrates it."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in ("feedback", "custom_templates", "meta", "alembic_version"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Every storage test runs on SQLite and on PostgreSQL (CI starts it; locally it is skipped if absent)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'assistant.db'}"
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("ASSISTANT_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL and sets it")
        pytest.skip("PostgreSQL not configured: run .ci/postgres and set ASSISTANT_TEST_POSTGRES_URL")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def make_app(assistant):
    """Build apps on the shared models; afterwards the shared Assistant gets the shipped templates back."""
    from assistant.paths import templates_dir
    from assistant.templates import load_library
    from web import create_app

    def make(database_url: str, **config):
        return create_app({"TESTING": True, "DATABASE_URL": database_url, **config}, assistant=assistant)

    yield make
    assistant.set_templates(load_library(templates_dir()))


@pytest.fixture
def app(make_app, tmp_path):
    """A fresh app per test on its own SQLite file, auth off; the models are shared."""
    return make_app(f"sqlite:///{tmp_path / 'assistant.db'}")


@pytest.fixture
def client(app):
    return app.test_client()


@contextlib.contextmanager
def _serving(tmp_path_factory, *options: str):
    """`assistant serve` as a real process on a free loopback port, as (url, master pid); stopped on leaving."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("server")
    log = open(folder / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1", "--database-url", f"sqlite:///{folder / 'live.db'}", *options],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start:\n" + (folder / "server.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield url, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The default server (threaded workers keeping connections alive) for the whole session."""
    with _serving(tmp_path_factory) as (url, _):
        yield url


@pytest.fixture(scope="module")
def live_two_workers(tmp_path_factory):
    """The default server with two workers: (url, port, master pid)."""
    with _serving(tmp_path_factory, "--workers", "2") as (url, pid):
        yield url, int(url.rsplit(":", 1)[1]), pid


@pytest.fixture(scope="session")
def live_sync_server(tmp_path_factory):
    """The server with sync workers (one request per connection, for a deployment behind a proxy)."""
    with _serving(tmp_path_factory, "--worker-class", "sync") as (url, _):
        yield url
