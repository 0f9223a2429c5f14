"""Whose script run goes next when many readers arrive at once.

Streamlit starts every session's run at once, each in its own thread. Python runs one thread at a
time, so with a hundred readers arriving together every run shares the interpreter with all the
others, and a reader's filter change waits for a hundred first pages (bench/load.py: seconds).
Here runs take turns, and when the slot frees up the waiting run with the best rank gets it: a run
someone is waiting on (a reader's change, a newcomer's first screen) before the rest of a first
page (the sidebar and the controls, which follow the map once it is painted). Within a rank, first
come, first served. Putting newcomers behind changes as well was tried: readers arriving over 20 s
then waited seconds for their first map (bench/load.py).
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

from ui.first_screen import DONE as FIRST_SCREEN  # the session's first run sent the map alone

NOW, LATER = 0, 1  # ranks: lower goes first
SERVED = "runs_served"  # session state: how many of this session's runs have had their turn, this one included

# One slot: runs are Python and hold the interpreter, so a second slot only made a change share it
# with the run beside it (bench/load.py, 100 readers at once: p95 0.4-0.6 s with one slot, 1.0-1.2 s
# with two). Downloads are made outside the script run, on click, so a slide never holds the slot.
SLOTS = 1


def rank(state: MutableMapping) -> int:
    """A session's rank for its next run, from what it has been served so far."""
    if state.get(SERVED, 0) == 1 and state.get(FIRST_SCREEN):  # the map went out alone: now the rest
        return LATER
    return NOW


class RunQueue:
    """A counting lock whose waiters are served by rank, then in order of arrival."""

    def __init__(self, slots: int):
        self._lock = threading.Lock()
        self._free = slots
        self._waiting: list[tuple[int, int, threading.Event]] = []  # a heap
        self._order = itertools.count()
        self._holder = threading.local()  # whether this thread's run holds a slot

    def acquire(self, rank: int) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            heapq.heappush(self._waiting, (rank, next(self._order), turn))
        turn.wait()  # release() hands this run its slot

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                heapq.heappop(self._waiting)[2].set()  # the slot passes on without being free
            else:
                self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def free(self) -> int:
        return self._free

    @contextmanager
    def stepped_aside(self) -> Iterator[None]:
        """Within a run: give the slot to the next run while this one waits for other work (a
        worker process), then queue for it again ahead of first pages. Outside a run: nothing."""
        if not getattr(self._holder, "holds", False):
            yield
            return
        self._holder.holds = False
        self.release()
        try:
            yield
        finally:
            self.acquire(NOW)
            self._holder.holds = True

    @contextmanager
    def turn(self, state: MutableMapping) -> Iterator[None]:
        """Hold a slot for one script run of the session whose state this is."""
        self.acquire(rank(state))
        self._holder.holds = True
        try:
            state[SERVED] = state.get(SERVED, 0) + 1  # this run counts from its start
            yield
        finally:  # nothing else here: a stopped run raises again when it touches the session's state
            self._holder.holds = False
            self.release()


RUNS = RunQueue(SLOTS)  # one per server process, shared by every session
