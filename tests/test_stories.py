"""Stories: the shipped one tells the source's story, bad files are reported precisely, and a
slide's filters and layers reach the widgets."""

import json

import pytest

from itclusters import filters as flt
from itclusters.address import Address
from itclusters.stories import (
    STORIES_DIR,
    Layers,
    Slide,
    Story,
    check_story,
    moved,
    to_json,
)
from ui import address as ui_address
from ui import story as story_ui


def test_the_shipped_story_tells_the_source_story(overview, vocabulary, dataset):
    slides = overview.slides
    assert len(slides) >= 5
    pages = [s.page for s in slides]
    assert pages[0] == "map" and slides[0].filters == {}  # every cluster
    east = next(s for s in slides if s.filters.get("region") == "east")
    assert east.page == "map" and east.layers.relocations  # the east and the relocations
    assert "founding_years" in pages and "wartime_status" in pages  # founding; status by macro-region
    largest = next(s for s in slides if s.page == "members")  # the largest clusters
    shown = flt.apply(dataset.clusters, flt.from_query(largest.filters, vocabulary).filters)
    assert set(shown["id"]) >= {"kharkiv-it-cluster", "lviv-it-cluster"} and len(shown) < 8
    for slide in slides:
        assert slide.caption["en"] and slide.caption["uk"] and slide.caption["en"] != slide.caption["uk"]


def test_a_bad_story_names_the_file_the_slide_the_field_and_the_value(vocabulary):
    bad = {
        "id": "bad",
        "title": {"en": "x", "uk": "y"},
        "slides": [
            {"page": "mapp", "caption": {"en": "a", "uk": "b"}},
            {"page": "map", "caption": {"en": "a", "uk": "b"}, "filters": {"region": "nowhere", "founded": "x-"}},
            {"page": "map", "caption": {"en": "a"}, "layers": {"shading": "pink"}},
        ],
    }
    story, problems = check_story(json.dumps(bad).encode(), "stories/bad.json", vocabulary)
    assert story is None
    found = {(p.file, p.slide, p.field, p.value) for p in problems}
    assert ("stories/bad.json", 1, "page", "mapp") in found
    assert ("stories/bad.json", 2, "filters.region", "nowhere") in found
    assert ("stories/bad.json", 2, "filters.founded", "x-") in found
    assert ("stories/bad.json", 3, "layers.shading", "pink") in found
    assert any(p.slide == 3 and p.field == "caption" and "'uk'" in p.rule for p in problems)
    assert str(next(p for p in problems if p.field == "page")).startswith(
        "stories/bad.json, slide 1, field page: 'mapp'"
    )


@pytest.mark.parametrize(
    "raw, rule",
    [
        (b"\xff\xfe{", "not UTF-8"),
        (b'{"id": ', "not valid JSON"),
        (b"[" * 100_000, "nests too deep"),
        (b" " * 300_000, "larger than"),
        (b"[]", "is not of type 'object'"),
    ],
)
def test_files_that_are_not_stories_get_a_message_not_a_traceback(raw, rule, vocabulary):
    story, problems = check_story(raw, "up.json", vocabulary)
    assert story is None and len(problems) >= 1 and rule in str(problems[0])


def test_a_story_downloads_and_uploads_unchanged(overview, vocabulary):
    again, problems = check_story(to_json(overview), "again.json", vocabulary)
    assert problems == [] and again == overview


def test_slides_move_up_and_down_but_not_off_the_ends():
    a, b, c = (Slide("map", {"en": n, "uk": n}) for n in "abc")
    assert moved((a, b, c), 1, -1) == (b, a, c)
    assert moved((a, b, c), 1, 1) == (a, c, b)
    assert moved((a, b, c), 0, -1) == (a, b, c) and moved((a, b, c), 2, 1) == (a, b, c)


def session(address: Address, years=(2010, 2023), members=(0, 600)) -> dict:
    """A session's state as ui/address.seed leaves it for this address."""
    return ui_address.widget_state(address, years, members)


