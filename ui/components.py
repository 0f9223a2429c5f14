"""Small Streamlit pieces the pages share."""

from __future__ import annotations

import altair as alt
import streamlit as st

from itclusters.charts import chart_png, chart_svg
from itclusters.i18n import _, number
from itclusters.text import markdown_literal


def show_chart(chart: alt.TopLevelMixin, filename: str) -> None:
    """The chart, its text description (for screen readers too) and PNG/SVG downloads.

    The files are rendered only when asked for (deferred data), so the page stays fast.
    """
    description = chart.to_dict().get("description", "")
    st.altair_chart(chart, width="stretch", alt=description)
    st.caption(markdown_literal(description))
    png, svg, _spacer = st.columns([1, 1, 2])
    png.download_button(
        "⬇ PNG",
        help=_("Download the chart as PNG"),
        data=lambda: chart_png(chart),
        file_name=f"{filename}.png",
        mime="image/png",
        on_click="ignore",
        key=f"png-{filename}",
    )
    svg.download_button(
        "⬇ SVG",
        help=_("Download the chart as SVG"),
        data=lambda: chart_svg(chart),
        file_name=f"{filename}.svg",
        mime="image/svg+xml",
        on_click="ignore",
        key=f"svg-{filename}",
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
