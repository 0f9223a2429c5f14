"""The worker process: an abort, a hang or an error in the work is a message, never the server's
end; the next file is made by a fresh child; a run waiting on it lets the others go first."""

import asyncio
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.runtime.media_file_storage import MediaFileStorageError

from itclusters import worker
from itclusters.i18n import override
from ui.run_queue import NOW, RunQueue
from ui.streamlit_internals import DownloadFailed, _handle


def test_the_work_is_done_in_another_process_with_its_arguments_and_language():
    import os

    assert worker.call("os:getpid", timeout=30) != os.getpid()
    assert worker.call("builtins:int", "ff", base=16, timeout=30) == 255
    assert worker.call("itclusters.i18n:language", timeout=30, language="uk") == "uk"
    with override("uk"):  # the caller's language by default
        assert worker.call("itclusters.i18n:language", timeout=30) == "uk"


@pytest.mark.parametrize(
    "target, args, message",
    [
        ("os:abort", (), "stopped unexpectedly (exit code -6)"),  # what vl-convert's panic does
        ("time:sleep", (30,), "took longer than 1 seconds and was stopped"),
        ("operator:truediv", (1, 0), "ZeroDivisionError: division by zero"),
    ],
)
def test_a_failure_is_a_message_and_the_next_call_works(target, args, message):
    started = time.monotonic()
    with pytest.raises(worker.Failed, match=re.escape(message)):
        worker.call(target, *args, timeout=1 if target == "time:sleep" else 30)
    assert time.monotonic() - started < 10
    assert worker.call("operator:add", 1, 1, timeout=30) == 2


def test_vl_convert_given_a_control_character_aborts_only_the_child():
    spec = {"data": {"values": [{"a": 1}]}, "mark": "bar", "title": "a\x01b"}
    with pytest.raises(worker.Failed, match="stopped unexpectedly"):
        worker.call("vl_convert:vegalite_to_svg", spec, timeout=60)
    assert worker.call("operator:add", 1, 1, timeout=30) == 2


def test_idle_children_end_and_give_their_memory_back():
    worker.call("operator:add", 1, 1, timeout=30)
    assert worker.POOL.children()
    assert worker.POOL.close_idle() >= 1 and worker.POOL.children() == []


def test_a_run_waiting_on_a_worker_lets_the_next_run_go_first():
    queue, state = RunQueue(1), {}
    order = []

    def reader():
        queue.acquire(NOW)
        order.append("reader's run")
        queue.release()

    with queue.turn(state):
        with queue.stepped_aside():
            other = threading.Thread(target=reader)
            other.start()
            other.join(timeout=5)
            order.append("worker done")
        assert queue.free == 0  # the slot is this run's again
    assert order == ["reader's run", "worker done"] and queue.free == 1


def test_stepping_aside_outside_a_run_changes_nothing():
    queue = RunQueue(1)
    with queue.stepped_aside():
        assert queue.free == 1
    assert queue.free == 1


class _Files:
    def __init__(self, error):
        self.error = error

    def execute_deferred(self, file_id):
        raise MediaFileStorageError("Callable execution failed") from self.error


class _Handler:
    def __init__(self, error):
        self._get_media_file_mgr = lambda: _Files(error)


def _response(error):
    request = BackendOperationRequest(request_id="r1")
    request.deferred_file.file_id = "f1"
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: Playwright's may be running in this one
        return thread.submit(asyncio.run, _handle(_Handler(error), request, "session")).result()


def test_a_download_that_fails_says_why_under_its_button():
    response = _response(DownloadFailed("Slides (PowerPoint) could not be made: it took too long."))
    assert response.request_id == "r1"
    assert response.error_msg == "Slides (PowerPoint) could not be made: it took too long."


def test_any_other_failure_keeps_streamlits_words():
    assert _response(ValueError("internal detail")).error_msg == "Failed to generate file for download"


def test_an_upload_is_checked_in_a_worker_while_its_run_gives_up_its_turn(monkeypatch):
    from ui import uploads
    from ui.run_queue import RUNS

    seen = {}

    def checked(target, *args, timeout, **kwargs):
        seen.update(target=target, free=RUNS.free, files=sorted(kwargs["replacements"]))
        return "result"

    monkeypatch.setattr(worker, "call", checked)
    with RUNS.turn({}):
        assert uploads.validated({"clusters": b"id\n"}) == "result"
        assert RUNS.free == 0
    assert seen == {"target": "itclusters.data:load_dataset", "free": 1, "files": ["clusters"]}


def test_an_upload_that_cannot_be_checked_is_a_problem_naming_the_files(monkeypatch):
    from ui import uploads

    def fails(*args, **kwargs):
        raise worker.Failed("it took longer than 60 seconds and was stopped")

    monkeypatch.setattr(worker, "call", fails)
    result = uploads.validated({"clusters": b"", "facts": b""})
    assert result.dataset is None
    assert [str(p) for p in result.problems] == [
        "clusters.csv, facts.csv: could not be checked: it took longer than 60 seconds and was stopped"
    ]


def test_a_child_reads_the_data_folder_its_caller_reads_at_each_job(monkeypatch, tmp_path):
    from itclusters.schema import DATA_DIR

    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(tmp_path))
    assert worker.call("itclusters.schema:data_dir", timeout=30) == tmp_path
    monkeypatch.delenv("ITCLUSTERS_DATA_DIR")
    # The same child, reused: it was started for the staging copy, and must not stay with it.
    assert worker.call("itclusters.schema:data_dir", timeout=30) == DATA_DIR
