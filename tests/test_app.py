"""The app in Streamlit's AppTest: real script runs, with default, filtered and invalid URLs."""

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from itclusters.schema import DATA_DIR
from itclusters.text import markdown_literal

from .apptest import new_app

TIMEOUT = 60


def run_app(**query) -> AppTest:
    return new_app(**query).run()


def shown(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "clusters shown" in c.value)


def test_default_url_shows_every_cluster():
    at = run_app()
    assert not at.exception
    assert shown(at) == "**26 of 26 clusters shown**"
    assert at.title[0].value == "Ukraine's regional IT clusters"
    assert not at.warning and not at.error


def test_oblast_in_the_url_filters_and_fills_the_widget():
    at = run_app(oblast="UA-46,UA-63")
    assert not at.exception
    assert shown(at) == "**2 of 26 clusters shown**"
    assert at.sidebar.multiselect(key="f_oblast").value == ["UA-46", "UA-63"]
    assert at.query_params["oblast"] == "UA-46,UA-63"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "relocated"}, 2),
        ({"region": "east"}, 7),
        ({"founded": "2015-2016", "unknown": "0"}, 6),
        ({"members": "100-"}, 10),  # two clusters over 100, eight not stated stay visible
        ({"q": "Kramatorsk"}, 2),
    ],
)
def test_filtered_urls(query, expected):
    at = run_app(**query)
    assert not at.exception
    assert shown(at) == f"**{expected} of 26 clusters shown**"


@pytest.mark.parametrize(
    "query",
    [
        {"oblast": "UA-99"},
        {"founded": "twenty"},
        {"status": "<script>alert(1)</script>"},
        {"members": "9" * 5000},
        {"nonsense": "1"},
    ],
)
def test_invalid_urls_give_a_notice_not_a_crash(query):
    at = run_app(**query)
    assert not at.exception
    assert shown(at) == "**26 of 26 clusters shown**"
    if "nonsense" not in query:
        assert len(at.warning) == 1 and at.warning[0].value.startswith("Ignored ")


def test_changing_a_widget_updates_the_url():
    at = run_app()
    at.sidebar.multiselect(key="f_status").select("relocated").run()
    assert shown(at) == "**2 of 26 clusters shown**"
    assert at.query_params["status"] == "relocated"
    at.sidebar.button[0].click().run()  # reset filters
    assert shown(at) == "**26 of 26 clusters shown**"
    assert "status" not in at.query_params


def test_search_box_filters():
    at = run_app()
    at.sidebar.text_input(key="f_q").input("львів").run()
    assert shown(at) == "**1 of 26 clusters shown**"
    assert at.query_params["q"] == "львів"


def test_profile_panel_shows_every_fact_with_not_stated():
    at = run_app()
    at.selectbox(key="profile_id").select("poltava-it-cluster").run()
    assert not at.exception
    [html] = [h.proto.body for h in at.get("html") if "itc-profile" in h.proto.body]
    assert "Poltava IT Cluster" in html and "section 12 of the overview" in html
    assert "<dt>Member companies</dt><dd>not stated</dd>" in html


