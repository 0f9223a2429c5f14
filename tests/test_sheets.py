"""Spreadsheets ready for analysis, read back as an analyst's programs read them: openpyxl for the
cells (numbers, bounds, frozen header, filter, print setup) and LibreOffice for the printed page."""

import datetime
import io
import math
import re
import subprocess

import openpyxl
import pandas as pd
import pytest

from itclusters import exports, regions, sheets
from itclusters.i18n import override

from .office import to_pdf

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture(scope="module")
def by_oblast(dataset):
    table = regions.by_oblast(dataset.clusters, dataset.regions, dataset.relocations)
    total = regions.total(dataset.clusters, dataset.regions, dataset.relocations, set(dataset.regions["iso"]))
    return table, total


def regions_workbook(by_oblast, filters="all clusters") -> bytes:
    table, total = by_oblast
    return exports.excel_bytes(
        regions.analysis(table),
        "oblasts",
        title="Clusters by oblast",
        filters=filters,
        total=regions.analysis(total),
        bounds=regions.bound_columns(),
        today=TODAY,
    )


def test_counts_are_numbers_and_a_bound_is_a_format_and_a_column(by_oblast):
    book = openpyxl.load_workbook(io.BytesIO(regions_workbook(by_oblast)))
    sheet = book["oblasts"]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    members = header.index("Member companies")
    kharkiv = rows["Kharkiv Oblast"]
    assert kharkiv[members].value == 600 and kharkiv[members].data_type == "n"  # SUM works
    assert kharkiv[members].number_format == '#,##0"+"'  # shown as 600+
    assert kharkiv[header.index("Member companies: bound")].value == "more than"
    assert rows["Kyiv City"][members].number_format == "#,##0"  # exact: no '+'
    # Nothing stated is an empty cell, never 0; a unit without clusters has no years at all.
    ivano = rows["Ivano-Frankivsk Oblast"]
    assert ivano[members].value is None and ivano[header.index("Member companies: clusters not stating it")].value == 2
    assert rows["Kyiv Oblast"][header.index("Earliest founded")].value is None
    assert rows["Lviv Oblast"][header.index("Earliest founded")].value == 2011  # a number, not text
    total = rows["Total"]
    assert total[members].value == 1209 and total[members].number_format == '#,##0"+"' and total[0].font.b


def test_the_sheet_is_ready_to_filter_scroll_and_print(by_oblast):
    book = openpyxl.load_workbook(io.BytesIO(regions_workbook(by_oblast)))
    sheet = book["oblasts"]
    assert book.active.title == "oblasts" and book.sheetnames[0] == "About"
    assert (
        sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}28"
    )
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
    assert 25 <= sheet.column_dimensions["A"].width <= 40  # the longest name, not the default 8.43
    about = [row[0].value for row in book["About"].iter_rows()]
    assert about[:4] == [
        "Clusters by oblast",
        "Source: IT clusters in Ukraine: how the community lives during the war (2024-10).",
        "Made on 2026-12-06.",
        "Filters: all clusters.",
    ]


def test_hostile_text_in_cells_headers_and_the_about_sheet_is_never_a_formula():
    frame = pd.DataFrame({'=HYPERLINK("http://x.invalid")': ["@SUM(A1)", "-1+1", "ok\x01"], "n": [1, None, 3]})
    book = openpyxl.load_workbook(io.BytesIO(sheets.workbook(frame, "t", title="=cmd|' /C calc'!A0", filters="+x")))
    cells = [c for row in book["t"].iter_rows() for c in row] + [c for row in book["About"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")) for c in cells)
    assert book["t"]["A1"].value == '\'=HYPERLINK("http://x.invalid")' and book["t"]["A4"].value == "ok"


def test_text_that_looks_like_an_error_value_stays_text():
    frame = pd.DataFrame({"#REF!": ["#N/A", "#DIV/0!", "#NULL!"]})
    book = openpyxl.load_workbook(io.BytesIO(sheets.workbook(frame, "t", title="#VALUE!")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.value for c in book["t"]["A"]] == ["#REF!", "#N/A", "#DIV/0!", "#NULL!"]
    assert {c.data_type for c in cells} == {"s"}


def test_printed_by_libreoffice_the_table_is_one_page_wide_and_reads_its_bounds(by_oblast, tmp_path):
    path = tmp_path / "oblasts.xlsx"
    path.write_bytes(regions_workbook(by_oblast))
    pdf = to_pdf(path, tmp_path)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", pages, re.M), pages  # the About sheet, then 27 units and the total
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "1,209+" in text and "600+" in text and "Zhytomyr Oblast" in text and "Total" in text
    assert " 00 " not in text  # two columns run together: too narrow


def test_the_workbook_speaks_the_readers_language(by_oblast):
    table, total = by_oblast
    with override("uk"):
        data = exports.excel_bytes(regions.analysis(table), "області", total=regions.analysis(total), today=TODAY)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Про дані", "області"] or book.sheetnames[1] == "області"
    assert [c.value for c in book["області"][1]][:3] == ["Назва", "Код ISO", "Кластери"]


def test_the_command_lines_workbook_states_its_filters_like_the_data_pages(dataset):
    from itclusters import filters as flt
    from itclusters import outputs
    from itclusters.maps import MapOptions

    east = flt.Filters(regions=("east",))
    request = outputs.Request(dataset, None, east, MapOptions(), None, dataset.vocabulary(), datetime.date(2026, 12, 6))
    book = openpyxl.load_workbook(io.BytesIO(outputs.make("xlsx", request)))
    about = [c.value for row in book["About"].iter_rows() for c in row if c.value]
    assert "Filters: region: East." in about and "Rows: 7." in about and "Made on 2026-12-06." in about
    assert book.active.title == "Clusters" and book.active.max_row == 8  # the header and 7 clusters


def test_a_wide_sheet_prints_across_pages_with_each_rows_name(dataset, tmp_path):
    frame = exports.schema_columns(dataset.clusters)
    book = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame)))
    sheet = book.active
    assert sheet.page_setup.fitToWidth > 1 and sheet.print_title_cols == "$A:$B"  # the id and the name on every page
    path = tmp_path / "clusters.xlsx"
    path.write_bytes(exports.excel_bytes(frame))
    pdf = to_pdf(path, tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    data_pages = pages.split("\f")[1:]  # after the About sheet
    assert len([p for p in data_pages if p.strip()]) == sheet.page_setup.fitToWidth
    assert all("Kharkiv IT Cluster" in p for p in data_pages if p.strip())


def test_a_row_with_a_long_note_is_as_tall_as_its_wrapped_lines():
    # LibreOffice printed a wrapped note over the rows below it: a row does not grow on its own.
    note = "word " * 60  # 300 characters, past the widest column
    frame = pd.DataFrame({"id": ["a", "b"], "note": [note, "short"]})
    sheet = openpyxl.load_workbook(io.BytesIO(sheets.workbook(frame, "t")))["t"]
    width = sheet.column_dimensions["B"].width
    assert sheet["B2"].alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 15 * math.ceil(len(note) / width)
    assert sheet.row_dimensions[3].height is None  # one line: the default
    assert sheet["A2"].alignment.vertical == "top"  # the id beside the note, at its top
