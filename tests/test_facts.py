"""The facts table for people: vocabularies, numbers in words, profiles, like-with-like charts, the
Data page's filters and the About page's list of the source's sections."""

import re

import pandas as pd

from itclusters import about, charts, facts, profile
from itclusters.i18n import override
from itclusters.validation import parse_table

from . import source_numbers
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
    assert facts.format_value(2, "exact", "rank") == "No. 2"  # "second in exports"
    assert (facts.format_value(1, "exact", "days"), facts.format_value(3, "exact", "days")) == ("1 day", "3 days")
    with override("uk"):
        assert facts.format_value(5500, "at_least", "people") == "понад 5\u202f500 осіб"
        assert facts.format_value(2, "exact", "rank") == "№ 2"
        assert [facts.format_value(n, "exact", "days") for n in (1, 3, 11)] == ["1 день", "3 дні", "11 днів"]
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
        assert "Черкаська область загалом" in groups_uk["ІТ-кадри"][0]


def test_planned_events_read_as_planned(dataset):
    """What the source puts after its own date (October 2024) is described as planned."""
    periods = source_numbers.english_periods(dataset.facts).fillna("")
    later = dataset.facts[periods.str.match(r"^(2024-1[12]|2025|first half of 2025|early 2025)")]
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
    assert (first["Cluster"], first["What"], first["Scope"]) == (
        "Ukraine (national)",
        "Active IT companies",
        "Ukraine as a whole",
    )
    assert list(table.index) == list(dataset.facts.index)  # the facts' own rows, for the search


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
    assert list(table.columns) == ["Cluster", "Topic", "What", "Value", "Scope", "Period", "Note"]
    row = table[table["Note"].str.startswith("IT specialists working in the Cherkasy region")].iloc[0]
    assert row.tolist() == [
        "Cherkasy IT Cluster",
        "IT workforce",
        "IT specialists",
        "7,000 people",
        "Cherkasy Oblast as a whole",
        "2023",
        "IT specialists working in the Cherkasy region, from market research by the Lviv IT Cluster.",
    ]
    legal = table[table["Note"] == "A public union."].iloc[0]
    assert (legal["What"], legal["Value"], legal["Period"]) == ("", "", "")
    arena = table.loc[dataset.facts.index[dataset.facts["fact_id"] == "lviv-it-arena"][0]]
    assert arena["What"] == "IT Arena · People at one event"  # the subject, then the measure
    with override("uk"):
        uk = facts.readable_facts(dataset.facts.head(1), dataset.clusters)
    assert list(uk.columns) == ["Кластер", "Тема", "Що", "Значення", "Охоплення", "Період", "Примітка"]
    assert uk.iloc[0].tolist()[:5] == [
        "Україна (загалом)",
        "ІТ-ринок",
        "Активні ІТ-компанії",
        "понад 2\u202f300 компаній",
        "Україна загалом",
    ]
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
                "Game City Conference: more than 300 people — Visitors to its yearly conference in Rivne. (per year;"
                " section 7 of the overview)",
                "Game City Conference: 2 years — Years in a row that the conference has drawn more than 300 visitors."
                " (as of 2024; section 7 of the overview)",
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


# -- Filtering the facts on the Data page ----------------------------------------------------

HOSTILE_NOTES = ['=HYPERLINK("x")', "<script>alert(1)</script>", "**bold**", "[l](javascript:x)"]


def fact_frame(*rows: dict) -> pd.DataFrame:
    """Facts with every column of the schema, the unset ones missing."""
    columns = ["fact_id", "cluster_id", "topic", "measure", "subject", "value", "value_bound", "unit"]
    columns += ["period_kind", "period_date", "period_end", "frequency", "frequency_bound", "scope", "note"]
    columns += ["source_section"]
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)


