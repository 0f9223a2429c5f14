"""A table as an Excel workbook ready for analysis and for print.

Numbers are numbers (a count is summable, a year sorts), a lower bound keeps its number and shows
it as "600+" through the cell's number format, with the bound in a column of its own; what the
source does not state is an empty cell, never 0. The header is frozen and filterable, columns
are as wide as their text, and the sheet prints landscape, one page wide, its header on every
page. A first sheet says what the file is: the table, the source, the date and the filters.
Every text cell and header is neutralised (no formula) and renderable (no control character).
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .i18n import _
from .text import is_missing, neutralise_cell

LOWER_BOUND_WORDS = ("at_least",)  # and the reader's word for it, _("more than"), added at run time
NUMBER, BOUNDED = "#,##0", '#,##0"+"'  # a lower bound: the same number, shown with its '+'
WIDEST, NARROWEST = 60, 6  # column widths, in characters
HEADER_LINE = 14  # a header longer than its values wraps at about this many characters
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
MAX_SHEET_NAME = 31  # Excel's limit


def cell_value(value: object) -> object:
    """What goes into a cell: a Python number, neutralised text, or None for an unknown."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item"):  # numpy and pandas scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, (int, float)):
        return value if not (isinstance(value, float) and math.isinf(value)) else None
    return neutralise_cell(str(value))


def bound_columns(frame: pd.DataFrame, bounds: Mapping[str, str] | None) -> dict[str, str]:
    """Each number column and the column that says whether it is exact or a lower bound: those
    given, and the schema's pairs (member_companies and member_companies_bound)."""
    found = {c[: -len("_bound")]: c for c in frame.columns if str(c).endswith("_bound")}
    found = {value: bound for value, bound in found.items() if value in frame.columns}
    return found | dict(bounds or {})


def _width(header: str, values: list) -> int:
    """As wide as the longest value; a longer header wraps onto a second and third line instead."""
    longest = max([len(f"{v:,}" if isinstance(v, int) else str(v)) for v in values if v is not None] or [0])
    return max(NARROWEST, min(WIDEST, max(longest, min(len(str(header)), HEADER_LINE)) + 2))


def _write_table(sheet: Worksheet, frame: pd.DataFrame, bounds: dict[str, str], total: pd.DataFrame | None) -> None:
    lower = set(LOWER_BOUND_WORDS) | {_("more than")}
    columns = list(frame.columns)
    sheet.append([neutralise_cell(str(c)) for c in columns])
    rows = [[cell_value(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    for row in rows:
        sheet.append(row)
    extra = []
    if total is not None and not total.empty:  # after an empty row, outside the filter's range
        sheet.append([])
        extra = [
            [cell_value(v) for v in row] for row in total.reindex(columns=columns).itertuples(index=False, name=None)
        ]
        for row in extra:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        values = [r[index - 1] for r in rows + extra]
        sheet.column_dimensions[letter].width = _width(column, values)
        numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        bound = bounds.get(column)
        if numeric and bound is not None:
            position = columns.index(bound)
            for offset, row in enumerate(rows + ([None] if extra else []) + extra, start=2):
                if row is None:
                    continue
                lower_bound = row[position] in lower
                sheet.cell(offset, index).number_format = BOUNDED if lower_bound else NUMBER
        elif not numeric and max((len(str(v)) for v in values if v is not None), default=0) > WIDEST:
            for cells in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Spreadsheets do not grow a row for wrapped text on their own (LibreOffice prints it over the
    # next row): the header gets the height of its longest wrapped header.
    lines = max(
        math.ceil(len(str(c)) / max(sheet.column_dimensions[get_column_letter(i)].width - 3, 1))
        for i, c in enumerate(columns, start=1)
    )
    sheet.row_dimensions[1].height = 15 * max(lines, 1)
    # The same for each row with wrapped text: LibreOffice printed a long note over the rows below it.
    wrapped = [i for i, c in enumerate(sheet[1], start=1) if sheet.cell(2, i).alignment.wrap_text] if rows else []
    for r in range(2, sheet.max_row + 1):
        lines = max(
            (
                math.ceil(len(str(value)) / max(sheet.column_dimensions[get_column_letter(i)].width - 3, 1))
                for i in wrapped
                if (value := sheet.cell(r, i).value) is not None
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[r].height = 15 * lines
            for cell in sheet[r]:  # a tall row reads from its top, as its wrapped notes do
                if not cell.alignment.wrap_text:
                    cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # Fit to the width of as many pages as keep the type readable: a table of thirty columns on
    # one page printed at a third of its size. Across pages, the first two columns (the id and the
    # name) repeat on each, so every printed row says whose it is.
    wide = sum(sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(columns) + 1))
    pages = max(1, math.ceil(wide / PAGE_CHARS))
    if pages > 1 and len(columns) > 2:
        sheet.print_title_cols = "A:B"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = pages, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True


# Column widths (in characters) an A4 landscape page holds at about 60 %, still readable printed
# (the Regions sheet, 234, prints on one page with every column apart: tests/test_sheets.py).
PAGE_CHARS = 240


def _write_about(sheet: Worksheet, title: str, lines: list[str]) -> None:
    sheet.append([neutralise_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([neutralise_cell(line)])
    sheet.column_dimensions["A"].width = 110
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    for row in sheet.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.page_setup.orientation = "landscape"


def about_lines(filters: str, rows: int, today: datetime.date, source: str, notes=()) -> list[str]:
    return [
        _("Source: {source}.").format(source=source),
        _("Made on {date}.").format(date=today.isoformat()),
        _("Filters: {filters}.").format(filters=filters or _("all clusters")),
        _("Rows: {n}.").format(n=rows),
        _("A number shown with '+' is a lower bound ('more than'); the column beside it says so."),
        _("An empty cell means the source does not state the value; it is never a zero."),
        _("Text that a spreadsheet would read as a formula starts with an apostrophe."),
        *notes,
    ]


def workbook(
    frame: pd.DataFrame,
    sheet: str,
    *,
    title: str = "",
    filters: str = "",
    total: pd.DataFrame | None = None,
    bounds: Mapping[str, str] | None = None,
    today: datetime.date | None = None,
    source: str = "",
    notes: tuple[str, ...] | list[str] = (),
) -> bytes:
    """The workbook's bytes: an 'About' sheet, then the table's sheet, which opens first."""
    book = Workbook()
    about = book.active
    about.title = _("About")[:MAX_SHEET_NAME]
    _write_about(
        about,
        title or sheet,
        about_lines(filters, len(frame), today or datetime.date.today(), source or _("see the About page"), notes),
    )
    name = "".join(c for c in str(sheet) if c not in "[]:*?/\\'")[:MAX_SHEET_NAME]  # what Excel refuses
    data = book.create_sheet(name or "data")
    _write_table(data, frame, bound_columns(frame, bounds), total)
    book.active = data
    for cell in (c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "e"):
        cell.data_type = "s"  # openpyxl stores text such as "#N/A" as an error value: it is text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
