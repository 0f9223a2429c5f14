"""AppTest sessions as the tests use them."""

import contextlib

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from ui import first_screen

APP = "../app.py"  # relative to this folder, as AppTest resolves it
TIMEOUT = 60


def new_app(first_screen_done: bool = True, **query) -> AppTest:
    """A session, not yet run, opening the app with this query string.

    In a browser the full page follows the map's first screen as soon as the map is painted
    (ui/first_screen.py); AppTest runs no JavaScript, so its sessions start past the first screen
    unless a test is about the first screen itself.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if first_screen_done:
        at.session_state[first_screen.DONE] = True
    for key, value in query.items():
        at.query_params[key] = value
    return at


@contextlib.contextmanager
def pages_folder_flag_as_on_a_server():
    """AppTest resets Streamlit's pages-folder flag before every run, as if each run were a fresh
    server's first; a real server clears it for good the first time st.navigation runs. Within
    this block AppTest sees the server's steady state (tests/test_navigation.py covers the first
    run, in a fresh process)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original
