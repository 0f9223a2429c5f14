"""DataFrame -> Altair chart, for the Members, Founding years and Wartime status pages.

Each builder takes the filtered clusters and returns a chart with a title, a text description
(for screen readers and the page caption), tooltips and the palette the map uses. Bounds are
drawn as bounds ("300+"), and clusters with no stated value are left out of the marks, never
drawn as zero; `not_stated` lists them for the page.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .facts import comparable, format_value, topic_label, unit_label
from .facts import measure_label as fact_measure_label
from .i18n import N_, _, language, ngettext
from .periods import fact_period
from .style import MACRO_REGIONS, STATUS_COLOURS, STATUSES, region_label, status_label
from .text import format_count, format_year, is_missing, localised_column, renderable_tree
from .text import not_stated as not_stated_text

MEASURES = {"member_companies": N_("Member companies"), "professionals": N_("Professionals employed")}
BOUND_LABELS = {"exact": N_("exact count"), "at_least": N_("lower bound ('more than')")}
BASIS_LABELS = {"stated": N_("stated"), "derived": N_("derived"), "hearsay": N_("hearsay")}
EVENTS = (
    (2014.0, N_("2014: Russia occupies Crimea and parts of Donbas")),
    (2022.15, N_("February 2022: full-scale invasion")),
)


def measure_label(measure: str) -> str:
    return _(MEASURES[measure])


def bound_label(bound: str) -> str:
    return _(BOUND_LABELS[bound])


def events() -> pd.DataFrame:
    return pd.DataFrame([{"year": year, "event": _(text)} for year, text in EVENTS])


EXPORT_WIDTH = 760
NEUTRAL = "#888888"  # reference lines and legend symbols: readable on light and dark themes
MAX_MARKS = 60  # one row per cluster stops being readable beyond this; the page says what is left out


def status_colour_scale() -> alt.Scale:
    return alt.Scale(domain=[status_label(s) for s in STATUSES], range=[STATUS_COLOURS[s] for s in STATUSES])


def _finish(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    out = (
        chart.properties(title=title, description=description)
        .configure_title(anchor="start", fontSize=16)
        .configure_legend(orient="bottom", direction="horizontal")
    )
    if language() != "en":
        # Vega describes each axis and legend to screen readers in English words it makes up
        # ("Y-axis for a discrete scale with 18 values: ..."), with no way to give them in another
        # language; the chart's own description, in the reader's language, says what it shows.
        out = out.configure_axis(aria=False).configure_legend(aria=False)
    return out


def renderable_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec for vl-convert, every string renderable: vl-convert aborts the
    process on a control character, so none reaches it, whatever path the text took (the inputs are
    cleaned with a notice where they enter; this is the last guard). Altair's 5,000-row limit
    guards notebooks from embedding large data; a still map of 17,000 clusters must draw them all."""
    with alt.data_transformers.disable_max_rows():
        return renderable_tree(chart.to_dict())


