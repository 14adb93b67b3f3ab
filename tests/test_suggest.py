"""Template ranking, narrowing by the operator's draft, and placeholder filling."""
import datetime as dt

import numpy as np
import pytest

from assistant import analyze
from assistant.fill import fill, inflect_name, russian_date, rubles, values_from

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("message, topic", [
    ("где мой заказ 48213577-0012? обещали вчера", "delivery"),
    ("деньги за возврат так и не пришли", "refund"),
    ("промокод не применяется в корзине", "promo_bonus"),
    ("пришёл разбитый чайник", "defect_wrong_item"),
    ("не приходит смс с кодом для входа", "account"),
    ("как вернуть куртку, не подошёл размер?", "return_exchange"),
    ("приложение вылетает при оплате", "technical_issue"),
    ("курьер нагрубил и бросил коробку", "courier_pickup"),
    ("спасибо, всё пришло быстро!", "other"),
])
def test_top_suggestion_topic(assistant, message, topic):
    assert assistant.suggest(message)[0].topic == topic


def test_draft_prefix_narrows_to_refunds_and_returns(assistant):
    message = "Здравствуйте, где мой заказ 48213577-0012? Жду неделю"
    before = assistant.suggest(message, top=5)
    after = assistant.suggest(message, draft="Здравствуйте! Деньги за возв", top=5)
    assert before[0].topic == "delivery"
    assert {s.topic for s in after} <= {"refund", "return_exchange"}
    assert after[0].topic == "refund"


def test_ranking_is_deterministic(assistant):
    first = [s.template_id for s in assistant.suggest("где заказ", top=10)]
    assert first == [s.template_id for s in assistant.suggest("где заказ", top=10)]
    assert len(first) == len(set(first)) == 10


def test_order_number_and_name_are_filled(assistant):
    best = assistant.suggest("Здравствуйте, меня зовут Ольга. Где мой заказ 48213577-0012?")[0]
    assert "48213577-0012" in best.text and "{order_id}" not in best.text
    assert best.text.startswith(("Здравствуйте, Ольга!", "Добрый день, Ольга!"))
    assert "order_id" not in best.missing


def test_unknown_values_stay_visible_and_are_listed(assistant):
    best = assistant.suggest("где мой заказ?")[0]
    for key in best.missing:
        assert "{" + key + "}" in best.text
    assert "{name}" not in best.text  # an unknown name drops from the greeting


def test_scores_are_sorted(assistant):
    scores = [s.score for s in assistant.suggest("верните деньги за возврат", top=5)]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("name, case, expected", [
    ("Ольга", "datv", "Ольге"), ("Игорь", "datv", "Игорю"), ("Анна", "gent", "Анны"), ("Пётр", "ablt", "Петром"),
])
def test_names_are_inflected(name, case, expected):
    assert inflect_name(name, case) == expected


def test_dates_and_sums_are_written_the_russian_way():
    assert russian_date(dt.date(2026, 11, 26), TODAY) == "26 ноября"
    assert russian_date(dt.date(2027, 1, 3), TODAY) == "3 января 2027 года"
    assert rubles(3200) == "3 200 ₽"


def test_fill_from_a_message():
    doc = analyze("Меня зовут Игорь. Заказ 48213577-0012 на 3200 р обещали 26 ноября, ПВЗ на Ленина 5", today=TODAY)
    values = values_from(doc)
    out = fill("Здравствуйте, {name}! Спасибо, {name:datv}. Заказ {order_id} на {amount} придёт {date} "
               "в пункт {pickup_point}. Промокод {promo_code}.", values, TODAY)
    assert out.text == ("Здравствуйте, Игорь! Спасибо, Игорю. Заказ 48213577-0012 на 3 200 ₽ придёт 26 ноября "
                        "в пункт Ленина 5. Промокод {promo_code}.")
    assert out.missing == ("promo_code",)


def test_cli_suggest_top_n():
    import json

    from click.testing import CliRunner

    from assistant.cli import main
    data = '{"id": 7, "message": "где мой заказ 5521907?"}\n{"id": 8}\n'
    result = CliRunner().invoke(main, ["suggest", "--top", "3"], input=data)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert out[0]["id"] == 7 and out[0]["topic"] == "delivery" and len(out[0]["suggestions"]) == 3
    assert {"template_id", "topic", "title", "text", "score"} <= set(out[0]["suggestions"][0])
    assert out[1]["error"]["code"] == "missing_field"


@pytest.mark.parametrize("draft", [
    "Здравствуйте, Анна! Приносим извинения",
    "Добрый день! Очень жаль, что так вышло",
    "Вы что, читать не умеете? Всё написано в карточке",
])
def test_a_draft_without_a_topic_keeps_the_message_topic(assistant, draft):
    message = "Пришёл чайник с трещиной на корпусе, заказ №7731205. Что делать?"
    assert assistant.suggest(message, draft, top=3)[0].topic == "defect_wrong_item"


@pytest.mark.parametrize("message, name", [
    ("Курьер Алексей нахамил мне и уехал, заказ 77120045", None),
    ("Спасибо курьеру Ивану Петрову! Всё привёз вовремя", None),
    ("Здравствуйте! Хочу поблагодарить оператора Диану, помогла. Анна", "Анна"),
    ("Меня зовут Ольга, где мой заказ 5520193?", "Ольга"),
    ("Заказывала подарок маме, Светлане Ивановне. Где он? Татьяна", "Татьяна"),
])
def test_the_greeting_uses_the_customers_own_name(message, name):
    assert values_from(analyze(message, today=TODAY)).get("name") == name


def test_fast_similarity_equals_sklearn(assistant):
    sug = assistant.suggester
    for message in ["Где мой заказ 48213577-0012? Жду уже неделю!!!", "промокод не применяется", "", "😡😡",
                    "Верните деньги за возврат, курьер забрал товар 3 дня назад"]:
        expected = (sug.example_matrix @ sug.vectorizer.transform([message]).T).toarray().ravel()
        assert np.allclose(sug._similarity(message), expected, atol=1e-12)
