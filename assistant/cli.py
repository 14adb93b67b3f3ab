"""The `assistant` command line: thin click commands over the package."""
from __future__ import annotations

import json
import sys
from enum import IntEnum
from pathlib import Path

import click

from . import jsonl
from .modelpack import ModelError


class Exit(IntEnum):
    """Named exit codes."""

    OK = 0
    BATCH_ERRORS = 1
    USAGE = 2
    MODEL = 3
    DATA = 4


_models_opt = click.option("--models", type=click.Path(path_type=Path), default=None,
                           help="Models folder (default: $ASSISTANT_MODELS or the shipped models/).")
_corpora_opt = click.option("--corpora", type=click.Path(path_type=Path), default=None,
                            help="Corpora folder (default: $ASSISTANT_CORPORA or the shipped corpora/).")


def _assistant(models=None, corpora=None):
    from .core import Assistant
    try:
        return Assistant(models=models, corpora=corpora)
    except ModelError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.MODEL)


def _lines(path: str):
    fh = sys.stdin.buffer if path == "-" else open(path, "rb")
    with fh:
        yield from fh


def _run_batch(path: str, process_many) -> None:
    stats = jsonl.BatchStats()
    for result in jsonl.run(_lines(path), process_many, stats):
        click.echo(jsonl.dumps(result))
    if stats.failed:
        click.echo(f"{stats.failed} of {stats.total} lines failed", err=True)
        sys.exit(Exit.BATCH_ERRORS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reply-assistant")
def main() -> None:
    """Russian reply-quality assistant for marketplace support: batch commands read and write JSON Lines."""


@main.command()
@click.argument("file", default="-")
@_models_opt
def classify(file: str, models: Path | None) -> None:
    """Topic and mood of each {"id", "text"} line."""
    from .textcheck import InputError, require_text
    a = _assistant(models)

    def process_many(records):
        texts = []
        for rec in records:
            if "text" not in rec:
                raise InputError("missing_field", "the line has no «text» field")
            texts.append(require_text(rec["text"]))
        return [p.as_dict() for p in a.classify_many(texts)]

    _run_batch(file, process_many)


def _field(rec: dict, name: str, *, required: bool = True) -> str | None:
    from .textcheck import InputError, require_text
    if name not in rec:
        if required:
            raise InputError("missing_field", f"the line has no «{name}» field")
        return None
    return require_text(rec[name], name, allow_empty=not required)


@main.command()
@click.argument("file", default="-")
@_models_opt
@_corpora_opt
def check(file: str, models: Path | None, corpora: Path | None) -> None:
    """Flags and 0–100 score of each {"id", "draft", "message"?} line."""
    a = _assistant(models, corpora)

    def process_many(records):
        jobs = [(_field(r, "draft"), _field(r, "message", required=False)) for r in records]
        return [a.check(draft, message).as_dict() for draft, message in jobs]

    _run_batch(file, process_many)


@main.command()
@click.argument("file", default="-")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True, help="How many templates a line.")
@_models_opt
@_corpora_opt
def suggest(file: str, top: int, models: Path | None, corpora: Path | None) -> None:
    """Best reply templates for each {"id", "message", "draft"?} line, placeholders filled."""
    a = _assistant(models, corpora)

    def process_many(records):
        out = []
        for rec in records:
            message = _field(rec, "message")
            draft = _field(rec, "draft", required=False) or ""
            pred = a.classify(message)
            out.append({"topic": pred.topic, "mood": pred.mood,
                        "suggestions": [s.as_dict() for s in a.suggest(message, draft, top=top)]})
        return out

    _run_batch(file, process_many)


@main.group()
def templates() -> None:
    """The reply-template library: list and validate."""


@templates.command("list")
@_corpora_opt
@click.option("--topic", default=None, help="Only this topic.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def templates_list(corpora: Path | None, topic: str | None, as_json: bool) -> None:
    """List templates: id, topic, moods and title."""
    from .paths import templates_dir
    from .templates import load_library
    for t in load_library(templates_dir(corpora)):
        if topic and topic not in t.topics:
            continue
        if as_json:
            click.echo(jsonl.dumps(t.as_dict()))
        else:
            click.echo(f"{t.id:45} {t.topic:18} {','.join(t.moods):26} {t.title}")


@templates.command("validate")
@_corpora_opt
@_models_opt
def templates_validate(corpora: Path | None, models: Path | None) -> None:
    """Check the library's schema and that every template passes the draft checker."""
    from .paths import templates_dir
    from .templates import TemplateError, load_library
    from .templatecheck import check_library
    try:
        library = load_library(templates_dir(corpora))
    except TemplateError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.DATA)
    problems = check_library(_assistant(models, corpora), library)
    for tid, flags in problems.items():
        click.echo(f"{tid}: " + "; ".join(f if isinstance(f, str) else f"{f.code} «{f.message}»" for f in flags))
    click.echo(f"{len(library)} templates, {len(problems)} with flags")
    if problems:
        sys.exit(Exit.DATA)


