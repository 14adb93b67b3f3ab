"""Tokens, CORS, templates administration and feedback storage (SQLite and PostgreSQL)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

OP, ADMIN = "op-token-1", "admin-token-1"
NEW = {
    "id": "delivery.test_new_template",
    "topics": ["delivery"],
    "title": "Проверочный шаблон про доставку в постамат",
    "moods": ["neutral"],
    "text": "Здравствуйте, {name}! Заказ {order_id} доставят {date} в постамат по адресу {pickup_point}, код придёт в SMS.",
    "examples": ["Когда заказ приедет в постамат?", "В какой постамат привезут заказ 123456?"],
}


@pytest.fixture
def secured(make_app, tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'a.db'}", OPERATOR_TOKENS=OP, ADMIN_TOKENS=ADMIN,
                   CORS_ORIGINS="chrome-extension://abcdefghijklmnop")
    return app.test_client()


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_tokens_are_required_when_configured(secured):
    r = secured.post("/api/v1/classify", json={"text": "где заказ"})
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
    assert secured.post("/api/v1/classify", json={"text": "где заказ"}, headers=auth("wrong")).status_code == 403
    assert secured.post("/api/v1/classify", json={"text": "где заказ"}, headers=auth(OP)).status_code == 200
    assert secured.post("/api/v1/classify", json={"text": "где заказ"}, headers=auth(ADMIN)).status_code == 200


def test_operator_cannot_change_templates(secured):
    r = secured.post("/api/v1/templates", json=NEW, headers=auth(OP))
    assert r.status_code == 403
    assert secured.post("/api/v1/templates", json=NEW, headers=auth(ADMIN)).status_code == 201


def test_health_and_openapi_need_no_token(secured):
    assert secured.get("/api/v1/healthz").get_json()["auth"] is True
    assert secured.get("/api/v1/openapi.json").status_code == 200


def test_cors_allows_only_configured_origins(secured):
    ok = secured.options("/api/v1/check", headers={"Origin": "chrome-extension://abcdefghijklmnop",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "Authorization, Content-Type"})
    assert ok.headers.get("Access-Control-Allow-Origin") == "chrome-extension://abcdefghijklmnop"
    assert "authorization" in ok.headers.get("Access-Control-Allow-Headers", "").lower()
    bad = secured.options("/api/v1/check", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in bad.headers


def test_template_lifecycle(make_app, database_url):
    client = make_app(database_url).test_client()
    assert client.post("/api/v1/templates", json=NEW).status_code == 201
    assert client.post("/api/v1/templates", json=NEW).status_code == 409
    listed = client.get("/api/v1/templates?topic=delivery").get_json()["templates"]
    mine = [t for t in listed if t["id"] == NEW["id"]]
    assert mine and mine[0]["source"] == "custom" and set(mine[0]["placeholders"]) == {"name", "order_id", "date", "pickup_point"}

    msg = "Когда заказ 55512345 приедет в постамат?"
    top = client.post("/api/v1/suggest", json={"message": msg, "top": 20}).get_json()["suggestions"]
    assert NEW["id"] in [s["template_id"] for s in top]

    changed = {**NEW, "title": "Доставка в постамат: срок и код"}
    assert client.put(f"/api/v1/templates/{NEW['id']}", json=changed).get_json()["title"] == changed["title"]
    assert client.put("/api/v1/templates/delivery.nope", json={**NEW, "id": "delivery.nope"}).status_code == 404
    assert client.put(f"/api/v1/templates/{NEW['id']}", json={**NEW, "id": "delivery.other"}).status_code == 422

    assert client.delete(f"/api/v1/templates/{NEW['id']}").status_code == 204
    assert client.delete(f"/api/v1/templates/{NEW['id']}").status_code == 404
    ids = [t["id"] for t in client.get("/api/v1/templates").get_json()["templates"]]
    assert NEW["id"] not in ids


def test_a_shipped_template_can_be_hidden_and_the_change_survives_a_restart(make_app, database_url):
    client = make_app(database_url).test_client()
    shipped = client.get("/api/v1/templates").get_json()["templates"][0]["id"]
    assert client.delete(f"/api/v1/templates/{shipped}").status_code == 204
    again = make_app(database_url, MIGRATE=True).test_client()  # a new worker on the same database
    assert shipped not in [t["id"] for t in again.get("/api/v1/templates").get_json()["templates"]]


def test_invalid_template_is_422(client):
    r = client.post("/api/v1/templates", json={**NEW, "topics": ["weather"]})
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "invalid_request"
    r = client.post("/api/v1/templates", json={**NEW, "text": "Здравствуйте, {name! Сломанный шаблон тут."})
    assert r.status_code == 422


def test_feedback_is_stored_and_listed(make_app, database_url):
    client = make_app(database_url).test_client()
    r = client.post("/api/v1/feedback", json={"kind": "dismiss", "flag_code": "no_greeting",
                                              "rule": "no_greeting.missing", "draft": "Заказ приедет завтра.",
                                              "message": "где заказ", "operator": "op-7"})
    assert r.status_code == 201 and r.get_json()["id"] >= 1
    client.post("/api/v1/feedback", json={"kind": "accept", "template_id": "delivery.where_is_order"})
    rows = client.get("/api/v1/feedback?limit=10").get_json()["feedback"]
    assert [row["kind"] for row in rows] == ["accept", "dismiss"]
    assert rows[1]["flag_code"] == "no_greeting" and rows[1]["operator"] == "op-7"


def test_concurrent_feedback_loses_no_rows(make_app, database_url):
    client_app = make_app(database_url)
    n_threads, per_thread = 16, 25

    def write(t: int) -> list[int]:
        c = client_app.test_client()
        ids = []
        for i in range(per_thread):
            r = c.post("/api/v1/feedback", json={"kind": "accept", "template_id": f"t{t}", "operator": f"{t}-{i}"})
            assert r.status_code == 201
            ids.append(r.get_json()["id"])
        return ids

    with ThreadPoolExecutor(n_threads) as pool:
        ids = [i for chunk in pool.map(write, range(n_threads)) for i in chunk]
    assert len(set(ids)) == n_threads * per_thread
    rows = client_app.test_client().get("/api/v1/feedback?limit=100000").get_json()["feedback"]
    assert {r["operator"] for r in rows} == {f"{t}-{i}" for t in range(n_threads) for i in range(per_thread)}


def test_a_template_our_checker_flags_is_refused(client):
    rude = {**NEW, "id": "delivery.rude_one", "text": "Ожидайте. Заказ {order_id} приедет, когда приедет, не пишите сюда."}
    r = client.post("/api/v1/templates", json=rude)
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "invalid_template"
    assert "проверку" in r.get_json()["error"]["message"]
