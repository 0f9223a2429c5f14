"""Where the dashboard leans on Streamlit's internals (pinned at streamlit==1.67.0).

Each one is named here with what breaks if an upgrade moves it; tests/test_streamlit_internals.py
checks that each is still where this module expects it and fails with its name if not.
"""

from __future__ import annotations

import asyncio
import logging

# -- The page's structure, as its style and the map's script select it ----------------------------
# Streamlit marks its elements with data-testid attributes and a keyed container with the class
# `st-key-<key>`. The page's style (ui/frame.py, ui/map_controls.py) and the map's frame
# (itclusters/leaflet.py: where the frame starts, what lies above it) select these. If one is
# renamed, the style no longer applies: presentation mode shows the sidebar and header again, the
# map stops filling the window, captions lose their contrast. Pixel heights of Streamlit's own
# elements are not relied on: the rooms above the map have heights of our own (ui/map_controls.py).
TEST_IDS = (
    "stMain",
    "stMainBlockContainer",
    "stHeader",
    "stStatusWidget",
    "stSidebar",
    "stExpandSidebarButton",
    "stCaptionContainer",
    "stElementContainer",
    "stHeading",
    "stHorizontalBlock",
    "stColumn",
    # Where Streamlit's own English words are put in the reader's language (ui/platform_texts.py).
    "stSkipToContent",
    "stFileUploaderDropzone",
    "stTooltipContent",
    "stMultiSelect",
    "stSelectbox",
)
KEY_CLASS = "st-key-"

# -- Which page a session's first run asks for ------------------------------------------------------
# Before st.navigation resolves the page, the run's context says which one the browser asked for.
# The first screen (ui/first_screen.py) needs to know whether that is the map before it draws
# anything. If Streamlit moves these, every session opens without the first screen (the whole page
# at once): slower to the first marker, never wrong.


def asks_for_the_home_page() -> bool:
    """Whether this run's request names no page (the default page, the map)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    wanted = getattr(context, "pages_manager", None)
    if wanted is None:
        return False
    return not getattr(wanted, "intended_page_script_hash", True) and not getattr(wanted, "intended_page_name", True)


# -- A download's failure, in words ---------------------------------------------------------------
# A download button whose file is made when pressed (a callable `data`) shows "Failed to generate
# file for download" under the button when the callable raises, and the reason goes only to the
# server's log. The handler below is Streamlit's DeferredFileHandler.handle with one change: a
# DownloadFailed (ui/downloads.py) sends its own message, in the reader's language, to the button.
# If Streamlit moves the handler, the buttons still work and fail with Streamlit's own words.

_LOGGER = logging.getLogger(__name__)


class DownloadFailed(Exception):
    """A file the user asked for could not be made; the message says which and why."""


def _handler_class():
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    return DeferredFileHandler


async def _handle(self, request, session_id):
    from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse, DeferredFileResponsePayload

    file_id = request.deferred_file.file_id
    try:
        url = await asyncio.to_thread(self._get_media_file_mgr().execute_deferred, file_id)
    except Exception as error:
        reason = error.__cause__ if isinstance(error.__cause__, DownloadFailed) else None
        if reason is None:
            _LOGGER.exception("Error executing deferred callable for file_id %s", file_id)
        else:
            _LOGGER.warning("%s", reason)
        message = str(reason) if reason else "Failed to generate file for download"
        return BackendOperationResponse(request_id=request.request_id, error_msg=message)
    return BackendOperationResponse(request_id=request.request_id, deferred_file=DeferredFileResponsePayload(url=url))


def show_download_failures() -> None:
    """Install the handler above (once; it applies to every session, old and new)."""
    handler = _handler_class()
    if handler.handle is not _handle:
        handler.handle = _handle


# -- A closed session's memory ----------------------------------------------------------------------
# When a browser leaves, Streamlit keeps its session for server.disconnectedSessionTTL seconds (120)
# in case it reconnects (MemorySessionStorage, a TTLCache). When that time is up the cache only
# forgets the session, and only at its next write: AppSession.shutdown() is never called, so what
# the session left with the server's managers stays for the life of the process, keyed by its id:
# its uploaded files (MemoryUploadedFileManager), the files its download buttons made and the
# callables that make them (MediaFileManager), its dataframes' data. Twenty hostile uploads and
# twenty decks kept 400 MB that way (bench/server_memory.py). Upstream: streamlit/streamlit#12506.
# The save below is MemorySessionStorage.save, which also shuts down the sessions it lets go of,
# and asks the event loop to let go of each one as soon as its time is up, write or no write. If
# Streamlit moves MemorySessionStorage or its cache, closed sessions keep their memory again.

_LATE = 1.0  # seconds: a session is let go of this much before its time, so that the cache's own
# reaping in the write just after never finds one expired (and forgets it without a shutdown)


def _storage_class():
    from streamlit.runtime.memory_session_storage import MemorySessionStorage

    return MemorySessionStorage


def _shut_down(expired) -> None:
    for _session_id, info in expired:
        try:
            info.session.shutdown()
        except Exception:  # one session's failure must not keep the others
            _LOGGER.exception("A disconnected session could not be shut down")


def _let_go(storage) -> None:
    """Shut down the stored sessions whose time is up (or nearly: _LATE)."""
    cache = storage._cache
    _shut_down(cache.expire(cache.timer() + _LATE))


def _save(self, session_info) -> None:
    """MemorySessionStorage.save that shuts down what the cache drops to make room."""
    cache = self._cache
    _let_go(self)
    if session_info.session.id not in cache:
        while len(cache) >= cache.maxsize:
            _shut_down([cache.popitem()])  # the least recently used, as the cache would evict it
    cache[session_info.session.id] = session_info
    try:
        loop = asyncio.get_running_loop()  # Streamlit saves a session on its event loop's thread
    except RuntimeError:
        return  # no loop (a test): the next save lets it go
    loop.call_later(cache.ttl, _let_go, self)


def shut_down_closed_sessions() -> None:
    """Install the save above (once; it applies to every session storage, old and new)."""
    storage = _storage_class()
    if storage.save is not _save:
        storage.save = _save
