"""Model folders: meta.json checks, tamper detection, the fast inference path, reproducible training."""
import json
import shutil

import numpy as np
import pytest

from assistant import ModelError, corpus, modelpack
from assistant.classify import Classifier
from assistant.fastlinear import FastLinear
from assistant.paths import models_dir


@pytest.fixture()
def model_copy(tmp_path):
    target = tmp_path / "models"
    shutil.copytree(models_dir(), target)
    return target


def test_shipped_models_have_complete_meta():
    for name in ("topic", "mood", "tone_rude", "tone_categorical", "tone_blame", "draft_no_next_step",
                 "draft_not_answered"):
        meta = modelpack.check(models_dir() / name)
        for key in ("format", "python", "sklearn", "data_sha256", "artifact_sha256", "metrics"):
            assert key in meta, (name, key)


def test_tampered_artifact_is_refused(model_copy):
    artifact = model_copy / "topic" / modelpack.ARTIFACT
    data = bytearray(artifact.read_bytes())
    data[len(data) // 2] ^= 0xFF
    artifact.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        Classifier.load(model_copy)


def test_incompatible_format_is_refused(model_copy):
    meta_path = model_copy / "mood" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["format"] = 99
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="format"):
        Classifier.load(model_copy)


def test_a_format_1_joblib_folder_still_loads_and_saving_writes_format_2(model_copy):
    import joblib
    folder = model_copy / "mood"
    model, meta = modelpack.load(folder)
    (folder / modelpack.ARTIFACT).unlink()
    joblib.dump(model, folder / "model.joblib", compress=3)
    meta.update(format=1, artifact="model.joblib", artifact_sha256=modelpack.sha256_file(folder / "model.joblib"))
    (folder / "meta.json").write_text(json.dumps(meta))
    old, _ = modelpack.load(folder)
    texts = ["где мой заказ?", "спасибо, всё пришло"]
    assert np.allclose(old.predict_proba(texts), model.predict_proba(texts))
    saved = modelpack.save(old, folder, {"task": "mood"})
    assert saved["format"] == modelpack.FORMAT_VERSION == 2 and not (folder / "model.joblib").exists()
    new, _ = modelpack.load(folder)
    assert np.allclose(new.predict_proba(texts), model.predict_proba(texts))


def test_other_sklearn_version_is_refused(model_copy):
    meta_path = model_copy / "topic" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sklearn"] = "0.24.2"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        Classifier.load(model_copy)


def test_missing_meta_says_how_to_fix(model_copy):
    (model_copy / "topic" / "meta.json").unlink()
    with pytest.raises(ModelError, match="assistant train"):
        Classifier.load(model_copy)


def test_fast_path_equals_sklearn(assistant):
    texts = [m.text for m in corpus.load("test")[:150]]
    for model in (assistant.classifier.topic_model, assistant.classifier.mood_model):
        fast = FastLinear(model)
        assert np.allclose(fast.predict_proba(texts), model.predict_proba(texts), atol=1e-9)


def test_batched_fast_path_equals_one_text_at_a_time(assistant):
    texts = [m.text for m in corpus.load("test")[:60]] + ["", "😡", "12345"]
    rude = assistant.checker.resources.sentence_model("rude")[0]
    for fast in (FastLinear(assistant.classifier.topic_model), rude):
        one_by_one = np.vstack([fast.proba_one(t) for t in texts])
        assert np.allclose(fast.predict_proba(texts), one_by_one, atol=1e-12)


def test_sentence_models_share_one_vocabulary_and_are_scored_together(assistant):
    from assistant.fastlinear import StackedLinear
    from assistant.rude import SENTENCE_CODES, load_sentences
    res = assistant.checker.resources
    sentences = load_sentences("train", code="rude")[0][:80] + ["", "😡", "Вы что, читать не умеете?"]
    caches = {id(res._scorer(code).cache) for code in SENTENCE_CODES}
    assert len(caches) == 1  # trained over one vocabulary: one feature pass and one cache serve all three
    res._scorer("rude").cache_clear()
    for code in SENTENCE_CODES:
        model = res.sentence_model(code)[0]
        own = model.predict_proba(sentences)[:, list(model.classes_).index(True)]
        assert np.allclose(res.sentence_scores(code, sentences), own, atol=1e-12), code
        assert np.allclose([res.sentence_score(code, s) for s in sentences[:5]], own[:5], atol=1e-12), code
    with pytest.raises(ValueError, match="binary"):
        StackedLinear([res.sentence_model("rude")[0], FastLinear(assistant.classifier.topic_model)])


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_metrics(tmp_path):
    from assistant.train import train
    fresh = train(models=tmp_path)
    for task in ("topic", "mood"):
        shipped = modelpack.read_meta(models_dir() / task)["metrics"]["held_out"]
        new = fresh[task]["metrics"]["held_out"]
        assert abs(new["macro_f1"] - shipped["macro_f1"]) <= 0.01, task
        assert abs(new["accuracy"] - shipped["accuracy"]) <= 0.01, task


