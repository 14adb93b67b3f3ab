import datetime as dt
import functools
import re

import pytest

from assistant import corpus, drafts
from assistant.entities import _DAY_MONTH, _date_or_none, _windows, extract, find_dates, luhn_ok

TODAY = dt.date(2026, 11, 25)


def spans(text, kind):
    return [(e.start, e.stop, e.value) for e in extract(text, today=TODAY) if e.kind == kind]


@pytest.mark.parametrize("text, expected", [
    ("заказ 48213577-0012 не пришёл", [(6, 19, "48213577-0012")]),
    ("где №123456??", [(5, 11, "123456")]),
    ("номер заказа 7751203, помогите", [(13, 20, "7751203")]),
    ("Заказ # 99812-334 потерялся", [(8, 17, "99812-334")]),
])
def test_order_numbers(text, expected):
    assert spans(text, "order_id") == expected


@pytest.mark.parametrize("text, expected", [
    ("привезут 12 марта", [(9, 17, dt.date(2026, 3, 12))]),
    ("обещали 05.11, а нет", [(8, 13, dt.date(2026, 11, 5))]),
    ("курьер сказал завтра", [(14, 20, dt.date(2026, 11, 26))]),
    ("вернут через 3 дня", [(7, 18, dt.date(2026, 11, 28))]),
    ("до 26.11.2026 включительно", [(3, 13, dt.date(2026, 11, 26))]),
])
def test_dates(text, expected):
    assert spans(text, "date") == expected


@pytest.mark.parametrize("text, expected", [
    ("списали 1 500 ₽ дважды", [(8, 15, 1500)]),
    ("заплатил 2999р", [(9, 14, 2999)]),
    ("верните 12 000 рублей", [(8, 21, 12000)]),
    ("потратил 3к на доставку", [(9, 11, 3000)]),
    ("1,5 тыс. руб за ерунду", [(0, 12, 1500)]),
])
def test_money(text, expected):
    assert spans(text, "money") == expected


def test_contacts_and_cards():
    text = "пишите ivan@mail.ru, звоните +7 (912) 345-67-89, карта 4111 1111 1111 1111"
    kinds = [(e.kind, text[e.start:e.stop]) for e in extract(text, today=TODAY)]
    assert kinds == [("email", "ivan@mail.ru"), ("phone", "+7 (912) 345-67-89"), ("card", "4111 1111 1111 1111")]


def test_card_needs_a_valid_luhn_checksum_unless_written_as_a_card():
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")
    assert spans("номер 4111111111111112", "card") == []
    assert spans("заказ 4111 1111 1111 1112 в пути", "card") == []
    # four groups of four right after «карта» leak a card number whatever its checksum
    assert spans("карта 4111 1111 1111 1112", "card") == [(6, 25, "4111111111111112")]
    assert spans("вернули на вашу карту 4276 3800 1234 5678", "card") == [(22, 41, "4276380012345678")]


def test_passport():
    assert spans("паспорт серия 4510 номер 123456", "passport") == [(14, 31, "4510123456")]


@pytest.mark.parametrize("text, name", [
    ("Здравствуйте, меня зовут Ольга Петрова, заказ не пришёл", "Ольга"),
    ("меня зовут игорь, пишу третий раз", "Игорь"),
    ("Где заказ? Спасибо! Анна", "Анна"),
    ("Передайте спасибо курьеру Алексею!", "Алексей"),
])
def test_person_first_name_in_nominative(text, name):
    assert [e.value for e in extract(text, today=TODAY) if e.kind == "person"] == [name]


def test_no_person_in_a_plain_message():
    assert spans("где мой заказ уже неделю жду", "person") == []


@functools.lru_cache(maxsize=1)
def _natasha_dates():
    from natasha import DatesExtractor, MorphVocab
    return DatesExtractor(MorphVocab())


def _natasha_day_month_dates(text: str, today: dt.date) -> list[tuple]:
    """What natasha's date grammar finds with a day and a month, run on the windows around month names."""
    months = re.compile(r"январ|феврал|март|апрел|ма[яей]\b|июн|июл|август|сентябр|октябр|ноябр|декабр", re.I)
    out = []
    for offset, window in _windows(text, months, before=24, after=16):
        if not any(ch.isdigit() for ch in window):
            continue
        for m in _natasha_dates()(window):
            if m.fact.month and m.fact.day:
                out.append((offset + m.start, offset + m.stop,
                            _date_or_none(m.fact.year or today.year, m.fact.month, m.fact.day)))
    return out


def test_day_month_dates_equal_natashas_on_the_corpora():
    texts = list(dict.fromkeys([m.text for m in corpus.load("train")] + [d.draft for d in drafts.load("train")]
                               + ["26 ноября 2026 года", "1 мая", "31 декабря 2025г.", "с 1 по 5 ноября", "26ноября",
                                  "12 Марта 2026 г", "5 мая 1999", "0 мая", "32 мая", "12345 ноября", "1.5 ноября",
                                  "2 490 ₽ в ноябре", "26-го ноября", "до 15 ноябре", "к 3 МАЯ 3000 года"]))
    dated = 0
    for text in texts:
        ours = [(e.start, e.stop, e.value) for e in find_dates(text, TODAY) if e.start in
                {m.start() for m in _DAY_MONTH.finditer(text)}]
        theirs = _natasha_day_month_dates(text, TODAY)
        assert ours == theirs, text
        dated += bool(theirs)
    assert dated > 100