def test_resolving_a_slide_sets_its_filters_and_layers_once(overview, vocabulary):
    stories = {"overview": overview}
    state = session(Address(story="overview", slide=2))
    shown, index, notices = story_ui.resolve(state, stories, vocabulary, (2010, 2023), (0, 600))
    assert shown is overview and index == 1 and notices == []
    assert state["f_region"] == ["east"] and state["map_relocations"] is True and state["map_shading"] == "none"
    state["f_region"] = ["west"]  # the presenter clicks an oblast: the slide does not undo it
    story_ui.resolve(state, stories, vocabulary, (2010, 2023), (0, 600))
    assert state["f_region"] == ["west"]
    story_ui.step(state, len(overview.slides), 1)
    story_ui.resolve(state, stories, vocabulary, (2010, 2023), (0, 600))
    assert state["slide"] == 2 and state["f_region"] == []  # slide 3: every cluster again


def test_a_slide_sets_every_layer_and_presenting_whatever_the_reader_had(overview, vocabulary):
    mine = Layers(relocations=False, hubs=True, shading="members", labels=True)
    state = session(Address(story="overview", slide=2, layers=mine))
    assert state["present"] is False  # a story in the address means presenting: the slide says so
    story_ui.resolve(state, {"overview": overview}, vocabulary, (2010, 2023), (0, 600))
    layers = overview.slides[1].layers
    assert layers != mine and state["present"] is True
    assert (state["map_relocations"], state["map_hubs"], state["map_shading"], state["map_labels"]) == (
        layers.relocations,
        layers.hubs,
        layers.shading,
        layers.labels,
    )


def test_an_unknown_story_or_slide_gets_a_notice(overview, vocabulary):
    state = session(Address(story="nope"))
    shown, _index, notices = story_ui.resolve(state, {"overview": overview}, vocabulary, (0, 1), (0, 1))
    assert shown is None and state["story"] is None and "'nope'" in notices[0] and "overview" in notices[0]
    state = session(Address(story="overview", slide=99))
    shown, index, notices = story_ui.resolve(state, {"overview": overview}, vocabulary, (0, 1), (0, 1))
    assert index == len(overview.slides) - 1 and "'99'" in notices[0]


def test_the_reader_adds_reorders_and_removes_slides():
    layers = Layers(False, True, "members")
    east = Address(flt.Filters(regions=("east",)), layers)
    story_ui.add_slide(state := {}, "map", east, {"en": "region: East", "uk": "регіон: Схід"})
    story_ui.add_slide(state, "members", Address(), {"en": "all clusters", "uk": "усі кластери"})
    own = state[story_ui.OWN]
    assert isinstance(own, Story) and [s.page for s in own.slides] == ["map", "members"]
    assert own.slides[0].filters == {"region": "east"} and own.slides[0].layers == layers
    assert own.slides[0].caption == {"en": "region: East", "uk": "регіон: Схід"}
    story_ui._move(state, 1, -1)
    assert [s.page for s in state[story_ui.OWN].slides] == ["members", "map"]
    story_ui._remove(state, 0)
    story_ui._remove(state, 0)
    assert state[story_ui.OWN] is None


def test_a_caption_is_kept_to_300_characters_of_text_that_can_be_shown():
    state = {}
    story_ui.add_slide(state, "map", Address(), {"en": "all clusters", "uk": "усі кластери"})
    state["typed"] = "\x07" + "а" * 400  # pasted, past the box's limit; a control character first
    story_ui._caption(state, 0, "uk", "typed")
    caption = state[story_ui.OWN].slides[0].caption
    assert caption == {"en": "all clusters", "uk": "а" * 300}


def test_removing_a_slide_from_the_middle_keeps_the_others_in_order():
    state = {}
    for page in ("map", "members", "regions"):
        story_ui.add_slide(state, page, Address(), {"en": page, "uk": page})
    story_ui._remove(state, 1)
    assert [s.page for s in state[story_ui.OWN].slides] == ["map", "regions"]


def test_every_shipped_story_file_is_valid_json_with_its_schema():
    files = [p for p in STORIES_DIR.glob("*.json") if p.name != "story.schema.json"]
    assert files and all(json.loads(p.read_text())["$schema"] == "./story.schema.json" for p in files)


def test_the_map_passes_on_the_stepping_keys_only_in_a_story():
    """Presenting the map alone, the arrows pan it; in a story they step (Escape leaves either way)."""
    assert story_ui.forwarded_keys(False) == {"Escape": 27}
    assert story_ui.forwarded_keys(True) == {
        "Escape": 27,
        "PageDown": 34,
        "ArrowRight": 39,
        " ": 32,
        "PageUp": 33,
        "ArrowLeft": 37,
    }
