"""Pages live in pages/, and a deep link to one works on a freshly started server.

Streamlit's pages-folder flag lasts for the process, so the first request is reproduced in a
fresh Python process each time (AppTest's first run with a page requested is a server's first
deep link).
"""

import json
import os
import subprocess
import sys

import pytest

from ui.navigation import PAGES

from .browser import ROOT

DEEP_LINK = """
import json, sys
from streamlit.testing.v1 import AppTest
if sys.argv[1] == "without-guard":
    import ui.navigation
    from streamlit import config
    ui.navigation.recover_frame = lambda: None
    config.set_option("client.showErrorDetails", "full")  # readers see none; this test needs the error
at = AppTest.from_file(sys.argv[2], default_timeout=60)
at.switch_page(sys.argv[3]).run()
print(json.dumps({
    "exceptions": [e.message for e in at.exception],
    "titles": [t.value for t in at.title],
    "sidebar": [c.value for c in at.sidebar.caption],
}))
"""


def first_request(page: str, guard: bool = True) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", DEEP_LINK, "with-guard" if guard else "without-guard", str(ROOT / "app.py"), page],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_page_file_is_in_the_pages_folder():
    assert sorted(p.file for p in PAGES) == sorted(f"pages/{f.name}" for f in (ROOT / "pages").glob("*.py"))
    assert not (ROOT / "views").exists()


@pytest.mark.parametrize("page", ["pages/members.py", "pages/data.py"])
def test_first_request_for_a_page_is_framed_by_the_app(page):
    seen = first_request(page)
    assert seen["exceptions"] == []
    assert seen["titles"] == [{"pages/members.py": "Members", "pages/data.py": "Data"}[page]]
    assert "**26 of 26 clusters shown**" in seen["sidebar"]  # the frame ran: data and filters


def test_without_the_guard_the_first_request_runs_the_page_alone():
    """The failure the guard prevents: Streamlit runs the page file instead of app.py."""
    seen = first_request("pages/members.py", guard=False)
    assert seen["sidebar"] == []
    assert seen["exceptions"] and "NoneType" in seen["exceptions"][0]
