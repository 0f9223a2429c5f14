"""A cluster's profile: every fact in order, 'not stated' where the source is silent, in both
languages, and its markup."""

import re

import pandas as pd

from itclusters import profile
from itclusters.i18n import override


def facts_of(dataset, cluster_id, **kwargs):
    row = dataset.clusters.set_index("id", drop=False).loc[cluster_id]
    return profile.profile_facts(row, dataset.relocations, dataset.clusters, **kwargs)


def test_a_relocated_clusters_profile_in_order(dataset):
    assert facts_of(dataset, "mrpl-it-cluster") == [
        ("City", "Mariupol (Маріуполь)"),
        ("Oblast", "Donetsk Oblast (Донецька область)"),
        ("Wartime status", "Relocated (relocation reported)"),
        (
            "Status note",
            "Members left Mariupol after the full-scale invasion began in 2022; part of the team now works from"
            " Khmelnytskyi and Mukachevo.",
        ),
        ("Founded", "2018"),
        ("Member companies", "20+"),
        ("Professionals", "700+"),
        ("Educational members", "not stated"),
        ("Partners", "not stated"),
        ("Sole proprietors", "not stated"),
        ("Counts refer to", "at founding"),
        (
            "About the members",
            "The counts describe the cluster at its launch; the source's 'more than' is read as applying to both.",
        ),
        ("Head", "Andriy Gadashevych, Director and co-founder"),
        (
            "Relocation",
            "Mariupol → Khmelnytskyi (2022): Part of the team is based "
            "here; other members moved to cities in Ukraine and abroad.",
        ),
        (
            "Relocation",
            "Mariupol → Mukachevo (2022): Part of the team is based "
            "here; other members moved to cities in Ukraine and abroad.",
        ),
        ("Source", "section 13 of the overview"),
    ]


def test_a_profile_in_ukrainian(dataset):
    with override("uk"):
        assert facts_of(dataset, "it-cluster-transcarpathia") == [
            ("Місто", "Ужгород (Uzhhorod)"),
            ("Область", "Закарпатська область (Zakarpattia Oblast)"),
            ("Статус під час війни", "Діє (повідомлено про діяльність)"),
            (
                "Примітка до статусу",
                "Заснований 2022 року, коли на Закарпаття переїхало багато IT-фахівців; "
                "разом із Національною гвардією веде проєкт із дронами.",
            ),
            ("Засновано", "2022"),
            ("Компанії-учасниці", "14"),
            ("Фахівці", "не зазначено"),
            ("Освітні учасники", "не зазначено"),
            ("Партнери", "не зазначено"),
            ("ФОП", "20"),
            ("Кількості стосуються", "кінець 2024 року"),
            ("Керівник", "Myroslava Maidych, директорка"),
            (
                "Розташування",
                "Джерело називає область (Закарпаття) та Ужгородський національний університет, "
                "а не місто; на мапі — Ужгород, обласний центр.",
            ),
            ("Джерело", "розділ 9 огляду"),
        ]


def test_how_a_year_is_known(dataset):
    assert [p for p in facts_of(dataset, "lviv-it-cluster") if p[0] in ("Founded", "How the year is known")] == [
        ("Founded", "2011 (hearsay)"),
        (
            "How the year is known",
            "The overview's introduction repeats what is said in the market: that IT companies first formed a"
            " cluster in Lviv in 2011.",
        ),
    ]


def test_the_facts_table_joins_the_profile_before_the_source(dataset):
    with_facts = facts_of(dataset, "rivne-it-cluster", more_facts=dataset.facts)
    without = facts_of(dataset, "rivne-it-cluster")
    assert with_facts[: len(without) - 1] == without[:-1] and with_facts[-1] == without[-1]
    assert [label for label, _value in with_facts[len(without) - 1 : -1]] == ["Who may join", "Events"]


def test_both_names_put_the_readers_language_first(dataset):
    row = dataset.clusters.set_index("id", drop=False).loc["kyiv-it-cluster"]
    assert profile.both_names(row, "city", "city_uk") == "Kyiv (Київ)"
    with override("uk"):
        assert profile.both_names(row, "city", "city_uk") == "Київ (Kyiv)"


