import razdel
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant import analyze, corpus, drafts
from assistant.tokens import razdel_spans, tokenize
from assistant.morph import lemma


def test_spans_point_into_the_original_text():
    text = "Ёжик 😡😡 пожааалуйста, зaкaз №123!"
    for tok in tokenize(text):
        assert text[tok.start:tok.stop] == tok.text


def test_emoji_become_single_tokens():
    toks = [t.text for t in tokenize("жду 😡😡👍")]
    assert toks == ["жду", "😡", "😡", "👍"]


def test_mixed_script_word_is_one_token_with_cyrillic_lemma():
    (tok,) = [t for t in tokenize("зaкaзы") if t.is_word]
    assert tok.text == "зaкaзы" and tok.lemma == "заказ"


def test_document_has_sentences_lemmas_and_entities():
    doc = analyze("Здравствуйте! Меня зовут Ольга. Где заказ №123456?")
    assert [s.text for s in doc.sentences] == ["Здравствуйте!", "Меня зовут Ольга.", "Где заказ №123456?"]
    assert "звать" in doc.lemmas
    assert {e.kind for e in doc.entities} == {"person", "order_id"}


def test_letters_without_a_unicode_name_do_not_crash_lemmatisation(checker):
    # pymorphy3 looks up every letter's Unicode name; Tangut letters have none (found by the API fuzzer).
    word = "а\U00017000б"
    assert lemma(word) == word
    result = checker.check(f"Здравствуйте! {word} заказ приедет завтра.", f"где заказ {word}?")
    assert 0 <= result.score <= 100


def test_unreadable_words_do_not_crash_the_draft_rules(checker):
    # every rule that looks at a word's tag must cope with a word pymorphy3 cannot parse
    odd = "\U00017001\U00017002"
    result = checker.check(f"{odd} Здравствуйте! Заказ приедет {odd} завтра, {odd}.", f"{odd}, где заказ?")
    assert 0 <= result.score <= 100


def test_a_brand_written_both_ways_has_one_lemma():
    # corpora/lexicons/aliases.txt: «айфону» and «iPhone» must meet in features and relevance checks
    assert lemma("iphone") == lemma("айфону") == "айфон"
    assert lemma("xiaomi") == lemma("сяоми")
    assert lemma("мама") == "мама"


# razdel_spans is a faster route to razdel's own token boundaries: it must agree with razdel exactly.
_PIECES = ["заказ", "Ёлка", "iPhone", "yahoo", "YaHoo", "12", "3", " ", "  ", "\n", ".", ",", "!", "?", "…",
           "-", "—", "–", "_", "/", "\\", ":", ")", "(", "«", "»", '"', "'", "*", "+", "№", "%", "😡", "👍🏻",
           "Δ", "σ", "₽", "@", "#", "~"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_razdel_spans_equal_razdel_on_generated_text(text):
    assert razdel_spans(text) == [(s.start, s.stop) for s in razdel.tokenize(text)]


def test_razdel_spans_equal_razdel_on_the_corpora():
    texts = [m.text for m in corpus.load("train")] + [d.draft for d in drafts.load("train")]
    assert len(texts) > 5000
    for text in texts:
        assert razdel_spans(text) == [(s.start, s.stop) for s in razdel.tokenize(text)], text