PAGES = {
    "pages/members.py": "Members",
    "pages/founding_years.py": "Founding years",
    "pages/wartime_status.py": "Wartime status",
    "pages/data.py": "Data",
    "pages/about.py": "About",
    "pages/regions.py": "Regions",
    "pages/compare.py": "Compare clusters",
    "pages/stories.py": "Stories",
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize(
    "query",
    [{}, {"region": "east"}, {"oblast": "UA-46", "status": "active"}, {"q": "no such cluster"}, {"oblast": "UA-99"}],
)
def test_every_page_runs_with_default_filtered_and_invalid_urls(page, query):
    at = run_app(**query)
    at.switch_page(page).run()
    assert not at.exception
    assert at.title[0].value == PAGES[page]
    expected = {(): 26, ("region",): 7, ("oblast", "status"): 1, ("q",): 0, ("oblast",): 26}[tuple(query)]
    assert shown(at) == f"**{expected} of 26 clusters shown**"


def test_members_page_lists_clusters_without_a_count():
    at = run_app(region="south")
    at.switch_page("pages/members.py").run()
    notes = " ".join(c.value.replace("\\", "") for c in at.caption)  # captions are markdown-escaped
    assert "Wartime status" not in notes and "not stated (0)" not in notes
    at = run_app(oblast="UA-23")
    at.switch_page("pages/members.py").run()
    assert any("Zaporizhzhia IAM Cluster" in c.value for c in at.caption)
    assert any("None of the shown clusters states this count: member companies." in i.value for i in at.info)


def test_data_page_table_follows_the_filters():
    at = run_app(status="relocated")
    at.switch_page("pages/data.py").run()
    table = at.dataframe[0].value
    assert sorted(table["Cluster"]) == ["EastUkrainian Technocluster", "MRPL IT Cluster"]
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["Download CSV", "Download Excel", "Download GeoJSON"]


def test_wartime_page_shows_the_relocations():
    at = run_app()
    at.switch_page("pages/wartime_status.py").run()
    why = at.dataframe[0].value  # the status rule's evidence, counted
    assert why["Clusters"].sum() == 26
    only_profile = why.set_index("Evidence").loc["only a profile and its leader, no activity reported"]
    assert only_profile["Status"] == "No recent information" and only_profile["Clusters"] == 10
    moves = at.dataframe[1].value
    assert sorted(moves["To"]) == ["Khmelnytskyi (Хмельницький)", "Lviv (Львів)", "Mukachevo (Мукачево)"]


def test_about_page_has_the_dictionary_and_completeness():
    at = run_app()
    at.switch_page("pages/about.py").run()
    frames = [d.value for d in at.dataframe]
    completeness = next(f for f in frames if "Share stated" in f.columns)
    assert completeness.set_index("Column").loc["member_companies", "Stated"] == 18
    dictionary = next(f for f in frames if "Rules" in f.columns)
    assert "status" in set(dictionary["Column"])
    # The status rule, read from the schema: each kind of evidence and the status it gives.
    rule = [m.value for m in at.markdown if "→" in m.value]
    assert len(rule) == 5
    assert any(line.startswith("- described only before 2022 → **No recent information**") for line in rule)
    assert any("activity reported → **Active**" in line for line in rule)


def test_about_page_lists_the_source_sections_with_anchors():
    at = run_app()
    at.switch_page("pages/about.py").run()
    listed = {h.proto.anchor: h.value for h in at.subheader if h.proto.anchor.startswith("section-")}
    assert len(listed) == 28
    assert listed["section-4"] == "4 · Kharkiv IT cluster"
    assert listed["section-14"] == "14 · IT\\-cluster of Luganshchyna"  # the source's text, shown literally
    assert (listed["section-introduction"], listed["section-closing"]) == ("Introduction", "Closing part")


def test_about_page_shows_a_hostile_heading_as_the_characters_it_is(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    sections = folder / "source_sections.csv"
    hostile = '=HYPERLINK("x") [l](javascript:x) <script>alert(1)</script> **bold**'
    sections.write_text(sections.read_text(encoding="utf-8").replace("Kharkiv IT cluster", f"'{hostile}'"), "utf-8")
    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(folder))
    at = run_app()
    at.switch_page("pages/about.py").run()
    [heading] = [h for h in at.subheader if h.proto.anchor == "section-4"]
    assert heading.value == markdown_literal(f"4 · '{hostile}'")


def test_members_page_compares_only_like_with_like():
    at = run_app()
    at.switch_page("pages/members.py").run()
    figure = at.selectbox(key="facts_group")
    assert "People at one event (people; the cluster)" in figure.options
    figure.select(("events", "event_attendance", "people", "cluster")).run()
    assert any("4 comparable figures on events" in c.value for c in at.caption)
    at = run_app(oblast="UA-53")  # Poltava: one founders' figure, nothing to compare it with
    at.switch_page("pages/members.py").run()
    assert "report no figures that can be compared" in at.info[-1].value


def test_data_page_shows_and_offers_the_facts():
    at = run_app(oblast="UA-71")
    at.switch_page("pages/data.py").run()
    table = next(frame.value for frame in at.dataframe if "Value" in frame.value)  # the facts
    assert set(table["Cluster"]) == {"Cherkasy IT Cluster"}  # filtered like the rest; no national rows
    assert "more than UAH 70,000,000" in set(table["Value"])
    assert {"Download CSV", "Download Excel"} <= {b.label for b in at.get("download_button")}


def facts_line(at: AppTest) -> str:
    return next(c.value for c in at.caption if " facts · " in c.value or " fact · " in c.value).replace("\\", "")


def facts_and_moves(at: AppTest) -> tuple:
    """The Data page's facts and relocations tables (None where the page shows none)."""
    frames = [d.value for d in at.dataframe]
    return (
        next((f for f in frames if "What" in f.columns), None),
        next((f for f in frames if "From" in f.columns), None),
    )


def test_data_page_filters_the_facts_and_their_moves(dataset):
    at = run_app()
    at.switch_page("pages/data.py").run()
    facts, moves = facts_and_moves(at)
    n = len(dataset.facts)
    assert (len(facts), len(moves)) == (n, 3)
    assert facts_line(at) == f"{n} of {n} facts · no filters"
    at.multiselect(key="facts_topic").select("events").run()
    facts, moves = facts_and_moves(at)
    assert len(facts) == int((dataset.facts["topic"] == "events").sum()) and set(facts["Topic"]) == {"Events"}
    assert len(moves) == 3  # a move has no topic: the topic filter leaves it be
    at.multiselect(key="facts_scope").select("cluster").run()
    at.text_input(key="facts_q").input("PEOPLE AT ONE").run()  # the measure in words, any case
    facts, moves = facts_and_moves(at)
    assert sorted(facts["Value"]) == [
        "more than 300 people",
        "more than 5,500 people",
        "up to 160 people",
        "up to 40 people",
    ]
    assert facts_line(at) == f"4 of {n} facts · topic: Events; scope: the cluster; search: PEOPLE AT ONE"
    assert moves is None  # no move says so
    assert any(c.value.replace("\\", "").startswith("0 of 3 moves · search: PEOPLE AT ONE") for c in at.caption)
    # A cluster with moves and no facts: choosing it shows its moves.
    at.multiselect(key="facts_topic").set_value([]).run()
    at.multiselect(key="facts_scope").set_value([]).run()
    at.text_input(key="facts_q").input("").run()
    at.multiselect(key="facts_cluster").select("mrpl-it-cluster").run()
    facts, moves = facts_and_moves(at)
    assert facts is None and [i.value for i in at.info] == ["No facts match these filters."]
    assert sorted(moves["To"]) == ["Khmelnytskyi (Хмельницький)", "Mukachevo (Мукачево)"]
    assert facts_line(at) == f"0 of {n} facts · cluster: MRPL IT Cluster"


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_data_pages_fact_filters_sit_in_one_row_labelled_with_choices_in_words(lang, dataset):
    from itclusters import facts as fact_table
    from itclusters.filters import MAX_QUERY_LENGTH
    from itclusters.i18n import _, override

    at = run_app(lang=lang)
    at.switch_page("pages/data.py").run()
    widgets = {m.key: m for m in at.multiselect if (m.key or "").startswith("facts_")}
    [search] = [t for t in at.text_input if t.key == "facts_q"]
    with override(lang):
        choose = _("Choose options")
        assert {k: (m.label, m.proto.placeholder) for k, m in widgets.items()} == {
            "facts_topic": (_("Topic"), choose),
            "facts_cluster": (_("Cluster"), choose),
            "facts_scope": (_("Scope"), choose),
        }
        assert (search.label, search.max_chars, search.placeholder) == (
            _("Search the facts"),
            MAX_QUERY_LENGTH,
            _("a name, a word, a year"),
        )
        topics = fact_table.topic_choices(dataset.facts)
        assert widgets["facts_topic"].options == [fact_table.topic_label(t) for t in topics]
        scopes = fact_table.scope_choices(dataset.facts)
        assert widgets["facts_scope"].options == [fact_table.scope_label(t) for t in scopes]
    assert "Lviv IT Cluster" in widgets["facts_cluster"].options  # by name, not by id
    rows = [b for b in at.main.children.values() if b.type == "flex_container" and "facts_q" in str(b)]
    [columns] = [[c for c in row.children.values() if c.type == "column"] for row in rows if row.get("column")]
    in_each = [[w.key for w in (*c.get("multiselect"), *c.get("text_input"))] for c in columns]
    assert in_each == [["facts_topic"], ["facts_cluster"], ["facts_scope"], ["facts_q"]]
    search.input("Lviv\u0007 IT").run()  # what cannot be shown is left out, in the line that says the filters
    lines = [c.value.replace("\\", "") for c in at.caption]
    assert [line for line in lines if line.endswith(": Lviv IT")] and not at.exception


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_data_pages_facts_and_moves_grids_give_each_column_its_width_in_either_language(lang):
    """Widths that fit 1366 px with no sideways scroll (ui/fact_table.py); a header in the reader's
    language must still find its width, or Streamlit would share the room out as it likes."""
    import json

    from itclusters.i18n import override
    from ui import fact_table

    at = run_app(lang=lang)
    at.switch_page("pages/data.py").run()
    grids = [
        (list(frame.value.columns), json.loads(frame.proto.columns), frame.proto.row_height) for frame in at.dataframe
    ]
    with override(lang):
        facts_widths = {fact_table._(k): v for k, v in fact_table.WIDTHS.items()}
        moves_widths = {fact_table._(k): v for k, v in fact_table.MOVE_WIDTHS.items()}
        section, source = fact_table._("Section"), fact_table._("Source section")
        section_help = fact_table._(
            "The section of the source the fact comes from: opens its heading on the About page."
        )
    [(facts, facts_config, facts_row)] = [g for g in grids if section in g[0] and facts_widths.keys() <= set(g[0])]
    [(moves, moves_config, moves_row)] = [g for g in grids if source in g[0] and section not in g[0]]
    assert {c: facts_config[c]["width"] for c in facts if c != section} == facts_widths
    assert facts_config[section]["width"] == fact_table.SECTION_WIDTH
    assert facts_config[section]["type_config"]["type"] == "link" and facts_config[section]["help"] == section_help
    assert {c: moves_config[c]["width"] for c in moves if c != source} == moves_widths
    assert moves_config[source] == {"width": 100, "type_config": {"type": "number", "format": "%d"}}
    assert all(config["_index"] == {"hidden": True} for config in (facts_config, moves_config))
    assert (facts_row, moves_row) == (fact_table.ROW_HEIGHT, fact_table.MOVE_ROW_HEIGHT)
    # The facts grid is in its keyed box, which the page's styles and the browser tests find it by.
    [box] = [b for b in at.main.children.values() if getattr(b.proto, "id", "").endswith("-facts_table")]
    [grid] = box.children.values()
    assert grid.type == "dataframe" and section in grid.value.columns


def test_data_page_shows_the_heaviest_valid_facts_a_page_at_a_time(heavy_folder, heavy_dataset, monkeypatch):
    """Tens of thousands of valid facts on one cluster: the table holds a page of them, says which
    rows of how many and that the download has them all; the download is made of every fact."""
    from itclusters.facts import PAGE_ROWS
    from ui import components

    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(heavy_folder))
    offered, made_by = {}, components.made_by

    def spy(name, target, frame, **options):  # the download's table, as this run offers it
        offered[name] = frame
        return made_by(name, target, frame, **options)

    monkeypatch.setattr(components, "made_by", spy)
    n = len(heavy_dataset.facts)
    at = run_app()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    facts, _moves = facts_and_moves(at)
    assert len(facts) == PAGE_ROWS and list(facts["Note"].head(2)) == ["x", "x"]
    assert facts_line(at) == f"{n:,} of {n:,} facts · no filters"
    notice = f"Showing 1–500 of {n:,} facts; the download has them all."
    assert any(c.value.startswith(notice) for c in at.caption)
    assert len(offered["it-cluster-facts.csv"]) == len(offered["it-cluster-facts.xlsx"]) == n
    # The last rows.
    last = at.selectbox(key="facts_page")
    assert len(last.options) == -(-n // PAGE_ROWS)
    last.select(PAGE_ROWS * (len(last.options) - 1)).run()
    facts, _moves = facts_and_moves(at)
    assert len(facts) == n - PAGE_ROWS * (len(last.options) - 1)
    assert any(c.value.startswith(f"Showing {n - len(facts) + 1:,}–{n:,} of {n:,} facts") for c in at.caption)
    # Narrowed by the filters: the first rows of what they keep, and the download holds those.
    at.multiselect(key="facts_topic").select("events").run()
    facts, _moves = facts_and_moves(at)
    events = int((heavy_dataset.facts["topic"] == "events").sum())
    assert len(facts) == PAGE_ROWS and set(facts["Topic"]) == {"Events"}
    assert any(c.value.startswith(f"Showing 1–500 of {events:,} facts") for c in at.caption)
    assert len(offered["it-cluster-facts.csv"]) == events
    # Another filter that keeps the page chosen within reach still starts again from the first rows.
    picker = at.selectbox(key="facts_page")
    assert (picker.label, picker.proto.placeholder) == ("Rows shown", "Choose the rows")
    assert picker.options[:2] == ["1–500", "501–1,000"]  # pages by their rows, counted from 1
    picker.select(PAGE_ROWS).run()
    assert any(c.value.startswith(f"Showing 501–1,000 of {events:,} facts") for c in at.caption)
    at.multiselect(key="facts_scope").select("cluster").run()
    kept = int(((heavy_dataset.facts["topic"] == "events") & (heavy_dataset.facts["scope"] == "cluster")).sum())
    assert kept > PAGE_ROWS and at.selectbox(key="facts_page").value == 0
    assert any(c.value.startswith(f"Showing 1–500 of {kept:,} facts") for c in at.caption)
    [row] = [b for b in at.main.children.values() if b.type == "flex_container" and "facts_page" in str(b)]
    columns = [c.proto for c in row.children.values() if c.type == "column"]
    assert [round(c.weight, 4) for c in columns] == [0.25, 0.75]  # the picker, then the line beside it
    assert {c.vertical_alignment for c in columns} == {columns[0].VerticalAlignment.BOTTOM}
    at.multiselect(key="facts_scope").set_value([]).run()
    at.text_input(key="facts_q").input("lviv oblast").run()  # the region's facts of these: under a page
    facts, _moves = facts_and_moves(at)
    assert 0 < len(facts) < PAGE_ROWS and not any(c.value.startswith("Showing") for c in at.caption)
    assert "facts_page" not in {s.key for s in at.selectbox}  # no rows to pick


def test_the_heaviest_valid_clusters_profile_stays_small(heavy_folder, heavy_dataset, monkeypatch):
    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(heavy_folder))
    at = run_app(cluster="lviv-it-cluster")
    assert not at.exception
    [html] = [h.proto.body for h in at.get("html") if "itc-profile" in h.proto.body]
    assert len(html.encode()) < 200_000  # was 2 MB: every one of its facts as a line
    assert html.count("more facts on this topic, on the Data page and in its download") == 17


