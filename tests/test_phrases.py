"""Lexicon matching over a whole draft with sentence ends equals matching each sentence on its own."""
from dataclasses import replace

from assistant import drafts
from assistant.checks.phrases import _find_by_sentence, sentence_words

LEXICONS = ("rude", "categorical", "blame", "blame_final", "bureaucratese", "overpromise", "apology", "greeting",
            "alternative", "generic", "next_step", "vague_step", "rule_reason", "bureaucratese_weak")


def per_sentence(ctx, name):
    lex = ctx.resources.lexicon(name)
    out = []
    for offset, words in sentence_words(ctx):
        out.extend(replace(m, first=m.first + offset, last=m.last + offset) for m in lex.find(words))
    return out


def test_one_pass_with_sentence_ends_equals_a_pass_per_sentence(checker):
    texts = [d.draft for d in drafts.load("train")] + [
        "Значит, использовали его вы. Проверьте, не давали ли вы его кому-то.",  # a gap over a full stop
        "Возврат невозможен!!! Никакой компенсации. Ждите.",
        "",
    ]
    compared = 0
    for text in texts:
        ctx = checker.context(text)
        for name in LEXICONS:
            assert _find_by_sentence(ctx, name) == per_sentence(ctx, name), (name, text)
            compared += 1
    assert compared > 10_000


def test_alternatives_of_one_lemma_with_different_grammemes_are_either_form():
    from assistant.document import analyze
    from assistant.lexicon import Lexicon

    lex = Lexicon.from_lines(["смотреть@INFN|смотреть@3per ~ до покупка", "нажимать ~ =кнопку"])
    found = lambda text: [text[m.start:m.stop] for m in lex.find(analyze(text).words)]  # noqa: E731
    assert found("Сетку смотрят до покупки.") == ["смотрят до покупки"]
    assert found("Сетку стоит смотреть до покупки.") == ["смотреть до покупки"]
    assert found("Смотрите до покупки.") == []  # an imperative is neither form
    both = Lexicon.from_lines(["смотреть|смотреть@past до покупка"])  # a bare alternative takes every form
    assert [m.phrase.text for m in both.find(analyze("смотрите до покупки").words)]


def test_a_position_is_all_forms_or_all_lemmas():
    import pytest

    from assistant.lexicon import compile_phrase

    with pytest.raises(ValueError, match="all forms"):
        compile_phrase("=ним|правило вы согласиться")  # «правило» would silently match only that exact form
