"""Topic and mood on Russian examples written for the tests (not taken from the corpus)."""
import pytest

TOPIC_CASES = [
    ("order_payment", "с карты списали два раза за один заказ, верните лишнее"),
    ("order_payment", "как отменить заказ пока его не отправили"),
    ("order_payment", "карта мир не проходит при оплате"),
    ("delivery", "где заказ??"),
    ("delivery", "можно перенести доставку на субботу, в пятницу меня не будет дома"),
    ("delivery", "посылка застряла на сортировке уже пять дней, трек не обновляется"),
    ("return_exchange", "как вернуть куртку, не подошёл размер"),
    ("return_exchange", "сколько дней есть на возврат обуви?"),
    ("refund", "деньги за возврат так и не пришли, прошло две недели"),
    ("refund", "когда вернутся деньги за отменённый заказ"),
    ("promo_bonus", "промокод не применяется в корзине"),
    ("promo_bonus", "куда делись мои баллы, было 500 стало 0"),
    ("product_question", "а этот чехол подойдёт на айфон 13?"),
    ("product_question", "есть такие кроссовки 44 размера в чёрном цвете?"),
    ("defect_wrong_item", "пришёл пылесос с трещиной на корпусе"),
    ("defect_wrong_item", "прислали не тот цвет, заказывала синий, пришёл красный"),
    ("courier_pickup", "курьер нахамил и бросил коробку у двери"),
    ("courier_pickup", "пункт выдачи закрыт в рабочее время, заказ не отдали"),
    ("technical_issue", "приложение вылетает при открытии корзины"),
    ("technical_issue", "сайт не грузится, белый экран"),
    ("account", "не приходит смс с кодом для входа"),
    ("account", "как поменять номер телефона в профиле"),
    ("contact_support", "позовите живого оператора, бот ничего не понимает"),
    ("contact_support", "как написать продавцу, не вижу чата"),
    ("other", "спасибо вам большое, вы лучшие!"),
    ("other", "добрый день"),
]


@pytest.mark.parametrize("topic, text", TOPIC_CASES)
def test_topic(assistant, topic, text):
    assert assistant.classify(text).topic == topic


@pytest.mark.parametrize("topic, text", [
    ("delivery", "ГДЕ МОЙ ЗАКАЗ!!! ЖДУ НЕДЕЛЮ"),
    ("delivery", "где заказл када привезут"),
    ("refund", "денги не вернули до сих пор"),
    ("technical_issue", "прилажение вылетаит"),
])
def test_topic_survives_caps_and_typos(assistant, topic, text):
    assert assistant.classify(text).topic == topic


MOOD_CASES = [
    ("negative", "приложение вылетает"),
    ("negative", "верните деньги немедленно, это уже издевательство 😡"),
    ("negative", "курьер опять не приехал, сколько можно"),
    ("neutral", "подскажите, какой срок возврата обуви?"),
    ("neutral", "спасибо, а можно поменять адрес доставки?"),
    ("positive", "спасибо огромное, всё пришло быстро и целое!"),
    ("positive", "курьер Алексей просто золото, передайте ему спасибо ❤️"),
]


@pytest.mark.parametrize("mood, text", MOOD_CASES)
def test_mood(assistant, mood, text):
    assert assistant.classify(text).mood == mood


def test_long_message(assistant):
    text = ("Здравствуйте. Заказывала 10 ноября детское автокресло, заказ 48213577-0012, оплатила сразу 12 990 ₽. "
            "Обещали привезти к 15-му, потом перенесли на 18-е, потом статус вообще пропал из приложения. "
            "Я звонила на горячую линию, там сказали ждать. Уже 25-е, ребёнка возить не в чем, "
            "объясните наконец, где моя посылка и когда её доставят? Ольга")
    pred = assistant.classify(text)
    assert pred.topic == "delivery" and pred.mood == "negative"


def test_probabilities_are_calibrated_and_sorted(assistant):
    pred = assistant.classify("где мой заказ")
    ps = [p for _, p in pred.topics]
    assert ps == sorted(ps, reverse=True)
    assert abs(sum(ps) - 1) < 1e-6 and abs(sum(p for _, p in pred.moods) - 1) < 1e-6
    assert pred.confidence == ps[0]


def test_non_russian_text_is_flagged(assistant):
    out = assistant.classify("Where is my parcel? It is late").as_dict()
    assert out["language"] == "other" and out["warnings"]


def test_batch_equals_single(assistant):
    texts = [t for _, t in TOPIC_CASES[:6]]
    assert [p.topic for p in assistant.classify_many(texts)] == [assistant.classify(t).topic for t in texts]
