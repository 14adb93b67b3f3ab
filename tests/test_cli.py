"""The `assistant` command line: JSON Lines in and out, broken lines, exit codes."""
import json

from click.testing import CliRunner

from assistant.cli import Exit, main

BATCH = (
    '{"id": "a", "text": "где мой заказ 48213577-0012?"}\n'
    "{not json\n"
    '{"id": "c"}\n'
    '\n'
    '{"id": "d", "text": ""}\n'
    '["a list"]\n'
    '{"id": "f", "text": "спасибо курьеру!"}\n'
)


def run(args, data):
    return CliRunner().invoke(main, args, input=data)


def lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_classify_batch_keeps_order_and_reports_broken_lines():
    result = run(["classify"], BATCH)
    assert result.exit_code == Exit.BATCH_ERRORS
    out = lines(result)
    assert [o.get("id") for o in out] == ["a", None, "c", "d", None, "f"]
    assert out[0]["topic"] == "delivery" and "topics" in out[0] and "confidence" in out[0]
    assert out[1]["error"]["code"] == "bad_json" and out[1]["line"] == 2
    assert out[2]["error"]["code"] == "missing_field"
    assert out[3]["error"]["code"] == "empty_text"
    assert out[4]["error"]["code"] == "bad_record"
    assert out[5]["topic"] == "courier_pickup"


def test_classify_clean_batch_exits_zero(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "промокод не работает"}\n', encoding="utf-8")
    result = run(["classify", str(path)], "")
    assert result.exit_code == Exit.OK
    assert lines(result)[0]["topic"] == "promo_bonus"


def test_line_without_id_gets_its_line_number():
    out = lines(run(["classify"], '{"text": "где заказ"}\n{"text": "где деньги"}\n'))
    assert [o["id"] for o in out] == [1, 2]


def test_wrong_encoding_is_one_failed_line():
    data = '{"id": 1, "text": "где заказ"}\n'.encode() + '{"id": 2, "text": "где"}\n'.encode("cp1251") + b'\n'
    result = CliRunner().invoke(main, ["classify"], input=data)
    out = lines(result)
    assert out[0]["topic"] == "delivery"
    assert out[1]["error"]["code"] == "bad_encoding"


def test_huge_text_is_refused_not_crashed():
    result = run(["classify"], json.dumps({"id": 1, "text": "а" * 20000}) + "\n")
    assert lines(result)[0]["error"]["code"] == "text_too_long"


def test_help_lists_commands():
    result = run(["--help"], "")
    for command in ("classify", "suggest", "check", "train", "evaluate", "serve"):
        assert command in result.stdout


def test_evaluate_json():
    result = run(["evaluate", "--task", "mood", "--json"], "")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["mood"]["n"] > 500 and 0 < report["mood"]["accuracy"] <= 1


def _draft_line(group, draft, codes):
    return json.dumps({"group": group, "message": "Где мой заказ 48213577? Уже неделю жду!", "topic": "delivery",
                       "mood": "negative", "draft": draft, "codes": codes,
                       "quality": "bad" if codes else "good"}, ensure_ascii=False)


def test_drafts_evaluate_measures_a_batch_before_it_is_added(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        _draft_line("t-1", "Здравствуйте! Извините за задержку: заказ 48213577 приедет завтра до 18:00.", []),
        _draft_line("t-1", "Ваше обращение очень важно для нас.",
                    ["no_apology", "no_greeting", "no_next_step", "not_answered"]),
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["drafts", "evaluate", str(batch), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == 2 and data["pairs"] == 1
    assert data["codes"]["no_greeting"]["recall"] == 1.0  # the stock reply has no greeting, and it is found
    assert data["good_above_bad"] == 1.0


def test_drafts_evaluate_names_a_broken_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_draft_line("t-1", "Здравствуйте!", []) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["drafts", "evaluate", str(batch)])
    assert result.exit_code == Exit.DATA
    assert f"{batch}:2" in result.output
