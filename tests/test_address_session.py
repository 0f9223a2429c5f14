"""The address inside a session: read once into the widgets, with a notice for each value the
data cannot show; the widgets' values kept across pages and new data; the map's own view kept
until the view changes; the address written back on every run."""

from itclusters import filters as flt
from ui import address, frame

from .apptest import new_app

VOCABULARY = flt.Vocabulary((), (), ())


def warnings(at) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]  # as the reader sees them: literal text


def test_new_data_moves_the_sliders_and_keeps_every_other_widget_value():
    """A later run (the widgets exist): nothing is read from the address; the values stay, set
    again so that Streamlit keeps them, and the ranges follow the new data's bounds."""
    state = {key: value for key, value in address.widget_state(address.Address(), (2011, 2024), (0, 600)).items()}
    state |= {"f_founded": (1990, 2100), "f_members": (5, 900), "map_hubs": True, "profile_id": "lviv-it-cluster"}
    address.seed(state, VOCABULARY, [], (2011, 2020), (0, 300))
    assert state["f_founded"] == (2011, 2020) and state["f_members"] == (5, 300)
    assert state["map_hubs"] is True and state["profile_id"] == "lviv-it-cluster" and state["f_region"] == []
    assert address.NOTICES_KEY not in state  # nothing was read from the address


def test_ranges_from_the_address_beyond_the_data_are_named_and_shown_clamped(dataset):
    years, members = frame.bounds(dataset)
    at = new_app(founded="1990-2100", members=f"5-{members[1] + 1}").run()
    assert not at.exception
    assert warnings(at) == [
        f"founded=1990-2100 lies beyond the data ({years[0]}–{years[1]}): showing founded=- instead.",
        f"members=5-{members[1] + 1} lies beyond the data ({members[0]}–{members[1]}): showing members=5- instead.",
    ]
    assert at.session_state["f_founded"] == years and at.session_state["f_members"] == (5, members[1])
    assert at.query_params["members"] == "5-" and "founded" not in at.query_params  # the address says what is shown


def test_a_broken_own_story_and_a_bad_value_are_both_named():
    at = new_app(status="nope", own="x").run()
    assert not at.exception
    shown = warnings(at)
    assert len(shown) == 2 and shown[0].startswith("Ignored status='nope'")
    assert shown[1] == "the story in the address (own=): 'x': is not a story this dashboard wrote"
    at.run()  # the notices stay with the address while it is shown
    assert warnings(at) == shown


def test_the_maps_own_view_from_the_address_is_kept_until_the_view_changes():
    at = new_app(at="50.45,30.52,8").run()
    assert not at.exception and at.session_state["address_at"] == (50.45, 30.52, 8.0)
    assert at.query_params["at"] == "50.45,30.52,8"
    at.query_params["at"] = "49,31,7"  # the reader moved the map: its frame wrote the address
    at.run()
    assert at.session_state["address_at"] == (49.0, 31.0, 7.0) and at.query_params["at"] == "49,31,7"
    at.sidebar.multiselect(key="f_status").set_value(["relocated"]).run()  # a new view fits the map again
    assert at.session_state["address_at"] is None and "at" not in at.query_params
    assert at.query_params["status"] == "relocated"


def test_the_maps_layers_and_profile_survive_a_visit_to_a_chart_page():
    at = new_app(hubs="1", cluster="kharkiv-it-cluster").run()
    at.switch_page("pages/members.py").run()  # the map's widgets are not drawn here
    assert not at.exception and at.query_params["hubs"] == "1" and at.query_params["cluster"] == "kharkiv-it-cluster"
    at.switch_page("pages/map.py").run()
    assert at.session_state["map_hubs"] is True and at.session_state["profile_id"] == "kharkiv-it-cluster"
    assert at.query_params["hubs"] == "1" and at.query_params["cluster"] == "kharkiv-it-cluster"


def test_a_filter_changed_in_the_sidebar_is_not_undone_by_the_address():
    at = new_app(region="west").run()
    at.sidebar.multiselect(key="f_region").set_value(["east"]).run()
    assert at.session_state["f_region"] == ["east"] and at.query_params["region"] == "east"


def test_the_own_story_rides_in_the_address_up_to_its_limit_exactly(overview, monkeypatch):
    from dataclasses import replace

    from itclusters import stories

    own = replace(overview, id=address.OWN_ID)
    text = stories.encode(own)
    assert address.encoded_own({}) is None  # no story of one's own
    monkeypatch.setattr(stories, "MAX_ADDRESS_CHARS", len(text))
    assert address.encoded_own({address.OWN_KEY: own}) == text
    monkeypatch.setattr(stories, "MAX_ADDRESS_CHARS", len(text) - 1)
    assert address.encoded_own({address.OWN_KEY: own}) is None  # too long: the Stories page says so


def test_the_sidebar_carries_the_copy_link_button_with_its_script():
    from itclusters.i18n import override
    from ui import platform_texts

    at = new_app(lang="uk").run()
    [button] = [h.proto for h in at.sidebar.get("html") if "itc-copy-link" in h.proto.body]
    with override("uk"):
        expected = address.copy_link_html() + platform_texts.script()
    assert button.body == expected and "Копіювати посилання на цей вигляд" in button.body
    assert button.unsafe_allow_javascript is True  # the button copies and speaks only with its script


def test_the_maps_own_view_comes_back_to_an_address_that_lost_it():
    """Streamlit clears the query string on a page switch: the next run writes the view back."""
    at = new_app(at="50.45,30.52,8").run()
    at.switch_page("pages/members.py")
    at.query_params.clear()
    at.run()
    assert not at.exception and at.query_params["at"] == "50.45,30.52,8"
    at.switch_page("pages/map.py").run()
    assert at.query_params["at"] == "50.45,30.52,8" and at.session_state["address_at"] == (50.45, 30.52, 8.0)


def test_a_story_from_the_address_is_the_readers_own_whatever_id_it_was_given(overview):
    from itclusters import stories

    at = new_app(own=stories.encode(overview)).run()  # the shipped story's id inside: not a second overview
    assert not at.exception and at.session_state["own_story"].id == address.OWN_ID
    assert at.session_state["own_story"].slides == overview.slides
