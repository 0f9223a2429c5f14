"""Work that must not touch the server, done in a child process of its own.

vl-convert aborts its whole process on some inputs (a Rust panic that cannot unwind); a deck, a
workbook or an upload's validation holds Python's interpreter for a second or more, and every
reader's run waits for it; and what they allocate is not always given back. Done in a child, an
abort becomes a message, a time limit holds, the server's interpreter stays free for the other
readers, and the memory comes back when the child ends.

    worker.call("itclusters.outputs:make", "pptx", request, language="uk", timeout=60)

The target is named as "module:function" and imported in the child; arguments and result travel
pickled through the child's stdin and stdout, between processes of this program only. Children
are reused (importing pandas and the renderers takes a second) up to MAX_CHILDREN at a time, and
end after IDLE_SECONDS without work or MAX_JOBS jobs.
"""

from __future__ import annotations

import importlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from .i18n import _
from .schema import DATA_FOLDER

ROOT = Path(__file__).resolve().parent.parent
MAX_CHILDREN = 2  # the machine's cores: more would only share them
IDLE_SECONDS = 60.0
MAX_JOBS = 40  # then a fresh child: whatever a renderer kept is given back
_HEADER = struct.Struct(">Q")


class Failed(Exception):
    """The work did not finish; the message says why, in the reader's language."""


# -- The child ---------------------------------------------------------------------------------


def _read_frame(stream) -> bytes | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None  # the server has gone: so does the child
    return stream.read(_HEADER.unpack(header)[0])


def _write_frame(stream, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _run(target: str, args: tuple, kwargs: dict, language: str, data_folder: str | None) -> tuple[str, object]:
    from . import i18n

    i18n.set_language(language)
    # The caller's data folder, for each job: a child outlives the job that started it, and a child
    # started for a staging copy must not check a later caller's upload against that copy.
    if data_folder:
        os.environ[DATA_FOLDER] = data_folder
    else:
        os.environ.pop(DATA_FOLDER, None)
    module, name = target.split(":")
    try:
        return "ok", getattr(importlib.import_module(module), name)(*args, **kwargs)
    except Exception as error:  # every failure goes back to the server as a message
        return "error", f"{type(error).__name__}: {error}"


def serve() -> None:
    """The child's loop: a request in, a result out, until the server closes the pipe."""
    requests, results = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a library's print() must not corrupt the results
    while (frame := _read_frame(requests)) is not None:
        status, value = _run(*pickle.loads(frame))
        try:
            payload = pickle.dumps((status, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            payload = pickle.dumps(("error", f"the result cannot be sent back ({error})"))
        _write_frame(results, payload)


# -- The server's side ---------------------------------------------------------------------------


class _Died(Exception):
    pass


class _Child:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "itclusters.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        self.jobs, self.idle_since = 0, time.monotonic()

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, payload: bytes) -> None:
        try:
            _write_frame(self.process.stdin, payload)
        except (BrokenPipeError, OSError) as error:
            raise _Died from error

    def _read(self, size: int, deadline: float) -> bytes:
        out = bytearray()
        fd = self.process.stdout.fileno()
        while len(out) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _w, _x = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, min(size - len(out), 1 << 20))
                if not chunk:
                    raise _Died
                out += chunk
        return bytes(out)

    def receive(self, deadline: float) -> tuple[str, object]:
        size = _HEADER.unpack(self._read(_HEADER.size, deadline))[0]
        return pickle.loads(self._read(size, deadline))

    def close(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class _Pool:
    def __init__(self):
        self._changed = threading.Condition()
        self._idle: list[_Child] = []
        self._busy = 0
        self._reaper: threading.Thread | None = None

    def take(self, deadline: float) -> _Child:
        with self._changed:
            while not self._idle and self._busy >= MAX_CHILDREN:
                if not self._changed.wait(deadline - time.monotonic()):
                    raise TimeoutError
            self._busy += 1
            child = self._idle.pop() if self._idle else None
        if child is not None and child.alive():
            return child
        try:
            return _Child()
        except OSError:
            self.give_back(None)
            raise

    def give_back(self, child: _Child | None) -> None:
        """Back to the idle list after a job; None or a child that failed is closed."""
        with self._changed:
            self._busy -= 1
            if child is not None and child.alive() and child.jobs < MAX_JOBS:
                child.idle_since = time.monotonic()
                self._idle.append(child)
                child = None
            self._changed.notify()
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="worker-reaper", daemon=True)
                self._reaper.start()
        if child is not None:
            child.close()

    def _reap(self) -> None:
        while True:
            time.sleep(IDLE_SECONDS / 4)
            self.close_idle(IDLE_SECONDS)

    def close_idle(self, older_than: float = 0.0) -> int:
        """Ends the children that have waited more than `older_than` seconds; how many."""
        now = time.monotonic()
        with self._changed:
            old = [c for c in self._idle if now - c.idle_since >= older_than]
            self._idle = [c for c in self._idle if c not in old]
        for child in old:
            child.close()
        return len(old)

    def children(self) -> list[int]:
        """The process ids of the idle children (for benchmarks and tests)."""
        with self._changed:
            return [c.process.pid for c in self._idle if c.alive()]


POOL = _Pool()


def call(target: str, *args, timeout: float, language: str | None = None, **kwargs):
    """`target(*args, **kwargs)` in a child process, in `language` (the caller's by default).

    Raises Failed with a message for the reader when the work raises, when the child stops
    (an abort, a kill) or when it takes longer than `timeout` seconds; the child is then replaced.
    """
    from .i18n import language as current

    deadline = time.monotonic() + timeout
    job = (target, args, kwargs, language or current(), os.environ.get(DATA_FOLDER))
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        child = POOL.take(deadline)
    except TimeoutError:
        raise Failed(_("the server is busy with other files; try again in a minute")) from None
    except OSError as error:
        raise Failed(_("no process could be started for it ({error})").format(error=error)) from None
    try:
        child.jobs += 1
        child.send(payload)
        status, value = child.receive(deadline)
    except TimeoutError:
        POOL.give_back(None)
        child.close()
        raise Failed(_("it took longer than {seconds:g} seconds and was stopped").format(seconds=timeout)) from None
    except _Died:
        POOL.give_back(None)
        child.close()
        code = child.process.returncode
        raise Failed(_("the process making it stopped unexpectedly (exit code {code})").format(code=code)) from None
    except BaseException:
        POOL.give_back(None)
        child.close()
        raise
    POOL.give_back(child)
    if status == "error":
        raise Failed(str(value))
    return value


if __name__ == "__main__":
    serve()
