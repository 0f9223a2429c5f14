"""Clicks on the map, as streamlit-folium reports them to the page: a marker picks its cluster, a
click elsewhere in an oblast filters the map to it and a second clears it, a rerun repeating the
last click changes nothing, and while presenting the slide's filters hold. (The browser tests click
the real map; these run in every mutation run.)"""

import pytest
import streamlit_folium

from itclusters.maps import tooltip_html, tooltip_text
from itclusters.profile import profile_html
from ui import profile_panel

from .apptest import new_app

IN_LVIV_OBLAST = {"lat": 49.6, "lng": 24.3}  # away from every marker
ALSO_IN_LVIV_OBLAST = {"lat": 49.5, "lng": 23.6}
IN_BERLIN = {"lat": 52.52, "lng": 13.4}  # no oblast


@pytest.fixture
def clicks(monkeypatch):
    """What the map reports on the next runs: set `clicks.returned`, then run the app."""

    class Clicks:
        returned: dict | None = None

    real = streamlit_folium.st_folium

    def reported(*args, **kwargs):
        real(*args, **kwargs)
        return Clicks.returned

    monkeypatch.setattr(streamlit_folium, "st_folium", reported)  # pages/map.py imports it on every run
    return Clicks


def marker_click(dataset, cluster_id: str) -> dict:
    row = dataset.clusters.set_index("id", drop=False).loc[cluster_id]
    where = {"lat": row["lat"], "lng": row["lon"]}
    # A marker's click is a click on the map too: the marker wins.
    return {
        "last_clicked": where,
        "last_object_clicked": where,
        "last_object_clicked_tooltip": tooltip_text(tooltip_html(row)),
    }


def map_click(where: dict) -> dict:
    return {"last_clicked": where, "last_object_clicked": None, "last_object_clicked_tooltip": None}


def test_a_marker_click_opens_its_profile_once(clicks, dataset):
    clicks.returned = marker_click(dataset, "kharkiv-it-cluster")
    at = new_app().run()
    assert not at.exception
    assert at.session_state["profile_id"] == "kharkiv-it-cluster" and at.session_state["f_oblast"] == []
    assert any("Kharkiv IT Cluster" in h.proto.body for h in at.get("html"))  # the profile beside the map
    assert "dialog" not in {getattr(b, "type", None) for b in blocks(at._tree)}  # beside it, not over it
    at.selectbox(key="profile_id").set_value(None).run()  # the reader closes it: the same click comes again
    assert at.session_state["profile_id"] is None
    clicks.returned = marker_click(dataset, "lviv-it-cluster")  # a new click
    at.run()
    assert at.session_state["profile_id"] == "lviv-it-cluster"


def test_a_marker_click_while_presenting_opens_the_profile_over_the_map(clicks, dataset):
    clicks.returned = marker_click(dataset, "kharkiv-it-cluster")
    at = new_app(present="1").run()
    assert [b.proto.dialog.title for b in blocks(at._tree) if getattr(b, "type", None) == "dialog"] == [
        "Cluster profile"
    ]


@pytest.mark.parametrize(("limit", "picked"), [(26, "kharkiv-it-cluster"), (25, None)])
def test_markers_pick_a_profile_only_while_the_clusters_shown_are_few_enough_to_list(
    clicks, dataset, monkeypatch, limit, picked
):
    monkeypatch.setattr(profile_panel, "SVG_LIMIT", limit)  # 26 clusters are shown
    clicks.returned = marker_click(dataset, "kharkiv-it-cluster") | {"last_clicked": None}
    at = new_app().run()
    assert not at.exception and at.session_state["profile_id"] == picked


def test_a_marker_of_no_cluster_shown_picks_nothing_and_a_click_beside_it_still_filters(clicks):
    clicks.returned = {
        "last_clicked": IN_LVIV_OBLAST,
        "last_object_clicked": IN_LVIV_OBLAST,
        "last_object_clicked_tooltip": "A cluster that is not there",
    }
    at = new_app().run()
    assert at.session_state["profile_id"] is None and at.session_state["f_oblast"] == ["UA-46"]


def test_a_click_in_an_oblast_filters_to_it_and_a_second_clears_it(clicks):
    clicks.returned = map_click(IN_LVIV_OBLAST)
    at = new_app().run()  # the page filters and runs again: the repeated click does not clear it
    assert not at.exception and at.session_state["f_oblast"] == ["UA-46"]
    assert at.query_params["oblast"] == "UA-46"  # and the address says so
    at.run()  # a rerun repeats the last click
    assert at.session_state["f_oblast"] == ["UA-46"]
    clicks.returned = map_click(IN_BERLIN)  # beyond the border: nothing changes
    at.run()
    assert at.session_state["f_oblast"] == ["UA-46"] and at.session_state["profile_id"] is None
    clicks.returned = map_click(ALSO_IN_LVIV_OBLAST)
    at.run()
    assert at.session_state["f_oblast"] == []


def test_a_click_on_the_map_while_presenting_keeps_the_slides_filters(clicks):
    clicks.returned = map_click(IN_LVIV_OBLAST)
    at = new_app(present="1").run()
    assert not at.exception and at.session_state["f_oblast"] == []


# -- The panel beside the map -----------------------------------------------------------------------

PANEL_HINT = (
    "Click a marker on the map to see the cluster's profile: every fact the source gives, "
    "with 'not stated' where it is silent."
)


def test_the_panel_lists_the_clusters_shown_by_name_and_says_how_to_pick_one(dataset):
    at = new_app().run()
    pick = at.selectbox(key="profile_id")
    assert (pick.label, pick.placeholder, pick.value) == ("Cluster profile", "Click a marker, or choose here", None)
    assert pick.options[:3] == ["Lviv IT Cluster", "IT Dnipro Community", "Odesa IT Family"]
    assert len(pick.options) == len(dataset.clusters) and PANEL_HINT in [c.value for c in at.caption]
    pick.set_value("kolomyia-it-cluster").run()
    assert PANEL_HINT not in [c.value for c in at.caption]
    row = dataset.clusters.set_index("id", drop=False).loc["kolomyia-it-cluster"]
    whole = profile_html(row, dataset.relocations, dataset.clusters, dataset.facts)  # its parent named
    assert whole in [h.proto.body for h in at.get("html")]
    compare = at.button(key="compare_with")
    assert (compare.label, compare.proto.icon) == ("Compare with other clusters", "⚖️")
    # A filter that hides the cluster closes its profile.
    at.sidebar.multiselect(key="f_region").set_value(["east"]).run()
    assert at.session_state["profile_id"] is None and PANEL_HINT in [c.value for c in at.caption]
    assert "kolomyia-it-cluster" not in at.selectbox(key="profile_id").options


def test_too_many_clusters_to_list_ask_for_narrower_filters(monkeypatch):
    monkeypatch.setattr(profile_panel, "SVG_LIMIT", 25)  # 26 are shown
    at = new_app(cluster="kharkiv-it-cluster").run()
    assert not at.exception and "profile_id" not in [s.key for s in at.selectbox]
    assert "26 clusters are shown. Narrow the filters to 25 or fewer to pick one and see its profile." in [
        c.value for c in at.caption
    ]
    monkeypatch.setattr(profile_panel, "SVG_LIMIT", 26)
    assert at.run().selectbox(key="profile_id").value == "kharkiv-it-cluster"


def blocks(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from blocks(child)