def test_char_ngrams_word_by_word_equal_the_vectorizers(assistant):
    terms = FastLinear(assistant.classifier.topic_model).blocks[1][0].terms
    assert terms._word_wise  # the character block, keyed on raw words
    texts = [m.text for m in corpus.load("train")[:800]] + ["Ёлка  1 2\u00a03 пожааалуйста зaкaз e\u0301", " ", ""]
    for text in texts:
        expected = [terms.ids[g] for g in terms.analyze(text) if terms.ids[g] >= 0]
        assert terms._char_wb_ids(text).tolist() == expected, text


def _write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_classifiers_learn_from_the_train_drafts_messages_but_never_a_held_out_one(tmp_path):
    from assistant.train import training_messages
    held_out = next(f"Где мой заказ {i}?" for i in range(1000) if corpus.is_held_out(f"Где мой заказ {i}?"))
    fresh = next(f"Верните деньги за заказ {i}" for i in range(1000)
                 if not corpus.is_held_out(f"Верните деньги за заказ {i}"))
    known = next(f"Промокод {i} не применяется" for i in "абвгдежзиклмнопрст"
                 if not corpus.is_held_out(f"Промокод {i} не применяется"))
    _write_jsonl(tmp_path / "messages" / "train.jsonl",
                 [{"id": "team-17", "text": known, "topic": "promo_bonus", "mood": "negative"}])  # an id of its own

    def draft(group, message, topic, mood):
        return {"group": group, "message": message, "topic": topic, "mood": mood, "draft": "Здравствуйте!",
                "codes": [], "quality": "good"}
    _write_jsonl(tmp_path / "drafts" / "train.jsonl", [
        draft("a-1", fresh, "refund", "negative"), draft("a-1", fresh, "refund", "negative"),  # one message, two drafts
        draft("a-2", held_out, "delivery", "neutral"),  # the messages corpus would hold it out
        draft("a-3", known + " ", "promo_bonus", "negative"),  # already there (the same once normalised)
    ])
    _write_jsonl(tmp_path / "drafts" / "test.jsonl",
                 [draft("b-1", "Сломался пылесос", "defect_wrong_item", "negative")])
    messages, from_drafts = training_messages(tmp_path)
    assert [(m.text, m.topic, m.mood) for m in messages] == [(known, "promo_bonus", "negative"),
                                                            (fresh, "refund", "negative")]
    assert from_drafts == 1


def test_classifiers_train_without_a_drafts_corpus(tmp_path):
    from assistant.train import training_messages
    _write_jsonl(tmp_path / "messages" / "train.jsonl", [{"text": "Спасибо!", "topic": "other", "mood": "positive"}])
    messages, from_drafts = training_messages(tmp_path)
    assert [m.text for m in messages] == ["Спасибо!"] and from_drafts == 0


def test_sentence_files_serve_each_code_they_label(tmp_path):
    from assistant.rude import load_sentences
    _write_jsonl(tmp_path / "drafts" / "sentences_train.jsonl", [
        {"text": "Вы что, читать не умеете?", "rude": True},
        {"text": "Надо было проверять при курьере.", "rude": False, "blame": True},
        {"text": "Деньги зачисляет банк, обычно до 3 дней.", "rude": False, "blame": False},
    ])
    assert load_sentences("train", tmp_path, "rude") == (
        ["Вы что, читать не умеете?", "Надо было проверять при курьере.", "Деньги зачисляет банк, обычно до 3 дней."],
        [True, False, False])
    assert load_sentences("train", tmp_path, "blame") == (
        ["Надо было проверять при курьере.", "Деньги зачисляет банк, обычно до 3 дней."], [True, False])
    assert load_sentences("train", tmp_path, "categorical") == ([], [])
    with pytest.raises(ValueError, match="caps"):
        load_sentences("train", tmp_path, "caps")


@pytest.mark.parametrize("line, problem", [
    ({"text": "Ждите.", "blame": "yes"}, "true/false"),
    ({"text": "Ждите."}, "true/false"),
    ({"text": "  ", "rude": True}, "non-empty"),
])
def test_a_broken_sentence_line_is_named(tmp_path, line, problem):
    from assistant.rude import load_sentences
    _write_jsonl(tmp_path / "drafts" / "sentences_train.jsonl", [{"text": "Хорошо.", "rude": False}, line])
    with pytest.raises(corpus.CorpusError, match=f"sentences_train.jsonl:2: .*{problem}"):
        load_sentences("train", tmp_path, "rude")