def test_data_page_search_text_is_matched_and_shown_literally(dataset):
    n = len(dataset.facts)
    at = run_app()
    at.switch_page("pages/data.py").run()
    for query in ['=HYPERLINK("x")', "<script>", "**bold**", "[l](javascript:x)", ".*"]:
        at.text_input(key="facts_q").input(query).run()
        assert not at.exception
        assert facts_and_moves(at) == (None, None)  # no fact or move holds these characters
        line = next(c.value for c in at.caption if f" of {n} facts" in c.value)
        assert line == markdown_literal(f"0 of {n} facts · search: {query}")  # shown as typed, never rendered


def test_data_page_fact_links_keep_the_language_and_filters():
    """A link in a table opens a new tab, a new session: its address carries the view."""
    at = run_app(region="east")
    at.switch_page("pages/data.py").run()
    links = set(facts_and_moves(at)[0]["Section"])
    assert "./about?region=east#section-4" in links  # Kharkiv, in the east
    assert all(link.startswith("./about?region=east#section-") for link in links)
    # (In AppTest a translated multiselect does not survive switching pages; in a browser it does.)
    at = run_app(lang="uk")
    at.switch_page("pages/data.py").run()
    links = next(d.value for d in at.dataframe if "Розділ" in d.value and "Тема" in d.value)  # the facts
    assert "./about?lang=uk#section-introduction" in set(links["Розділ"])


