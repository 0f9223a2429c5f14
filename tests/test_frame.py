"""The shared frame without a running app: the cached load, which data is shown, and the
sidebar's adapters between widget values and filters."""

import shutil

import pandas as pd
import pytest
import streamlit as st

from itclusters import filters as flt
from itclusters.data import LoadResult
from itclusters.maps import UKRAINE_BOUNDS, MapOptions
from itclusters.schema import DATA_DIR
from itclusters.stories import Layers
from itclusters.validation import Problem
from ui import frame
from ui.address import filter_state as widget_state
from ui.address import filters_from_state as filters_from_widgets
from ui.address import slider_bounds
from ui.map_controls import map_options


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(folder))
    st.cache_resource.clear()
    yield folder
    st.cache_resource.clear()


# -- The cached load -------------------------------------------------------------------------


def test_the_load_is_shared_until_a_data_file_changes(data_copy):
    first = frame.load(frame.fingerprint())
    assert frame.load(frame.fingerprint()) is first  # one shared copy, not a reload per rerun
    clusters = data_copy / "clusters.csv"
    clusters.write_text(clusters.read_text(encoding="utf-8").replace("Lviv IT Cluster", "Lviv IT Cluster (ed.)"))
    second = frame.load(frame.fingerprint())
    assert second is not first
    assert "Lviv IT Cluster (ed.)" in set(second[0].dataset.clusters["name"])


def test_fingerprint_covers_every_csv_the_schema_and_the_boundaries(data_copy):
    names = [entry[0] for entry in frame.fingerprint(data_copy)]
    assert {"clusters.csv", "relocations.csv", "hubs.csv", "regions.csv", "datapackage.json"} <= set(names)
    assert "oblasts.geojson" in names
    (data_copy / "hubs.csv").unlink()
    assert ("hubs.csv",) not in frame.fingerprint(data_copy)  # a removed file changes it too


# -- Which data is shown ---------------------------------------------------------------------

ERROR = Problem("clusters.csv", 3, "status", "closed", "must be one of active, relocated, no_recent_info")


@pytest.fixture(scope="module")
def good(dataset):
    return LoadResult(dataset)


def test_a_valid_upload_wins(good, dataset):
    upload = LoadResult(dataset)
    store = {}
    assert frame.choose_dataset(good, upload, store) == (upload.dataset, frame.UPLOAD)
    assert store["dataset"] is good.dataset


def test_an_invalid_upload_is_never_used(good):
    upload = LoadResult(good.dataset, [ERROR])
    assert frame.choose_dataset(good, upload, {}) == (good.dataset, frame.PUBLISHED)


def test_a_broken_published_file_keeps_the_last_good_data(good, dataset):
    store = {}
    frame.choose_dataset(good, None, store)
    broken = LoadResult(dataset, [ERROR])
    chosen, source = frame.choose_dataset(broken, None, store)
    assert (chosen, source) == (good.dataset, frame.LAST_GOOD)
    assert store["dataset"] is good.dataset  # not replaced by the broken load


def test_without_good_data_the_loaded_tables_or_nothing(dataset):
    assert frame.choose_dataset(LoadResult(dataset, [ERROR]), None, {}) == (dataset, frame.PARTIAL)
    assert frame.choose_dataset(LoadResult(None, [ERROR]), None, {}) == (None, frame.NOTHING)
    assert frame.source_notice(frame.NOTHING).startswith("No valid data")
    assert frame.source_notice(frame.PUBLISHED) == ""


# -- The sidebar's adapters (ui/address.py holds them) ----------------------------------------------


@pytest.mark.parametrize(
    ("values", "floor", "expected"),
    [
        ([2011, 2019, None], None, (2011, 2019)),
        ([12, 600], 0, (0, 600)),
        ([None, None], None, (0, 1)),  # nothing stated: still a slider Streamlit accepts
        ([], 0, (0, 1)),
        ([None], 2000, (2000, 2001)),  # nothing stated: the floor still holds
        ([2016, 2016], None, (2016, 2017)),  # one value: min < max all the same
        ([0], 0, (0, 1)),
    ],
)
def test_slider_bounds(values, floor, expected):
    assert slider_bounds(pd.Series(values, dtype="Int64"), floor) == expected


