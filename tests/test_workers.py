"""Threaded workers that share kept-alive connections evenly (assistant.workers)."""
from __future__ import annotations

import http.client
import time

import pytest

from assistant.bench.measure import connections_by_worker
from assistant.workers import ABSENT, STALE_SECONDS, BalancedThreadWorker, Siblings, hooks


class FakeWorker:
    pass


def test_slots_are_handed_out_distinct_and_freed_on_exit():
    siblings = Siblings(2)
    a, b, c = FakeWorker(), FakeWorker(), FakeWorker()
    siblings.assign(a, [])
    siblings.assign(b, [a])
    assert {a.slot, b.slot} == {0, 1} and list(siblings.conns) == [0, 0]
    siblings.assign(c, [a, b])
    assert c.slot is None  # more workers than slots: the extra one accepts the default way
    siblings.release(a)
    assert siblings.conns[a.slot] == ABSENT
    siblings.assign(c, [b])
    assert c.slot == a.slot


def test_fewest_counts_live_siblings_only():
    siblings = Siblings(3)
    now = time.monotonic()
    siblings.publish(0, 5, now)
    siblings.publish(1, 2, now)
    assert siblings.fewest(0, now) == 2 and siblings.fewest(1, now) == 5
    siblings.publish(1, 2, now - STALE_SECONDS - 1)  # stuck or gone
    assert siblings.fewest(0, now) is None
    siblings.publish(2, 7, now)
    assert siblings.fewest(0, now) == 7


def worker(siblings: Siblings, slot: int, conns: int, limit: int = 1000) -> BalancedThreadWorker:
    w = object.__new__(BalancedThreadWorker)  # the decision needs only these attributes
    w.worker_connections = limit
    w.slot, w.nr_conns = slot, conns
    return w


@pytest.fixture
def siblings(monkeypatch):
    s = Siblings(2)
    monkeypatch.setattr(BalancedThreadWorker, "siblings", s)
    return s


def test_a_worker_holding_more_than_a_sibling_stops_listening(siblings):
    siblings.publish(1, 3, time.monotonic())
    busy = worker(siblings, 0, 5)
    assert busy.nr_conns >= busy.worker_connections  # the gunicorn loop reads this as «do not accept»
    assert siblings.conns[0] == 5  # and it told its sibling how many it holds


def test_the_least_loaded_worker_and_ties_keep_listening(siblings):
    siblings.publish(1, 5, time.monotonic())
    assert worker(siblings, 0, 3).worker_connections == 1000
    assert worker(siblings, 0, 5).worker_connections == 1000


def test_a_silent_sibling_does_not_hold_a_worker_back(siblings):
    siblings.publish(1, 0, time.monotonic() - STALE_SECONDS - 1)
    assert worker(siblings, 0, 9).worker_connections == 1000


def test_the_configured_limit_still_holds(siblings):
    siblings.publish(1, 50, time.monotonic())
    assert worker(siblings, 0, 10, limit=10).worker_connections == 10


def test_hooks_assign_in_the_master_and_release_on_exit():
    siblings = Siblings(2)
    h = hooks(siblings)

    class Server:
        WORKERS: dict = {}

    first, second = FakeWorker(), FakeWorker()
    h["pre_fork"](Server, first)
    Server.WORKERS = {101: first}
    h["pre_fork"](Server, second)
    assert {first.slot, second.slot} == {0, 1}
    h["child_exit"](Server, first)
    assert siblings.conns[first.slot] == ABSENT and siblings.conns[second.slot] == 0


def test_kept_alive_connections_spread_over_both_workers(live_two_workers):
    url, port, master = live_two_workers
    conns = []
    try:
        for _ in range(16):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/healthz")
            r = c.getresponse()
            assert r.status == 200 and r.getheader("Connection", "").lower() != "close"
            r.read()
            conns.append(c)
            time.sleep(0.02)  # clients arrive one after another, as operators open their consoles
        held = connections_by_worker(master, port)
        assert len(held) == 2 and sum(held.values()) == 16, held
        assert min(held.values()) >= 6, held
    finally:
        for c in conns:
            c.close()