def test_presentation_mode_from_the_url_and_back():
    at = run_app(present="1", region="west")
    assert not at.exception
    assert any("9 of 26 clusters · region: West" in m.value.replace("\\", "") for m in at.markdown)
    assert at.query_params["present"] == "1" and at.query_params["region"] == "west"
    next(b for b in at.button if b.label == "Exit presentation").click().run()
    assert "present" not in at.query_params
    assert not any(b.label == "Exit presentation" for b in at.button)


def test_map_controls_show_their_choices():
    at = run_app()
    shade = at.selectbox(key="map_shading")
    assert shade.value == "none" and shade.options == [
        "Shading: none",
        "Shading: number of clusters",
        "Shading: member companies",
    ]
    shade.select("members").run()
    assert not at.exception and at.selectbox(key="map_shading").value == "members"


def test_regions_page_tables_sum_to_the_filtered_clusters():
    at = run_app(region="east")
    at.switch_page("pages/regions.py").run()
    assert not at.exception and at.title[0].value == "Regions"
    per_oblast, oblast_total, per_macro, macro_total = (frame.value for frame in at.dataframe)
    assert len(per_oblast) == 4 and len(per_macro) == 1  # the units the region filter names, no zeros for others
    assert per_oblast["Clusters"].sum() == per_macro["Clusters"].sum() == 7
    assert list(oblast_total["Clusters"]) == list(macro_total["Clusters"]) == [7]
    east = per_macro.set_index("Name").loc["East"]
    assert east["Member companies"].endswith("+ (3 not stated)")  # a sum with bounds, and who is missing
    assert oblast_total["Member companies"][0].strip("\u2007") == "690+ (3 not stated)"
    assert len(at.get("download_button")) == 4 + 4  # CSV and Excel of each table, PNG and SVG of each chart


