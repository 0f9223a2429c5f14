"""ui/serve.py: the launcher does the first visitor's work before the server answers.

Each check runs in a fresh interpreter: imports and Streamlit's caches last for the process.
(The browser tests start every server through the launcher: a component lost before the
server started would fail them.)
"""

import subprocess
import sys

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
