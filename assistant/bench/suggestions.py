"""Section 2, issue «templates»: our ranking against a keyword baseline, order numbers, latency."""
from __future__ import annotations

from .. import corpus
from ..entities import extract
from .baseline import KeywordSearch, load_stopwords
from .measure import clear_text_caches, latency_ns, ms, percentile, topk_accuracy
from .report import note, pct, row, section


def order_numbers(text: str) -> list[str]:
    """Order numbers the entity extractor finds in a message."""
    return [e.value or e.text for e in extract(text, persons=False) if e.kind == "order_id"]


def ranking(a, test: list) -> list:
    """Top-1/top-3 of our ranking and of the keyword baseline side by side; returns our top-3 lists."""
    library = a.suggester.library
    ours = [a.suggest(m.text, top=3) for m in test]
    search = KeywordSearch(library, load_stopwords())
    base = [search.rank(m.text, top=3) for m in test]
    gold = [m.topic for m in test]
    ours_t = [[s.topic for s in r] for r in ours]
    base_t = [[t.topic for t in r] for r in base]
    note(f"{len(test)} held-out messages, {len(library)} templates; a suggestion counts when its "
         "template's topic is the message's gold topic")
    note(f"{'':<44} {'ours':>10} {'keyword baseline':>18}")
    for k, target in ((1, 0.90), (3, 0.97)):
        o, b = topk_accuracy(ours_t, gold, k), topk_accuracy(base_t, gold, k)
        flag = "ok" if o >= target else "MISS"
        note(f"{f'top-{k} accuracy':<44} {pct(o):>10} {pct(b):>18}   target ≥ {target:.2f}  {flag}")
    return ours


def order_fill(test: list, ours: list) -> None:
    """Messages with an order number: does the top suggestion show it in its {order_id} slot?"""
    with_order = [(m, r) for m, r in zip(test, ours) if order_numbers(m.text)]
    slot = [(m, r) for m, r in with_order if r and "order_id" in _placeholders(r[0])]
    shown = [m for m, r in slot if any(n in r[0].text for n in order_numbers(m.text))]
    note(f"held-out messages with an order number: {len(with_order)}; their top suggestion has "
         f"{{order_id}} in {len(slot)}")
    share = len(shown) / len(slot) if slot else 0.0
    row("top suggestion with {order_id} shows the message's number", f"{pct(share)}", "100 %", share == 1.0)
    for m, r in slot:
        if m not in shown:
            note(f"  not filled: {m.id} → {r[0].template_id}")


def _placeholders(s) -> set[str]:
    return set(s.filled) | set(s.missing)


def latency(a, test: list, iterations: int) -> None:
    """suggest() per held-out message, every per-text cache cleared before each call."""
    texts = [m.text for m in test]
    lat = latency_ns(a.suggest, texts, iterations, warmup=min(len(texts), 300),
                     before=lambda: clear_text_caches(a))
    note(f"{iterations} calls over {len(texts)} distinct held-out messages, library of "
         f"{len(a.suggester.library)} templates")
    row("suggest p50", f"{ms(percentile(lat, 50)):.3f} ms")
    row("suggest p99", f"{ms(percentile(lat, 99)):.3f} ms", "≤ 5 ms", ms(percentile(lat, 99)) <= 5)


def run(a, quick: bool) -> None:
    """The whole section."""
    section("2. Suggestions (issue «templates»)")
    test = corpus.load("test")
    ours = ranking(a, test)
    order_fill(test, ours)
    latency(a, test, 1500 if quick else 10000)
