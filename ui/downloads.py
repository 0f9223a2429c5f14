"""Download buttons whose files are made when pressed, in a worker process (itclusters/worker.py).

Made there, a renderer's abort cannot take the server down, a slow file cannot hold the other
readers' runs, and the memory it took comes back. A file that cannot be made says so under its
button, with the reason, in the reader's language (ui/streamlit_internals.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from itclusters import worker
from itclusters.i18n import _, language, override
from ui.streamlit_internals import DownloadFailed, show_download_failures

# A bound for runaway work, far above what any file of the advertised sizes takes; a slow host can
# raise it (deploy/README.md).
EXPORT_SECONDS = float(os.environ.get("ITCLUSTERS_EXPORT_SECONDS") or 120)

show_download_failures()


def made_by(what: str, target: str, *args, **kwargs) -> Callable[[], bytes]:
    """The `data` of a download button: `target(*args, **kwargs)` run in a worker when the button
    is pressed, in this run's language; `what` names the file in a failure's message."""
    lang = language()

    def make() -> bytes:
        with override(lang):  # Streamlit calls this in a thread of its own, outside the run
            try:
                return worker.call(target, *args, timeout=EXPORT_SECONDS, language=lang, **kwargs)
            except worker.Failed as failure:
                raise DownloadFailed(_("{what} could not be made: {why}.").format(what=what, why=failure)) from None

    return make