def hostile_facts() -> pd.DataFrame:
    return fact_frame(
        *(
            {"fact_id": f"f{i}", "cluster_id": "lviv-it-cluster", "topic": "events", "scope": "cluster", "note": note}
            for i, note in enumerate(HOSTILE_NOTES)
        ),
        {"fact_id": "plain", "cluster_id": None, "topic": "market", "scope": "national", "note": "Plain text."},
    )


def test_every_published_measure_has_a_label_in_both_languages(dataset):
    measures = set(dataset.facts["measure"].dropna())
    assert measures <= set(facts.MEASURE_LABELS)
    with override("uk"):
        untranslated = [m for m in measures if facts.measure_label(m) == facts.MEASURE_LABELS[m]]
    assert untranslated == []


def test_filters_combine_and_an_empty_one_passes_all(dataset):
    every = facts.filter_facts(dataset.facts, dataset.clusters)
    assert len(every) == len(dataset.facts)
    events = facts.filter_facts(dataset.facts, dataset.clusters, topics=["events"])
    assert set(events["topic"]) == {"events"} and len(events) == int((dataset.facts["topic"] == "events").sum())
    lviv_events = facts.filter_facts(
        dataset.facts, dataset.clusters, topics=["events"], cluster_ids=["lviv-it-cluster"]
    )
    assert lviv_events["fact_id"].tolist() == [
        "lviv-it-arena",
        "lviv-it-arena-days",
        "lviv-it-arena-years",
        "lviv-it-meets",
        "lviv-summit-first",
    ]
    regional = facts.filter_facts(dataset.facts, dataset.clusters, scopes=["region", "city"])
    assert set(regional["scope"]) == {"region", "city"}
    both = facts.filter_facts(dataset.facts, dataset.clusters, topics=["workforce"], scopes=["region"], query="7,000")
    assert both["fact_id"].tolist() == ["cherkasy-it-specialists"]
    assert facts.filter_facts(dataset.facts, dataset.clusters, topics=["fees"], scopes=["national"]).empty


def test_the_national_facts_have_their_own_key_in_the_cluster_filter(dataset):
    national = facts.filter_facts(dataset.facts, dataset.clusters, cluster_ids=[facts.NATIONAL])
    assert len(national) == int(dataset.facts["cluster_id"].isna().sum()) >= 7
    assert national["cluster_id"].isna().all()
    with_lviv = facts.filter_facts(dataset.facts, dataset.clusters, cluster_ids=[facts.NATIONAL, "lviv-it-cluster"])
    assert len(with_lviv) == len(national) + int((dataset.facts["cluster_id"] == "lviv-it-cluster").sum())


def test_search_looks_in_the_text_as_shown(dataset):
    def found(query: str) -> list[str]:
        return facts.filter_facts(dataset.facts, dataset.clusters, query=query)["fact_id"].tolist()

    assert found("cherkasy OBLAST as a whole") == ["cherkasy-it-specialists"]  # the scope, in words
    assert found("it arena") == ["lviv-it-arena", "lviv-it-arena-days", "lviv-it-arena-years"]  # the subject
    assert found("more than UAH 70,000,000") == ["cherkasy-donated"]  # the value as shown
    assert "lviv-it-arena" in found("people at one event")  # the measure, in words
    assert "kolomyia-legal-form" in found("kolomyia it cluster")  # the cluster's name
    assert found("first half of 2025") == ["dnipro-study-2025"]  # the period
    assert found("   ") == dataset.facts["fact_id"].tolist()  # only spaces: no search
    assert found("no such text anywhere") == []
    with override("uk"):  # in the reader's language
        assert (
            "cherkasy-it-specialists"
            in facts.filter_facts(dataset.facts, dataset.clusters, query="черкаська")["fact_id"].tolist()
        )
        assert found("іт-КАДРИ") == found("ІТ-кадри") != []


