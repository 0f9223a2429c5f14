"""Start the dashboard with the first visitor's work already done.

`python -m ui.serve [streamlit run options]` is `streamlit run app.py [options]`, except that it
first imports what the first script run imports and reads and checks the data into the cache that
run reads. Streamlit runs nothing of app.py until a browser connects, so without this the first
visitor to a new server waits for folium (its templates compile on import, 0.5 s), pandas and
the validation of every row (0.5 s at 10,000 clusters). `make run` and the browser tests use it;
`streamlit run app.py` still works, as hosting platforms call it, with a slower first visit.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def warm() -> None:
    """Import the first run's modules and fill the caches it reads (data, boundaries, stories)."""
    # folium, not streamlit_folium: a component declared before the server starts is lost with
    # the registry the server replaces (its frame then answers 404). The pages import it: 0.05 s.
    import folium.plugins  # noqa: F401

    import itclusters.charts  # noqa: F401  (Altair, for the full page after the map and the charts)
    import itclusters.exports  # noqa: F401
    import itclusters.outputs  # noqa: F401  (the downloads' requests; the files are made in a worker)
    import ui.downloads  # noqa: F401
    import ui.map_controls  # noqa: F401  (pages/map.py's)
    import ui.map_downloads  # noqa: F401
    import ui.profile_panel  # noqa: F401
    from ui import frame, story

    frame.install_assets()
    fingerprint = frame.fingerprint()
    published = frame.load(fingerprint)[0]
    if published.dataset is not None:
        story.shipped(published.dataset.vocabulary(), fingerprint)


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, fixed


def give_large_blocks_back() -> bool:
    """Have glibc's malloc give every block of 128 KiB or more back to the system when it is freed.

    glibc serves such a block with a mapping of its own, unmapped when freed, but each time one is
    freed it raises that threshold to the block's size (up to 32 MiB): later blocks up to that size
    come from the heap, which keeps what it grew to. The first hostile upload (1.9 MB, copied on its
    way to the worker) and deck (0.8 MB, on its way back) raised it, and the server then kept 35-47
    MB more than it started with once every session had gone, where a fixed threshold keeps 2 MB
    (bench/server_memory.py). Setting the threshold fixes it. False where the C library is not glibc.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1


class _Drop(logging.Filter):
    """Drops one message. (Streamlit sets its loggers' levels itself, so a filter, not a level.)"""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()


def main(argv: list[str]) -> None:
    give_large_blocks_back()
    # Outside a script run Streamlit warns that there is no session: here that is the point.
    no_session = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    quiet = _Drop("missing ScriptRunContext")
    no_session.addFilter(quiet)
    warm()
    no_session.removeFilter(quiet)  # from now on it would mean a real mistake
    # warm() read the config files before the command line: Streamlit then says the server's
    # options changed and need a restart, but the server has not started yet.
    logging.getLogger("streamlit.config").addFilter(_Drop("config option section was detected"))
    from streamlit.web import bootstrap, cli  # noqa: F401  (bootstrap: the server's modules, before the freeze)

    # A full garbage collection walks every object the imports and caches made, about 150,000, and
    # took longer than a script run. Frozen, they are left out: Python's own collections (and
    # Streamlit's after each run, should runner.postScriptGC be turned back on) walk only what
    # sessions have made.
    gc.collect()
    gc.freeze()
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
