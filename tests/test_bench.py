"""The benchmark's pure helpers and `assistant evaluate --task drafts`; nothing here is timed."""
import json
import shutil

import pytest
from click.testing import CliRunner

from assistant.bench import KeywordSearch, latency_ns, percentile, topk_accuracy
from assistant.bench.__main__ import parse
from assistant.bench.baseline import load_stopwords, query_words
from assistant.bench.peer import prf
from assistant.bench.service import lua_script, parse_wrk, wrk
from assistant.cli import main
from assistant.drafts import CODES
from assistant.templates import Template


def _t(tid: str, topic: str, title: str, text: str) -> Template:
    return Template(tid, (topic,), title, ("neutral",), text, ("пример", "ещё пример"))


LIBRARY = [
    _t("refund.term", "refund", "Срок возврата денег", "Деньги за возврат приходят на карту за 3–5 дней."),
    _t("delivery.where", "delivery", "Где мой заказ", "Заказ {order_id} в пути, курьер привезёт его {date}."),
    _t("other.thanks", "other", "Благодарность за отзыв", "Спасибо за тёплые слова, нам очень приятно."),
]


@pytest.mark.parametrize("message, expected", [
    ("Где мой заказ 5520193?", "delivery.where"),
    ("когда вернут деньги за возврат", "refund.term"),
    ("Оставила отзыв, примите благодарность", "other.thanks"),
])
def test_keyword_baseline_ranks_the_literal_match_first(message, expected):
    search = KeywordSearch(LIBRARY, load_stopwords())
    assert search.rank(message, top=1)[0].id == expected


def test_keyword_baseline_keeps_library_order_on_ties_and_drops_stop_words():
    search = KeywordSearch(LIBRARY, frozenset({"где", "мой"}))
    assert query_words("Где мой ЗАКАЗ, где заказ?", search.stopwords) == ["заказ"]
    assert [t.id for t in search.rank("абракадабра", top=3)] == ["refund.term", "delivery.where", "other.thanks"]
    assert search.scores("заказ курьер") == [0, 2, 0]


def test_stopwords_come_from_the_lexicon_without_comments():
    stop = load_stopwords()
    assert {"и", "в", "что"} <= stop and not any(w.startswith("#") for w in stop)


@pytest.mark.parametrize("values, q, expected", [
    ([5, 1, 4, 2, 3], 50, 3),
    ([5, 1, 4, 2, 3], 100, 5),
    ([5, 1, 4, 2, 3], 0, 1),
    (list(range(1, 101)), 99, 99),
    (list(range(1, 1001)), 99, 990),
    ([7], 99, 7),
])
def test_percentile_nearest_rank(values, q, expected):
    assert percentile(values, q) == expected


def test_percentile_rejects_nonsense():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_topk_accuracy_on_a_hand_made_ranking():
    ranked = [["delivery", "refund", "other"], ["refund", "delivery", "other"], ["other", "account", "refund"]]
    gold = ["delivery", "delivery", "promo_bonus"]
    assert topk_accuracy(ranked, gold, 1) == pytest.approx(1 / 3)
    assert topk_accuracy(ranked, gold, 2) == pytest.approx(2 / 3)
    assert topk_accuracy(ranked, gold, 3) == pytest.approx(2 / 3)
    assert topk_accuracy([], [], 3) == 0.0
    with pytest.raises(ValueError):
        topk_accuracy([["a"]], [], 1)


def test_latency_ns_times_each_call_after_warmup_and_runs_the_hook():
    seen, hooks = [], []
    out = latency_ns(seen.append, ["a", "b", "c"], iterations=4, warmup=2, before=lambda: hooks.append(1))
    assert len(out) == 4 and all(isinstance(x, int) and x >= 0 for x in out)
    assert seen == ["a", "b", "a", "b", "c", "a"]
    assert len(hooks) == 6


def test_prf_of_boolean_verdicts():
    assert prf([True, True, False, False], [True, False, True, False]) == (0.5, 0.5, 0.5)
    assert prf([True], [False]) == (0.0, 0.0, 0.0)


