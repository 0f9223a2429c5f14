"""Presenting a chart page: the slide's one chart filling the screen below the slim line, and
nothing meant for the web page (no radios, toggles, downloads, tables or notes on screen); the chart's
description is the picture's text alternative, for screen readers.

The picture is the chart drawn as SVG by vl-convert in a worker process (a renderer that aborts
cannot take the server down, ui/downloads.py says why), cached per chart, and scaled by the browser
to the room it has (itclusters/chart_slides.py sizes the type for that).
"""

from __future__ import annotations

import base64
import json

import streamlit as st

from itclusters import chart_slides, worker
from itclusters.i18n import _
from itclusters.text import escape, markdown_literal
from ui.frame import View

KEY = "slide_chart"
SECONDS = 30.0
# The picture keeps its proportions inside the screen's room below the slim line (3.2rem, see
# ui/frame.py's PRESENTATION_CSS) and the page's padding; the alt text is for screen readers only.
CSS = f"""<style>
.st-key-{KEY} img {{ display: block; width: 100%; height: calc(100dvh - 3.2rem - 1.6rem); object-fit: contain; }}
</style>"""


@st.cache_data(show_spinner=False, max_entries=64)
def picture(spec_json: str) -> str:
    """The slide's SVG, drawn once per chart (a step back to a slide is instant)."""
    return worker.call("itclusters.chart_slides:slide_svg", json.loads(spec_json), timeout=SECONDS)


def show(view: View, page: str) -> None:
    """The slide of `page`: the chart the story's slide names (or the page's first) of the view's
    clusters, in the reader's language."""
    name = view.story.slides[view.slide].chart if view.story is not None else None
    chart = chart_slides.chart_for(page, name, view.clusters, view.dataset)
    if chart is None:
        st.info(_("No clusters match the current filters."))
        return
    description = chart.to_dict().get("description", "")
    spec = chart_slides.slide_spec(chart)
    try:
        svg = picture(json.dumps(spec, sort_keys=True, ensure_ascii=False))
    except worker.Failed as failed:
        st.warning(markdown_literal(_("The chart could not be drawn: {reason}.").format(reason=failed)))
        return
    st.html(CSS)
    with st.container(key=KEY):  # the chart's description is the picture's text alternative
        st.html(picture_html(svg, description))


def picture_html(svg: str, description: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="itc-slide" alt="{escape(description)}" src="data:image/svg+xml;base64,{data}">'
