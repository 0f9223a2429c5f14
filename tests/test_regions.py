"""The clusters summed per oblast and macro-region, and the comparison of chosen clusters."""

import pandas as pd
import pytest

from itclusters import charts, compare, regions
from itclusters import filters as flt
from itclusters.profile import pick_labels
from itclusters.style import STATUSES
from itclusters.text import markdown_literal_frame


@pytest.fixture(scope="module")
def east(dataset):
    return flt.apply(dataset.clusters, flt.Filters(regions=("east",)))


@pytest.mark.parametrize("region", [None, "east", "west"])
def test_the_27_units_and_5_macro_regions_sum_to_the_filtered_clusters(dataset, region):
    shown = flt.apply(dataset.clusters, flt.Filters(regions=(region,) if region else ()))
    per_oblast = regions.by_oblast(shown, dataset.regions, dataset.relocations)
    per_macro = regions.by_macro_region(shown, dataset.regions, dataset.relocations)
    assert len(per_oblast) == 27 and len(per_macro) == 5
    for table in (per_oblast, per_macro):
        assert table["clusters"].sum() == len(shown)
        assert (table[list(STATUSES)].sum(axis=1) == table["clusters"]).all()
        assert table["member_companies"].sum() == shown["member_companies"].sum(skipna=True)
        assert table["moves_out"].sum() == dataset.relocations["cluster_id"].isin(set(shown["id"])).sum()
        assert table["moves_in"].sum() == table["moves_out"].sum()  # every move lands in a unit


def test_units_without_clusters_show_zero_and_no_years(dataset, east):
    per_oblast = regions.by_oblast(east, dataset.regions, dataset.relocations).set_index("iso")
    assert per_oblast.loc["UA-46", "clusters"] == 0  # Lviv, filtered out
    shown = regions.readable(per_oblast.reset_index()).set_index("Name")
    assert shown.loc["Lviv", "Member companies"] == "0"
    assert shown.loc["Lviv", "Founded"] == regions.NO_CLUSTER


def test_sums_keep_bounds_and_say_how_many_clusters_are_left_out(dataset, east):
    per_macro = regions.by_macro_region(east, dataset.regions, dataset.relocations).set_index("macro_region")
    assert per_macro.loc["east", "member_companies_bound"] == "at_least"
    not_stated = int(east["member_companies"].isna().sum())
    total = int(east["member_companies"].sum(skipna=True))
    shown = regions.readable(per_macro.reset_index()).set_index("Name")
    assert shown.loc["East", "Member companies"] == f"{total}+ ({not_stated} not stated)"
    assert regions.sum_label(0, "exact", 2, 2) == "not stated"  # nothing stated is not a sum of 0
    assert regions.sum_label(72, "exact", 0, 1) == "72"


def test_macro_regions_name_their_oblasts(dataset):
    per_macro = regions.by_macro_region(dataset.clusters, dataset.regions, None).set_index("macro_region")
    assert "Autonomous Republic of Crimea" in per_macro.loc["south", "units"]
    assert per_macro.loc["north", "units"].count(",") + 1 == int((dataset.regions["macro_region"] == "north").sum())
    assert per_macro["moves_out"].sum() == 0  # no relocations table: no moves, no crash


def test_units_are_in_the_alphabets_order_in_ukrainian_too(dataset):
    from itclusters.i18n import override

    with override("uk"):
        names = list(regions.by_oblast(dataset.clusters, dataset.regions, None)["name"])
        west = regions.by_macro_region(dataset.clusters, dataset.regions, None).set_index("macro_region")
    assert names.index("Вінницька область") < names.index("Волинська область")  # і before о, unlike Unicode
    assert names[0].startswith("Автономна") and names.index("Житомирська область") < names.index(
        "Івано-Франківська область"
    )
    assert west.loc["west", "units"].index("Волинська") < west.loc["west", "units"].index("Закарпатська")


def test_oblast_chart_is_sorted_and_keeps_the_units_without_clusters(dataset, east):
    per_oblast = regions.by_oblast(east, dataset.regions, dataset.relocations)
    spec = charts.oblast_chart(per_oblast, "clusters").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 27
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True) and values[0] == 3  # Donetsk Oblast
    members = next(iter(charts.oblast_chart(per_oblast, "member_companies").to_dict()["datasets"].values()))
    assert {r["label"] for r in members if r["unit"] == "Luhansk Oblast"} == {"not stated"}
    assert "23 of the 27 units have no cluster." in spec["description"]


# -- Compare ---------------------------------------------------------------------------------

IDS = ["lviv-it-cluster", "kyiv-it-cluster", "kharkiv-it-cluster", "odesa-it-family", "poltava-it-cluster"]