def test_search_is_literal_and_ignores_case():
    table = hostile_facts()
    clusters = pd.DataFrame({"id": ["lviv-it-cluster"], "name": ["Lviv IT Cluster"]})
    for note in HOSTILE_NOTES:
        assert facts.filter_facts(table, clusters, query=note)["note"].tolist() == [note]
    assert facts.filter_facts(table, clusters, query="<SCRIPT>")["note"].tolist() == [HOSTILE_NOTES[1]]
    assert facts.filter_facts(table, clusters, query=".*").empty  # a pattern is just characters
    assert facts.filter_facts(table, clusters, query="(j")["note"].tolist() == [HOSTILE_NOTES[3]]
    assert facts.filter_facts(table, clusters, query="ukraine (national)")["fact_id"].tolist() == ["plain"]


def test_filter_choices_name_what_the_facts_have(dataset):
    cherkasy = dataset.facts[dataset.facts["cluster_id"] == "cherkasy-it-cluster"]
    assert facts.topic_choices(cherkasy) == [
        "members",
        "membership_policy",
        "legal_form",
        "workforce",
        "education",
        "events",
        "defence",
        "booking",
    ]
    assert facts.scope_choices(cherkasy) == ["cluster", "region", "national"]
    labels = {"lviv-it-cluster": "Lviv IT Cluster", "cherkasy-it-cluster": "Cherkasy IT Cluster"}
    two = dataset.facts[dataset.facts["cluster_id"].isin(labels) | dataset.facts["cluster_id"].isna()]
    no_moves = dataset.relocations.iloc[0:0]
    assert facts.cluster_choices(two, no_moves, labels) == {
        facts.NATIONAL: "Ukraine (national)",
        "cherkasy-it-cluster": "Cherkasy IT Cluster",
        "lviv-it-cluster": "Lviv IT Cluster",
    }
    assert facts.cluster_choices(cherkasy, no_moves, labels) == {"cherkasy-it-cluster": "Cherkasy IT Cluster"}
    # A cluster with moves and no facts (MRPL) can be chosen too, to see its moves.
    mrpl = facts.cluster_choices(cherkasy, dataset.relocations, labels | {"mrpl-it-cluster": "MRPL IT Cluster"})
    assert list(mrpl) == ["cherkasy-it-cluster", "east-ukrainian-technocluster", "mrpl-it-cluster"]
    odd = fact_frame({"topic": "a_new_topic", "scope": "cluster"}, {"topic": "events", "scope": "cluster"})
    assert facts.topic_choices(odd) == ["events", "a_new_topic"]  # an uploaded topic, last


def test_the_line_says_how_many_and_which_filters_are_on():
    on = facts.filters_text(["events", "members"], ["Lviv IT Cluster"], ["city"], "  arena ")
    assert on == ["topic: Events, Members", "cluster: Lviv IT Cluster", "scope: the city", "search: arena"]
    assert facts.count_line(3, 85, on) == "3 of 85 facts · " + "; ".join(on)
    assert facts.count_line(1, 1, []) == "1 of 1 fact · no filters"
    assert facts.filters_text([], [], [], " ") == []
    # A move has no topic or scope: its line names only the filters that apply to it.
    assert facts.moves_line(2, 3, ["MRPL IT Cluster"], "") == "2 of 3 moves · cluster: MRPL IT Cluster"
    assert facts.moves_line(1, 1, [], "") == "1 of 1 move · no filters"
    with override("uk"):
        assert facts.count_line(3, 85, facts.filters_text(["events"], [], [], "")) == "3 з 85 фактів · тема: Події"
        assert facts.count_line(1, 21, []) == "1 з 21 факту · без фільтрів"
        assert facts.moves_line(0, 3, [], "львів") == "0 з 3 переїздів · пошук: львів"