def test_profile_markup_in_full(dataset):
    """The whole profile of one cluster, markup and style included: a label above each value."""
    kolomyia = dataset.clusters.set_index("id", drop=False).loc["kolomyia-it-cluster"]
    html = profile.profile_html(kolomyia, dataset.relocations, dataset.clusters, dataset.facts)
    assert html == (
        "<div class='itc-profile'><h3 style='margin:0 0 .3rem;border-left:6px solid #6E6E6E;padding-left:.5rem'>"
        "Kolomyia IT Cluster</h3><dl>"
        "<dt>City</dt><dd>Kolomyia (Коломия)</dd>"
        "<dt>Oblast</dt><dd>Ivano-Frankivsk Oblast (Івано-Франківська область)</dd>"
        "<dt>Wartime status</dt><dd>No recent information (only a profile and its leader, no activity reported)</dd>"
        "<dt>Status note</dt><dd>Only an undated profile of the branch and its head; no activity is dated.</dd>"
        "<dt>Founded</dt><dd>2017</dd>"
        "<dt>Member companies</dt><dd>not stated</dd>"
        "<dt>Professionals</dt><dd>not stated</dd>"
        "<dt>Educational members</dt><dd>not stated</dd>"
        "<dt>Partners</dt><dd>not stated</dd>"
        "<dt>Sole proprietors</dt><dd>not stated</dd>"
        "<dt>About the members</dt><dd>An autonomous branch of the Ivano-Frankivsk IT cluster; no count is given.</dd>"
        "<dt>Head</dt><dd>Mykola Romaniuk, Head of the branch</dd>"
        "<dt>Branch of</dt><dd>IT-cluster Ivano-Frankivsk</dd>"
        "<dt>Legal form</dt><dd>An autonomous unit of the Ivano-Frankivsk IT cluster. (section 25 of the overview)</dd>"
        "<dt>Source</dt><dd>section 25 of the overview</dd></dl></div><style>.itc-profile dl{margin:0;"
        "font-size:.92rem}.itc-profile dt{font-weight:600;margin-top:.45rem}.itc-profile dd{margin:0;"
        "padding-bottom:.35rem;border-bottom:1px solid rgba(128,128,128,.25);overflow-wrap:anywhere}"
        ".itc-profile ul{margin:0;padding-left:1.1rem}</style>"
    )


def test_profile_colour_and_lists():
    assert profile._value_html("one <b>") == "one &lt;b&gt;"
    assert profile._value_html("one\ntwo <b>") == "<ul><li>one</li><li>two &lt;b&gt;</li></ul>"


def test_a_move_without_year_or_note_and_a_branch_without_its_parent(dataset):
    clusters = dataset.clusters.set_index("id", drop=False)
    row = clusters.loc["kolomyia-it-cluster"]
    move = dataset.relocations.iloc[[0]].assign(cluster_id="kolomyia-it-cluster", year=pd.NA, note=pd.NA)
    others = dataset.clusters[dataset.clusters["id"] != "ivano-frankivsk-it-cluster"]  # the parent left out
    facts = dict(profile.profile_facts(row, move, others))
    assert facts["Relocation"] == "Mariupol → Khmelnytskyi"  # no year, no note: nothing made up
    assert facts["Branch of"] == "ivano-frankivsk-it-cluster"  # its id, when the parent is not in the data
    with override("uk"):
        assert dict(profile.profile_facts(row, move, others))["Релокація"] == "Маріуполь → Хмельницький"


def test_several_facts_of_one_topic_are_one_entry_a_line_each(dataset):
    defence = dict(facts_of(dataset, "cherkasy-it-cluster", more_facts=dataset.facts))["Support for the defence forces"]
    assert defence.split("\n") == [
        "more than UAH 2,000,000 — Money the cluster has put into joint projects for the defence forces."
        " (since 2022-02-24; section 10 of the overview)",
        "more than UAH 70,000,000 — Money its member companies have donated to the defence forces."
        " (since 2022-02-24; section 10 of the overview)",
    ]


def test_a_profile_of_the_heaviest_valid_cluster_lists_20_facts_a_topic_and_counts_the_rest(heavy_dataset):
    """Tens of thousands of valid facts on one cluster: the profile lists the first 20 of each topic
    and says how many more the Data page and its download have; its markup stays small."""
    from itclusters.facts import FACTS_PER_TOPIC, TOPIC_LABELS

    facts, moves, clusters = heavy_dataset.facts, heavy_dataset.relocations, heavy_dataset.clusters
    lviv = clusters.set_index("id", drop=False).loc["lviv-it-cluster"]
    per_topic = facts[facts["cluster_id"] == "lviv-it-cluster"].groupby("topic").size()
    assert FACTS_PER_TOPIC == 20 and per_topic.min() > 1_000 and len(per_topic) == len(TOPIC_LABELS)
    events = dict(profile.profile_facts(lviv, moves, clusters, facts))["Events"].split("\n")
    more = per_topic["events"] - 20
    assert len(events) == 21
    assert events[0] == "more than 5 people — x (2023; section 1 of the overview)"  # the file's order
    assert events[-1] == f"…and {more:,} more facts on this topic, on the Data page and in its download"
    html = profile.profile_html(lviv, moves, clusters, facts)
    assert len(html.encode()) < 200_000
    said = [int(n.replace(",", "")) for n in re.findall(r"…and ([\d,]+) more facts on this topic", html)]
    assert len(said) == len(TOPIC_LABELS) and sum(said) + 20 * len(said) == len(facts)  # each listed or counted
    with override("uk"):
        events = dict(profile.profile_facts(lviv, moves, clusters, facts))["Події"].split("\n")
        more_uk = f"{more:,}".replace(",", "\u202f")
        assert events[-1] == f"…і ще {more_uk} фактів на цю тему — на сторінці «Дані» та в її завантаженні"
    few = profile.profile_facts(lviv, moves, clusters, facts.head(60))  # 3 or 4 a topic
    assert not any("more facts on this topic" in value for _label, value in few)


def test_every_status_and_counts_period_of_the_schema_has_its_colour_and_label(package):
    from itclusters.style import STATUS_COLOURS, STATUSES

    clusters = package.resource("clusters")
    assert set(STATUS_COLOURS) == set(STATUSES) == set(clusters.field("status").enum)
    assert set(profile.COUNTS_PERIOD) == set(clusters.field("counts_period").enum)
