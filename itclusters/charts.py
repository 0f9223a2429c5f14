"""DataFrame -> Altair chart, for the Members, Founding years and Wartime status pages.

Each builder takes the filtered clusters and returns a chart with a title, a text description
(for screen readers and the page caption), tooltips and the palette the map uses. Bounds are
drawn as bounds ("300+"), and clusters with no stated value are left out of the marks, never
drawn as zero; `not_stated` lists them for the page.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .style import MACRO_REGION_LABELS, MACRO_REGIONS, STATUS_COLOURS, STATUS_LABELS, STATUSES
from .text import format_count, format_year, is_missing

MEASURES = {"member_companies": "Member companies", "professionals": "Professionals employed"}
BOUND_LABELS = {"exact": "exact count", "at_least": "lower bound ('more than')"}
EVENTS = pd.DataFrame(
    [
        {"year": 2014.0, "event": "2014: Russia occupies Crimea and parts of Donbas"},
        {"year": 2022.15, "event": "February 2022: full-scale invasion"},
    ]
)
EXPORT_WIDTH = 760
MAX_MARKS = 60  # one row per cluster stops being readable beyond this; the page says what is left out


def status_colour_scale() -> alt.Scale:
    return alt.Scale(domain=[STATUS_LABELS[s] for s in STATUSES], range=[STATUS_COLOURS[s] for s in STATUSES])


def _finish(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    return (
        chart.properties(title=title, description=description)
        .configure_title(anchor="start", fontSize=16)
        .configure_legend(orient="bottom", direction="horizontal")
    )


def _export_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart at a fixed width: 'container' means nothing outside a page."""
    spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = EXPORT_WIDTH
    return spec