def test_a_page_of_facts_says_which_rows_of_how_many_and_that_the_download_has_them_all():
    assert facts.PAGE_ROWS == 500
    assert facts.page_starts(0) == facts.page_starts(500) == [0]  # one page: no picker, no line
    assert facts.page_starts(501) == [0, 500]
    assert facts.page_starts(37_716)[-1] == 37_500 and len(facts.page_starts(37_716)) == 76
    assert [facts.rows_label(s, 37_716) for s in (0, 500, 37_500)] == ["1–500", "501–1,000", "37,501–37,716"]
    assert facts.page_line(0, 37_716) == (
        "Showing 1–500 of 37,716 facts; the download has them all. Narrow them with the filters and the "
        "search above, or choose other rows."
    )
    with override("uk"):
        line = facts.page_line(500, 1_001)
        assert line.startswith("Показано факти 501–1\u202f000 із 1\u202f001; у завантаженні є всі.")
        assert facts.count_line(37_716, 37_716, []) == "37\u202f716 з 37\u202f716 фактів · без фільтрів"
    assert facts.count_line(37_716, 37_716, []) == "37,716 of 37,716 facts · no filters"


def test_the_heaviest_valid_facts_read_as_the_shipped_ones_do(heavy_dataset):
    """Tens of thousands of facts on one cluster: each row reads as a row of the shipped facts would
    (the columns are worked out once per distinct value, not per row), and a search finds them all."""
    heavy, clusters = heavy_dataset.facts, heavy_dataset.clusters
    table = facts.readable_facts(heavy, clusters)
    assert len(table) == len(heavy) > 30_000
    for i in (0, 1, 2, 3, 4, 5, len(heavy) - 1):  # every shape of tests/heavy.py
        one = facts.readable_facts(heavy.iloc[[i]], clusters)
        assert table.iloc[[i]].equals(one)
    assert set(table["Scope"]) == {"the cluster", "Lviv as a whole", "Lviv Oblast as a whole", "Ukraine as a whole"}
    assert set(table["Value"]) == {"", "more than 5 people", "12%"}
    assert len(facts.filter_facts(heavy, clusters, query="X")) == len(heavy)
    assert len(facts.filter_facts(heavy, clusters, query="lviv oblast")) == len(heavy) // 8


def test_relocations_follow_the_clusters_shown_the_cluster_filter_and_the_search(dataset):
    moves = dataset.relocations
    every = facts.filter_relocations(moves, dataset.clusters)
    assert len(every) == len(moves) == 3
    lviv_only = dataset.clusters[dataset.clusters["id"] == "lviv-it-cluster"]
    assert facts.filter_relocations(moves, lviv_only).empty  # the sidebar left the movers out
    mrpl = facts.filter_relocations(moves, dataset.clusters, cluster_ids=["mrpl-it-cluster"])
    assert sorted(mrpl["to_city"]) == ["Khmelnytskyi", "Mukachevo"]
    assert facts.filter_relocations(moves, dataset.clusters, cluster_ids=[facts.NATIONAL]).empty
    assert facts.filter_relocations(moves, dataset.clusters, query="ЛЬВІВ")["to_city"].tolist() == ["Lviv"]
    assert len(facts.filter_relocations(moves, dataset.clusters, query="mrpl it")) == 2  # the cluster's name
    assert len(facts.filter_relocations(moves, dataset.clusters, query="2022")) == 3  # the year
    assert facts.filter_relocations(moves, dataset.clusters, query="(").empty


def test_a_facts_row_names_its_clusters_moves(dataset):
    counts = facts.move_counts(dataset.facts, dataset.relocations)
    moved = dataset.facts.loc[counts.notna(), "cluster_id"]
    assert set(moved) == {"east-ukrainian-technocluster"}  # MRPL moved too, but has no facts
    assert counts.dropna().tolist() == [1]
    assert facts.with_moves("MRPL IT Cluster", 2) == "MRPL IT Cluster · 2 moves ↓"
    assert facts.with_moves("Lviv IT Cluster", pd.NA) == "Lviv IT Cluster"
    with override("uk"):
        assert facts.with_moves("X", 1) == "X · 1 переїзд ↓" and facts.with_moves("X", 2) == "X · 2 переїзди ↓"
    table = facts.facts_table(dataset.facts, dataset.clusters, dataset.relocations)
    assert [c for c in table["Cluster"] if "↓" in c] == ["EastUkrainian Technocluster · 1 move ↓"]


