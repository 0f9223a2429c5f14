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
