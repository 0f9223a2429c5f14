"""Small Streamlit pieces the pages share."""

from __future__ import annotations

import datetime

import altair as alt
import pandas as pd
import streamlit as st

from itclusters.filenames import chart_stem
from itclusters.i18n import _, number
from itclusters.text import markdown_literal, sortable_labels
from ui.downloads import made_by


def show_chart(chart: alt.TopLevelMixin, filename: str) -> None:
    """The chart, its text description (for screen readers too) and PNG/SVG downloads.

    The files are rendered only when asked for, in a worker (ui/downloads.py), so the page stays fast.
    """
    description = chart.to_dict().get("description", "")
    stem = chart_stem(filename, chart)  # named after its title in the reader's language
    st.altair_chart(chart, width="stretch")  # its description is the accessible name
    st.caption(markdown_literal(description))
    columns = st.columns([1, 1, 2])
    formats = (
        ("png", "image/png", "itclusters.charts:chart_png", _("Download the chart as PNG")),
        ("svg", "image/svg+xml", "itclusters.charts:chart_svg", _("Download the chart as SVG")),
    )
    for column, (ext, mime, render, help_text) in zip(columns, formats):
        column.download_button(
            f"⬇ {ext.upper()}",
            data=made_by(f"{stem}.{ext}", render, chart),
            file_name=f"{stem}.{ext}",
            mime=mime,
            on_click="ignore",
            help=help_text,
            key=f"{ext}-{filename}",
        )


def not_stated_note(names: list[str], what: str, limit: int = 30) -> None:
    if names:
        more = _(" and {n} more").format(n=number(len(names) - limit)) if len(names) > limit else ""
        listed = ", ".join(names[:limit]) + more
        st.caption(
            markdown_literal(
                _("{what} not stated ({n}): {names}.").format(what=what, n=number(len(names)), names=listed)
            )
        )


def table_downloads(frame, filename: str, sheet: str, csv_help: str | None = None, **workbook):
    """CSV and Excel downloads of a table, made when asked for (in a worker), formulas neutralised.
    `filename` (without extension) and `sheet` are marked with N_ and named in the reader's
    language; `workbook` options (title, filters, total, bounds, resource) shape the Excel file
    (itclusters/sheets.py). Returns the column beside them, for a page's own third format."""
    workbook = {"today": datetime.date.today()} | workbook
    key, filename, sheet = filename, _(filename), _(sheet)
    csv, xlsx, spare, _spacer = st.columns([1, 1, 1, 2])
    csv.download_button(
        _("Download CSV"),
        data=made_by(f"{filename}.csv", "itclusters.exports:csv_bytes", frame),
        file_name=f"{filename}.csv",
        mime="text/csv",
        on_click="ignore",
        help=csv_help,
        key=f"csv-{key}",
    )
    xlsx.download_button(
        _("Download Excel"),
        data=made_by(f"{filename}.xlsx", "itclusters.exports:excel_bytes", frame, sheet=sheet, **workbook),
        file_name=f"{filename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=f"xlsx-{key}",
    )
    return spare


def numbers_table(
    values: pd.DataFrame,
    labels: dict[str, list[str]],
    widths: dict[str, int],
    helps: dict[str, str] | None = None,
    marked: list[bool] | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """A table whose counts read as the dashboard writes them ('672+ (2 not stated)') and sort as
    numbers: each column in `labels` shows its text, padded so that sorting text sorts the numbers
    (itclusters.text.sortable_labels), right-aligned like the plain counts. Widths in pixels keep
    it within a laptop's width; `marked` rows stand out; `headers` shortens a column's header (its
    `helps` entry says the full name). Empty cells read 'not stated'."""
    shown = values.copy()
    for column, texts in labels.items():
        shown[column] = sortable_labels(texts)
    helps, headers = helps or {}, headers or {}
    config = {}
    for column in shown.columns:
        options = {"width": widths.get(column), "help": helps.get(column)}
        if column in labels:
            config[column] = st.column_config.TextColumn(headers.get(column), alignment="right", **options)
        elif pd.api.types.is_numeric_dtype(shown[column]):
            config[column] = st.column_config.NumberColumn(headers.get(column), **options)
        else:
            config[column] = st.column_config.TextColumn(headers.get(column), **options)
    data = shown if marked is None else highlighted(shown, marked)
    st.dataframe(data, hide_index=True, column_config=config, placeholder=_("not stated"), key=key)


HIGHLIGHT = "background-color: rgba(0, 114, 178, 0.16); font-weight: 600"


def highlighted(frame, marked: list[bool]):
    """The table with the marked rows highlighted (a pandas Styler, which st.dataframe shows)."""
    return frame.style.apply(lambda row: [HIGHLIGHT if marked[row.name] else ""] * len(row), axis=1)
