"""A chart page's chart as a native PowerPoint chart (python-pptx), not a picture: the presenter
can restyle it, and its numbers open in PowerPoint's data sheet.

The same charts by name as the screen's slides (story.schema.json's x-charts), in the project's
colours; a "more than" count keeps its number in the data sheet and shows as "600+" through its
label's number format. Type is 14 pt or more everywhere; the slide's caption is the title.
"""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

from . import charts, regions
from .data import Dataset
from .i18n import _
from .stories import chart_on
from .style import MACRO_REGIONS, STATUS_COLOURS, STATUSES, region_label, status_label
from .text import renderable

TYPE = Pt(14)
EXACT, AT_LEAST = "#,##0", '#,##0"+"'


def _colour(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _bound_label(point, number_format: str) -> None:
    """A point's label in its own number format ("600+" for a lower bound): python-pptx has no
    API for it, so the element goes in where the chart schema wants it (after idx, before spPr)."""
    label = point.data_label._get_or_add_dLbl()
    for old in label.findall(qn("c:numFmt")):
        label.remove(old)
    element = OxmlElement("c:numFmt")
    element.set("formatCode", number_format)
    element.set("sourceLinked", "0")
    anchor = label.find(qn("c:tx")) if label.find(qn("c:tx")) is not None else label.find(qn("c:idx"))
    anchor.addnext(element)


def _style(chart, legend: bool) -> None:
    chart.has_title = False  # the slide's caption says it
    chart.font.size = TYPE
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = TYPE
    for axis in (chart.category_axis, chart.value_axis):
        axis.tick_labels.font.size = TYPE
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = _colour("#D9DDE1")
    chart.value_axis.tick_labels.number_format, chart.value_axis.tick_labels.number_format_is_linked = EXACT, False


def _rows_down(chart, values) -> None:
    """Rows from the top down, as on the screen, with the value axis still at the bottom; whole
    numbers on it (no 0.5 clusters)."""
    chart.category_axis.reverse_order = True
    chart.category_axis.crosses = XL_AXIS_CROSSES.MAXIMUM
    if max(values, default=0) <= 10:
        chart.value_axis.major_unit = 1


def _labels(series, position=XL_LABEL_POSITION.OUTSIDE_END, number_format: str = EXACT) -> None:
    labels = series.data_labels
    labels.show_value = True
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.font.size = TYPE
    labels.position = position


def _by_status(chart_data: CategoryChartData, rows: pd.DataFrame, value: str) -> list[str]:
    """One series per wartime status (a bar in its status's colour, a legend that names them)."""
    shown = [s for s in STATUSES if (rows["status_code"] == s).any()]
    for status in shown:
        mine = rows["status_code"] == status
        chart_data.add_series(status_label(status), [v if m else None for v, m in zip(rows[value], mine)])
    return shown


def _paint(chart, statuses: list[str]) -> None:
    for series, status in zip(chart.plots[0].series, statuses):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _colour(STATUS_COLOURS[status])


def members(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    rows = charts.count_rows(clusters).head(charts.MAX_MARKS)
    if rows.empty:
        return False
    rows = rows.assign(status_code=rows["id"].map(clusters.set_index("id")["status"]))
    data = CategoryChartData(number_format=EXACT)
    data.categories = [renderable(n) for n in rows["name"]]
    statuses = _by_status(data, rows, "value")
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style(chart, legend=True)
    plot = chart.plots[0]
    plot.overlap, plot.gap_width = 100, 40  # one bar per row, in its status's colour
    _rows_down(chart, rows["value"])
    _tick_every_label(chart)
    _paint(chart, statuses)
    lower = (rows["bound"] == charts.bound_label("at_least")).to_numpy()
    for series, status in zip(plot.series, statuses):
        _labels(series)
        for index in [i for i, (s, low) in enumerate(zip(rows["status_code"], lower)) if s == status and low]:
            _bound_label(series.points[index], AT_LEAST)
    return True


def _tick_every_label(chart) -> None:
    """Every row's name on the axis: without it PowerPoint and LibreOffice skip some when crowded."""
    axis = chart.category_axis._element
    skip = axis.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = OxmlElement("c:tickLblSkip")
        before = (axis.find(qn(f"c:{tag}")) for tag in ("lblOffset", "lblAlgn", "auto", "crosses", "crossAx"))
        next(found for found in before if found is not None).addnext(skip)
    skip.set("val", "1")


def members_by_region(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    table = charts.totals(clusters, "member_companies", "macro_region").dropna(subset=["total"])
    if table.empty:
        return False
    data = CategoryChartData(number_format=EXACT)
    data.categories = list(table["group"])
    data.add_series(_("Member companies (sum of stated counts)"), [int(v) for v in table["total"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style(chart, legend=False)
    _rows_down(chart, table["total"])
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _colour(STATUS_COLOURS["active"])
    _labels(series)
    for index, label in enumerate(table["label"]):
        if str(label).endswith("+"):
            _bound_label(series.points[index], AT_LEAST)
    return True


def _years(clusters: pd.DataFrame) -> tuple[list[int], pd.DataFrame]:
    stated = clusters[clusters["founded_year"].notna()]
    years = list(range(min(2010, int(stated["founded_year"].min())), max(2024, int(stated["founded_year"].max())) + 1))
    counts = pd.crosstab(stated["founded_year"].astype(int), stated["status"]).reindex(index=years, fill_value=0)
    return years, counts


def founding_timeline(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    """Clusters founded each year, stacked by wartime status (a column per year)."""
    if not clusters["founded_year"].notna().any():
        return False
    years, counts = _years(clusters)
    data = CategoryChartData(number_format=EXACT)
    data.categories = [str(y) for y in years]
    statuses = [s for s in STATUSES if s in counts.columns]
    for status in statuses:
        data.add_series(status_label(status), [int(v) or None for v in counts[status]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, *box, data).chart
    _style(chart, legend=True)
    chart.plots[0].gap_width = 50
    _paint(chart, statuses)
    for series in chart.plots[0].series:
        _labels(series, XL_LABEL_POSITION.CENTER)
    if counts.sum(axis=1).max() <= 10:
        chart.value_axis.major_unit = 1
    return True


def founded_over_time(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    if not clusters["founded_year"].notna().any():
        return False
    years, counts = _years(clusters)
    data = CategoryChartData(number_format=EXACT)
    data.categories = [str(y) for y in years]
    data.add_series(_("Clusters founded so far"), [int(v) for v in counts.sum(axis=1).cumsum()])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *box, data).chart
    _style(chart, legend=False)
    series = chart.plots[0].series[0]
    series.format.line.color.rgb = _colour(STATUS_COLOURS["active"])
    series.format.line.width = Pt(3)
    return True


def status_by_region(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    if clusters.empty:
        return False
    counts = pd.crosstab(clusters["macro_region"], clusters["status"]).reindex(index=list(MACRO_REGIONS), fill_value=0)
    counts = counts[counts.sum(axis=1) > 0]
    data = CategoryChartData(number_format=EXACT)
    data.categories = [region_label(r) for r in counts.index]
    statuses = [s for s in STATUSES if s in counts.columns]
    for status in statuses:
        data.add_series(status_label(status), [int(v) or None for v in counts[status]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data).chart
    _style(chart, legend=True)
    chart.plots[0].gap_width, chart.plots[0].overlap = 40, 100
    _rows_down(chart, counts.sum(axis=1))
    _paint(chart, statuses)
    for series in chart.plots[0].series:
        _labels(series, XL_LABEL_POSITION.CENTER)
    return True


def status(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    if clusters.empty:
        return False
    counts = clusters["status"].value_counts()
    shown = [s for s in STATUSES if counts.get(s, 0)]
    rows = pd.DataFrame({"name": [status_label(s) for s in shown], "value": [int(counts[s]) for s in shown]})
    rows["status_code"] = shown
    data = CategoryChartData(number_format=EXACT)
    data.categories = list(rows["name"])
    statuses = _by_status(data, rows, "value")
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style(chart, legend=False)
    chart.plots[0].overlap, chart.plots[0].gap_width = 100, 40
    _rows_down(chart, rows["value"])
    _paint(chart, statuses)
    for series in chart.plots[0].series:
        _labels(series)
    return True


def oblasts(slide, box, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    """Clusters per oblast, the oblasts that have any (the notes list them all)."""
    table = regions.by_oblast(clusters, dataset.regions, dataset.relocations)
    table = table[table["clusters"] > 0].sort_values(["clusters", "name"], ascending=[False, True])
    if table.empty:
        return False
    data = CategoryChartData(number_format=EXACT)
    data.categories = [renderable(n) for n in table["name"]]
    data.add_series(_("Clusters"), [int(v) for v in table["clusters"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    _style(chart, legend=False)
    _rows_down(chart, table["clusters"])
    chart.plots[0].gap_width = 40
    _tick_every_label(chart)
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _colour(STATUS_COLOURS["active"])
    _labels(series)
    return True


BUILDERS = {
    "members": members,
    "members_by_region": members_by_region,
    "founding_timeline": founding_timeline,
    "founded_over_time": founded_over_time,
    "status_by_region": status_by_region,
    "status": status,
    "oblasts": oblasts,
}


def add_chart(slide, box, page: str, name: str | None, clusters: pd.DataFrame, dataset: Dataset) -> bool:
    """The page's chart `name` (its first when None) as a native chart in `box` (left, top, width,
    height); False when the page has no chart or nothing to chart (the deck shows the map)."""
    chart = chart_on(page, name)
    return chart is not None and BUILDERS[chart](slide, box, clusters, dataset)
