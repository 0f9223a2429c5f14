"""Where the dashboard leans on Streamlit's internals (pinned at streamlit==1.67.0).

Each one is named here with what breaks if an upgrade moves it; tests/test_streamlit_internals.py
checks that each is still where this module expects it and fails with its name if not.
"""

from __future__ import annotations

import asyncio
import logging

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
