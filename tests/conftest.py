"""Fixtures in one place."""

import json
import os
from pathlib import Path

import pytest

from itclusters.data import load_dataset
from itclusters.schema import DATA_DIR, load_package

from .apptest import pages_folder_flag_as_on_a_server

TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Judging a mutant, mutmut passes the tests that reach its function in no set order and stops
    at the first failure: the quickest first (by mutmut's stats run, in the folder it runs from)
    reach a kill soonest. A survivor runs them all either way."""
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    try:
        durations = json.loads(Path("mutmut-stats.json").read_text())["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


@pytest.fixture(scope="session")
def package():
    return load_package()


@pytest.fixture(scope="session")
def dataset():
    result = load_dataset(DATA_DIR)
    assert result.problems == [], [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="session")
def heavy_folder(tmp_path_factory):
    """The published data with the heaviest valid facts.csv an upload can carry: tens of
    thousands of facts on one cluster (tests/heavy.py)."""
    from .heavy import heavy_data_folder

    return heavy_data_folder(tmp_path_factory.mktemp("heavy") / "data")


@pytest.fixture(scope="session")
def heavy_dataset(heavy_folder):
    result = load_dataset(heavy_folder)
    assert result.problems == [], [str(p) for p in result.problems[:5]]
    return result.dataset


@pytest.fixture(scope="session")
def vocabulary(dataset):
    return dataset.vocabulary()


@pytest.fixture(scope="session")
def overview(vocabulary):
    """The shipped story, data/stories/overview.json."""
    from itclusters.stories import load_stories

    stories, problems = load_stories(vocabulary)
    assert problems == []
    return stories["overview"]


@pytest.fixture
def fresh_caches():
    """An app test that starts as a new server would: no cached load, no last good data."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def source_text():
    path = TESTS.parent.parent / "shared" / "sources" / "it-clusters-in-ukraine-article.txt"
    if not path.exists():
        if os.environ.get("CI") == "true":  # in CI a missing source is a failure, not a quiet skip
            pytest.fail(f"source article not found at {path}")
        pytest.skip(f"source article not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for every browser test."""
    from playwright.sync_api import sync_playwright

    from .browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(autouse=True, scope="session")
def server_like_pages_flag():
    with pages_folder_flag_as_on_a_server():
        yield


@pytest.fixture(scope="module")
def app_url():
    """A dashboard server for one test module's browser tests."""
    from .browser import running_app

    with running_app() as url:
        yield url


@pytest.fixture
def session(browser, app_url):
    """A fresh browser context on that server, with its requests and errors logged."""
    from .browser import Session

    s = Session(browser, app_url)
    yield s
    s.context.close()