def test_a_facts_section_links_to_its_heading_on_the_about_page(dataset):
    assert facts.section_link("4") == "./about#section-4"
    assert facts.section_link("introduction", {"lang": "uk", "q": "a b&c"}) == (
        "./about?lang=uk&q=a+b%26c#section-introduction"
    )
    assert facts.section_short("12") == "12" and facts.section_short("closing") == "closing"
    assert facts.section_short("introduction") == "intro"
    with override("uk"):
        assert (facts.section_short("introduction"), facts.section_short("closing")) == ("вступ", "кінець")
    table = facts.facts_table(dataset.facts, dataset.clusters, dataset.relocations, {"lang": "uk"})
    assert list(table.columns) == ["Cluster", "Topic", "What", "Value", "Scope", "Period", "Note", "Section"]
    assert table["Section"].iloc[6] == "./about?lang=uk#section-1"
    # On screen a link shows its section, in words where it has no number.
    shown = facts.styled_facts_table(table.iloc[[0, 6, -1]]).to_html()
    assert ">intro</td>" in shown and ">1</td>" in shown and ">closing</td>" in shown


# -- The source's sections, listed on the About page -----------------------------------------


def test_every_section_the_data_cites_is_listed(dataset):
    listed = set(about.source_sections()["section"])
    cited = set(dataset.facts["source_section"]) | {str(s) for s in dataset.clusters["source_section"]}
    cited |= {str(s) for s in dataset.relocations["source_section"]}
    assert cited <= listed
    assert list(about.source_sections()["section"]) == ["introduction", *map(str, range(1, 27)), "closing"]


def test_the_headings_are_the_articles(source_text):
    """The numbered headings as the source gives them; the file stands in for the article where it
    is missing (tests/conftest.py skips this test there)."""
    sections = about.source_sections().set_index("section")["heading"]
    in_article = dict(re.findall(r"^(\d{1,2})\. (\S.*?)\s*$", source_text, flags=re.M))
    assert {s: h for s, h in sections.items() if s.isdigit()} == in_article
    assert sections[["introduction", "closing"]].isna().all()  # the source gives these parts no heading


def test_a_section_is_named_by_number_and_heading_with_its_anchor():
    sections = about.source_sections()
    listed = about.section_list(sections)
    assert listed[0] == ("section-introduction", "Introduction")
    assert listed[4] == ("section-4", "4 · Kharkiv IT cluster")
    assert listed[-1] == ("section-closing", "Closing part")
    assert about.section_title("16", "IAM Cluster – Zaporizhzhia") == "16 · IAM Cluster – Zaporizhzhia"
    assert about.section_title("7", None) == "7"
    with override("uk"):
        assert about.section_list(sections)[0][1] == "Вступ"
    # The anchor is the one the facts table links to.
    assert all(facts.section_link(s).endswith("#" + a) for s, (a, _t) in zip(sections["section"], listed))


def test_a_missing_or_broken_sections_file_lists_nothing(tmp_path):
    assert about.source_sections(tmp_path).empty  # missing
    (tmp_path / "source_sections.csv").write_text("section,heading\n99,Nowhere\n", encoding="utf-8")
    assert about.source_sections(tmp_path).empty  # not a section of the source
    assert about.section_list(about.source_sections(tmp_path)) == []


def test_sections_fill_columns_top_to_bottom():
    assert about.in_columns(list(range(28)), 3) == [list(range(10)), list(range(10, 19)), list(range(19, 28))]
    assert about.in_columns([1], 3) == [[1], [], []]
