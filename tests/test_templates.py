"""The template library: schema, coverage, placeholders and cleanliness under our own checker."""
from collections import Counter

import pytest

from assistant.labels import TOPICS
from assistant.templatecheck import check_library
from assistant.templates import PLACEHOLDERS, TemplateError, load_library, parse_record


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_size_and_topic_coverage(library):
    assert len(library) >= 100
    per_topic = Counter(t.topic for t in library)
    for topic in TOPICS:
        assert per_topic[topic] >= (6 if topic != "other" else 3), topic


def test_records_are_complete(library):
    for t in library:
        assert t.id.startswith(t.topics[0].split("_")[0]) or t.id.split(".")[0] in TOPICS
        assert len(t.examples) >= 2 and t.title and t.moods
        assert set(t.placeholders) <= set(PLACEHOLDERS)


def test_negative_templates_open_with_empathy(checker, library):
    for t in library:
        if "negative" in t.moods:
            ctx = checker.context(t.text)
            from assistant.checks.completeness import has_apology
            assert has_apology(ctx), t.id


def test_every_template_is_clean_under_the_checker(assistant, library):
    assert check_library(assistant, library) == {}


@pytest.mark.parametrize("record, problem", [
    ({"id": "delivery.x", "topics": ["shipping"], "title": "Заголовок", "moods": ["neutral"],
      "text": "Здравствуйте! Заказ приедет завтра, трек в разделе «Заказы».", "examples": ["а", "б"]}, "unknown topic"),
    ({"id": "delivery.x", "topics": ["delivery"], "title": "Заголовок", "moods": ["neutral"],
      "text": "Здравствуйте! Заказ {order} приедет завтра, трек в «Заказах».", "examples": ["а", "б"]}, "placeholder"),
    ({"id": "delivery.x", "topics": ["delivery"], "title": "Заголовок", "moods": ["neutral"],
      "text": "Здравствуйте! Ваше обращение очень важно для нас, спасибо.", "examples": ["а", "б"]}, "generic"),
    ({"id": "Bad Id", "topics": ["delivery"], "title": "Заголовок", "moods": ["neutral"],
      "text": "Здравствуйте! Заказ приедет завтра, трек в разделе «Заказы».", "examples": ["а", "б"]}, "id"),
    ({"id": "delivery.x", "topics": ["delivery"], "title": "Заголовок", "moods": ["neutral"],
      "text": "Здравствуйте! Заказ приедет завтра, трек в разделе «Заказы».", "examples": ["а", "б"],
      "extra": 1}, "extra"),
])
def test_schema_errors(record, problem):
    with pytest.raises(TemplateError, match=problem):
        parse_record(record, "test")


def test_adding_a_template_needs_no_code(tmp_path):
    (tmp_path / "delivery.yaml").write_text(
        "- id: delivery.weekend\n  topics: [delivery]\n  title: Доставка в выходные\n  moods: [neutral]\n"
        "  text: Здравствуйте, {name}! Курьер привозит заказы и в субботу, и в воскресенье с 9 до 21.\n"
        "  examples: [\"привезёте в субботу?\", \"а в выходные доставляете\"]\n", encoding="utf-8")
    (t,) = load_library(tmp_path)
    assert t.id == "delivery.weekend" and t.placeholders == ("name",)


def test_duplicate_ids_are_refused(tmp_path):
    record = ("- id: delivery.a\n  topics: [delivery]\n  title: Т\n  moods: [neutral]\n"
              "  text: Здравствуйте! Заказ приедет завтра в пункт выдачи.\n  examples: [а, б]\n")
    (tmp_path / "a.yaml").write_text(record.replace("title: Т", "title: Тест"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(record.replace("title: Т", "title: Тест"), encoding="utf-8")
    with pytest.raises(TemplateError, match="duplicate"):
        load_library(tmp_path)