@main.command()
@_corpora_opt
@_models_opt
@click.option("--navec/--no-navec", default=False, show_default=True, help="Add mean Navec vectors to the features.")
@click.option("--task", type=click.Choice(["all", "classifiers", "tone"]), default="all", show_default=True,
              help="classifiers: topic and mood; tone: the sentence models of the draft checker.")
def train(corpora: Path | None, models: Path | None, navec: bool, task: str) -> None:
    """Train the models on the corpora and save each with its meta.json."""
    if task in ("all", "classifiers"):
        from .train import train as do_train
        for name, meta in do_train(corpora, models, navec=navec).items():
            m = meta["metrics"]["held_out"]
            click.echo(f"{name}: macro-F1 {m['macro_f1']:.4f}, accuracy {m['accuracy']:.4f} on {m['n']} held-out "
                       f"messages; trained on {meta['train_size']} ({meta['train_from_drafts']} of them from the train drafts) "
                       f"in {meta['train_seconds']} s")
    if task in ("all", "tone"):
        from .draftlearn import train as train_drafts
        from .rude import train as train_tone
        for code, meta in train_tone(corpora, models).items():
            m = meta["metrics"]["cv"]
            click.echo(f"tone_{code}: threshold {meta['threshold']}, cross-validated precision {m['precision']:.3f} "
                       f"recall {m['recall']:.3f} on {meta['train_size']} training sentences")
        for code, meta in train_drafts(corpora, models).items():
            m = meta["metrics"]["cv"]
            click.echo(f"draft_{code}: threshold {meta['threshold']}, group-cross-validated precision "
                       f"{m['precision']:.3f} recall {m['recall']:.3f} on {meta['train_size']} training drafts")


@main.command()
@_corpora_opt
@_models_opt
@click.option("--task", type=click.Choice(["topic", "mood", "drafts", "all"]), default="all", show_default=True,
              help="topic, mood: the classifiers on held-out messages; drafts: the checker on held-out drafts.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def evaluate(corpora: Path | None, models: Path | None, task: str, as_json: bool) -> None:
    """Held-out figures: per-class (per-code for drafts) precision/recall/F1 and the confusion matrix."""
    from . import corpus, drafts
    from .train import evaluate_model, report_text
    a = _assistant(models, corpora)
    tasks = ["topic", "mood", "drafts"] if task == "all" else [task]
    test = corpus.load("test", corpora) if {"topic", "mood"} & set(tasks) else []
    result = {t: evaluate_model(getattr(a.classifier, f"{t}_model"), t, test) for t in tasks if t != "drafts"}
    if "drafts" in tasks:
        result["drafts"] = drafts.evaluate(a.checker, drafts.load("test", corpora))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for t in tasks:
        if t == "drafts":
            click.echo(f"== drafts (held-out, {result[t]['n']} drafts) ==")
            click.echo(drafts.report_text(result[t]) + "\n")
        else:
            click.echo(f"== {t} (held-out, {result[t]['n']} messages) ==")
            click.echo(report_text(result[t]) + "\n")


@main.group()
def corpus() -> None:
    """Labelled-message corpus: add data, validate."""


@corpus.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_corpora_opt
def corpus_add(file: Path, corpora: Path | None) -> None:
    """Add labelled {"text", "topic", "mood"} lines; each goes to train or held-out by content hash."""
    from .corpus import add_messages
    _add_lines(lambda records: add_messages((obj for _, obj in records), corpora), file)


@corpus.command("validate")
@_corpora_opt
def corpus_validate(corpora: Path | None) -> None:
    """Check both splits against the schema and print label counts."""
    from collections import Counter

    from .corpus import CorpusError, load
    try:
        for split in ("train", "test"):
            msgs = load(split, corpora)
            click.echo(f"{split}: {len(msgs)} messages; topics {dict(Counter(m.topic for m in msgs))}; "
                       f"moods {dict(Counter(m.mood for m in msgs))}")
    except CorpusError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.DATA)


@main.group("drafts")
def drafts_group() -> None:
    """Labelled operator drafts (the checker's corpus): measure a new batch, add it, validate."""


