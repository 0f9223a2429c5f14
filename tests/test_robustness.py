"""Updating the data in the app, hostile text, broken shipped files: never a crash, nothing lost,
nothing run."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from itclusters.schema import DATA_DIR
from itclusters.text import escape, markdown_literal
from ui.run_queue import RUNS, SLOTS

from .apptest import new_app
from .conftest import TESTS
from .test_app import shown

HOSTILE = TESTS / "hostile"
MALFORMED = TESTS / "malformed"
pytestmark = pytest.mark.usefixtures("fresh_caches")  # each test as a new server would start

PAGES = [
    "pages/members.py",
    "pages/founding_years.py",
    "pages/wartime_status.py",
    "pages/data.py",
    "pages/about.py",
    "pages/regions.py",
    "pages/compare.py",
    "pages/stories.py",
]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(folder))
    return folder


def app(page: str | None = None, **query) -> AppTest:
    at = new_app(**query).run()
    if page:
        at.switch_page(page).run()
    return at


def csv_file(name, path):
    return (name, path.read_bytes(), "text/csv")


# -- Updating the data in the app ------------------------------------------------------------


def test_valid_upload_is_used_for_this_session_only():
    at = app("pages/data.py")
    at.file_uploader(key="upload_clusters").set_value(csv_file("clusters.csv", HOSTILE / "clusters.csv")).run()
    assert [s.value for s in at.success] == ["The upload is valid: 26 clusters."]
    next(b for b in at.button if b.label == "Use the uploaded data in this session").click().run()
    assert "Using uploaded data (26 clusters) in this browser session only." in [i.value for i in at.info]
    assert at.dataframe[0].value["Cluster"].iloc[1] == "<script>alert('name')</script>"
    # Another session (another browser) still sees the published data.
    other = app("pages/data.py")
    assert other.dataframe[0].value["Cluster"].iloc[1] == "IT Dnipro Community"
    assert not any("uploaded data" in i.value for i in other.info)
    # Nothing was written to data/.
    assert "<script>" not in (DATA_DIR / "clusters.csv").read_text(encoding="utf-8")
    # Revert.
    next(b for b in at.button if b.label == "Revert to the published data").click().run()
    assert at.dataframe[0].value["Cluster"].iloc[1] == "IT Dnipro Community"


def test_a_second_revert_finds_nothing_to_revert_and_changes_nothing():
    """A double click on Revert: the second press comes when the upload is already gone."""

    def script():
        import streamlit as st

        from ui import uploads

        uploads.use({"clusters": b"id\n"})
        uploads.revert()
        uploads.revert()
        st.write(repr(uploads.active()))

    at = AppTest.from_function(script).run()
    assert not at.exception and at.markdown[0].value == "None"


def test_invalid_upload_lists_its_problems_and_is_not_used():
    at = app("pages/data.py")
    at.file_uploader(key="upload_clusters").set_value(csv_file("mine.csv", MALFORMED / "several_problems.csv")).run()
    assert at.error[0].value == "The upload has 3 problem(s) and was not used. Fix them and upload again."
    problems = at.dataframe[-1].value
    assert list(problems.columns) == ["severity", "file", "row", "column", "value", "rule"]
    assert problems[["row", "column", "value"]].values.tolist() == [
        [2, "lat", "60"],
        [2, "status", "closed"],
        [3, "founded_year", "2030"],
    ]
    assert any(b.label == "Download the problem list (CSV)" for b in at.get("download_button"))
    assert shown(at) == "**26 of 26 clusters shown**"


def test_upload_in_windows_1251_with_semicolons_is_read():
    at = app("pages/data.py")
    at.file_uploader(key="upload_clusters").set_value(csv_file("c.csv", MALFORMED / "semicolons_decimal_commas.csv"))
    at.run()
    # Two rows are valid on their own, but relocations refer to clusters they lack.
    assert "problem(s)" in at.error[0].value
    assert "is not found in column id of clusters.csv" in " ".join(at.dataframe[-1].value["rule"])


def test_facts_upload_is_checked_with_its_foreign_keys(tmp_path):
    text = (
        (DATA_DIR / "facts.csv")
        .read_text(encoding="utf-8")
        .replace("lviv-it-arena,lviv-it-cluster,", "lviv-it-arena,lviv-it-clustr,", 1)
    )
    (tmp_path / "facts.csv").write_text(text, encoding="utf-8")
    at = app("pages/data.py")
    at.file_uploader(key="upload_facts").set_value(csv_file("facts.csv", tmp_path / "facts.csv")).run()
    assert at.error[0].value == "The upload has 1 problem(s) and was not used. Fix them and upload again."
    problem = at.dataframe[-1].value.iloc[0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
        "facts.csv",
        8,
        "cluster_id",
        "lviv-it-clustr",
    )
    assert problem["rule"] == "is not found in column id of clusters.csv"


def test_too_large_upload_gets_a_clear_message():
    at = app("pages/data.py")
    big = b"id,name\n" + b"x,y\n" * 600_000
    at.file_uploader(key="upload_clusters").set_value(("big.csv", big, "text/csv")).run()
    message = "big.csv is 2.4 MB: the limit is 2 MB. Upload the CSV alone, without images."
    assert at.error[0].value == markdown_literal(message)


# -- Hostile text ----------------------------------------------------------------------------


@pytest.fixture
def hostile_data(data_copy):
    shutil.copy(HOSTILE / "clusters.csv", data_copy / "clusters.csv")
    shutil.copy(HOSTILE / "relocations.csv", data_copy / "relocations.csv")
    shutil.copy(HOSTILE / "facts.csv", data_copy / "facts.csv")
    return data_copy


@pytest.mark.parametrize("page", [None, *PAGES])
def test_hostile_text_renders_every_page_literally(hostile_data, page):
    at = app(page)
    assert not at.exception
    assert shown(at) == "**26 of 26 clusters shown**"
    for caption in at.caption:  # every caption that quotes data escapes markdown
        assert "](http" not in caption.value and "](javascript" not in caption.value


def test_hostile_text_in_profile_and_tables(hostile_data):
    at = app()
    # Two hostile clusters share this name (Dnipro and Kolomyia): the list names each with its id.
    at.selectbox(key="profile_id").select("it-dnipro-community").run()
    assert at.selectbox(key="profile_id").value == "it-dnipro-community"
    [html] = [h.proto.body for h in at.get("html") if "itc-profile" in h.proto.body]
    assert "section 2 of the overview" in html  # the Dnipro cluster's own section, not Kolomyia's
    assert escape("<script>alert('name')</script>") in html and "<script>alert" not in html
    # The facts table's text in the profile: escaped, grouped under its topic.
    assert escape("[click me](javascript:alert('factlink'))") in html and "Research" in html
    assert escape("=HYPERLINK(") in html and "<b>broken table</b>" not in html
    at.switch_page("pages/data.py").run()
    table = at.dataframe[0].value
    assert table["Cluster"].iloc[1] == "<script>alert('name')</script>"
    assert len(table["Cluster"].iloc[0]) == 10_000
    facts = next(frame.value for frame in at.dataframe if "Note" in frame.value)
    assert "<script>alert('fact')</script>" in set(facts["Note"])  # shown as the characters it is


def test_hostile_url_values_are_shown_literally():
    at = app(oblast="![x](http://tracker.invalid/p.png)", q="<script>alert(1)</script>")
    assert not at.exception
    assert at.warning[0].value.startswith(markdown_literal("Ignored oblast='![x](http://tracker.invalid/p.png)'"))


# -- Broken shipped files --------------------------------------------------------------------


def test_missing_clusters_file_gives_a_message_not_a_crash(data_copy):
    (data_copy / "clusters.csv").unlink()
    at = app()
    assert not at.exception
    assert at.error[0].value.startswith("The data files have 1 problem(s), listed below. No valid data")
    assert at.dataframe[0].value["rule"].tolist() == ["the file is missing"]
    # The run stopped early (st.stop) and still gave its turn back: the next reader is not locked out.
    assert (RUNS.free, RUNS.waiting) == (SLOTS, 0)


@pytest.mark.parametrize("content", [None, "", '{"type": "FeatureCollection", "features": [', "\x00\x01"])
def test_missing_or_broken_boundaries_still_show_the_clusters(data_copy, content):
    path = data_copy / "geo" / "oblasts.geojson"
    path.unlink() if content is None else path.write_text(content)
    at = app()
    assert not at.exception
    assert shown(at) == "**26 of 26 clusters shown**"
    assert "Oblast boundaries are unavailable; the clusters are shown without them." in [c.value for c in at.caption]


def test_broken_optional_table_keeps_the_clusters(data_copy):
    (data_copy / "hubs.csv").write_text("id,name\n")
    at = app()
    assert not at.exception and shown(at) == "**26 of 26 clusters shown**"
    assert "The dashboard shows what it can" in at.error[0].value


def test_a_broken_edit_keeps_the_last_good_data(data_copy):
    at = app()
    assert shown(at) == "**26 of 26 clusters shown**"
    path = data_copy / "clusters.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",active,", ",closed,", 1), encoding="utf-8")
    at.run()
    assert not at.exception
    assert shown(at) == "**26 of 26 clusters shown**"
    assert "keeps showing the last data that passed validation" in at.error[0].value
    assert at.dataframe[0].value["value"].tolist() == ["closed"]


def test_nonsense_and_very_long_url_parameters(data_copy):
    at = app(founded="1" * 10_000, members="abc", status=",,,", foo="bar", region="west," * 1000)
    assert not at.exception
    assert shown(at) == "**9 of 26 clusters shown**"


def test_the_apps_upload_limit_sits_below_streamlits():
    import tomllib

    from ui import uploads

    config = tomllib.loads((TESTS.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    streamlit_limit = config["server"]["maxUploadSize"] * 1_000_000  # MB; 10^6 is the stricter reading
    assert uploads.MAX_UPLOAD_BYTES < streamlit_limit  # so the app's own message can appear


def test_failing_uploads_are_not_kept_valid_ones_are():
    from ui import uploads

    good = {"clusters": (DATA_DIR / "clusters.csv").read_bytes()}
    bad = {"clusters": (MALFORMED / "unknown_status.csv").read_bytes()}
    assert uploads.check(bad).errors and uploads._valid() == {}
    # A broken optional table still gives a dataset (its clusters show), with an error: not kept either.
    broken_facts = {**good, "facts": b"cluster_id,topic\nlviv-it-cluster,\n"}
    result = uploads.check(broken_facts)
    assert result.dataset is not None and result.errors and uploads._valid() == {}
    first = uploads.check(good)
    assert uploads.check(good) is first and len(uploads._valid()) == 1
    for n in range(uploads.VALID_KEPT + 3):  # never more than VALID_KEPT
        variant = good["clusters"].replace(b"Lviv IT Cluster", f"Lviv IT Cluster {n}".encode())
        assert not uploads.check({"clusters": variant}).errors
    assert len(uploads._valid()) == uploads.VALID_KEPT


# -- Degenerate but valid data: every page copes ---------------------------------------------

NOT_STATED = [
    "founded_year",
    "founded_basis",
    "founded_note",
    "member_companies",
    "member_companies_bound",
    "professionals",
    "professionals_bound",
    "counts_period",
    "members_note",
    "head",
]


def degenerate(folder, variant: str) -> None:
    import pandas as pd

    clusters = pd.read_csv(folder / "clusters.csv", dtype=str, keep_default_na=False)
    moves = pd.read_csv(folder / "relocations.csv", dtype=str, keep_default_na=False)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    if variant == "no founding years":
        clusters[["founded_year", "founded_basis", "founded_note", "founded_note_uk"]] = ""
    elif variant == "one founding year":
        clusters.loc[clusters["founded_year"] != "", "founded_year"] = "2016"
    elif variant == "one cluster":
        clusters, moves, facts = clusters.head(1), moves.iloc[0:0], facts.iloc[0:0]
    elif variant == "every value not stated":
        clusters[NOT_STATED] = ""
        clusters[[f"{c}_uk" for c in NOT_STATED if f"{c}_uk" in clusters]] = ""  # no twin without its text
    clusters.to_csv(folder / "clusters.csv", index=False)
    moves.to_csv(folder / "relocations.csv", index=False)
    facts.to_csv(folder / "facts.csv", index=False)


@pytest.mark.parametrize("variant", ["no founding years", "one founding year", "one cluster", "every value not stated"])
def test_every_page_renders_degenerate_valid_data(data_copy, variant):
    degenerate(data_copy, variant)
    at = app()
    assert not at.exception and not at.error, variant
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (variant, page, [e.message for e in at.exception])
        assert not at.error, (variant, page)


def test_an_unexpected_error_reaches_no_reader_with_its_details():
    """client.showErrorDetails = none: a bug shows Streamlit's short notice, never the traceback,
    the message or a server path."""
    at = AppTest.from_string("raise ValueError('secret detail in /srv/app/itclusters/x.py')").run()
    [error] = at.exception
    assert "secret detail" not in error.message and "/srv/app" not in error.message
    assert error.stack_trace == [] and "redacted" in error.message


def test_a_broken_shipped_story_is_reported_and_the_rest_keeps_working(data_copy):
    story = data_copy / "stories" / "overview.json"
    story.write_text(story.read_text(encoding="utf-8").replace('"page": "members"', '"page": "memebers"'), "utf-8")
    at = app("pages/stories.py")
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # markdown_literal escapes punctuation
    assert any(
        "stories/overview.json, slide 5, field page: 'memebers': expected one of map, members" in e for e in errors
    ), errors
    at = app(None, present="1", story="overview", slide="2")
    assert not at.exception and "story" not in at.query_params  # an unknown story now, with a notice
    assert any("Unknown story 'overview'" in t.proto.body.replace("\\", "") for t in at.toast)
    at = app(None, hubs="1")  # the map's slides follow this view alone, with its layers
    assert not at.exception
    assert "Slides (PowerPoint)" in [b.proto.label for b in at.get("download_button")]


def test_the_maps_table_lists_up_to_the_svg_limit_and_points_to_the_data_page(data_copy):
    """Past 500 clusters the map's text alternative would be thousands of rows: it says where
    they all are instead (bench/make_synthetic.py, the published schema)."""
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(TESTS.parent / "bench" / "make_synthetic.py"), "600", str(data_copy)], check=True
    )

    def opened(at: AppTest):
        """The table's expander once the reader opens it: it is built only then."""
        closed = next(e for e in at.expander if e.label == "The map as a table")
        assert closed.get("html") == [] and closed.caption == []
        at.session_state["map_table"] = True
        return next(e for e in at.run().expander if e.label == "The map as a table")

    at = app()
    assert not at.exception
    assert [c.value for c in opened(at).caption] == [
        "The Data page lists them all. Narrow the filters to 500 or fewer to list them here."
    ]
    small = app(q="synthetic cluster 12")  # 12, 120-129: eleven rows
    assert opened(small).get("html")[0].proto.body.count("<tr>") == 12
    # Open, it stays open and follows the filters.
    small.sidebar.text_input(key="f_q").input("synthetic cluster 7").run()  # 7, 70-79: eleven again
    table = next(e for e in small.expander if e.label == "The map as a table").get("html")[0].proto.body
    assert table.count("<tr>") == 12 and "Synthetic cluster 77" in table and "Synthetic cluster 12" not in table


def test_an_edited_story_file_is_read_again_without_a_restart(data_copy, fresh_caches):
    import json

    at = app("pages/stories.py")
    assert "Ukraine\\'s IT clusters\\: an overview" in [h.value for h in at.header]  # as Markdown, literally
    path = data_copy / "stories" / "overview.json"
    story = json.loads(path.read_text(encoding="utf-8"))
    story["title"]["en"] = "The clusters, retold"
    path.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    at.run()
    assert "The clusters, retold" in [h.value for h in at.header] and not at.exception


def test_an_unknown_story_with_no_stories_shipped_says_there_are_none(data_copy):
    for path in (data_copy / "stories").glob("*.json"):
        if path.name != "story.schema.json":
            path.unlink()
    at = app(present="1", story="overview")
    assert not at.exception
    notices = [t.proto.body.replace("\\", "") for t in at.toast]
    assert any("Unknown story 'overview': the stories here are -." in n for n in notices), notices