YEARS, MEMBERS = (2011, 2024), (0, 600)


@pytest.mark.parametrize(
    "filters",
    [
        flt.Filters(),
        flt.Filters(regions=("east",), oblasts=("UA-46",), statuses=("active", "relocated")),
        flt.Filters(founded=(2015, 2020), members=(10, None), q="Lviv", include_unknown=False),
        flt.Filters(founded=(None, 2018), members=(None, 300)),
    ],
)
def test_widgets_show_the_filters_and_give_them_back(filters):
    assert filters_from_widgets(widget_state(filters, YEARS, MEMBERS), YEARS, MEMBERS) == filters


def test_ranges_outside_the_data_are_clamped_and_slider_ends_mean_no_limit():
    state = widget_state(flt.Filters(founded=(1990, 2100), members=(700, 900)), YEARS, MEMBERS)
    assert state["f_founded"] == YEARS and state["f_members"] == (600, 600)
    back = filters_from_widgets(state, YEARS, MEMBERS)
    assert back.founded == (None, None) and back.members == (600, None)


def test_search_text_is_trimmed_and_capped():
    state = widget_state(flt.Filters(), YEARS, MEMBERS) | {"f_q": "  " + "x" * 500 + " "}
    assert filters_from_widgets(state, YEARS, MEMBERS).q == "x" * flt.MAX_QUERY_LENGTH


def test_widgets_not_drawn_yet_read_as_the_default_view():
    """A first run, before the map's controls exist: the address holds the defaults, not a guess."""
    from itclusters.address import Address
    from ui import address

    assert address.address_from_state(widget_state(flt.Filters(), YEARS, MEMBERS), YEARS, MEMBERS) == Address()
    drawn = widget_state(flt.Filters(), YEARS, MEMBERS) | {
        "map_relocations": False,
        "map_hubs": True,
        "map_labels": True,
        "map_shading": "<unknown>",  # not an option: no shading
        "slide": "2",  # not an index: the first slide
    }
    read = address.address_from_state(drawn, YEARS, MEMBERS)
    assert read.layers == Layers(relocations=False, hubs=True, shading="none", labels=True) and read.slide == 1
    story = address.address_from_state(drawn | {"story": "overview", "present": False}, YEARS, MEMBERS)
    assert story.present is True and story.story == "overview"  # a story is always presented


# -- The map's controls ----------------------------------------------------------------------


def test_map_controls_start_from_their_defaults_and_give_their_options():
    state = {}
    in_page = MapOptions(
        relocations=True, hubs=False, choropleth=None, height=620, fit_window="--itc-map-top", view_in_address=True
    )
    assert map_options(state, present=False) == in_page  # the frame fills the window below the controls
    assert state["map_shading"] == "none"  # a real option, shown as "nothing", not an empty box
    state.update(map_relocations=False, map_hubs=True, map_shading="members", map_online=True)
    presenting = MapOptions(
        False, True, "members", True, height=470, focus=UKRAINE_BOUNDS, fill_frame=True, view_in_address=True
    )
    assert map_options(state, present=True, focus=UKRAINE_BOUNDS) == presenting
    assert map_options({"map_shading": "<script>"}, present=False).choropleth is None


# -- Loading the view: pure over the session's widget values ------------------------------------


def test_the_view_is_loaded_from_the_widgets_with_the_slide_applied(dataset, overview):
    from itclusters.address import Address
    from ui import address

    years, members = frame.bounds(dataset)
    state = address.widget_state(
        Address(flt.Filters(statuses=("relocated",)), cluster="kharkiv-it-cluster"), years, members
    )
    view, notices = frame.load_view(
        state, dataset, {"overview": overview}, oblasts=None, boundaries=None, published=None
    )
    assert notices == [] and view.story is None and view.address.cluster == "kharkiv-it-cluster"
    assert set(view.clusters["status"]) == {"relocated"} and view.summary.startswith("status")
    state = address.widget_state(Address(story="overview", slide=2), years, members)
    view, notices = frame.load_view(
        state, dataset, {"overview": overview}, oblasts=None, boundaries=None, published=None
    )
    assert view.story is overview and view.slide == 1 and view.present
    assert view.filters.regions == ("east",) and set(view.clusters["macro_region"]) == {"east"}
