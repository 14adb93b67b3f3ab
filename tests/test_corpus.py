"""Schema and shape of the message corpus and its fixed held-out split."""
from collections import Counter

import pytest

from assistant import corpus
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