def _add_lines(add, file: Path) -> None:
    """Run an all-or-nothing adder over a JSON Lines file: a bad line is named and nothing is added."""
    from .corpus import CorpusError
    try:
        added = add(_jsonl_records(file))
    except (CorpusError, UnicodeDecodeError) as exc:
        click.echo(f"error: {exc}; nothing was added", err=True)
        sys.exit(Exit.DATA)
    click.echo(json.dumps(added))


def _jsonl_records(path: Path):
    """(where, object) for each non-empty line; a line that is not JSON is a CorpusError naming it."""
    from .corpus import CorpusError
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{n}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{n}: not JSON ({exc.msg})") from exc


@drafts_group.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_corpora_opt
def drafts_add(file: Path, corpora: Path | None) -> None:
    """Add labelled drafts (GUIDE.md in corpora/drafts); each message group goes to train or held-out by hash."""
    from .drafts import add_drafts
    _add_lines(lambda records: add_drafts(records, corpora), file)


@drafts_group.command("add-sentences")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_corpora_opt
def drafts_add_sentences(file: Path, corpora: Path | None) -> None:
    """Add operator sentences labelled {"text", "rude", "blame", "categorical"} (one or more) for the sentence models;
    each goes to train or held-out by its text's hash."""
    from .rude import add_sentences
    _add_lines(lambda records: add_sentences(records, corpora), file)


@drafts_group.command("evaluate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_corpora_opt
@_models_opt
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def drafts_evaluate(file: Path, corpora: Path | None, models: Path | None, as_json: bool) -> None:
    """The checker's figures on a labelled batch before it is added: per-code precision/recall/F1, clean drafts
    flagged, good above bad. New writers' texts measured this way are the fairest test of what a desk will see."""
    from .corpus import CorpusError
    from .drafts import evaluate as evaluate_drafts, report_text, validate
    try:
        items = [validate(obj, where) for where, obj in _jsonl_records(file)]
    except (CorpusError, UnicodeDecodeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.DATA)
    if not items:
        click.echo(f"error: {file}: no drafts", err=True)
        sys.exit(Exit.DATA)
    result = evaluate_drafts(_assistant(models, corpora).checker, items)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(f"== drafts ({file}, {result['n']} drafts) ==")
        click.echo(report_text(result))


@drafts_group.command("validate")
@_corpora_opt
def drafts_validate(corpora: Path | None) -> None:
    """Check both splits against the schema and print code counts; no group may sit in both."""
    from collections import Counter

    from .corpus import CorpusError
    from .drafts import load
    try:
        groups = {}
        for split in ("train", "test"):
            items = load(split, corpora)
            groups[split] = {d.group for d in items}
            codes = Counter(c for d in items for c in d.codes)
            click.echo(f"{split}: {len(items)} drafts in {len(groups[split])} groups, "
                       f"{sum(not d.codes for d in items)} clean; codes {dict(sorted(codes.items()))}")
    except CorpusError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.DATA)
    both = groups["train"] & groups["test"]
    if both:
        click.echo(f"error: groups in both splits: {sorted(both)[:10]}", err=True)
        sys.exit(Exit.DATA)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker (threaded workers).")
@click.option("--worker-class", "worker_class", type=click.Choice(["gthread", "sync"]), default="gthread",
              show_default=True,
              help="gthread: threaded workers that keep connections alive (browsers and the extension talk to "
                   "it directly); sync: one request per connection, served first come first served — for a "
                   "deployment behind a reverse proxy that keeps the clients' connections.")
@click.option("--database-url", default=None, help="SQLAlchemy URL (default: $DATABASE_URL or SQLite under var/).")
@click.option("--insecure", is_flag=True, help="Allow a non-loopback host without tokens.")
def serve(host: str, port: int, workers: int, threads: int, worker_class: str, database_url: str | None,
          insecure: bool) -> None:
    """Run the HTTP API and the operator console with gunicorn; models load once per worker."""
    from .serve import run
    try:
        run(host, port, workers, database_url, insecure, threads, worker_class)
    except RuntimeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(Exit.USAGE)


@main.command()
@_models_opt
def demo(models: Path | None) -> None:
    """Type customer messages, see topic and mood (Ctrl-D to stop)."""
    from .textcheck import InputError
    a = _assistant(models)
    click.echo("Введите сообщение покупателя (Ctrl-D — выход):")
    for line in sys.stdin:
        try:
            p = a.classify(line.rstrip("\n"))
        except InputError as exc:
            click.echo(f"  ошибка: {exc.message}")
            continue
        tops = ", ".join(f"{k} {v:.2f}" for k, v in p.topics[:3])
        click.echo(f"  тема: {p.topic} ({p.confidence:.2f}); настроение: {p.mood}; варианты: {tops}")


if __name__ == "__main__":  # pragma: no cover
    main()
