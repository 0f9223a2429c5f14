"""The facts table for people: vocabularies, numbers in words, profiles, like-with-like charts."""

import pandas as pd

from itclusters import charts, facts, profile
from itclusters.i18n import override
from itclusters.validation import parse_table

from .conftest import TESTS
from .test_charts import layer_data


def test_vocabularies_match_the_schema(package):
    schema = package.resource("facts")
    assert set(facts.TOPIC_LABELS) == set(schema.field("topic").enum)
    assert set(facts.UNIT_LABELS) == set(schema.field("unit").enum)
    assert set(facts.SCOPE_LABELS) == set(schema.field("scope").enum)
    assert set(facts.BOUND_FORMATS) == set(schema.field("value_bound").enum)


def test_values_keep_their_bound_and_unit():
    assert facts.format_value(5500, "at_least", "people") == "more than 5,500 people"
    assert facts.format_value(40, "at_most", "people") == "up to 40 people"
    assert facts.format_value(10000, "approximately", "people") == "about 10,000 people"
    assert facts.format_value(2_000_000, "at_least", "UAH") == "more than UAH 2,000,000"
    assert facts.format_value(4, "exact", "percent") == "4%"
    assert facts.format_value(None, None, None) == ""
    with override("uk"):
        assert facts.format_value(5500, "at_least", "people") == "понад 5\u202f500 осіб"
        assert facts.format_value(2_000_000, "exact", "UAH") == "грн 2\u202f000\u202f000"


def test_a_profile_lists_every_fact_by_topic_with_scope_and_section(dataset):
    cherkasy = dataset.clusters.set_index("id", drop=False).loc["cherkasy-it-cluster"]
    groups = dict(facts.facts_by_topic(dataset.facts, cherkasy))
    assert len(sum(groups.values(), [])) == int((dataset.facts["cluster_id"] == "cherkasy-it-cluster").sum())
    assert list(groups)[:2] == ["Members", "Who may join"]  # the vocabulary's order
    workforce = groups["IT workforce"][0]
    # The region's workforce, said to be the region's, not the cluster's.
    assert workforce.startswith("7,000 people — ") and "Cherkasy Oblast as a whole" in workforce
    assert "section 10 of the overview" in workforce
    assert any("more than UAH 70,000,000" in line for line in groups["Support for the defence forces"])
    html = profile.profile_html(cherkasy, dataset.relocations, dataset.clusters, dataset.facts)
    assert "<dt>Support for the defence forces</dt><dd><ul><li>more than UAH 2,000,000 — " in html
    with override("uk"):
        groups_uk = dict(facts.facts_by_topic(dataset.facts, cherkasy))
        assert "Черкаська область загалом" in groups_uk["IT-кадри"][0]


def test_planned_events_read_as_planned(dataset):
    """What the source puts after its own date (October 2024) is described as planned."""
    later = dataset.facts[dataset.facts["period"].str.match(r"^(2024-1[12]|2025|first half of 2025|early 2025)")]
    assert len(later) >= 4
    for note in later["note"]:
        assert any(word in note.lower() for word in ("plan", "meant", "expect", "due", "ready", "preparing")), note


def test_only_like_with_like_shares_an_axis(dataset):
    groups = facts.comparable_groups(dataset.facts)
    assert ("events", "event_attendance", "people", "cluster") in groups
    # Founders counted as companies and as organisations are two groups, not one axis.
    founders = [g for g in groups if g[0] == "founders"]
    assert {g[2] for g in founders} == {"companies", "organisations"} and len(founders) == 2
    # A city's workforce and a region's never meet; there are too few of either to compare.
    assert not [g for g in groups if g[0] == "workforce"]
    for group in groups:
        rows = facts.comparable(dataset.facts, group)
        assert rows[list(facts.COMPARABLE_BY)].drop_duplicates().shape[0] == 1
        assert len(rows) >= 2


def test_facts_chart_shows_one_group_with_its_bounds(dataset):
    group = ("events", "event_attendance", "people", "cluster")
    chart = charts.facts_chart(dataset.facts, dataset.clusters, group)
    bars = layer_data(chart, 0)
    assert list(bars["label"]) == [
        "more than 5,500 people",
        "more than 300 people",
        "up to 160 people",
        "up to 40 people",
    ]
    assert bars["name"].iloc[0] == "Lviv IT Cluster · IT Arena"
    assert "4 comparable figures" in chart.to_dict()["description"]


def test_national_facts_show_only_when_nothing_is_filtered(dataset):
    lviv = dataset.clusters[dataset.clusters["id"] == "lviv-it-cluster"]
    shown = facts.shown_facts(dataset.facts, lviv, unfiltered=False)
    assert set(shown["cluster_id"]) == {"lviv-it-cluster"}
    everything = facts.shown_facts(dataset.facts, dataset.clusters, unfiltered=True)
    assert len(everything) == len(dataset.facts) and everything["cluster_id"].isna().sum() >= 7


def test_a_fact_with_a_number_needs_its_bound_and_unit(package):
    text = (TESTS.parent / "data" / "facts.csv").read_text(encoding="utf-8")
    broken = text.replace(",5500,at_least,people,", ",5500,,,", 1)
    parsed = parse_table(broken.encode(), package.resource("facts"))
    assert [str(p) for p in parsed.problems] == [
        "facts.csv, row 8, column value_bound: '': is required when value is given",
        "facts.csv, row 8, column unit: '': is required when value is given",
    ]


def test_readable_facts_name_the_cluster_and_the_nation(dataset):
    table = facts.readable_facts(dataset.facts, dataset.clusters)
    assert len(table) == len(dataset.facts)
    first = table.iloc[0]
    assert (first["Cluster"], first["Scope"], first["Source"]) == (
        "Ukraine (national)",
        "Ukraine as a whole",
        "the overview's introduction",
    )
    assert isinstance(table, pd.DataFrame)
