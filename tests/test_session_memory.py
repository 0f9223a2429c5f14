"""A closed session gives back what it left with the server (ui/streamlit_internals.py): Streamlit's
session storage forgets a disconnected session after its time without shutting it down, so its
uploads stayed for the life of the process. bench/server_memory.py measures the whole; these check
the storage's part with Streamlit's own storage, cache and upload manager."""

import asyncio
import concurrent.futures
from dataclasses import dataclass, field

import pytest
from streamlit.runtime.caching.ttl_cache import TTLCache
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.session_manager import SessionInfo
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from ui import streamlit_internals as internals

UPLOADS = MemoryUploadedFileManager("/_stcore/upload_file")


@dataclass
class Session:
    """What the storage touches of an AppSession: its id, and a shutdown that, as AppSession's
    does, removes the session's uploaded files."""

    id: str
    shut_down: list = field(default_factory=list)

    def shutdown(self) -> None:
        self.shut_down.append(self.id)
        UPLOADS.remove_session_files(self.id)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def storage():
    internals.shut_down_closed_sessions()
    clock = Clock()
    made = MemorySessionStorage(maxsize=2, ttl_seconds=120)
    made._cache = TTLCache(maxsize=2, ttl=120, timer=clock)
    made.clock = clock
    return made


def closed(storage, session_id: str, upload: bytes = b"") -> Session:
    """A session whose browser has left: its upload with the server, the session in storage."""
    session = Session(session_id)
    if upload:
        UPLOADS.add_file(session_id, UploadedFileRec(f"{session_id}-file", "clusters.csv", "text/csv", upload))
    storage.save(SessionInfo(client=None, session=session))
    return session


def kept(session_id: str) -> bool:
    return bool(UPLOADS.get_files(session_id, [f"{session_id}-file"]))


def test_a_session_whose_time_is_up_is_shut_down_and_its_upload_goes(storage):
    first = closed(storage, "first", b"x\n" * 1000)
    assert kept("first") and first.shut_down == []
    storage.clock.now += 121
    closed(storage, "second")  # the next write: Streamlit's cache forgot "first" here, nothing more
    assert first.shut_down == ["first"]
    assert not kept("first")
    assert storage.get("first") is None


def test_a_session_is_let_go_when_its_time_is_up_without_another_write(storage):
    storage._cache = TTLCache(maxsize=2, ttl=0.05)

    async def leave_and_wait():
        session = closed(storage, "alone", b"x\n" * 1000)
        await asyncio.sleep(0.3)
        return session

    # A loop of its own, in a thread of its own: a browser test's Playwright may already run one in
    # this thread, and asyncio.run refuses to start inside it.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        session = pool.submit(asyncio.run, leave_and_wait()).result(timeout=30)
    assert session.shut_down == ["alone"]
    assert not kept("alone")


def test_the_session_evicted_to_make_room_is_shut_down(storage):
    first, second = closed(storage, "a"), closed(storage, "b")
    third = closed(storage, "c")  # maxsize 2: the least recently used goes
    assert first.shut_down == ["a"] and second.shut_down == third.shut_down == []
    assert storage.get("b") is not None and storage.get("c") is not None


def test_a_session_its_browser_comes_back_to_is_not_shut_down(storage):
    session = closed(storage, "back", b"x\n" * 10)
    storage.clock.now += 60
    assert storage.get("back").session is session
    storage.delete("back")  # Streamlit resumes it: out of storage, alive
    storage.clock.now += 200
    closed(storage, "other")
    assert session.shut_down == [] and kept("back")
    UPLOADS.remove_session_files("back")


def test_saving_a_session_again_keeps_it(storage):
    session = closed(storage, "again")
    storage.save(SessionInfo(client=None, session=session))
    closed(storage, "other")
    assert session.shut_down == []
