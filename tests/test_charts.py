"""Chart builders without Streamlit: the encoded data equals the filtered rows, bounds stay
bounds and unknowns stay out of the marks."""

import pandas as pd
import pytest

from itclusters import charts
from itclusters import filters as flt


def layer_data(chart, index=0):
    """The rows a layer of the chart encodes (Altair inlines them into datasets)."""
    spec = chart.to_dict()
    layer = spec["layer"][index] if "layer" in spec else spec
    name = (layer.get("data") or spec["data"])["name"]
    return pd.DataFrame(spec["datasets"][name])


def test_members_chart_encodes_exactly_the_clusters_with_a_count(dataset):
    chart = charts.members_chart(dataset.clusters)
    bars = layer_data(chart, 0)
    stated = dataset.clusters[dataset.clusters["member_companies"].notna()]
    assert sorted(bars["id"]) == sorted(stated["id"])
    assert (bars["value"] > 0).all()  # unknowns never drawn as zero
    row = bars.set_index("id").loc["lviv-it-cluster"]
    assert (row["value"], row["label"], row["bound"]) == (300, "300+", "lower bound ('more than')")
    assert bars.set_index("id").loc["kyiv-it-cluster", "label"] == "72"


def test_members_chart_follows_the_filters(dataset):
    shown = flt.apply(dataset.clusters, flt.Filters(regions=("west",)))
    bars = layer_data(charts.members_chart(shown), 0)
    assert set(bars["id"]) == set(shown.loc[shown["member_companies"].notna(), "id"])
    assert list(bars["value"]) == sorted(bars["value"], reverse=True)


def test_not_stated_lists_the_unknowns(dataset):
    names = charts.not_stated(dataset.clusters, "member_companies")
    assert "Poltava IT Cluster" in names and "Lviv IT Cluster" not in names
    assert len(names) == int(dataset.clusters["member_companies"].isna().sum())


def test_professionals_and_log_scale(dataset):
    chart = charts.members_chart(dataset.clusters, "professionals", log=True)
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"
    assert spec["layer"][0]["encoding"]["x2"] == {"datum": 1}
    assert set(layer_data(chart)["id"]) == {
        "lviv-it-cluster",
        "odesa-it-family",
        "mrpl-it-cluster",
        "reactor-luhanshchyna",
    }


def test_totals_mark_sums_that_include_bounds(dataset):
    table = charts.totals(dataset.clusters, "member_companies", "oblast_en").set_index("group")
    assert table.loc["Dnipropetrovsk Oblast", "label"] == "70+"
    assert table.loc["Kyiv City", "label"] == "72"
    assert table.loc["Zaporizhzhia Oblast", "label"] == "not stated"
    assert table.loc["Donetsk Oblast", ["stated", "not_stated"]].tolist() == [1, 2]


def test_founding_timeline_one_mark_per_cluster_with_a_year(dataset):
    chart = charts.founding_timeline(dataset.clusters)
    points = layer_data(chart, 3)  # the event rules and their two labels come first
    assert len(points) == int(dataset.clusters["founded_year"].notna().sum()) == 19
    derived = set(points.loc[points["basis"] == "derived", "name"])
    assert derived == {"Odesa IT Family", "IT Association Vinnytsia"}
    assert set(points.loc[points["basis"] == "hearsay", "name"]) == {"Lviv IT Cluster"}  # "it is said in the market"
    events = layer_data(chart, 0)
    assert list(events["year"]) == [2014.0, 2022.15]


def test_cumulative_counts(dataset):
    table = charts.cumulative_by_year(dataset.clusters).set_index("year")
    assert table.loc[2011, "cumulative"] == 1
    assert table.loc[2015, "founded"] == 5
    assert table.loc[2022, "cumulative"] == 19
    assert table["cumulative"].is_monotonic_increasing


def test_status_charts(dataset):
    counts = layer_data(charts.status_chart(dataset.clusters), 0).set_index("status")["clusters"]
    assert counts.to_dict() == {"Active": 11, "Relocated": 2, "No recent information": 13}
    by_region = layer_data(charts.status_by_region_chart(dataset.clusters))
    assert by_region["clusters"].sum() == 26
    east = by_region[by_region["region"] == "East"].set_index("status")["clusters"]
    assert east["Relocated"] == 2


def test_relocation_table_follows_the_shown_clusters(dataset):
    table = charts.relocation_table(dataset.clusters, dataset.relocations)
    assert len(table) == 3 and set(table["Year"]) == {"2022"}
    only_west = flt.apply(dataset.clusters, flt.Filters(regions=("west",)))
    assert charts.relocation_table(only_west, dataset.relocations).empty


@pytest.mark.parametrize(
    "builder",
    [
        charts.members_chart,
        charts.totals_chart,
        charts.founding_timeline,
        charts.cumulative_chart,
        charts.status_chart,
        charts.status_by_region_chart,
    ],
)
def test_every_chart_has_title_description_tooltips_and_shared_palette(dataset, builder):
    spec = builder(dataset.clusters).to_dict()
    assert spec["title"] and len(spec["description"]) > 40
    text = str(spec)
    assert "tooltip" in text
    if "status" in text and "scale" in text and builder not in (charts.totals_chart, charts.cumulative_chart):
        assert "#0072B2" in text and "#E69F00" in text


@pytest.mark.parametrize(
    "builder",
    [
        charts.members_chart,
        charts.founding_timeline,
        charts.cumulative_chart,
        charts.status_chart,
        charts.status_by_region_chart,
    ],
)
def test_empty_selection_builds_a_chart_that_draws_no_cluster(dataset, builder):
    spec = builder(dataset.clusters.iloc[0:0]).to_dict()
    assert spec["title"] and spec["description"]
    rows = [row for data in spec.get("datasets", {}).values() for row in data]
    assert all(row.get("clusters", 0) == 0 for row in rows)  # nothing drawn, or zero counts
    assert not any("name" in row for row in rows)  # no cluster's mark


def test_png_and_svg_render_offline_with_cyrillic(dataset):
    shown = dataset.clusters.copy()
    shown["name"] = shown["city_uk"]  # Cyrillic labels
    chart = charts.members_chart(shown)
    png = charts.chart_png(chart, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    svg = charts.chart_svg(chart)
    assert svg.startswith("<svg") and "Харків" in svg


def test_statuses_stack_in_the_order_the_legend_reads(dataset):
    from itclusters.style import STATUSES, status_label

    spec = charts.status_by_region_chart(dataset.clusters).to_dict()
    assert spec["encoding"]["order"]["field"] == "rank"
    data = charts.status_by_region(dataset.clusters)
    ranks = dict(zip(data["status"], data["rank"]))
    assert sorted(ranks, key=ranks.get) == [status_label(s) for s in STATUSES if status_label(s) in ranks]
    assert spec["encoding"]["color"]["scale"]["domain"] == [status_label(s) for s in STATUSES]  # the legend
