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


def test_every_label_in_both_languages():
    assert facts.topic_label("defence") == "Support for the defence forces"
    assert facts.topic_label("unknown_topic") == "unknown_topic"  # an uploaded value outside the vocabulary
    assert facts.unit_label("military_units") == "military units" and facts.unit_label("percent") == "%"
    assert facts.measure_label("event_attendance") == "People at one event"
    assert facts.measure_label("a_new_measure") == "a new measure"
    assert facts.section_label("introduction") == "the overview's introduction"
    assert facts.section_label("closing") == "the overview's closing part"
    assert facts.section_label("12") == "section 12 of the overview"
    group = ("events", "event_attendance", "people", "cluster")
    assert facts.group_label(group) == "People at one event (people; the cluster)"
    with override("uk"):
        assert facts.topic_label("defence") == "Підтримка Сил оборони"
        assert facts.unit_label("military_units") == "військових частин"
        assert facts.unit_label("percent") == "%"
        assert facts.measure_label("event_attendance") == "Учасників однієї події"
        assert facts.section_label("introduction") == "вступ огляду"
        assert facts.group_label(group) == "Учасників однієї події (осіб; кластер)"


def test_scope_names_the_place_whose_figure_it_is(dataset):
    cherkasy = dataset.clusters.set_index("id", drop=False).loc["cherkasy-it-cluster"]
    assert facts.scope_phrase("city", cherkasy) == "Cherkasy as a whole"
    assert facts.scope_phrase("region", cherkasy) == "Cherkasy Oblast as a whole"
    assert facts.scope_phrase("national", cherkasy) == "Ukraine as a whole"
    assert facts.scope_phrase("national", None) == "Ukraine as a whole"
    assert facts.scope_phrase("cluster", cherkasy) == "the cluster"
    assert facts.scope_phrase("city", None) == "the city" and facts.scope_phrase("region", None) == "the region"
    with override("uk"):
        assert facts.scope_phrase("city", cherkasy) == "Черкаси загалом"
        assert facts.scope_phrase("region", cherkasy) == "Черкаська область загалом"
        assert facts.scope_phrase("national", None) == "Україна загалом"
        assert facts.scope_phrase("cluster", None) == "кластер"


def test_a_fact_reads_as_one_sentence(dataset):
    rows = dataset.facts.set_index("fact_id", drop=False)
    clusters = dataset.clusters.set_index("id", drop=False)
    vinnytsia = clusters.loc["it-association-vinnytsia"]
    assert facts.fact_line(rows.loc["vinnytsia-it-specialists"], vinnytsia) == (
        "IT VN Research: about 10,000 people — IT specialists employed in the city by the association's yearly"
        " research. (Vinnytsia as a whole; 2023; section 8 of the overview)"
    )
    lviv = clusters.loc["lviv-it-cluster"]
    assert facts.fact_line(rows.loc["lviv-defence"], lviv) == (
        "Started a series of projects supporting the Defence Forces after the full-scale invasion."
        " (since 2022-02-24; section 1 of the overview)"
    )
    kolomyia = clusters.loc["kolomyia-it-cluster"]
    assert facts.fact_line(rows.loc["kolomyia-legal-form"], kolomyia) == (
        "An autonomous unit of the Ivano-Frankivsk IT cluster. (section 25 of the overview)"
    )
    assert facts.fact_line(rows.loc["closing-events"], None) == (
        "up to 1,000 events — Technology, startup and investment events held in Ukraine each year, by various"
        " estimates. (Ukraine as a whole; per year; the overview's closing part)"
    )


def test_values_in_other_shapes():
    assert facts.format_value(14.06, "exact", "USD") == "USD 14.06"
    assert facts.format_value(3, "exact", None) == "3"
    assert facts.format_value(3, "an_unknown_bound", "regions") == "3 regions"
    assert facts.format_value(0, "exact", "companies") == "0 companies"  # zero is a value, not 'no number'


def test_readable_facts_columns_and_a_row(dataset):
    table = facts.readable_facts(dataset.facts, dataset.clusters)
    assert list(table.columns) == ["Cluster", "Topic", "Value", "Scope", "Period", "Note", "Source"]
    row = table[table["Note"].str.startswith("IT specialists working in the Cherkasy region")].iloc[0]
    assert row.tolist() == [
        "Cherkasy IT Cluster",
        "IT workforce",
        "7,000 people",
        "Cherkasy Oblast as a whole",
        "2023",
        "IT specialists working in the Cherkasy region, from market research by the Lviv IT Cluster.",
        "section 10 of the overview",
    ]
    legal = table[table["Note"] == "A public union."].iloc[0]
    assert (legal["Value"], legal["Period"]) == ("", "")
    with override("uk"):
        uk = facts.readable_facts(dataset.facts.head(1), dataset.clusters)
    assert list(uk.columns) == ["Кластер", "Тема", "Значення", "Охоплення", "Період", "Примітка", "Джерело"]
    assert uk.iloc[0].tolist()[:4] == ["Україна (загалом)", "IT-ринок", "понад 2\u202f300 компаній", "Україна загалом"]
    empty = facts.readable_facts(dataset.facts.iloc[0:0], dataset.clusters)
    assert list(empty.columns) == list(table.columns) and empty.empty


def test_groups_come_most_values_first_and_need_two(dataset):
    groups = facts.comparable_groups(dataset.facts)
    sizes = [len(facts.comparable(dataset.facts, g)) for g in groups]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) == 2
    assert groups[0] == ("communities", "sub_communities", "communities", "cluster")  # 4, first by name
    assert facts.comparable_groups(dataset.facts, at_least=4) == groups[:2]
    no_measure = dataset.facts.assign(measure=pd.NA)
    assert facts.comparable_groups(no_measure) == []  # without a measure, nothing is comparable


def test_facts_by_topic_only_the_clusters_own(dataset):
    rivne = dataset.clusters.set_index("id", drop=False).loc["rivne-it-cluster"]
    assert facts.facts_by_topic(dataset.facts, rivne) == [
        ("Who may join", ["Individual entrepreneurs are members too. (as of 2024; section 7 of the overview)"]),
        (
            "Events",
            [
                "Game City Conference: more than 300 people — Visitors to its yearly conference in Rivne, the second"
                " year running. (per year; section 7 of the overview)"
            ],
        ),
    ]


def test_comparable_groups_come_most_numbers_first_and_ties_in_name_order():
    """Sixty groups of two to four numbers: more than a quick sort keeps in order by chance."""
    sizes = {f"topic-{i:02d}": 2 + (i * 7) % 3 for i in range(60)}
    rows = [
        {"topic": topic, "measure": "attendees", "unit": "people", "scope": "cluster", "value": 1.0}
        for topic, n in sizes.items()
        for _ in range(n)
    ]
    groups = facts.comparable_groups(pd.DataFrame(rows))
    expected = sorted(sizes, key=lambda topic: (-sizes[topic], topic))
    assert groups == [(topic, "attendees", "people", "cluster") for topic in expected]
