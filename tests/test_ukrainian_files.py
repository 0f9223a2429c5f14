"""The files in Ukrainian: with lang=uk, file names, sheet names, column headers and every text of
the workbook and the deck are Ukrainian. The machine-readable CSV keeps the schema's column names
and says so. A line of four or more Latin-script words with no Cyrillic (tests/latin.py) counts as
English; the clusters' and places' names and the source's title are kept as they are."""

import datetime
import io
import zipfile

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from itclusters import exports, outputs
from itclusters import filters as flt
from itclusters.geo import load_oblasts
from itclusters.i18n import override
from itclusters.maps import MapOptions
from itclusters.schema import load_package

from .latin import CYRILLIC, english_lines

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture(scope="module")
def request_(dataset, vocabulary, overview):
    oblasts, _problem = load_oblasts()
    return outputs.Request(dataset, oblasts, flt.Filters(), MapOptions(), overview, vocabulary, TODAY)


@pytest.fixture(scope="module")
def workbook(request_):
    with override("uk"):
        return load_workbook(io.BytesIO(outputs.make("xlsx", request_)))


def note_columns() -> set[str]:
    """The clusters' free-text columns written in English that have a Ukrainian twin."""
    return {f.translation_of for f in load_package().resource("clusters").twins}


def titles_uk(names) -> dict[str, str]:
    clusters = load_package().resource("clusters")
    return {clusters.field(n).text("title", "uk"): n for n in names}


def test_file_names_are_ukrainian():
    with override("uk"):
        names = {fmt: outputs._(name) for fmt, (name, _mime) in outputs.FORMATS.items()}
    assert names["xlsx"] == "іт-кластери.xlsx" and names["png"] == "мапа-іт-кластерів.png"
    assert all(CYRILLIC.search(name) for name in names.values()), names
    assert outputs.FORMATS["csv"][0] == "it-clusters.csv"  # English names as they were


def test_the_workbook_has_ukrainian_sheets_and_headers(workbook):
    assert workbook.sheetnames == ["Про дашборд", "Кластери"]
    sheet = workbook["Кластери"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Ідентифікатор", "Назва", "Місто", "Місто (українською)"]
    assert all(CYRILLIC.search(h) for h in headers), headers
    # A lower bound keeps its number and its '+' under the Ukrainian header.
    members, names = headers.index("Компанії-учасниці") + 1, headers.index("Назва") + 1
    lviv = next(row for row in sheet.iter_rows(min_row=2) if row[names - 1].value == "Lviv IT Cluster")
    assert lviv[members - 1].value == 300 and lviv[members - 1].number_format == '#,##0"+"'
    about = [row[0].value for row in workbook["Про дашборд"].iter_rows()]
    assert any("зберігає назви стовпців data/clusters.csv" in str(line) for line in about)


def test_the_ukrainian_workbook_has_no_english_line(workbook):
    """Every cell but the notes (the data's own English, until their twins land: see below)."""
    texts = [c.value for c in workbook["Про дашборд"]["A"]]
    sheet = workbook["Кластери"]
    headers = [c.value for c in sheet[1]]
    skip = {headers.index(t) for t, name in titles_uk(note_columns()).items()}
    for row in sheet.iter_rows(values_only=True):
        texts += [value for i, value in enumerate(row) if i not in skip and isinstance(value, str)]
    assert len(texts) > 200
    assert english_lines(texts) == []


def test_the_ukrainian_workbooks_notes_are_ukrainian(workbook):
    sheet = workbook["Кластери"]
    headers = [c.value for c in sheet[1]]
    twins = {f.text("title", "uk") for f in load_package().resource("clusters").twins}
    assert note_columns() and not twins & set(headers)  # each twin shown in its original's place
    columns = {headers.index(t) for t in titles_uk(note_columns())}
    texts = [row[i] for row in sheet.iter_rows(min_row=2, values_only=True) for i in columns if row[i]]
    assert len(texts) > 40 and english_lines(texts) == []


def test_the_csv_keeps_the_schemas_column_names(request_):
    with override("uk"):
        text = outputs.make("csv", request_).decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(load_package().resource("clusters").field_names)


@pytest.fixture(scope="module")
def pack(request_):
    with override("uk"):
        return zipfile.ZipFile(io.BytesIO(outputs.make("zip", request_)))


def test_the_pack_names_its_files_in_ukrainian(pack):
    names = pack.namelist()
    assert {"мапа.html", "мапа.png", "мапа.svg", "слайди.pptx", "дані/іт-кластери.csv", "ПРОЧИТАЙ.txt"} <= set(names)
    charts = [n for n in names if n.startswith("діаграми/")]
    assert len(charts) >= 5 and all(CYRILLIC.search(n.removeprefix("діаграми/")) for n in charts), charts
    assert "діаграми/компанії-учасниці-за-кластерами.png" in charts
    note = pack.read("ПРОЧИТАЙ.txt").decode()
    assert "дані/іт-кластери.csv зберігає назви стовпців data/clusters.csv" in note
    assert english_lines(note.splitlines()) == []
    header = pack.read("дані/іт-кластери.csv").decode("utf-8-sig").splitlines()[0]
    assert header.startswith("id,name,city,city_uk,")


def deck_texts(deck: bytes) -> list[str]:
    """Every paragraph of every text frame and table, and of the speaker notes."""
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        frames += [c.text_frame for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        out += [p.text for f in frames for p in f.paragraphs]
    return out


def test_the_ukrainian_deck_has_no_english_line(pack):
    texts = deck_texts(pack.read("слайди.pptx"))
    assert len(texts) > 50
    assert english_lines(texts) == []


def test_the_facts_workbook_heads_codes_and_labels_in_ukrainian(dataset):
    with override("uk"):
        table = exports.facts_download(dataset.facts, dataset.clusters)
        book = load_workbook(io.BytesIO(exports.excel_bytes(table, "Факти", resource="facts")))
    headers = [c.value for c in book["Факти"][1]]
    assert headers[:4] == ["Ідентифікатор", "Кластер", "Назва кластера", "Тема"]
    assert all(CYRILLIC.search(h) for h in headers), headers
    assert list(table.columns[:3]) == ["fact_id", "cluster_id", "cluster_name"]  # the CSV's names


def test_the_ukrainian_still_map_has_no_english_line(dataset, vocabulary, overview):
    from xml.etree import ElementTree

    options = MapOptions(hubs=True, labels=True, choropleth="members")
    request = outputs.Request(
        dataset, load_oblasts()[0], flt.Filters(), options, overview, vocabulary, datetime.date(2026, 12, 6)
    )
    with override("uk"):
        svg = outputs.make("svg", request).decode("utf-8")
    texts = [t.strip() for t in ElementTree.fromstring(svg).itertext() if t.strip()]
    assert len(texts) > 20 and any(CYRILLIC.search(t) for t in texts)
    assert english_lines(texts) == []