def _export_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart at a fixed width ('container' means nothing outside a page)."""
    spec = renderable_spec(chart)
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
            "status": stated["status"].map(status_label).astype(str),
            "value": stated[measure].astype(int),
            "city": stated["city_uk" if language() == "uk" else "city"].astype(str),
            "bound": stated[f"{measure}_bound"].map(bound_label).astype(str),
            "label": [format_count(v, b) for v, b in zip(stated[measure], stated[f"{measure}_bound"])],
        }
    )
    return out.sort_values(["value", "name"], ascending=[False, True]).reset_index(drop=True)


def not_stated(clusters: pd.DataFrame, column: str) -> list[str]:
    return sorted(clusters.loc[clusters[column].isna(), "name"].astype(str))


def members_chart(clusters: pd.DataFrame, measure: str = "member_companies", log: bool = False) -> alt.LayerChart:
    data = count_rows(clusters, measure).head(MAX_MARKS)  # the largest
    what = measure_label(measure).lower()
    top = max(int(data["value"].max()) if len(data) else 1, 1)
    # A log axis has no zero: bars start at 1, and the domain leaves room for the labels.
    # A linear axis runs a tenth past the largest bar, so its label ("600+") stays clear of the legend.
    scale = (
        alt.Scale(type="log", domain=[1, top * 2]) if log else alt.Scale(type="linear", zero=True, domainMax=top * 1.1)
    )
    x = alt.X(
        "value:Q",
        title=_("{measure} (log scale)").format(measure=measure_label(measure)) if log else measure_label(measure),
        scale=scale,
        axis=alt.Axis(format="~s" if log else "~d"),
    )
    y = alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        alt.Tooltip("name:N", title=_("Cluster")),
        alt.Tooltip("city:N", title=_("City")),
        alt.Tooltip("label:N", title=measure_label(measure)),
        alt.Tooltip("bound:N", title=_("Precision")),
        alt.Tooltip("status:N", title=_("Status")),
    ]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height={"band": 0.75}).encode(
        x=x,
        **({"x2": alt.datum(1)} if log else {}),
        color=alt.Color("status:N", scale=status_colour_scale(), title=_("Wartime status")),
        opacity=alt.Opacity(
            "bound:N",
            title=_("Precision"),
            scale=alt.Scale(domain=[bound_label(b) for b in BOUND_LABELS], range=[1.0, 0.45]),
            legend=alt.Legend(symbolFillColor=NEUTRAL, symbolStrokeColor=NEUTRAL),
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, text="label:N", tooltip=tooltip)
    largest = (
        _("; the largest is {name} with {count}").format(name=data["name"].iloc[0], count=data["label"].iloc[0])
        if len(data)
        else ""
    )
    bounds = int((data["bound"] == BOUND_LABELS["at_least"]).sum())
    description = (
        _("Bar chart of {what} for the {n} clusters that state it, largest first{largest}.").format(
            what=what, n=len(data), largest=largest
        )
        + " "
        + _("{bounds} of the counts are lower bounds, labelled N+.").format(bounds=bounds)
    )
    chart = (bars + labels).properties(height=alt.Step(24), width="container")
    return _finish(chart, _("{measure} per cluster").format(measure=measure_label(measure)), description)


def totals(clusters: pd.DataFrame, measure: str, by: str) -> pd.DataFrame:
    """Sum of stated counts per group; 'at least' where any count in the group is a bound.

    `by` is a column, or "oblast" for the oblast's name in the reader's language."""
    if by == "oblast":
        by = "oblast_uk" if language() == "uk" else "oblast_en"
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
                "label": format_count(total, bound) if total is not None else not_stated_text(),
            }
        )
    out = pd.DataFrame(rows, columns=["group", "clusters", "stated", "not_stated", "total", "label"])
    if by == "macro_region":
        order = {r: i for i, r in enumerate(MACRO_REGIONS)}
        out = out.sort_values("group", key=lambda s: s.map(order))
        out["group"] = out["group"].map(region_label)
    else:
        out = out.sort_values(["total", "group"], ascending=[False, True], na_position="last")
    return out.reset_index(drop=True)


def totals_chart(clusters: pd.DataFrame, measure: str = "member_companies") -> alt.LayerChart:
    data = totals(clusters, measure, "macro_region").dropna(subset=["total"])
    data["total"] = data["total"].astype(int)
    y = alt.Y("group:N", sort=None, title=None)
    tooltip = [
        alt.Tooltip("group:N", title=_("Macro-region")),
        alt.Tooltip("label:N", title=_("Total")),
        alt.Tooltip("stated:Q", title=_("Clusters with a count")),
        alt.Tooltip("not_stated:Q", title=_("Clusters without")),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=STATUS_COLOURS["active"], opacity=0.85)
        .encode(
            x=alt.X("total:Q", title=_("{measure} (sum of stated counts)").format(measure=measure_label(measure))),
            y=y,
            tooltip=tooltip,
        )
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(x="total:Q", y=y, text="label:N")
    description = (
        _("Bar chart of stated counts ({measure}) summed per macro-region:").format(measure=measure_label(measure))
        + " "
        + "; ".join(f"{g} {lbl}" for g, lbl in zip(data["group"], data["label"]))
        + ". "
        + _("N+ marks a sum that includes lower bounds.")
    )
    chart = (bars + labels).properties(height=alt.Step(30), width="container")
    return _finish(chart, _("{measure} by macro-region").format(measure=measure_label(measure)), description)


# -- Founding years --------------------------------------------------------------------------


def founding_rows(clusters: pd.DataFrame) -> pd.DataFrame:
    stated = clusters[clusters["founded_year"].notna()]
    out = pd.DataFrame(
        {
            "name": stated["name"].astype(str),
            "year": stated["founded_year"].astype(int),
            "basis": stated["founded_basis"].map(lambda b: _(BASIS_LABELS[b])).astype(str),
            "label": [format_year(y, b) for y, b in zip(stated["founded_year"], stated["founded_basis"])],
            "status": stated["status"].map(status_label).astype(str),
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
    return alt.X("year:Q", title=_("Year founded"), scale=_year_scale(years), axis=alt.Axis(format="d", tickMinStep=1))


def _event_rules(years: pd.Series) -> alt.LayerChart:
    x = alt.X("year:Q", scale=_year_scale(years))
    rules = (
        alt.Chart(events())
        .mark_rule(strokeDash=[4, 3], color=NEUTRAL)
        .encode(x=x, tooltip=alt.Tooltip("event:N", title=_("Event")))
    )
    # The first label reads rightwards from its line, the last leftwards, so neither is cut off,
    # and the last a line lower, so the two never run into each other whatever the chart's width.
    first, last = events().iloc[:1], events().iloc[1:]
    style = {"fontSize": 11, "color": NEUTRAL, "baseline": "top", "y": 0}
    left = alt.Chart(first).mark_text(align="left", dx=3, dy=4, **style).encode(x=x, text="event:N")
    right = alt.Chart(last).mark_text(align="right", dx=-3, dy=4 + 14, **style).encode(x=x, text="event:N")
    return rules + left + right


def founding_timeline(clusters: pd.DataFrame) -> alt.LayerChart:
    data = founding_rows(clusters).head(MAX_MARKS)  # the earliest
    x = _year_axis(data["year"])
    tooltip = [
        alt.Tooltip("name:N", title=_("Cluster")),
        alt.Tooltip("label:N", title=_("Founded")),
        alt.Tooltip("basis:N", title=_("Year")),
        alt.Tooltip("status:N", title=_("Status")),
    ]
    points = (
        alt.Chart(data)
        .mark_point(size=130, filled=True, opacity=0.9)
        .encode(
            x=x,
            y=alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("status:N", scale=status_colour_scale(), title=_("Wartime status")),
            shape=alt.Shape(
                "basis:N",
                title=_("Year"),
                scale=alt.Scale(
                    domain=[_(BASIS_LABELS[b]) for b in BASIS_LABELS], range=["circle", "diamond", "triangle-up"]
                ),
                legend=alt.Legend(symbolFillColor=NEUTRAL, symbolStrokeColor=NEUTRAL),
            ),
            tooltip=tooltip,
        )
    )
    derived = int((data["basis"] == _(BASIS_LABELS["derived"])).sum())
    hearsay = int((data["basis"] == _(BASIS_LABELS["hearsay"])).sum())
    span = _("from {first} to {last}").format(first=data["year"].min(), last=data["year"].max()) if len(data) else "-"
    description = " ".join(
        [
            ngettext(
                "Timeline of founding years, one mark per cluster: {n} cluster, {span}.",
                "Timeline of founding years, one mark per cluster: {n} clusters, {span}.",
                len(data),
            ).format(n=len(data), span=span),
            ngettext(
                "{n} year is derived rather than stated (a diamond).",
                "{n} years are derived rather than stated (diamonds).",
                derived,
            ).format(n=derived),
            ngettext(
                "{n} year is only said in the market (a triangle).",
                "{n} years are only said in the market (triangles).",
                hearsay,
            ).format(n=hearsay),
            _("Dashed lines mark 2014 and February 2022."),
        ]
    )
    chart = (_event_rules(data["year"]) + points).properties(height=alt.Step(24), width="container")
    return _finish(chart, _("When each cluster was founded"), description)


def cumulative_chart(clusters: pd.DataFrame) -> alt.LayerChart:
    data = cumulative_by_year(clusters)
    x = _year_axis(data["year"])
    line = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", color=STATUS_COLOURS["active"], strokeWidth=2.5, point=True)
        .encode(
            x=x,
            y=alt.Y("cumulative:Q", title=_("Clusters founded so far"), axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("year:Q", title=_("Year"), format="d"),
                alt.Tooltip("founded:Q", title=_("Founded that year")),
                alt.Tooltip("cumulative:Q", title=_("Founded so far")),
            ],
        )
    )
    total = int(data["cumulative"].iloc[-1]) if len(data) else 0
    description = (
        _(
            "Step chart of the cumulative number of clusters by founding year, reaching {total} among the clusters "
            "that state a year."
        ).format(total=total)
        + " "
        + _("Dashed lines mark 2014 and February 2022.")
    )
    chart = (_event_rules(data["year"]) + line).properties(height=260, width="container")
    return _finish(chart, _("Clusters founded over time"), description)


# -- Wartime status --------------------------------------------------------------------------


def status_counts(clusters: pd.DataFrame) -> pd.DataFrame:
    counts = clusters["status"].value_counts().reindex(STATUSES, fill_value=0)
    return pd.DataFrame({"status": [status_label(s) for s in STATUSES], "clusters": counts.values.astype(int)})


def status_chart(clusters: pd.DataFrame) -> alt.LayerChart:
    data = status_counts(clusters)
    y = alt.Y("status:N", sort=None, title=None, axis=alt.Axis(labelLimit=220))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("clusters:Q", title=_("Clusters"), axis=alt.Axis(tickMinStep=1)),
            y=y,
            color=alt.Color("status:N", scale=status_colour_scale(), legend=None),
            tooltip=[alt.Tooltip("status:N", title=_("Status")), alt.Tooltip("clusters:Q", title=_("Clusters"))],
        )
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(x="clusters:Q", y=y, text="clusters:Q")
    description = (
        _("Bar chart of clusters by wartime status:")
        + " "
        + "; ".join(f"{s} {n}" for s, n in zip(data["status"], data["clusters"]))
        + "."
    )
    return _finish(
        (bars + labels).properties(height=alt.Step(34), width="container"), _("Clusters by wartime status"), description
    )


def status_by_region(clusters: pd.DataFrame) -> pd.DataFrame:
    table = clusters.groupby(["macro_region", "status"]).size().rename("clusters").reset_index()
    table["region"] = table["macro_region"].map(region_label)
    table["rank"] = table["status"].map({s: i for i, s in enumerate(STATUSES)})  # stacked as the legend reads
    table["status"] = table["status"].map(status_label)
    return table[["region", "status", "rank", "clusters"]]


def status_by_region_chart(clusters: pd.DataFrame) -> alt.Chart:
    data = status_by_region(clusters)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("region:N", sort=[region_label(r) for r in MACRO_REGIONS], title=None),
            x=alt.X("clusters:Q", title=_("Clusters"), stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("status:N", scale=status_colour_scale(), title=_("Wartime status")),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("region:N", title=_("Macro-region")),
                alt.Tooltip("status:N", title=_("Status")),
                alt.Tooltip("clusters:Q", title=_("Clusters")),
            ],
        )
        .properties(height=alt.Step(30), width="container")
    )
    by_region = data.groupby("region")["clusters"].sum()
    description = (
        _("Stacked bar chart of clusters per macro-region, split by wartime status:")
        + " "
        + "; ".join(f"{r} {int(n)}" for r, n in by_region.items())
        + "."
    )
    return _finish(chart, _("Wartime status by macro-region"), description)


# -- Regions ---------------------------------------------------------------------------------

OBLAST_MEASURES = {"clusters": N_("Clusters"), "member_companies": N_("Member companies")}


def oblast_chart(table: pd.DataFrame, measure: str = "clusters") -> alt.LayerChart:
    """Clusters or summed member companies for each of the 27 units (regions.by_oblast), largest
    first; zeros stay, so the units without clusters show. A sum with a lower bound reads N+."""
    from .regions import sum_labels

    what = _(OBLAST_MEASURES[measure])
    data = pd.DataFrame({"unit": table["name"].astype(str), "value": table[measure].astype(int)})
    if measure == "clusters":
        data["label"] = data["value"].astype(str)
    else:
        data["label"] = sum_labels(table, measure)
    data = data.sort_values(["value", "unit"], ascending=[False, True]).reset_index(drop=True)
    y = alt.Y("unit:N", sort=list(data["unit"]), title=None, axis=alt.Axis(labelLimit=240))
    tooltip = [alt.Tooltip("unit:N", title=_("Oblast")), alt.Tooltip("label:N", title=what)]
    bars = (
        alt.Chart(data)
        .mark_bar(color=STATUS_COLOURS["active"], opacity=0.85)
        .encode(x=alt.X("value:Q", title=what, axis=alt.Axis(tickMinStep=1)), y=y, tooltip=tooltip)
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(x="value:Q", y=y, text="label:N")
    shown = data[data["value"] > 0]
    description = (
        _("Bar chart of {what} per oblast, largest first:").format(what=what.lower())
        + " "
        + "; ".join(f"{u} {lbl}" for u, lbl in zip(shown["unit"], shown["label"]))
        + ". "
        + (
            _("{n} of the 27 units have no cluster.")
            if measure == "clusters"
            else _("{n} of the 27 units have no stated count.")
        ).format(n=int((data["value"] == 0).sum()))
    )
    chart = (bars + labels).properties(height=alt.Step(20), width="container")
    return _finish(chart, _("{what} per oblast").format(what=what), description)


def evidence_table(clusters: pd.DataFrame) -> pd.DataFrame:
    """Why each status: the clusters per kind of evidence, by the one status rule."""
    from .style import EVIDENCE_LABELS

    rows = []
    for (status, evidence), group in clusters.groupby(["status", "status_evidence"], sort=False):
        rows.append(
            {
                _("Status"): status_label(status),
                _("Evidence"): _(EVIDENCE_LABELS.get(evidence, evidence)),
                _("Clusters"): len(group),
                _("Which"): ", ".join(group["name"].astype(str)),
                "order": (STATUSES.index(status) if status in STATUSES else 9, -len(group)),
            }
        )
    columns = [_("Status"), _("Evidence"), _("Clusters"), _("Which")]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows).sort_values("order")[columns].reset_index(drop=True)


def relocation_table(clusters: pd.DataFrame, relocations: pd.DataFrame) -> pd.DataFrame:
    """The moves of the shown clusters, for a table: who, from, to, when, what."""
    moves = relocations.merge(clusters[["id", "name"]], left_on="cluster_id", right_on="id")
    if language() == "uk":
        destination = moves["to_city_uk"] + " (" + moves["to_city"] + ")"
    else:
        destination = moves["to_city"] + " (" + moves["to_city_uk"] + ")"
    return pd.DataFrame(
        {
            _("Cluster"): moves["name"],
            _("From"): localised_column(moves, "from_city"),
            _("To"): destination,
            _("Year"): [(not_stated_text() if is_missing(y) else str(int(y))) for y in moves["year"]],
            _("Note"): localised_column(moves, "note").fillna(not_stated_text()),
            _("Source section"): moves["source_section"],
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


# -- Facts: like with like -------------------------------------------------------------------


def fact_rows(facts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per fact of one comparable group, with its cluster's name and a label that keeps
    the bound ('more than 5,500 people', 'up to 40 people'), largest first."""
    names = dict(zip(clusters["id"], clusters["name"].astype(str)))
    status = dict(zip(clusters["id"], clusters["status"]))
    rows = pd.DataFrame(
        {
            "name": [
                names.get(c, _("Ukraine")) + ("" if is_missing(s) else f" · {s}")
                for c, s in zip(facts["cluster_id"], localised_column(facts, "subject"))
            ],
            "value": facts["value"].astype(float),
            "label": [format_value(v, b, u) for v, b, u in zip(facts["value"], facts["value_bound"], facts["unit"])],
            "status": [status_label(status[c]) if c in status else _("Ukraine") for c in facts["cluster_id"]],
            "period": [fact_period(fact) for _i, fact in facts.iterrows()],
        }
    )
    return rows.sort_values(["value", "name"], ascending=[False, True]).reset_index(drop=True)


