"""`assistant serve`: gunicorn in front of the Flask app factory; models load once in the master, workers share them."""
from __future__ import annotations

import gc
import ipaddress
import logging

from gunicorn.app.base import BaseApplication

from .core import Assistant

log = logging.getLogger("assistant.serve")

# Python collects its young generation every 700 net allocations. A check allocates thousands of objects, so
# that happens several times inside each request and promotes whatever the request holds at that moment; the
# promoted objects soon trigger a full collection, which walks every cached word parse and message: 50–80 ms
# with the worker's caches warm, several times a second under load. Collecting every 50,000 allocations
# leaves a check's temporaries to reference counting (they form no cycles) and full collections rare; the few
# cycles the web layer leaves per request (about 14 objects) wait for the next young collection.
GC_THRESHOLDS = (50_000, 20, 20)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, overrides: dict, assistant):
        self.options = options
        self.overrides = overrides
        self.assistant = assistant
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # Runs in each worker after the fork: the database engine is the worker's own, the models are the
        # master's, shared page by page until a worker writes to them (numpy weights are never written).
        from web import create_app
        return create_app({**self.overrides, "MIGRATE": False}, assistant=self.assistant)


def run(host: str, port: int, workers: int, database_url: str | None = None, insecure: bool = False,
        threads: int = 4, worker_class: str = "gthread") -> None:
    """Migrate the database once, then start the workers."""
    from web import config, db
    overrides = {"DATABASE_URL": database_url} if database_url else {}
    settings = config.load(overrides)
    if not settings.auth and not _loopback(host) and not insecure:
        raise RuntimeError(f"no tokens configured and host {host} is not loopback; set ASSISTANT_OPERATOR_TOKENS "
                           "and ASSISTANT_ADMIN_TOKENS (or pass --insecure)")
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    engine.dispose()  # no connection may cross the fork
    assistant = warm(Assistant(models=settings.models, corpora=settings.corpora))
    settle_collector()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Threaded workers keep connections alive; the work itself is CPU-bound and short, so a few threads per
    # worker are enough to hide network waits. A kept-alive connection stays with the worker that accepted
    # it; ours take turns accepting, so each holds about as many (assistant.workers). Sync workers close
    # every connection and take the next one from the shared queue when free: first come, first served; they
    # want a reverse proxy in front to keep the clients' connections and buffer slow ones.
    if worker_class == "sync":
        threads = 1
    extra = {}
    if worker_class == "gthread":
        from .workers import BalancedThreadWorker, Siblings, hooks
        BalancedThreadWorker.siblings = Siblings(workers)
        extra = {"worker_class": BalancedThreadWorker, **hooks(BalancedThreadWorker.siblings)}
    log.info("serving on http://%s:%d with %d %s worker(s) × %d thread(s); database %s; auth %s", host, port,
             workers, worker_class, threads, settings.database_url.split("@")[-1],
             "on" if settings.auth else "OFF (loopback only)")
    options = {"bind": f"{host}:{port}", "workers": workers, "worker_class": worker_class, "threads": threads,
               "timeout": 60, "accesslog": None, "errorlog": "-", "loglevel": "info", "preload_app": False,
               "backlog": 2048, "keepalive": 5, **extra}
    _Gunicorn(options, overrides, assistant).run()


def settle_collector() -> None:
    """After loading: the collector leaves the loaded models alone (so forked workers keep sharing their
    pages) and runs far less often (GC_THRESHOLDS)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def warm(assistant: Assistant) -> Assistant:
    """Load every lazy part (checker, templates, natasha) once, before the workers are forked."""
    message = "Здравствуйте, меня зовут Анна. Где заказ 48213577-0012? Обещали 26 ноября"
    assistant.suggest(message, "Здравствуйте! Заказ")
    assistant.check("Здравствуйте, Анна! Заказ приедет завтра до 18:00.", message)
    return assistant
