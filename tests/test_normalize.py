import pytest

from assistant.normalize import normalize_text, normalize_word, repair_lookalikes


@pytest.mark.parametrize("word, expected", [
    ("Ёлка", "елка"),
    ("ПОЖААААЛУЙСТА", "пожалуйста"),
    ("зaкaз", "заказ"),          # latin a inside a Cyrillic word
    ("iPhone", "iphone"),        # a latin word stays latin
    ("ссылка", "ссылка"),        # a legitimate double letter survives
    ("ЖДУУУУ", "жду"),
])
def test_normalize_word(word, expected):
    assert normalize_word(word) == expected


def test_normalize_text_folds_digits_and_spaces():
    assert normalize_text("Заказ  №48213577-0012\nпришёл") == "заказ №00000000-0000 пришел"


def test_repair_lookalikes_keeps_length_and_offsets():
    text = "где мой ЗAКAЗ и iPhone"
    repaired = repair_lookalikes(text)
    assert len(repaired) == len(text)
    assert repaired == "где мой ЗАКАЗ и iPhone"
