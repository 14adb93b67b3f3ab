"""The draft checker per contract code: spans, message-aware cases, suggestions and the score."""
import pytest

from assistant.checks.model import Flag
from assistant.score import CODE_WEIGHT, CRITERIA, DOUBT_FROM, DOUBT_MAX, SEVERITY_WEIGHT, doubt_weight, score

COMPLAINT = "Где мой заказ 48213577-0012?! Жду уже неделю, это безобразие"
QUESTION = "Подскажите, пожалуйста, когда привезут заказ 48213577-0012?"
GOOD = ("Здравствуйте! Приносим извинения за задержку. Заказ 48213577-0012 сейчас на сортировке, "
        "по нашим данным его привезут 28 ноября.")


def flags(checker, draft, message=None, code=None):
    return [f for f in checker.check(draft, message).flags if code is None or f.code == code]


def spans(checker, draft, code, message=None):
    return [draft[f.start:f.end] for f in flags(checker, draft, message, code)]


@pytest.mark.parametrize("draft, code, span", [
    ("Здравствуйте! Вы что, читать не умеете? Всё в карточке.", "rude", "читать не умеете"),
    ("Здравствуйте! Это невозможно.", "categorical", "невозможно"),
    ("Здравствуйте! Возврат не представляется возможным.", "categorical", "не представляется возможным"),
    ("Здравствуйте! Вы сами виноваты.", "blame", "Вы сами виноваты"),
    ("Здравствуйте! Это проблема курьерской службы, а не наша.", "blame", "Это проблема курьерской службы, а не наша"),
    ("Здравствуйте! Пишите на ivan@mail.ru.", "pii", "ivan@mail.ru"),
    ("Здравствуйте! Ваша карта 4111 1111 1111 1111.", "pii", "4111 1111 1111 1111"),
    ("Здравствуйте! ВНИМАТЕЛЬНО читайте условия.", "caps", "ВНИМАТЕЛЬНО"),
    ("Здравствуйте! Заказ приедет завтра!!!", "caps", "!!!"),
    ("Здравствуйте! В настоящий момент заказ в пути.", "bureaucratese", "В настоящий момент"),
    ("Здравствуйте! Гарантируем, что привезём завтра.", "overpromise", "Гарантируем"),
    ("Здравствуйте, {name}! Заказ в пути.", "unfilled_placeholder", "{name}"),
    ("Здравствуйте! Заказ [номер заказа] в пути.", "unfilled_placeholder", "[номер заказа]"),
    ("Здравствуйте! Заказ № ХХХ в пути.", "unfilled_placeholder", "ХХХ"),
    ("Здравствуйте! Ты можешь вернуть товар.", "register", "Ты"),
])
def test_code_and_exact_span(checker, draft, code, span):
    assert span in spans(checker, draft, code)


@pytest.mark.parametrize("draft, code", [
    ("Здравствуйте! К сожалению, вернуть бельё невозможно, но мы можем обменять размер.", "categorical"),
    ("Здравствуйте! Вы не виноваты: ошибка на складе, замену отправили.", "blame"),
    ("Здравствуйте! Позвоните на горячую линию 8 800 555-35-35.", "pii"),
    ("Здравствуйте! Заберите заказ в ПВЗ, код придёт по СМС.", "caps"),
    ("Здравствуйте! Гарантийный срок — 12 месяцев.", "overpromise"),
    ("Здравствуйте! Вы написали «курьер — хамло», мы уже разбираемся.", "rude"),
    ("Здравствуйте! Вы можете вернуть товар в течение 14 дней.", "register"),
])
def test_must_not_fire(checker, draft, code):
    assert spans(checker, draft, code) == []


def test_missing_things_are_empty_spans_with_suggestions(checker):
    draft = "Заказ привезут 28 ноября."
    (greeting,) = flags(checker, draft, "Меня зовут Ольга. " + COMPLAINT, "no_greeting")
    assert (greeting.start, greeting.end) == (0, 0)
    assert greeting.suggestion.startswith("Здравствуйте, Ольга!")
    (apology,) = flags(checker, draft, COMPLAINT, "no_apology")
    assert (apology.start, apology.end) == (0, 0) and "извинения" in apology.suggestion


def test_apology_depends_on_the_message(checker):
    draft = "Здравствуйте! Заказ привезут 28 ноября."
    assert flags(checker, draft, COMPLAINT, "no_apology")
    assert not flags(checker, draft, QUESTION, "no_apology")
    assert not flags(checker, draft, None, "no_apology")


