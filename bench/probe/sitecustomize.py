"""bench/server_memory.py --probe: on SIGUSR1 the server writes where its memory is to
$ITCLUSTERS_PROBE_OUT (glibc's heap in use and free, Streamlit's stores, live sessions, and with
$ITCLUSTERS_TRACEMALLOC=1 the lines that allocated the most); on SIGUSR2 it also gives glibc's
free memory back (malloc_trim) and reports again. Loaded through PYTHONPATH, so the app is unchanged.
"""

import os

if os.environ.get("ITCLUSTERS_PROBE_OUT"):
    import ctypes
    import gc
    import signal
    import time
    import tracemalloc

    if os.environ.get("ITCLUSTERS_TRACEMALLOC") == "1":
        tracemalloc.start(3)

    class _Mallinfo2(ctypes.Structure):
        _fields_ = [
            (n, ctypes.c_size_t)
            for n in (
                "arena",
                "ordblks",
                "smblks",
                "hblks",
                "hblkhd",
                "usmblks",
                "fsmblks",
                "uordblks",
                "fordblks",
                "keepcost",
            )
        ]

    _libc = ctypes.CDLL("libc.so.6")
    _libc.mallinfo2.restype = _Mallinfo2

    def _rss() -> float:
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _report(trim: bool) -> None:
        out = [f"-- {time.strftime('%H:%M:%S')} pid {os.getpid()} rss {_rss():.0f} MB"]
        if trim:
            _libc.malloc_trim(0)
            out.append(f"after malloc_trim(0): rss {_rss():.0f} MB")
        m = _libc.mallinfo2()
        mb = 1 << 20
        out.append(
            f"malloc: heap {m.arena / mb:.0f} MB (in use {m.uordblks / mb:.0f}, free {m.fordblks / mb:.0f}), "
            f"mmapped {m.hblkhd / mb:.0f} MB in {m.hblks}"
        )
        try:
            from streamlit import runtime

            rt = runtime.get_instance()
            files = rt._uploaded_file_mgr.file_storage
            out.append("uploaded files: " + ", ".join(f"{k[:8]}: {len(v)}" for k, v in files.items()))
            media = rt.media_file_mgr
            out.append(
                f"media files {len(media._file_metadata)}, deferred {len(media._deferred_callables)}, "
                f"sessions with media {len(media._files_by_session_and_coord)}"
            )
            mgr = rt._session_mgr
            out.append(
                f"active sessions {len(mgr._active_session_info_by_id)}, "
                f"stored {len(mgr._session_storage._cache._data)}"
            )
        except Exception as error:  # the probe must never take the server down
            out.append(f"streamlit: {error!r}")
        from streamlit.runtime.app_session import AppSession

        alive = [o for o in gc.get_objects() if isinstance(o, AppSession)]
        out.append(
            f"AppSession objects alive: {len(alive)}; by type, the most: "
            + ", ".join(f"{n} {c}" for n, c in sorted(_types().items(), key=lambda x: -x[1])[:8])
        )
        if tracemalloc.is_tracing():
            top = tracemalloc.take_snapshot().statistics("traceback")[:12]
            for stat in top:
                out.append(
                    f"  {stat.size / mb:.1f} MB in {stat.count}: "
                    + " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno}" for f in stat.traceback)
                )
        with open(os.environ["ITCLUSTERS_PROBE_OUT"], "a") as f:
            f.write("\n".join(out) + "\n")

    def _types() -> dict:
        counts: dict = {}
        for o in gc.get_objects():
            name = type(o).__name__
            counts[name] = counts.get(name, 0) + 1
        return counts

    signal.signal(signal.SIGUSR1, lambda *_: _report(False))
    signal.signal(signal.SIGUSR2, lambda *_: _report(True))
