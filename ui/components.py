"""Small Streamlit pieces the pages share."""

from __future__ import annotations

import altair as alt
import streamlit as st

from itclusters.i18n import _, number
from itclusters.text import markdown_literal
from ui.downloads import made_by


def show_chart(chart: alt.TopLevelMixin, filename: str) -> None:
    """The chart, its text description (for screen readers too) and PNG/SVG downloads.

    The files are rendered only when asked for, in a worker (ui/downloads.py), so the page stays fast.
    """
    description = chart.to_dict().get("description", "")
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
            data=made_by(f"{filename}.{ext}", render, chart),
            file_name=f"{filename}.{ext}",
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


def table_downloads(frame, filename: str, sheet: str):
    """CSV and Excel downloads of a table, made when asked for (in a worker), formulas neutralised.
    Returns the column beside them, for a page's own third format."""
    csv, xlsx, spare, _spacer = st.columns([1, 1, 1, 2])
    csv.download_button(
        _("Download CSV"),
        data=made_by(f"{filename}.csv", "itclusters.exports:csv_bytes", frame),
        file_name=f"{filename}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"csv-{filename}",
    )
    xlsx.download_button(
        _("Download Excel"),
        data=made_by(f"{filename}.xlsx", "itclusters.exports:excel_bytes", frame, sheet=sheet),
        file_name=f"{filename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=f"xlsx-{filename}",
    )
    return spare


HIGHLIGHT = "background-color: rgba(0, 114, 178, 0.16); font-weight: 600"


def highlighted(frame, marked: list[bool]):
    """The table with the marked rows highlighted (a pandas Styler, which st.dataframe shows)."""
    return frame.style.apply(lambda row: [HIGHLIGHT if marked[row.name] else ""] * len(row), axis=1)
