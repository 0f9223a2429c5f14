"""The app in Streamlit's AppTest: real script runs, with default, filtered and invalid URLs."""

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 60


def run_app(**query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


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


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "relocated"}, 2),
    ({"region": "east"}, 7),
    ({"founded": "2015-2016", "unknown": "0"}, 6),
    ({"members": "100-"}, 10),  # two clusters over 100, eight not stated stay visible
    ({"q": "Kramatorsk"}, 2),
])
def test_filtered_urls(query, expected):
    at = run_app(**query)
    assert not at.exception
    assert shown(at) == f"**{expected} of 26 clusters shown**"


@pytest.mark.parametrize("query", [
    {"oblast": "UA-99"},
    {"founded": "twenty"},
    {"status": "<script>alert(1)</script>"},
    {"members": "9" * 5000},
    {"nonsense": "1"},
])
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
    [panel] = at.get("html")
    html = panel.proto.body
    assert "Poltava IT Cluster" in html and "section 12 of the overview" in html
    assert "<th scope='row'>Member companies</th><td>not stated</td>" in html