def test_vague_next_step_is_marked(checker):
    draft = "Здравствуйте! Извините за ожидание. Ожидайте."
    found = flags(checker, draft, QUESTION, "no_next_step")
    assert found and draft[found[0].start:found[0].end] == "Ожидайте"


def test_thanks_needs_no_next_step(checker):
    assert not flags(checker, "Здравствуйте! Спасибо за тёплые слова!", "Спасибо, всё пришло!", "no_next_step")


def test_template_that_does_not_answer_is_caught(checker):
    draft = "Здравствуйте! Ваше обращение очень важно для нас. Спасибо за обращение!"
    assert flags(checker, draft, "Где мой заказ 5521907? когда привезут?", "not_answered")


def test_clean_reply(checker):
    assert flags(checker, GOOD, COMPLAINT) == []
    result = checker.check(GOOD, COMPLAINT)
    # no flag; at most the models' doubts below their thresholds (four models, DOUBT_MAX each) come off
    assert 100 * (1 - DOUBT_MAX) ** 4 <= result.score <= 100.0
    assert checker.check("Здравствуйте! Спасибо за тёплые слова!", "Спасибо, всё пришло!").score == 100.0


@pytest.mark.parametrize("code", sorted(CODE_WEIGHT))
@pytest.mark.parametrize("severity", sorted(SEVERITY_WEIGHT))
def test_a_flag_takes_more_than_the_doubt_it_replaces(code, severity):
    flag = Flag(code, 0, 1, severity, "…")
    for doubt in (DOUBT_FROM + 0.01, 0.8, 0.999):
        assert score([flag], {code: doubt})[0] < score([], {code: doubt})[0]
        assert score([flag], {code: doubt})[0] == score([flag])[0]  # a flagged code keeps no doubt on top


def test_doubt_is_bounded_and_monotone():
    assert doubt_weight(0.0) == doubt_weight(DOUBT_FROM) == 0.0
    assert score([], {"rude": DOUBT_FROM})[0] == 100.0
    totals = [score([], {"not_answered": d})[0] for d in (0.5, 0.6, 0.7, 0.8, 0.9, 0.99)]
    assert all(a >= b for a, b in zip(totals, totals[1:])) and totals[0] > totals[-1]
    assert score([], {"not_answered": 0.99})[1]["relevance"] < 100.0  # the doubt lands on its criterion
    assert score([], {"not_answered": 0.99})[1]["politeness"] == 100.0
    assert score([], dict.fromkeys(CODE_WEIGHT, 0.999))[0] >= 100 * (1 - DOUBT_MAX) ** len(CODE_WEIGHT) - 0.05


def test_offsets_survive_emoji_and_yo(checker):
    draft = "Здравствуйте 🙏😊! Ёлки, ВЫ ЧТО творите? Ваша почта — ёжик@mail.ru"
    for f in flags(checker, draft):
        if f.end > f.start:
            assert draft[f.start:f.end].strip() == draft[f.start:f.end]
    assert "ВЫ ЧТО" in " ".join(spans(checker, draft, "caps"))
    assert spans(checker, draft, "pii") == ["ёжик@mail.ru"]


@pytest.mark.parametrize("bad", [
    GOOD + " Это невозможно.",
    GOOD + " ВНИМАТЕЛЬНО!!!",
    GOOD.replace("Здравствуйте! ", ""),
    GOOD + " Пишите на ivan@mail.ru.",
    GOOD + " Гарантируем это.",
    GOOD.replace("28 ноября", "{date}"),
])
def test_any_flag_lowers_the_score(checker, bad):
    good, worse = checker.check(GOOD, COMPLAINT), checker.check(bad, COMPLAINT)
    assert worse.flags and worse.score < good.score


def test_score_is_strictly_monotone_in_flags(checker):
    result = checker.check("вы что читать не умеете? это невозможно!!! ожидайте", COMPLAINT)
    flags_ = list(result.flags)
    assert len(flags_) >= 4
    totals = [score(flags_[:k])[0] for k in range(len(flags_) + 1)]
    assert all(a > b for a, b in zip(totals, totals[1:]))
    assert set(result.breakdown) == set(CRITERIA)


def test_quoting_the_customer_is_not_our_tone(checker):
    draft = "Здравствуйте! Вы пишете, что курьер сказал «это невозможно, сами виноваты» — приносим извинения."
    assert not {"categorical", "blame"} & {f.code for f in flags(checker, draft)}


