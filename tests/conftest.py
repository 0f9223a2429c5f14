"""Fixtures in one place."""

from pathlib import Path

import pytest

from itclusters.data import load_dataset
from itclusters.schema import DATA_DIR, load_package

TESTS = Path(__file__).parent


@pytest.fixture(scope="session")
def package():
    return load_package()


@pytest.fixture(scope="session")
def dataset():
    result = load_dataset(DATA_DIR)
    assert result.problems == [], [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="session")
def source_text():
    path = TESTS.parent.parent / "shared" / "sources" / "it-clusters-in-ukraine-article.txt"
    if not path.exists():
        pytest.skip(f"source article not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _apptest_runs_the_entry_script(monkeypatch):
    """AppTest (Streamlit 1.67) resets PagesManager.uses_pages_directory before every run, and a
    folder named pages/ then makes a rerun execute the page file alone, skipping app.py (its
    sidebar and data load). The real server clears the flag for good once st.navigation runs;
    do the same here so AppTest reruns behave as the server does."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", NavigationPagesManager)