def chart_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """PNG rendered offline by vl-convert (Cyrillic included)."""
    import vl_convert

    return vl_convert.vegalite_to_png(_export_spec(chart), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(_export_spec(chart))


# -- Members ---------------------------------------------------------------------------------


def count_rows(clusters: pd.DataFrame, measure: str = "member_companies") -> pd.DataFrame:
    """The clusters that state the measure, largest first, with the label a reader sees."""
    stated = clusters[clusters[measure].notna()]
    out = pd.DataFrame(
        {
            "id": stated["id"].astype(str),
            "name": stated["name"].astype(str),
            "city": stated["city"].astype(str),
            "status": stated["status"].map(STATUS_LABELS).astype(str),
            "value": stated[measure].astype(int),
            "bound": stated[f"{measure}_bound"].map(BOUND_LABELS).astype(str),
            "label": [format_count(v, b) for v, b in zip(stated[measure], stated[f"{measure}_bound"])],
        }
    )
    return out.sort_values(["value", "name"], ascending=[False, True]).reset_index(drop=True)


def not_stated(clusters: pd.DataFrame, column: str) -> list[str]:
    return sorted(clusters.loc[clusters[column].isna(), "name"].astype(str))


def members_chart(clusters: pd.DataFrame, measure: str = "member_companies", log: bool = False) -> alt.LayerChart:
    data = count_rows(clusters, measure).head(MAX_MARKS)  # the largest
    what = MEASURES[measure].lower()
    top = max(int(data["value"].max()) if len(data) else 1, 1)
    # A log axis has no zero: bars start at 1, and the domain leaves room for the labels.
    scale = alt.Scale(type="log", domain=[1, top * 2]) if log else alt.Scale(type="linear", zero=True)
    x = alt.X(
        "value:Q",
        title=f"{MEASURES[measure]}{' (log scale)' if log else ''}",
        scale=scale,
        axis=alt.Axis(format="~s" if log else "~d"),
    )
    y = alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("name:N", title="Cluster"),
        alt.Tooltip("city:N", title="City"),
        alt.Tooltip("label:N", title=MEASURES[measure]),
        alt.Tooltip("bound:N", title="Count"),
        alt.Tooltip("status:N", title="Status"),
    ]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height={"band": 0.75}).encode(
        x=x,
        **({"x2": alt.datum(1)} if log else {}),
        color=alt.Color("status:N", scale=status_colour_scale(), title="Wartime status"),
        opacity=alt.Opacity(
            "bound:N", title="Count", scale=alt.Scale(domain=list(BOUND_LABELS.values()), range=[1.0, 0.45])
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, text="label:N", tooltip=tooltip)
    largest = f"; the largest is {data['name'].iloc[0]} with {data['label'].iloc[0]}" if len(data) else ""
    bounds = int((data["bound"] == BOUND_LABELS["at_least"]).sum())
    description = (
        f"Bar chart of {what} for the {len(data)} clusters that state it, largest first{largest}. "
        f"{bounds} of the counts are lower bounds, labelled N+."
    )
    chart = (bars + labels).properties(height=alt.Step(24), width="container")
    return _finish(chart, f"{MEASURES[measure]} per cluster", description)


def totals(clusters: pd.DataFrame, measure: str, by: str) -> pd.DataFrame:
    """Sum of stated counts per group; 'at least' where any count in the group is a bound."""
    rows = []
    for group, part in clusters.groupby(by, sort=False):
        stated = part[part[measure].notna()]
        total = int(stated[measure].sum()) if len(stated) else None
        bound = "at_least" if (stated[f"{measure}_bound"] == "at_least").any() else "exact"
        rows.append(
            {
                "group": group,
                "clusters": len(part),
                "stated": len(stated),
                "not_stated": len(part) - len(stated),
                "total": total,
                "label": format_count(total, bound) if total is not None else "not stated",
            }
        )
    out = pd.DataFrame(rows, columns=["group", "clusters", "stated", "not_stated", "total", "label"])
    if by == "macro_region":
        order = {r: i for i, r in enumerate(MACRO_REGIONS)}
        out = out.sort_values("group", key=lambda s: s.map(order))
        out["group"] = out["group"].map(MACRO_REGION_LABELS)
    else:
        out = out.sort_values(["total", "group"], ascending=[False, True], na_position="last")
    return out.reset_index(drop=True)


def totals_chart(clusters: pd.DataFrame, measure: str = "member_companies") -> alt.LayerChart:
    data = totals(clusters, measure, "macro_region").dropna(subset=["total"])
    data["total"] = data["total"].astype(int)
    y = alt.Y("group:N", sort=None, title=None)
    tooltip = [
        alt.Tooltip("group:N", title="Macro-region"),
        alt.Tooltip("label:N", title="Total"),
        alt.Tooltip("stated:Q", title="Clusters with a count"),
        alt.Tooltip("not_stated:Q", title="Clusters without"),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=STATUS_COLOURS["active"], opacity=0.85)
        .encode(x=alt.X("total:Q", title=f"{MEASURES[measure]} (sum of stated counts)"), y=y, tooltip=tooltip)
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(x="total:Q", y=y, text="label:N")
    description = (
        "Bar chart of stated "
        + MEASURES[measure].lower()
        + " summed per macro-region: "
        + "; ".join(f"{g} {lbl}" for g, lbl in zip(data["group"], data["label"]))
        + ". N+ marks a sum that includes lower bounds."
    )
    chart = (bars + labels).properties(height=alt.Step(30), width="container")
    return _finish(chart, f"{MEASURES[measure]} by macro-region", description)


# -- Founding years --------------------------------------------------------------------------


def founding_rows(clusters: pd.DataFrame) -> pd.DataFrame:
    stated = clusters[clusters["founded_year"].notna()]
    out = pd.DataFrame(
        {
            "name": stated["name"].astype(str),
            "year": stated["founded_year"].astype(int),
            "basis": stated["founded_basis"].map({"stated": "stated", "derived": "derived"}).astype(str),
            "label": [format_year(y, b) for y, b in zip(stated["founded_year"], stated["founded_basis"])],
            "status": stated["status"].map(STATUS_LABELS).astype(str),
        }
    )
    return out.sort_values(["year", "name"]).reset_index(drop=True)


def cumulative_by_year(clusters: pd.DataFrame) -> pd.DataFrame:
    """Clusters founded by the end of each year, over the years the data covers."""
    years = founding_rows(clusters)["year"]
    if years.empty:
        return pd.DataFrame(
            {"year": pd.Series(dtype=int), "founded": pd.Series(dtype=int), "cumulative": pd.Series(dtype=int)}
        )
    span = range(int(years.min()), int(years.max()) + 1)
    per_year = years.value_counts().reindex(span, fill_value=0)
    return pd.DataFrame({"year": list(span), "founded": per_year.values, "cumulative": per_year.cumsum().values})


def _year_scale(years: pd.Series) -> alt.Scale:
    lo = min([2010, *years]) if len(years) else 2010
    hi = max([2024, *years]) if len(years) else 2024
    return alt.Scale(domain=[lo - 0.5, hi + 0.5], nice=False)


def _year_axis(years: pd.Series) -> alt.X:
    return alt.X("year:Q", title="Year founded", scale=_year_scale(years), axis=alt.Axis(format="d", tickMinStep=1))


def _event_rules(years: pd.Series) -> alt.LayerChart:
    x = alt.X("year:Q", scale=_year_scale(years))
    rules = (
        alt.Chart(EVENTS)
        .mark_rule(strokeDash=[4, 3], color="#444")
        .encode(x=x, tooltip=alt.Tooltip("event:N", title="Event"))
    )
    text = (
        alt.Chart(EVENTS)
        .mark_text(align="left", dx=3, dy=4, fontSize=11, color="#444", baseline="top", y=0)
        .encode(x=x, text="event:N")
    )
    return rules + text


def founding_timeline(clusters: pd.DataFrame) -> alt.LayerChart:
    data = founding_rows(clusters).head(MAX_MARKS)  # the earliest
    x = _year_axis(data["year"])
    tooltip = [
        alt.Tooltip("name:N", title="Cluster"),
        alt.Tooltip("label:N", title="Founded"),
        alt.Tooltip("basis:N", title="Year"),
        alt.Tooltip("status:N", title="Status"),
    ]
    points = (
        alt.Chart(data)
        .mark_point(size=130, filled=True, opacity=0.9)
        .encode(
            x=x,
            y=alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("status:N", scale=status_colour_scale(), title="Wartime status"),
            shape=alt.Shape(
                "basis:N", title="Year", scale=alt.Scale(domain=["stated", "derived"], range=["circle", "diamond"])
            ),
            tooltip=tooltip,
        )
    )
    derived = int((data["basis"] == "derived").sum())
    span = f"from {data['year'].min()} to {data['year'].max()}" if len(data) else "none"
    description = (
        f"Timeline of founding years, one mark per cluster, {len(data)} clusters, {span}; "
        f"{derived} year(s) derived rather than stated, drawn as diamonds. "
        "Dashed lines mark 2014 and February 2022."
    )
    chart = (_event_rules(data["year"]) + points).properties(height=alt.Step(24), width="container")
    return _finish(chart, "When each cluster was founded", description)


def cumulative_chart(clusters: pd.DataFrame) -> alt.LayerChart:
    data = cumulative_by_year(clusters)
    x = _year_axis(data["year"])
    line = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", color=STATUS_COLOURS["active"], strokeWidth=2.5, point=True)
        .encode(
            x=x,
            y=alt.Y("cumulative:Q", title="Clusters founded so far", axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("founded:Q", title="Founded that year"),
                alt.Tooltip("cumulative:Q", title="Founded so far"),
            ],
        )
    )
    total = int(data["cumulative"].iloc[-1]) if len(data) else 0
    description = (
        f"Step chart of the cumulative number of clusters by founding year, reaching {total} "
        "among the clusters that state a year. Dashed lines mark 2014 and February 2022."
    )
    chart = (_event_rules(data["year"]) + line).properties(height=260, width="container")
    return _finish(chart, "Clusters founded over time", description)


