"""Schema and shape of the message corpus and its fixed held-out split."""
import json
from collections import Counter

import pytest

from assistant import corpus, drafts
from assistant.labels import MOODS, TOPICS
from assistant.normalize import normalize_text


@pytest.fixture(scope="module")
def splits():
    return {s: corpus.load(s) for s in ("train", "test")}


def test_every_line_validates_and_ids_are_unique(splits):
    ids = [m.id for msgs in splits.values() for m in msgs]
    assert len(ids) == len(set(ids))


def test_size_and_coverage(splits):
    everything = splits["train"] + splits["test"]
    assert len(everything) >= 3000
    per_topic = Counter(m.topic for m in everything)
    assert set(per_topic) == set(TOPICS)
    assert min(per_topic.values()) >= 200
    assert set(Counter(m.mood for m in everything)) == set(MOODS)


def test_held_out_share_and_no_leak(splits):
    share = len(splits["test"]) / (len(splits["train"]) + len(splits["test"]))
    assert share >= 0.2
    train_texts = {normalize_text(m.text) for m in splits["train"]}
    assert not [m for m in splits["test"] if normalize_text(m.text) in train_texts]


def test_split_is_decided_by_content(splits):
    assert all(corpus.is_held_out(m.text) for m in splits["test"])
    assert not any(corpus.is_held_out(m.text) for m in splits["train"])


def test_voices_are_varied(splits):
    texts = [m.text for m in splits["train"]]
    assert sum(len(t.split()) <= 4 for t in texts) > 200, "very short messages"
    assert sum(len(t) > 300 for t in texts) > 100, "long messages"
    assert sum(any(ord(ch) > 0x1F000 for ch in t) for t in texts) > 100, "emoji"


@pytest.mark.parametrize("record, problem", [
    ({"text": "где заказ", "topic": "delivery"}, "missing"),
    ({"text": " ", "topic": "delivery", "mood": "neutral"}, "non-empty"),
    ({"text": "где заказ", "topic": "shipping", "mood": "neutral"}, "unknown topic"),
    ({"text": "где заказ", "topic": "delivery", "mood": "angry"}, "unknown mood"),
])
def test_schema_errors_say_what_is_wrong(record, problem):
    with pytest.raises(corpus.CorpusError, match=problem):
        corpus.validate(record, "line 1")


def test_add_messages_routes_by_hash_and_skips_duplicates(tmp_path):
    items = ("кроссовки пылесос чайник куртка платье наушники телефон чехол сумка кружка лампа стол стул "
             "ковёр штора подушка одеяло кастрюля сковорода нож ложка вилка тарелка часы ремень шарф шапка "
             "перчатки носки зонт рюкзак кошелёк очки книга игрушка конструктор пазл краски кисти мольберт").split()
    records = [{"text": f"где мой заказ, там {item}", "topic": "delivery", "mood": "negative"} for item in items]
    assert len(records) == 40
    first = corpus.add_messages(records, tmp_path)
    again = corpus.add_messages(records[:5], tmp_path)
    assert first["train"] + first["test"] == 40 and first["test"] > 0
    assert again == {"train": 0, "test": 0, "duplicate": 5}
    assert len(corpus.load("train", tmp_path)) + len(corpus.load("test", tmp_path)) == 40


def _draft_lines(groups: int) -> list[dict]:
    out = []
    for g in range(groups):
        message = f"Где заказ 4821357{g:02d}-0012? Жду неделю"
        out.append({"group": f"t-{g:03d}", "message": message, "topic": "delivery", "mood": "negative",
                    "draft": f"Здравствуйте! Извините за ожидание: заказ 4821357{g:02d}-0012 приедет 26 ноября.",
                    "codes": [], "quality": "good"})
        out.append({"group": f"t-{g:03d}", "message": message, "topic": "delivery", "mood": "negative",
                    "draft": "Ожидайте.", "codes": ["no_next_step", "no_greeting", "no_apology"], "quality": "bad"})
    return out


def test_drafts_add_routes_whole_groups_and_keeps_existing_lines(tmp_path):
    from click.testing import CliRunner

    from assistant.cli import main
    folder = tmp_path / "drafts"
    folder.mkdir()
    old = '{"codes": ["no_next_step", "no_greeting"], "group": "old-1", "message": "Где заказ?", "topic": "delivery", ' \
          '"mood": "neutral", "draft": "Ждите", "quality": "bad"}'
    (folder / "train.jsonl").write_text(old, encoding="utf-8")  # no final newline, unsorted codes: kept as is
    result = _drafts_command(tmp_path, "add", _as_lines(_draft_lines(40)))
    assert result.exit_code == 0, result.output
    added = json.loads(result.output)
    assert added["train"] + added["test"] == 80 and added["test"] > 0 and added["duplicate"] == 0
    assert (folder / "train.jsonl").read_text(encoding="utf-8").splitlines()[0] == old
    train, test = drafts.load("train", tmp_path), drafts.load("test", tmp_path)
    assert not {d.group for d in train} & {d.group for d in test}
    assert all(drafts.group_held_out(d.group) for d in test)
    again = _drafts_command(tmp_path, "add", _as_lines(_draft_lines(40)))
    assert json.loads(again.output) == {"train": 0, "test": 0, "duplicate": 80}
    assert CliRunner().invoke(main, ["drafts", "validate", "--corpora", str(tmp_path)]).exit_code == 0


