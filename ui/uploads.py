"""Uploaded replacements for the data files, kept in this browser session only."""

from __future__ import annotations

import streamlit as st

from itclusters.data import LoadResult, load_dataset

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # as server.maxUploadSize = 2 (MB) in .streamlit/config.toml
SESSION_KEY = "uploads"


@st.cache_resource(show_spinner=False, max_entries=16)  # shared and read-only, as the published data
def _check(files: tuple[tuple[str, bytes], ...]) -> LoadResult:
    return load_dataset(replacements=dict(files))


def check(contents: dict[str, bytes]) -> LoadResult:
    """The uploaded files validated with the published ones they do not replace."""
    return _check(tuple(sorted(contents.items())))


def active() -> dict[str, bytes] | None:
    return st.session_state.get(SESSION_KEY)


def use(contents: dict[str, bytes]) -> None:
    st.session_state[SESSION_KEY] = contents


def revert() -> None:
    st.session_state.pop(SESSION_KEY, None)