# -- Wartime status --------------------------------------------------------------------------


def status_counts(clusters: pd.DataFrame) -> pd.DataFrame:
    counts = clusters["status"].value_counts().reindex(STATUSES, fill_value=0)
    return pd.DataFrame({"status": [STATUS_LABELS[s] for s in STATUSES], "clusters": counts.values.astype(int)})


def status_chart(clusters: pd.DataFrame) -> alt.LayerChart:
    data = status_counts(clusters)
    y = alt.Y("status:N", sort=None, title=None, axis=alt.Axis(labelLimit=220))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("clusters:Q", title="Clusters", axis=alt.Axis(tickMinStep=1)),
            y=y,
            color=alt.Color("status:N", scale=status_colour_scale(), legend=None),
            tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("clusters:Q", title="Clusters")],
        )
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(x="clusters:Q", y=y, text="clusters:Q")
    description = (
        "Bar chart of clusters by wartime status: "
        + "; ".join(f"{s} {n}" for s, n in zip(data["status"], data["clusters"]))
        + "."
    )
    return _finish(
        (bars + labels).properties(height=alt.Step(34), width="container"), "Clusters by wartime status", description
    )


def status_by_region(clusters: pd.DataFrame) -> pd.DataFrame:
    table = clusters.groupby(["macro_region", "status"]).size().rename("clusters").reset_index()
    table["region"] = table["macro_region"].map(MACRO_REGION_LABELS)
    table["status"] = table["status"].map(STATUS_LABELS)
    return table[["region", "status", "clusters"]]


