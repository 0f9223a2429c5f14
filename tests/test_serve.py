"""ui/serve.py: the launcher does the first visitor's work before the server answers.

Each check runs in a fresh interpreter: imports and Streamlit's caches last for the process.
(The browser tests start every server through the launcher: a component lost before the
server started would fail them.)
"""

import platform
import subprocess
import sys

import pytest

from tests.browser import ROOT


def run_fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_warm_fills_the_data_cache_the_first_run_reads():
    out = run_fresh(
        """
from ui import frame, serve
serve.warm()
def fail(*args, **kwargs):
    raise AssertionError("the first run read the data again")
frame.load_dataset = fail  # a cache miss would call it
published = frame.load(frame.fingerprint())[0]
print(len(published.dataset.clusters), published.errors)
"""
    )
    assert out.split() == ["26", "[]"]


def test_warm_imports_folium_but_leaves_components_to_the_server():
    """A component declared before the server starts is lost with the registry the server
    replaces: streamlit_folium must wait for the first run."""
    out = run_fresh(
        """
import sys
from ui import serve
serve.warm()
print("folium" in sys.modules, "pandas" in sys.modules, "streamlit_folium" in sys.modules)
"""
    )
    assert out.split() == ["True", "True", "False"]


def test_the_launcher_starts_the_server_without_false_alarms():
    """What `make run` prints: the address, and no warning about the warm-up's work."""
    from tests.browser import free_port, wait_healthy

    port = free_port()
    command = [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, 60, lambda: "the launcher did not start")
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"localhost:{port}" in output
    assert "ScriptRunContext" not in output and "config option section" not in output and "WARNING" not in output


GLIBC = platform.libc_ver()[0] == "glibc"
MAPPED_BLOCK = """
import ctypes, sys
from ui import serve

class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                               "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
libc.mallinfo2.restype = Info
if sys.argv[1] == "set":
    assert serve.give_large_blocks_back()
libc.free(libc.malloc(4 << 20))  # an upload's copy, freed: glibc would now take blocks up to 4 MiB from its heap
mapped = libc.mallinfo2().hblks
block = libc.malloc(1 << 20)  # a deck on its way to the browser
print(libc.mallinfo2().hblks - mapped)
"""


@pytest.mark.skipif(not GLIBC, reason="glibc's malloc")
@pytest.mark.parametrize("threshold, mapped", [("set", "1"), ("glibc's own", "0")])
def test_a_large_block_is_mapped_of_its_own_and_given_back_when_freed(threshold, mapped):
    """With the launcher's threshold a large block never comes from the heap, which keeps what it
    grew to; with glibc's own, one freed large block sends later ones there."""
    run = subprocess.run([sys.executable, "-c", MAPPED_BLOCK, threshold], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == mapped
