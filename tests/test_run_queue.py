"""The run queue: script runs take turns, a reader's change before a newcomer's first page."""

import threading
import time

import pytest

from ui.first_screen import DONE
from ui.run_queue import LATER, NOW, SERVED, RunQueue, rank


def test_only_the_rest_of_a_first_page_waits_for_runs_someone_is_waiting_on():
    state = {}
    assert rank(state) == NOW  # a newcomer's first screen
    state |= {SERVED: 1, DONE: True}  # its first run sent the map alone
    assert rank(state) == LATER  # the sidebar and the controls
    state[SERVED] = 2
    assert rank(state) == NOW  # a reader's change
    assert rank({SERVED: 1}) == NOW  # a first visit to a chart page was the whole page
    assert rank({DONE: True}) == NOW  # never served: whatever else the session holds


def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_waiting_runs_get_the_slot_by_rank_then_in_order_of_arrival():
    queue, served = RunQueue(slots=1), []
    queue.acquire(NOW)  # a run in progress holds the only slot

    def run(name, rank):
        queue.acquire(rank)
        served.append(name)
        queue.release()

    threads = []
    for queued, (name, rank_) in enumerate(
        [("rest 1", LATER), ("change 1", NOW), ("rest 2", LATER), ("arrival", NOW)], 1
    ):
        threads.append(threading.Thread(target=run, args=(name, rank_), daemon=True))
        threads[-1].start()
        wait_until(lambda n=queued: queue.waiting == n)  # queued in this order
    assert served == []  # nobody runs while the slot is held
    queue.release()
    for thread in threads:
        thread.join(5)
    assert served == ["change 1", "arrival", "rest 1", "rest 2"]
    assert queue.waiting == 0


def test_runs_share_the_slots_and_wait_only_when_all_are_taken():
    queue = RunQueue(slots=2)
    queue.acquire(LATER)
    queue.acquire(LATER)  # the second slot: no wait
    third = threading.Thread(target=queue.acquire, args=(NOW,), daemon=True)
    third.start()
    wait_until(lambda: queue.waiting == 1)
    queue.release()
    third.join(5)
    assert not third.is_alive() and queue.waiting == 0
    queue.release()
    queue.release()
    # Every slot is free again: two runs get one at once.
    for _ in range(2):
        got = threading.Thread(target=queue.acquire, args=(LATER,), daemon=True)
        got.start()
        got.join(5)
        assert not got.is_alive()


def test_a_turn_counts_the_run_and_frees_its_slot_even_when_the_run_stops_early():
    queue, state = RunQueue(slots=1), {}
    with pytest.raises(RuntimeError), queue.turn(state):
        raise RuntimeError("st.stop() and st.rerun() leave by an exception")
    assert state[SERVED] == 1
    with queue.turn(state):  # would wait forever had the slot not come back
        pass
    assert state[SERVED] == 2


class StoppedState(dict):
    """A session whose run was stopped (st.stop): Streamlit raises again when the state is touched."""

    def __setitem__(self, key, value):
        raise RuntimeError("StopException")


def test_a_turn_frees_its_slot_even_when_the_sessions_state_cannot_be_written():
    queue = RunQueue(slots=1)
    with pytest.raises(RuntimeError), queue.turn(StoppedState()):
        pass
    got = threading.Thread(target=queue.acquire, args=(NOW,), daemon=True)
    got.start()
    got.join(5)
    assert not got.is_alive()  # the slot came back
