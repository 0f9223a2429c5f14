"""data/datapackage.json under the reference implementation of the Data Package standard
(frictionless): the descriptor, every resource against its Table Schema, and the foreign keys."""

import json
import shutil

import pytest
from frictionless import validate

from itclusters.schema import DATA_DIR, load_package


def errors(report) -> list[str]:
    found = [f"package: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        found += [f"{task.name}: {e.type}: {e.message}" for e in task.errors]
    return found


def test_the_published_package_is_valid():
    report = validate(str(DATA_DIR / "datapackage.json"))
    assert errors(report) == []
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(task.name for task in report.tasks) == sorted(r["name"] for r in descriptor["resources"])
    assert {r.name for r in load_package().tables} <= {task.name for task in report.tasks}


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        # A relocation of a cluster that does not exist: the foreign key to clusters.id.
        ("relocations.csv", "mrpl-it-cluster,Mariupol,Маріуполь", "nobody,Mariupol,Маріуполь", "foreign-key"),
        ("datapackage.json", '"created": "2026-11-29T00:00:00Z"', '"created": "2026-11-29"', "package-error"),
    ],
)
def test_a_broken_package_is_caught(tmp_path, file, old, new, error):
    """The check can fail: the same package with one defect put in."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate(str(folder / "datapackage.json"))
    assert any(f": {error}:" in e for e in errors(report)), errors(report)
