"""The /api/v1 endpoints through Flask's test client: shapes of CONTRACT §4 and every error path."""
from __future__ import annotations

import json

import pytest

from assistant.labels import MOODS, TOPICS

ORDER_Q = "Здравствуйте, я Марина. Где мой заказ 48213577-0012? Жду уже неделю"


def error_of(resp, status: int) -> dict:
    """The response is a JSON error of that status, never HTML or a stack trace."""
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.is_json
    body = resp.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "Traceback" not in body["error"]["message"]
    return body["error"]


def test_classify(client):
    r = client.post("/api/v1/classify", json={"text": ORDER_Q})
    assert r.status_code == 200
    body = r.get_json()
    assert body["topic"] == "delivery" and body["mood"] in MOODS
    assert 0 < body["confidence"] <= 1
    assert [t["label"] for t in body["topics"]][0] == "delivery"
    assert {t["label"] for t in body["topics"]} == set(TOPICS)


def test_suggest_fills_the_order_number(client):
    r = client.post("/api/v1/suggest", json={"message": ORDER_Q, "top": 3})
    body = r.get_json()
    assert r.status_code == 200 and body["topic"] == "delivery"
    assert 1 <= len(body["suggestions"]) <= 3
    best = body["suggestions"][0]
    assert {"template_id", "topic", "title", "text", "score", "missing", "filled"} <= set(best)
    assert "48213577-0012" in best["text"]


def test_suggest_is_narrowed_by_the_draft(client):
    r = client.post("/api/v1/suggest", json={"message": "Когда вернутся деньги? Вернула товар неделю назад",
                                             "draft": "Здравствуйте! Деньги за возв"})
    assert r.get_json()["suggestions"][0]["topic"] in ("refund", "return_exchange")


def test_check_flags_a_rude_draft_with_spans(client):
    draft = "Вы что, читать не умеете? Всё написано в карточке."
    r = client.post("/api/v1/check", json={"draft": draft, "message": "Какой размер у этой куртки?"})
    body = r.get_json()
    assert r.status_code == 200 and 0 <= body["score"] <= 100
    rude = [f for f in body["flags"] if f["code"] == "rude"]
    assert rude and "умеете" in draft[rude[0]["start"]:rude[0]["end"]] and rude[0]["end"] <= draft.index("?") + 1
    assert set(body["breakdown"]) >= {"politeness", "empathy", "completeness", "relevance", "clarity"}


def test_score_ranks_a_good_reply_above_a_bad_one(client):
    good = client.post("/api/v1/score", json={"message": ORDER_Q, "draft": (
        "Здравствуйте, Марина! Извините за ожидание. Заказ 48213577-0012 задержался на сортировке, "
        "его привезут 3 декабря — мы пришлём уведомление, когда он будет в пункте выдачи.")}).get_json()
    bad = client.post("/api/v1/score", json={"message": ORDER_Q, "draft": "Ожидайте."}).get_json()
    assert good["score"] > bad["score"]
    assert set(bad) == {"score", "breakdown", "codes"} and "no_next_step" in bad["codes"]


def test_check_without_message(client):
    r = client.post("/api/v1/check", json={"draft": "Здравствуйте! Заказ приедет завтра до 18:00."})
    assert r.status_code == 200


@pytest.mark.parametrize("path,body,code", [
    ("/api/v1/classify", {"text": ""}, "invalid_request"),
    ("/api/v1/classify", {"text": "   "}, "empty_text"),
    ("/api/v1/classify", {}, "invalid_request"),
    ("/api/v1/classify", {"text": 42}, "invalid_request"),
    ("/api/v1/classify", {"text": "где заказ", "extra": 1}, "invalid_request"),
    ("/api/v1/classify", {"text": "а" * 10_001}, "invalid_request"),
    ("/api/v1/suggest", {"message": "где заказ", "top": 0}, "invalid_request"),
    ("/api/v1/suggest", {"draft": "Здравствуйте"}, "invalid_request"),
    ("/api/v1/check", {"message": "где заказ"}, "invalid_request"),
    ("/api/v1/check", {"draft": None}, "invalid_request"),
    ("/api/v1/feedback", {"kind": "like"}, "invalid_request"),
])
def test_bad_fields_are_422(client, path, body, code):
    assert error_of(client.post(path, json=body), 422)["code"] == code


def test_malformed_json_is_400(client):
    err = error_of(client.post("/api/v1/check", data='{"draft": "Здравствуйте', content_type="application/json"), 400)
    assert err["code"] == "bad_json"


def test_json_array_is_400(client):
    assert error_of(client.post("/api/v1/classify", json=["где заказ"]), 400)["code"] == "bad_json"


def test_wrong_encoding_is_400(client):
    raw = '{"text": "где мой заказ"}'.encode("cp1251")
    assert error_of(client.post("/api/v1/classify", data=raw, content_type="application/json"), 400)["code"] == \
        "bad_encoding"


def test_not_json_is_415(client):
    assert error_of(client.post("/api/v1/classify", data="text=где заказ"), 415)["code"] == "unsupported_media_type"


def test_body_over_64kb_is_413(client):
    body = json.dumps({"text": "а" * 70_000})
    assert error_of(client.post("/api/v1/classify", data=body, content_type="application/json"), 413)


def test_unknown_path_and_method_are_json(client):
    assert error_of(client.get("/api/v1/nothing"), 404)
    assert error_of(client.get("/api/v1/check"), 405)


def test_non_russian_text_is_answered_with_a_warning(client):
    body = client.post("/api/v1/classify", json={"text": "Where is my order? It is late"}).get_json()
    assert body["language"] == "other" and body["warnings"]


def test_healthz(client):
    for path in ("/healthz", "/api/v1/healthz"):
        body = client.get(path).get_json()
        assert body["status"] == "ok" and body["templates"] >= 100 and body["database"] == "sqlite"


def test_openapi_document_lists_every_route(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    documented = {(p, m) for p, ops in doc["paths"].items() for m in ops}
    served = {(str(r.rule).replace("<", "{").replace(">", "}"), m.lower()) for r in app.url_map.iter_rules()
              if str(r.rule).startswith("/api/v1") for m in r.methods - {"HEAD", "OPTIONS"}}
    assert served == documented
    assert "CheckIn" in doc["components"]["schemas"]


def test_console_page_is_served(client):
    r = client.get("/")
    assert r.status_code == 200 and "Ассистент оператора" in r.get_data(as_text=True)
    assert client.get("/static/console.js").status_code == 200


@pytest.mark.parametrize("raw", [b'{"draft": "\\ud800 oops"}', b'{"draft": "\\udfff"}'])
def test_lone_surrogates_are_422_not_500(client, raw):
    assert error_of(client.post("/api/v1/check", data=raw, content_type="application/json"), 422)


def test_control_characters_are_checked_not_crashed(client):
    r = client.post("/api/v1/check", json={"draft": "Здравствуйте!\x00 Заказ\u200b приедет\tзавтра.\r\n"})
    assert r.status_code == 200


def test_a_draft_that_is_not_russian_is_checked_with_a_warning(client):
    body = client.post("/api/v1/check", json={"draft": "Hello! Your order will arrive tomorrow.",
                                              "message": "Где заказ?"}).get_json()
    assert body["warnings"] and "русск" in body["warnings"][0]
    plain = client.post("/api/v1/check", json={"draft": "Здравствуйте! Заказ приедет завтра до 18:00."}).get_json()
    assert "warnings" not in plain