WRK_OUTPUT = """Running 30s test @ http://127.0.0.1:8000/api/v1/check
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms    3.20ms  80.00ms   90.00%
    Req/Sec   600.00     50.00   700.00     70.00%
  Latency Distribution
     50%  850.00us
     75%   13.00ms
     90%   16.00ms
     99%    1.20s
  36000 requests in 30.00s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1200.50
Transfer/sec:    682.00KB
"""


def test_parse_wrk_reads_rate_percentiles_and_errors():
    r = parse_wrk(WRK_OUTPUT)
    assert r.requests == 36000 and r.rps == pytest.approx(1200.5)
    assert r.p50_ms == pytest.approx(0.85) and r.p99_ms == pytest.approx(1200.0)
    assert (r.non_2xx, r.socket_errors, r.errors) == (4, 3, 7)


def test_parse_wrk_without_errors():
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "").replace(
        "  Non-2xx or 3xx responses: 4\n", "")
    assert parse_wrk(clean).errors == 0


def test_lua_script_keeps_bodies_verbatim_even_with_long_bracket_closers():
    body = json.dumps({"draft": "текст с ]===] внутри"})
    script = lua_script("/api/v1/check", [body, '{"draft": "x"}'])
    assert "[====[" + body + "]====]" in script and "[===[{\"draft\": \"x\"}]===]" in script
    assert "'/api/v1/check'" in script and "application/json" in script


def test_paced_script_and_its_report():
    closed = lua_script("/api/v1/check", ['{"draft": "x"}'])
    paced = lua_script("/api/v1/check", ['{"draft": "x"}'], paced=True)
    assert paced.startswith(closed) and "function delay()" in paced and "function delay()" not in closed
    assert "LATE_MS" not in paced and "-wait > 5 then" in paced
    r = parse_wrk(WRK_OUTPUT + "pacing: 12 late, worst 7.5 ms\n")
    assert (r.late, r.worst_late_ms) == (12, 7.5)
    assert parse_wrk(WRK_OUTPUT).late is None


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by `make bench`, not by CI")
def test_paced_wrk_keeps_its_rate(live_server, tmp_path):
    script = tmp_path / "paced.lua"
    script.write_text(lua_script("/api/v1/classify", ['{"text": "Где мой заказ?"}'], paced=True), encoding="utf-8")
    r = wrk(live_server + "/api/v1/classify", script, 3, connections=4, rate=100)
    assert r.errors == 0 and r.late is not None
    assert 240 <= r.requests <= 330  # 100 a second for 3 s, give or take the start and the last slot


def test_bench_options():
    assert parse(["--quick", "--only", "suggest,http"]).only == ["suggest", "http"]
    assert parse([]).only == ["classifier", "suggest", "checker", "http"]
    with pytest.raises(SystemExit):
        parse(["--only", "nonsense"])


def test_evaluate_drafts_json_has_every_code():
    result = CliRunner().invoke(main, ["evaluate", "--task", "drafts", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["drafts"]
    d = data["drafts"]
    assert set(d["codes"]) == set(CODES) and len(d["codes"]) == 13
    for code, m in d["codes"].items():
        assert {"precision", "recall", "f1", "support"} <= set(m), code
        assert all(0.0 <= m[k] <= 1.0 for k in ("precision", "recall", "f1")), code
    assert d["n"] > 0 and 0.0 <= d["clean_flagged"] <= 1.0 and 0.0 <= d["good_above_bad"] <= 1.0


def test_evaluate_drafts_prints_a_table():
    result = CliRunner().invoke(main, ["evaluate", "--task", "drafts"])
    assert result.exit_code == 0, result.output
    assert "== drafts (held-out," in result.stdout
    assert all(code in result.stdout for code in CODES) and "good above bad" in result.stdout


def test_per_input_medians_follow_the_cycle_of_inputs():
    from assistant.bench.measure import per_input_medians
    # calls cycle through 2 inputs: input 0 costs 1, 1 and a 50-unit stall; input 1 costs 4 each time
    assert per_input_medians([1, 4, 1, 4, 50, 4], 2) == [1, 4]


def test_the_service_warm_up_grows_with_the_bodies():
    from assistant.bench.service import warmup_seconds
    assert warmup_seconds(100) == 3                    # never shorter than the model load needs
    assert warmup_seconds(2267) == 14                  # three passes over 2,267 drafts at 500 req/s
    assert warmup_seconds(4000) > warmup_seconds(2000)
