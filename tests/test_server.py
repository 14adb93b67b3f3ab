"""One real `assistant serve` process (gunicorn) on a free loopback port, spoken to over HTTP."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(url: str, path: str, body: dict | None = None, data: bytes | None = None) -> tuple[int, dict]:
    payload = data if data is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url + path, data=payload, method="POST" if payload is not None else "GET",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_contract_endpoints_over_real_http(live_server):
    status, health = call(live_server, "/api/v1/healthz")
    assert status == 200 and health["status"] == "ok" and health["database"] == "sqlite"
    status, c = call(live_server, "/api/v1/classify", {"text": "Курьер не позвонил и уехал, заказ 77120045"})
    assert status == 200 and c["topic"] == "courier_pickup"
    status, s = call(live_server, "/api/v1/suggest", {"message": "Не пришли деньги за возврат заказа 55120034"})
    assert status == 200 and s["suggestions"] and s["suggestions"][0]["topic"] == "refund"
    status, r = call(live_server, "/api/v1/check", {"draft": "ВЫ САМИ ВИНОВАТЫ!!!"})
    assert status == 200 and {"caps", "blame"} <= {f["code"] for f in r["flags"]}


def test_errors_over_real_http_are_json(live_server):
    status, body = call(live_server, "/api/v1/check", data=b'{"draft": ')
    assert status == 400 and body["error"]["code"] == "bad_json"
    status, body = call(live_server, "/api/v1/check", data=json.dumps({"draft": "а" * 70_000}).encode())
    assert status == 413 and "error" in body


def test_parallel_clients(live_server):
    drafts = [f"Здравствуйте! Заказ {n} привезут завтра до 18:00." for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda d: call(live_server, "/api/v1/check", {"draft": d}), drafts))
    assert all(status == 200 for status, _ in results)


def test_sync_workers_serve_the_contract(live_sync_server):
    status, health = call(live_sync_server, "/api/v1/healthz")
    assert status == 200 and health["status"] == "ok"
    status, r = call(live_sync_server, "/api/v1/check", {"draft": "ВЫ САМИ ВИНОВАТЫ!!!"})
    assert status == 200 and {"caps", "blame"} <= {f["code"] for f in r["flags"]}
    status, body = call(live_sync_server, "/api/v1/check", data=b'{"draft": ')
    assert status == 400 and body["error"]["code"] == "bad_json"
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: call(live_sync_server, "/api/v1/check", {"draft": f"Заказ {n} приедет"}),
                                range(24)))
    assert all(status == 200 for status, _ in results)
