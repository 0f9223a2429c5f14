"""A chart page as a slide: one chart, restyled for the back row of a room.

Presenting a chart page shows its chart alone below the slim line, drawn on the server as SVG at a
design size and scaled by the browser to the screen, type and all: so the type keeps its share of
the screen's height at every size, which no pixel size in a live chart could. The deck draws the
same charts by name as native charts (itclusters/native_charts.py). Pure: no Streamlit; the SVG
is drawn by itclusters/svg.py in a worker.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from . import charts, regions
from .data import Dataset
from .stories import chart_on

# The room below the slim line on a 16:9 screen, in px at design size; the browser scales the
# picture to fit the screen's room (at 1024x768 to 62 %, at 1920x1080 to 120 %, at 4K to 236 %).
DESIGN = (1600, 830)
# Every label at design size: 28 px is 2.2 % or more of the screen's height at every size from
# 1024x768 (where the picture is smallest against the screen) up, as slide guidance asks.
FONT = 28

Builder = Callable[[pd.DataFrame, Dataset], alt.TopLevelMixin | None]


def _if(column: str, build: Callable[[pd.DataFrame, Dataset], alt.TopLevelMixin]) -> Builder:
    """A chart that needs a stated value in `column`; None when the clusters shown state none."""
    return lambda clusters, dataset: build(clusters, dataset) if clusters[column].notna().any() else None


BUILDERS: dict[str, Builder] = {  # the chart names of story.schema.json's x-charts
    "members": _if("member_companies", lambda c, d: charts.members_chart(c)),
    "members_by_region": _if("member_companies", lambda c, d: charts.totals_chart(c)),
    "founding_timeline": _if("founded_year", lambda c, d: charts.founding_timeline(c)),
    "founded_over_time": _if("founded_year", lambda c, d: charts.cumulative_chart(c)),
    "status_by_region": lambda c, d: None if c.empty else charts.status_by_region_chart(c),
    "status": lambda c, d: None if c.empty else charts.status_chart(c),
    "oblasts": lambda c, d: None if c.empty else charts.oblast_chart(regions.by_oblast(c, d.regions, d.relocations)),
}


def chart_for(page: str, name: str | None, clusters: pd.DataFrame, dataset: Dataset) -> alt.TopLevelMixin | None:
    """The page's chart called `name` (its first when None or not the page's) of these clusters,
    or None when there is nothing to chart."""
    chart = chart_on(page, name)
    return None if chart is None else BUILDERS[chart](clusters, dataset)


def _restyle(node: object, font: float) -> object:
    """Every text mark at the slide's type size, and no label cut short."""
    if isinstance(node, list):
        return [_restyle(item, font) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _restyle(value, font) for key, value in node.items()}
    mark = out.get("mark")
    if mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text"):
        mark = mark if isinstance(mark, dict) else {"type": "text"}
        grown = font / mark.get("fontSize", 11)  # offsets grow with the type: staggered labels stay apart
        offsets = {k: mark[k] * grown for k in ("dx", "dy") if k in mark}
        out["mark"] = {**mark, **offsets, "fontSize": font}
    elif isinstance(mark, dict) and isinstance(mark.get("size"), (int, float)):
        out["mark"] = {**mark, "size": mark["size"] * (font / 12) ** 2}  # a point grows with the type
    if "labelLimit" in out:
        out["labelLimit"] = 0
    if "title" in out and isinstance(out["title"], dict) and "text" in out["title"]:
        out["title"] = out["title"]["text"]  # an axis title's own size would win over the config's
    out.pop("height", None) if isinstance(out.get("height"), dict) else None  # a layer's step: the slide's height
    return out


def slide_spec(chart: alt.TopLevelMixin, size: tuple[int, int] = DESIGN, font: float = FONT) -> dict:
    """The chart's Vega-Lite spec as a slide: the whole chart (axes and legend included) fills
    `size`, its own title left out (the slide's caption says it), every label at `font` px."""
    spec = charts.renderable_spec(chart)
    spec.pop("title", None)
    spec.pop("description", None)  # the page keeps it for screen readers
    spec = _restyle(spec, font)
    spec["width"], spec["height"] = size
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    spec["padding"] = font // 2
    config = spec.setdefault("config", {})
    text = {"labelFontSize": font, "titleFontSize": font}
    config["axis"] = {**config.get("axis", {}), **text, "labelLimit": 0, "titlePadding": font // 2}
    config["legend"] = {
        **config.get("legend", {}),
        **text,
        "labelLimit": 0,
        "titleLimit": 0,
        "symbolSize": font * font,
        "orient": "bottom",
        "direction": "horizontal",
        "columnPadding": font,
        "rowPadding": font // 4,
    }
    config["text"] = {"fontSize": font}
    config["axisQuantitative"] = {"tickCount": 6}  # 28 px numbers need room between them
    config["view"] = {"stroke": None}
    return spec
