"""A threaded gunicorn worker that shares kept-alive connections evenly with its siblings.

gunicorn's threaded workers all wait on one listening socket, and a kept-alive connection stays with the
worker that accepted it. When many clients connect at once (a desk opening its consoles after a break, a
load generator), one worker can win most of the races and serve everyone while its sibling idles: half the
CPU is left unused and latency doubles. Measured on two workers with 32 connections opened together, the
split went anywhere from 16/16 to 32/0 from one run to the next.

Here each worker publishes how many connections it holds in a small array the master creates before it
forks, and listens for new connections only while it holds no more than the least loaded live sibling. The
least loaded worker always listens, so a new connection never waits for the others to decide; a worker that
stopped listening looks again every few milliseconds. A sibling that has not published for a while (stuck
or gone) does not count, and the master frees a dead worker's slot for its replacement.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable

from gunicorn.workers.gthread import ThreadWorker

STALE_SECONDS = 2.0  # a worker's loop publishes at least once a second (its poll timeout)
RECHECK_SECONDS = 0.005  # how soon a worker that stopped listening looks at its siblings again
ABSENT = -1


class Siblings:
    """Connections held by each worker, and when it last said so; shared across the fork."""

    def __init__(self, slots: int):
        self.conns = multiprocessing.RawArray("i", [ABSENT] * max(slots, 1))
        self.beats = multiprocessing.RawArray("d", max(slots, 1))

    def assign(self, worker, live: Iterable) -> None:
        """In the master before a fork: give the new worker a free slot (none when all are taken)."""
        taken = {getattr(w, "slot", None) for w in live if w is not worker}
        worker.slot = next((i for i in range(len(self.conns)) if i not in taken), None)
        if worker.slot is not None:
            self.publish(worker.slot, 0, time.monotonic())

    def release(self, worker) -> None:
        """In the master when a worker exits: its slot no longer counts."""
        slot = getattr(worker, "slot", None)
        if slot is not None:
            self.conns[slot] = ABSENT

    def publish(self, slot: int, conns: int, now: float) -> None:
        self.conns[slot] = conns
        self.beats[slot] = now

    def fewest(self, slot: int, now: float) -> int | None:
        """The fewest connections any live sibling of `slot` holds; None when it has no live sibling."""
        best = None
        for i in range(len(self.conns)):
            n = self.conns[i]
            if i != slot and n != ABSENT and now - self.beats[i] < STALE_SECONDS and (best is None or n < best):
                best = n
        return best


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, listening for new connections only while it is among the least loaded."""

    siblings: Siblings | None = None  # set on the class by `assistant serve` in the master, before forking
    slot: int | None = None  # set on each worker by Siblings.assign, before its fork

    # The worker loop compares nr_conns with worker_connections before each wait to decide whether to listen;
    # answering that question here is the whole change.
    @property
    def worker_connections(self) -> int:
        limit = self._configured_connections
        siblings = type(self).siblings
        if siblings is None or self.slot is None:
            return limit
        now = time.monotonic()
        siblings.publish(self.slot, self.nr_conns, now)
        fewest = siblings.fewest(self.slot, now)
        if fewest is not None and self.nr_conns > fewest:
            return min(self.nr_conns, limit)  # a sibling holds fewer: let it take the next one
        return limit

    @worker_connections.setter
    def worker_connections(self, value: int) -> None:
        self._configured_connections = value

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        if not self._accepting:
            timeout = min(timeout, RECHECK_SECONDS)
        super().wait_for_and_dispatch_events(timeout)


def hooks(siblings: Siblings) -> dict:
    """The gunicorn server hooks that hand out and free the slots."""
    def pre_fork(server, worker):
        siblings.assign(worker, server.WORKERS.values())

    def child_exit(server, worker):
        siblings.release(worker)

    return {"pre_fork": pre_fork, "child_exit": child_exit}