def facts_chart(facts: pd.DataFrame, clusters: pd.DataFrame, group: tuple[str, ...]) -> alt.LayerChart:
    """Bars of one group of comparable facts: the same topic, measure, unit and scope."""
    topic, measure, unit, _scope = group
    data = fact_rows(comparable(facts, group), clusters).head(MAX_MARKS)
    title = f"{fact_measure_label(measure)} ({unit_label(unit)})"
    y = alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X("value:Q", title=title, scale=alt.Scale(zero=True), axis=alt.Axis(format="~s"))
    tooltip = [
        alt.Tooltip("name:N", title=_("Cluster")),
        alt.Tooltip("label:N", title=fact_measure_label(measure)),
        alt.Tooltip("period:N", title=_("Period")),
    ]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height={"band": 0.75}).encode(
        x=x, color=alt.Color("status:N", scale=status_colour_scale(), title=_("Wartime status")), tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x=x, text="label:N", tooltip=tooltip)
    listed = "; ".join(f"{n}: {label}" for n, label in zip(data["name"], data["label"]))
    description = _("Bar chart of {n} comparable figures on {topic}, largest first: {listed}.").format(
        n=len(data), topic=topic_label(topic).lower(), listed=listed
    )
    chart = (bars + labels).properties(height=alt.Step(28), width="container")
    return _finish(chart, title, description)