def test_batch_cli_with_broken_line():
    import json

    from click.testing import CliRunner

    from assistant.cli import main
    data = ('{"id": 1, "draft": "Это невозможно.", "message": "можно вернуть?"}\n'
            '{"id": 2, "message": "где заказ"}\n'
            '{"id": 3, "draft": "Здравствуйте! Заказ привезут завтра."}\n')
    result = CliRunner().invoke(main, ["check"], input=data)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert "categorical" in {f["code"] for f in out[0]["flags"]} and 0 <= out[0]["score"] < 100
    assert out[1]["error"]["code"] == "missing_field" and out[1]["id"] == 2
    assert out[2]["id"] == 3 and "score" in out[2]


def test_every_tone_flag_comes_with_a_better_wording(checker):
    # CONTRACT §2 and the checker issue: categorical, blame, rude and bureaucratese hits carry a suggestion
    from assistant import drafts
    bad = [d for d in drafts.load("train") if d.codes & {"categorical", "blame", "rude", "bureaucratese"}][:250]
    seen = 0
    for d in bad:
        for f in checker.check(d.draft, d.message).flags:
            if f.code in ("categorical", "blame", "rude", "bureaucratese", "register", "unfilled_placeholder"):
                seen += 1
                assert f.suggestion, (f.rule, d.draft[f.start:f.end])
    assert seen > 200


@pytest.mark.parametrize("draft, word, better", [
    ("Здравствуйте! Можешь оформить возврат в приложении.", "Можешь", "Можете"),
    ("Здравствуйте! Напиши номер заказа.", "Напиши", "Напишите"),
    ("Здравствуйте! Твою заявку уже приняли.", "Твою", "Вашу"),
    ("Здравствуйте! Тебе вернут деньги завтра.", "Тебе", "Вам"),
])
def test_register_flags_carry_the_polite_form(checker, draft, word, better):
    flag = next(f for f in checker.check(draft).flags if f.code == "register")
    assert draft[flag.start:flag.end] == word and flag.suggestion == better


def test_an_unfilled_slot_says_what_to_write(checker):
    flag = next(f for f in checker.check("Здравствуйте! Заказ {order_id} приедет завтра.").flags
                if f.code == "unfilled_placeholder")
    assert "номер заказа" in flag.suggestion


def test_clean_replies_of_the_development_set_rarely_get_a_flag(checker):
    # corpora/drafts/dev_clean.jsonl: 480 good replies written to look risky («нельзя, но…», «вы тут ни при чём»,
    # «100% хлопок», 🙂), in a desk's and in small sellers' voices. Rules were tuned against it, so it guards
    # against regressions and is no held-out figure.
    from assistant import corpus, drafts
    from assistant.paths import drafts_dir
    rows = [drafts.validate(obj) for _, obj in corpus.read_jsonl(drafts_dir() / "dev_clean.jsonl")]
    assert len(rows) == 480 and all(d.quality == "good" for d in rows)
    flagged = sum(bool(checker.check(d.draft, d.message).flags) for d in rows)
    assert flagged / len(rows) <= 0.08


@pytest.mark.parametrize("draft, message, code", [
    ("Здравствуйте! Не переживайте, такое случается. Адрес можно изменить в приложении до передачи курьеру.",
     "я ошиблась в адресе!! помогите", "rude"),
    ("Здравствуйте! Рады, что смогли приятно удивить, — обращайтесь в любое время.", "Спасибо за быструю работу",
     "blame"),
    ("Здравствуйте! Купальники нельзя вернуть — это правило гигиены, а не наше решение. Но можем помочь с обменом.",
     "не дают вернуть купальник!", "blame"),
    ("Здравствуйте! Удаление недоступно, потому что у вас есть заказ в пути. Как только получите его, удалим профиль.",
     "Хочу удалить аккаунт", "blame"),
    ("Здравствуйте! Простите, так поиск работать не должен. Мы передали пример разработчикам.",
     "Поиск показывает ерунду", "categorical"),
    ("Здравствуйте! Баллы действуют 6 месяцев, покупки срок не продлевают, поэтому лучше следить за датой сгорания.",
     "Сгорают ли баллы?", "categorical"),
])
def test_risky_looking_clean_replies(checker, draft, message, code):
    assert code not in checker.check(draft, message).codes
