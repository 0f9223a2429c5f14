"""Ukraine's IT clusters: the entry point.

The language, the page config, the shared frame (data, sidebar filters, URL) and navigation.
Pages start with `view = current_view()` and never open files themselves.
"""

import streamlit as st

from itclusters.i18n import _
from ui import address, frame, navigation
from ui.run_queue import RUNS

# Runs take turns, a reader's filter change before a newcomer's first page (ui/run_queue.py).
with RUNS.turn(st.session_state):
    # The language comes first: every label below is drawn in it. A new session takes it from the URL.
    address.language(st.session_state)
    st.set_page_config(page_title=_("Ukraine's IT clusters"), page_icon="🗺️", layout="wide")

    view = frame.build()
    if view is None:  # no valid data at all: the frame has said why
        navigation.hide_pages()
        st.stop()
    try:
        navigation.navigate(view)
    finally:  # also when a page stops early: the sidebar always shows
        frame.finish(view)
