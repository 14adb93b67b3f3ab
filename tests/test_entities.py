import datetime as dt

import pytest

from assistant.entities import extract, luhn_ok

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


def test_card_needs_a_valid_luhn_checksum():
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")
    assert spans("карта 4111 1111 1111 1112", "card") == []


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