def test_highlighted_rows_are_the_marked_ones():
    import pandas as pd

    from ui.components import HIGHLIGHT, highlighted

    html = highlighted(pd.DataFrame({"a": [1, 2, 3]}), [False, True, False]).to_html()
    styled_rows = re.findall(r"#T_\w+_row(\d+)_col0 \{\s*background-color", html)
    assert styled_rows == ["1"] and HIGHLIGHT.split(";")[0] in html


@pytest.mark.parametrize(
    ("ids", "shown", "notices"),
    [
        ("lviv-it-cluster,kyiv-it-cluster", ["Lviv IT Cluster", "Kyiv IT Cluster"], 0),
        ("lviv-it-cluster,no-such,kyiv-it-cluster", ["Lviv IT Cluster", "Kyiv IT Cluster"], 1),
        (
            "lviv-it-cluster,kyiv-it-cluster,kharkiv-it-cluster,odesa-it-family,poltava-it-cluster",
            ["Lviv IT Cluster", "Kyiv IT Cluster", "Kharkiv IT Cluster", "Odesa IT Family"],
            1,
        ),
    ],
)
def test_compare_page_shows_valid_ids_and_notices_for_the_rest(ids, shown, notices):
    at = run_app(ids=ids)
    at.switch_page("pages/compare.py").run()
    assert not at.exception and at.title[0].value == "Compare clusters"
    [table] = at.table
    assert table.value.index.name == "Fact" and list(table.value.columns) == shown
    assert len(at.warning) == notices
    assert at.query_params["ids"] == ",".join(at.multiselect(key="compare_ids").value)
    assert len(at.get("component_instance")) == 1  # the small map