def status_by_region_chart(clusters: pd.DataFrame) -> alt.Chart:
    data = status_by_region(clusters)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("region:N", sort=[MACRO_REGION_LABELS[r] for r in MACRO_REGIONS], title=None),
            x=alt.X("clusters:Q", title="Clusters", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("status:N", scale=status_colour_scale(), title="Wartime status"),
            order=alt.Order("status:N"),
            tooltip=[
                alt.Tooltip("region:N", title="Macro-region"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("clusters:Q", title="Clusters"),
            ],
        )
        .properties(height=alt.Step(30), width="container")
    )
    by_region = data.groupby("region")["clusters"].sum()
    description = (
        "Stacked bar chart of clusters per macro-region, split by wartime status: "
        + "; ".join(f"{r} {int(n)}" for r, n in by_region.items())
        + "."
    )
    return _finish(chart, "Wartime status by macro-region", description)


def relocation_table(clusters: pd.DataFrame, relocations: pd.DataFrame) -> pd.DataFrame:
    """The moves of the shown clusters, for a table: who, from, to, when, what."""
    moves = relocations.merge(clusters[["id", "name"]], left_on="cluster_id", right_on="id")
    return pd.DataFrame(
        {
            "Cluster": moves["name"],
            "From": moves["from_city"],
            "To": moves["to_city"] + " (" + moves["to_city_uk"] + ")",
            "Year": [("not stated" if is_missing(y) else str(int(y))) for y in moves["year"]],
            "Note": moves["note"].fillna("not stated"),
            "Source section": moves["source_section"],
        }
    )


def all_charts(clusters: pd.DataFrame) -> dict[str, alt.TopLevelMixin]:
    """Every chart the pages show, by file name; those with nothing to draw are left out."""
    out: dict[str, alt.TopLevelMixin] = {}
    if clusters["member_companies"].notna().any():
        out["member-companies-per-cluster"] = members_chart(clusters)
        out["member-companies-by-region"] = totals_chart(clusters)
    if clusters["professionals"].notna().any():
        out["professionals-per-cluster"] = members_chart(clusters, "professionals")
    if clusters["founded_year"].notna().any():
        out["founding-timeline"] = founding_timeline(clusters)
        out["clusters-over-time"] = cumulative_chart(clusters)
    if not clusters.empty:
        out["clusters-by-status"] = status_chart(clusters)
        out["status-by-region"] = status_by_region_chart(clusters)
    return out
