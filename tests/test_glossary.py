"""One Ukrainian word per concept: locales/uk/glossary.csv names, for each English term, the one
Ukrainian term the interface uses and the variants it does not (a regular expression). The
catalogue and the Ukrainian texts of data/datapackage.json are checked against it."""

import csv
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locales" / "uk" / "glossary.csv"
CATALOGUE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "messages.po"
PACKAGE = ROOT / "data" / "datapackage.json"


def glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def catalogue_texts() -> list[str]:
    with CATALOGUE.open("rb") as f:
        messages = [m for m in read_po(f, locale="uk") if m.id]
    return [s for m in messages for s in (m.string if isinstance(m.string, tuple) else (m.string,))]


def package_texts(node=None, ukrainian: bool = False) -> list[str]:
    """Every text under a key ending in '-uk' (x-title-uk, x-description-uk, x-valueLabels-uk, ...)."""
    node = json.loads(PACKAGE.read_text(encoding="utf-8")) if node is None else node
    if isinstance(node, str):
        return [node] if ukrainian else []
    if isinstance(node, list):
        return [t for item in node for t in package_texts(item, ukrainian)]
    if isinstance(node, dict):
        return [t for key, value in node.items() for t in package_texts(value, ukrainian or key.endswith("-uk"))]
    return []


def test_the_glossary_is_well_formed():
    rows = glossary()
    assert len(rows) >= 10
    assert len({r["english"] for r in rows}) == len(rows), "one row per English term"
    for row in rows:
        assert re.search("[а-яіїєґ]", row["ukrainian"], re.I), row
        if row["forbidden"]:
            re.compile(row["forbidden"])
            assert not re.search(row["forbidden"], row["ukrainian"]), f"{row['english']}: the term is forbidden"


def test_the_map_is_one_word():
    row = next(r for r in glossary() if r["english"] == "map")
    assert row["ukrainian"] == "мапа"
    assert re.search(row["forbidden"], "Карта як PNG") and re.search(row["forbidden"], "шарами карти")
    assert not re.search(row["forbidden"], "картка кластера")  # a card is another word


@pytest.mark.parametrize("source", ["catalogue", "datapackage"])
def test_ukrainian_texts_use_the_glossarys_terms(source):
    texts = catalogue_texts() if source == "catalogue" else package_texts()
    assert len(texts) > (400 if source == "catalogue" else 100)
    found = [
        f"{row['english']} -> {row['ukrainian']}: {text!r}"
        for row in glossary()
        if row["forbidden"]
        for text in texts
        if re.search(row["forbidden"], text)
    ]
    assert found == []