def test_compare_page_asks_for_a_second_cluster():
    at = run_app(ids="lviv-it-cluster")
    at.switch_page("pages/compare.py").run()
    assert [i.value for i in at.info] == ["Choose at least two clusters to compare them side by side."]
    at.multiselect(key="compare_ids").select("kyiv-it-cluster").run()
    assert at.query_params["ids"] == "lviv-it-cluster,kyiv-it-cluster" and not at.info


def test_a_profile_opens_compare_with_that_cluster():
    at = run_app()
    at.selectbox(key="profile_id").select("poltava-it-cluster").run()
    at.button(key="compare_with").click().run()
    assert at.session_state["compare_ids"] == ["poltava-it-cluster"]
    assert at.query_params["ids"] == "poltava-it-cluster"
    assert [i.value for i in at.info] == ["Choose at least two clusters to compare them side by side."]


def test_search_text_from_the_url_is_shown_literally_in_captions():
    q = "[x](javascript:alert(1)) ![i](http://x.invalid/p.png) **b**"
    at = run_app(q=q)
    shown_line = next(c.value for c in at.caption if c.value.startswith("Shown"))
    assert markdown_literal(q) in shown_line  # every Markdown special escaped: no link, image or bold
    assert "](javascript" not in shown_line and "](http" not in shown_line
