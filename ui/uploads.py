"""Uploaded replacements for the data files, kept in this browser session only."""

from __future__ import annotations

import hashlib
import threading

import streamlit as st

from itclusters import worker
from itclusters.data import LoadResult
from itclusters.i18n import _
from itclusters.validation import Problem
from ui.run_queue import RUNS

# The app's own limit, below Streamlit's (server.maxUploadSize = 3 MB in .streamlit/config.toml),
# so a file between the two gets the app's message, which says what to do.
MAX_UPLOAD_BYTES = 2_000_000
SESSION_KEY = "uploads"
VALID_KEPT = 8  # valid uploads kept in memory for the sessions using them; failing ones never
VALIDATION_SECONDS = 60.0  # a bound for runaway work: the largest allowed upload is checked in seconds


_LOCK = threading.Lock()  # sessions run in threads of their own and share the dict below


@st.cache_resource(show_spinner=False)
def _valid() -> dict[str, LoadResult]:
    """Valid uploads by content hash, shared and read-only as the published data is."""
    return {}


def _key(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(contents.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def check(contents: dict[str, bytes]) -> LoadResult:
    """The uploaded files validated with the published ones they do not replace. A valid result
    is kept (a session using it reruns on every click); a failing one is not, so a hostile file
    leaves nothing behind once its page is gone."""
    kept, key = _valid(), _key(contents)
    with _LOCK:
        if key in kept:
            return kept[key]
    result = validated(contents)  # outside the lock: other sessions go on
    if result.dataset is not None and not result.errors:
        with _LOCK:
            while len(kept) >= VALID_KEPT:
                kept.pop(next(iter(kept)))
            kept[key] = result
    return result


def validated(contents: dict[str, bytes]) -> LoadResult:
    """load_dataset on the uploaded files, in a worker process while this run steps aside from the
    run queue: however long a hostile file takes, the other readers' runs go on meanwhile."""
    try:
        with RUNS.stepped_aside():
            return worker.call("itclusters.data:load_dataset", replacements=contents, timeout=VALIDATION_SECONDS)
    except worker.Failed as failure:
        names = ", ".join(f"{name}.csv" for name in sorted(contents))
        rule = _("could not be checked: {why}").format(why=failure)
        return LoadResult(None, [Problem(names, None, None, None, rule)])


def active() -> dict[str, bytes] | None:
    return st.session_state.get(SESSION_KEY)


def use(contents: dict[str, bytes]) -> None:
    st.session_state[SESSION_KEY] = contents


def revert() -> None:
    st.session_state.pop(SESSION_KEY, None)