def test_parse_ids_keeps_valid_ones_in_order_and_says_what_it_left_out():
    ids, notices = compare.parse_ids("kyiv-it-cluster, nope ,kyiv-it-cluster,lviv-it-cluster", IDS)
    assert ids == ["kyiv-it-cluster", "lviv-it-cluster"]
    assert notices == ["Ignored ids that name no cluster: nope.", "Ignored repeated ids: kyiv-it-cluster."]
    ids, notices = compare.parse_ids(",".join(IDS), IDS)
    assert ids == IDS[:4] and notices == ["Up to 4 clusters can be compared; left out: poltava-it-cluster."]
    assert compare.parse_ids(None, IDS) == ([], [])
    assert compare.parse_ids("x" * 10_000, IDS)[1] == [f"Ignored ids that name no cluster: {'x' * 80}."]
    assert compare.parse_ids("a\x1bb,x\u2028y", IDS)[1] == ["Ignored ids that name no cluster: 'a\\x1bb', 'x\\u2028y'."]


def test_comparison_aligns_every_fact_by_row(dataset):
    chosen = dataset.clusters.set_index("id", drop=False).loc[["lviv-it-cluster", "poltava-it-cluster"]]
    table = compare.comparison(chosen, dataset.relocations, dataset.clusters).set_index("Fact")
    assert list(table.columns) == ["Lviv IT Cluster", "Poltava IT Cluster"]
    assert table.loc["Member companies"].tolist() == ["300+", "not stated"]
    assert table.loc["Source"].tolist() == ["section 1 of the overview", "section 12 of the overview"]
    assert table.isna().sum().sum() == 0


def test_comparison_keeps_clusters_with_the_same_name_apart(dataset):
    two = dataset.clusters.head(2).copy()
    two["name"] = "Same"
    table = compare.comparison(two, dataset.relocations, dataset.clusters)
    assert list(table.columns) == ["Fact", *[f"Same ({i})" for i in two["id"]]]


def test_readable_table_has_one_row_per_unit(dataset):
    shown = regions.readable(regions.by_oblast(dataset.clusters, dataset.regions, dataset.relocations))
    assert isinstance(shown, pd.DataFrame) and len(shown) == 27 and shown["Clusters"].sum() == 26


def test_the_rows_a_region_filter_names_are_marked(dataset):
    per_oblast = regions.by_oblast(dataset.clusters, dataset.regions, dataset.relocations)
    marked = regions.named_by_filters(per_oblast, ("UA-46",), ("east",))
    named = set(per_oblast.loc[marked, "iso"])
    east = set(dataset.regions.loc[dataset.regions["macro_region"] == "east", "iso"])
    assert named == east | {"UA-46"}
    per_macro = regions.by_macro_region(dataset.clusters, dataset.regions, None)
    assert list(per_macro.loc[regions.named_by_filters(per_macro, (), ("east",)), "macro_region"]) == ["east"]
    assert not any(regions.named_by_filters(per_macro, ("UA-46",), ()))


def test_a_table_for_st_table_shows_markdown_literally():
    from itclusters.text import markdown_literal_frame

    frame = pd.DataFrame({"![a](http://x.invalid/a.png)": ["[link](javascript:alert(1))"]}, index=["**bold**"])
    out = markdown_literal_frame(frame)
    assert out.iloc[0, 0] == r"\[link\]\(javascript\:alert\(1\)\)"
    assert list(out.columns) == [r"\!\[a\]\(http\://x\.invalid/a\.png\)"] and list(out.index) == [r"\*\*bold\*\*"]


def test_pick_labels_add_the_id_only_where_names_repeat(dataset):
    clusters = dataset.clusters.head(3).copy()
    clusters.loc[clusters.index[2], "name"] = clusters.iloc[0]["name"]
    labels = pick_labels(clusters)
    first, second, third = clusters["id"]
    assert labels[first] == f"{clusters.iloc[0]['name']} ({first})"
    assert labels[third] == f"{clusters.iloc[0]['name']} ({third})"
    assert labels[second] == clusters.iloc[1]["name"]  # a unique name stays as it is


def test_markdown_literal_frame_escapes_cells_labels_and_the_index_name():
    frame = pd.DataFrame({"*a*": ["[x](y)"]}, index=pd.Index(["_i_"], name="**n**"))
    out = markdown_literal_frame(frame)
    assert out.iloc[0, 0] == "\\[x\\]\\(y\\)" and list(out.columns) == ["\\*a\\*"]
    assert list(out.index) == ["\\_i\\_"] and out.index.name == "\\*\\*n\\*\\*"
    assert markdown_literal_frame(frame.reset_index(drop=True)).index.name is None