@pytest.mark.parametrize("bad, problem", [
    ('{"group": "x"', "not JSON"),
    (json.dumps({**_draft_lines(1)[0], "codes": ["rude"]}), "a good draft has no codes"),
    (json.dumps({**_draft_lines(1)[0], "group": "t-000", "message": "другое сообщение"}), "another message"),
    ("5", "expected a JSON object"),
    (json.dumps({**_draft_lines(1)[0], "draft": ""}), "«draft» must be a non-empty string"),
    (json.dumps({**_draft_lines(1)[0], "codes": "rude"}), "«codes» must be a list"),
])
def test_drafts_add_refuses_a_bad_line_and_adds_nothing(tmp_path, bad, problem):
    _refuses_a_bad_line(tmp_path, "add", _draft_lines(3), bad, problem)


def _drafts_command(tmp_path, command: str, lines: list[str]):
    """`assistant drafts COMMAND new.jsonl` over the given JSON Lines, on the corpora in tmp_path."""
    from click.testing import CliRunner

    from assistant.cli import main
    src = tmp_path / "new.jsonl"
    src.write_text("\n".join(lines), encoding="utf-8")
    return CliRunner().invoke(main, ["drafts", command, str(src), "--corpora", str(tmp_path)])


def _as_lines(records: list[dict]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in records]


def _refuses_a_bad_line(tmp_path, command: str, good: list[dict], bad: str, problem: str) -> None:
    """`assistant drafts COMMAND` on good lines with a bad one third names that line and writes nothing."""
    lines = _as_lines(good)
    result = _drafts_command(tmp_path, command, lines[:2] + [bad] + lines[2:])
    assert result.exit_code == 4 and problem in result.output and "new.jsonl:3" in result.output
    assert "nothing was added" in result.output and not (tmp_path / "drafts").exists()


def _sentence_lines(n: int) -> list[dict]:
    names = [chr(0x430 + i % 32) + chr(0x430 + i // 32) for i in range(n)]  # digits normalise alike: letters differ
    return [{"text": f"Надо было проверять заказ «{name}» при курьере.", "blame": True, "rude": False} if i % 2 else
            {"text": f"Деньги за заказ «{name}» зачислит банк, обычно до 3 дней.", "blame": False}
            for i, name in enumerate(names)]


def test_add_sentences_routes_by_text_and_skips_known_ones(tmp_path):
    from assistant.rude import load_sentences
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "sentences_train.jsonl").write_text('{"text": "Ну вы даёте.", "rude": true}', encoding="utf-8")
    result = _drafts_command(tmp_path, "add-sentences", _as_lines(_sentence_lines(40)))
    assert result.exit_code == 0, result.output
    added = json.loads(result.output)
    assert added["train"] + added["test"] == 40 and added["test"] > 0 and added["duplicate"] == 0
    first = (folder / "sentences_train.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert first == '{"text": "Ну вы даёте.", "rude": true}'
    texts, labels = load_sentences("test", tmp_path, "blame")
    assert texts and all(corpus.is_held_out(t) for t in texts)
    assert load_sentences("train", tmp_path, "rude")[0][0] == "Ну вы даёте."
    again = _drafts_command(tmp_path, "add-sentences", _as_lines(_sentence_lines(40)))
    assert json.loads(again.output) == {"train": 0, "test": 0, "duplicate": 40}


@pytest.mark.parametrize("bad, problem", [
    ('{"text": "Ждите"', "not JSON"),
    ('{"text": "Ждите."}', "true/false"),
    ('{"text": "Ждите.", "rude": "да"}', "true/false"),
    ('{"text": "Ждите.", "rude": true, "caps": true}', "unknown field"),
    ('{"text": "", "rude": true}', "non-empty"),
])
def test_add_sentences_refuses_a_bad_line_and_adds_nothing(tmp_path, bad, problem):
    _refuses_a_bad_line(tmp_path, "add-sentences", _sentence_lines(3), bad, problem)


def test_corpus_add_names_a_broken_line_and_adds_nothing(tmp_path):
    from click.testing import CliRunner

    from assistant.cli import main
    src = tmp_path / "new.jsonl"
    src.write_text('{"text": "где мой заказ 123456", "topic": "delivery", "mood": "neutral"}\n{"text": \n',
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "add", str(src), "--corpora", str(tmp_path)])
    assert result.exit_code == 4 and f"{src}:2: not JSON" in result.output and "nothing was added" in result.output
    assert not (tmp_path / "messages").exists()
    src.write_text('["a list, not a message"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "add", str(src), "--corpora", str(tmp_path)])
    assert result.exit_code == 4 and "expected a JSON object" in result.output
    src.write_text('{"text": "где мой заказ 123456", "topic": "delivery", "mood": "neutral"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["corpus", "add", str(src), "--corpora", str(tmp_path)])
    assert result.exit_code == 0 and sum(json.loads(result.output).values()) == 1
