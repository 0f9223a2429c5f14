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
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from itclusters import chart_slides, worker
from itclusters import filters as flt
from itclusters.data import Dataset
from itclusters.i18n import _, language, override
from itclusters.stories import Story, to_json
from itclusters.text import escape, markdown_literal
from ui.frame import View

KEY = "slide_chart"
SECONDS = 30.0
RENDER = "itclusters.svg:vegalite_svg"  # vl-convert alone: a new worker is ready sooner
# A worker's first drawing takes about a second (vl-convert starts its engine); a prefetch starts
# one with this while the story's charts are being built.
WARM_UP = {"mark": "point", "data": {"values": [{}]}}
# The picture keeps its proportions inside the screen's room below the slim line (--itc-bar, see
# ui/frame.py's PRESENTATION_CSS) and the page's padding.
CSS = f"""<style>
.st-key-{KEY} img {{ display: block; width: 100%; height: calc(100dvh - var(--itc-bar) - 1.6rem);
  object-fit: contain; }}
</style>"""


# The pictures, process-wide, by spec: futures, so a slide drawn ahead (prefetch) and the same
# slide asked for by a run share one drawing. Two threads: the script never waits behind a prefetch.
_PICTURES: OrderedDict[str, Future] = OrderedDict()
_MAX_PICTURES = 64
_LOCK = threading.Lock()
_DRAWING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="slide-pictures")
_PREFETCHED: set[tuple] = set()


def _drawing(spec_json: str) -> Future:
    with _LOCK:
        future = _PICTURES.get(spec_json)
        if future is None or (future.done() and future.exception() is not None):  # a failure is tried again
            future = _DRAWING.submit(worker.call, RENDER, json.loads(spec_json), timeout=SECONDS)
            _PICTURES[spec_json] = future
            while len(_PICTURES) > _MAX_PICTURES:
                _PICTURES.popitem(last=False)
        _PICTURES.move_to_end(spec_json)
        return future


def spec_json(chart) -> str:
    return json.dumps(chart_slides.slide_spec(chart), sort_keys=True, ensure_ascii=False)


def picture(spec: str) -> str:
    """The slide's SVG, drawn once per chart (a step back to a slide is instant)."""
    return _drawing(spec).result(timeout=SECONDS + 5)


def prefetch(story: Story, dataset: Dataset, vocabulary: flt.Vocabulary) -> None:
    """Draw the story's chart slides ahead, in the background: the first step onto each is then
    as quick as a later one (a cold worker takes about a second to start and draw)."""
    key = (to_json(story), id(dataset), language())
    with _LOCK:
        if key in _PREFETCHED:
            return
        _PREFETCHED.add(key)
    _DRAWING.submit(worker.call, RENDER, WARM_UP, timeout=SECONDS)
    _DRAWING.submit(_prefetch, story, dataset, vocabulary, language())


def _prefetch(story: Story, dataset: Dataset, vocabulary: flt.Vocabulary, lang: str) -> None:
    with override(lang):
        for slide in story.slides:
            clusters = flt.apply(dataset.clusters, flt.from_query(slide.filters, vocabulary).filters)
            chart = chart_slides.chart_for(slide.page, slide.chart, clusters, dataset)
            if chart is not None:
                _drawing(spec_json(chart))


def show(view: View, page: str) -> None:
    """The slide of `page`: the chart the story's slide names (or the page's first) of the view's
    clusters, in the reader's language."""
    name = view.story.slides[view.slide].chart if view.story is not None else None
    chart = chart_slides.chart_for(page, name, view.clusters, view.dataset)
    if chart is None:
        st.info(_("No clusters match the current filters."))
        return
    description = chart.description if isinstance(chart.description, str) else ""  # set by every chart builder
    try:
        svg = picture(spec_json(chart))
    except (worker.Failed, TimeoutError) as failed:
        st.warning(markdown_literal(_("The chart could not be drawn: {reason}.").format(reason=failed)))
        return
    st.html(CSS)
    with st.container(key=KEY):  # the chart's description is the picture's text alternative
        st.html(picture_html(svg, description))


def picture_html(svg: str, description: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="itc-slide" alt="{escape(description)}" src="data:image/svg+xml;base64,{data}">'
