"""Stories in the running app (AppTest): the address picks the slide, the buttons step through it,
and the reader's own story is built, presented and left."""

import html
import json
import random
import re
import string
from types import SimpleNamespace

import pytest

from itclusters import filters as flt
from itclusters import stories
from itclusters.style import MACRO_REGIONS, STATUSES
from ui import story as story_ui

from .apptest import new_app

ONE_SLIDE_STORY = stories.encode(
    stories.Story("mine", {"en": "M", "uk": "M"}, (stories.Slide("map", {"en": "a", "uk": "a"}),))
)


def title(at) -> str:
    """The page showing: the map by its title; a chart page, presented, by its one chart alone."""
    if at.session_state["page"] == "map":
        return at.title[0].value
    pictures = [h for h in at.get("html") if 'class="itc-slide"' in h.proto.body]
    assert not at.title and len(pictures) == 1 and 'alt="' in pictures[0].proto.body  # the slide's chart alone
    return {"founding_years": "Founding years", "wartime_status": "Wartime status", "members": "Members"}[
        at.session_state["page"]
    ]


def button(at, key):
    return next(b for b in at.button if b.key == key)


def keyed(block, key) -> list:
    """The containers made with st.container(key=key) anywhere inside block."""
    found = []
    for child in getattr(block, "children", {}).values():
        if getattr(getattr(child, "proto", None), "id", "").endswith("-" + key):
            found.append(child)
        found += keyed(child, key)
    return found


def test_the_address_opens_the_slide_on_its_page_with_its_filters():
    at = new_app(present="1", story="overview", slide="2").run()
    assert not at.exception
    assert title(at) == "Ukraine's regional IT clusters"
    assert at.session_state["f_region"] == ["east"] and at.session_state["map_relocations"] is True
    assert at.query_params["story"] == "overview" and at.query_params["slide"] == "2"
    assert at.query_params["region"] == "east" and at.query_params["present"] == "1"
    at = new_app(present="1", story="overview", slide="3").run()
    assert title(at) == "Founding years" and "region" not in at.query_params


def test_next_and_back_step_through_the_slides_and_the_address_follows():
    at = new_app(present="1", story="overview", slide="3").run()
    assert button(at, "story_back").disabled is False
    button(at, "story_next").click().run()
    assert title(at) == "Wartime status" and at.query_params["slide"] == "4"
    button(at, "story_next").click().run()
    assert title(at) == "Members" and at.query_params["members"] == "50-" and at.query_params["unknown"] == "0"
    button(at, "story_back").click().run()
    button(at, "story_back").click().run()
    assert title(at) == "Founding years" and at.query_params["slide"] == "3"
    assert any("3 / 6" in h.proto.body for h in at.get("html"))


def test_the_slim_line_names_each_control_and_its_key_in_one_centred_row():
    at = new_app(present="1", story="overview", slide="2").run()
    controls = {b.key: (b.label, b.help, b.proto.shortcut) for b in at.button if (b.key or "").startswith("story_")}
    assert controls == {
        "story_back": ("◀", "Previous slide (PageUp)", "pageup"),
        "story_next": ("▶", "Next slide (PageDown)", "pagedown"),
        "story_exit": ("✕", "Exit presentation (Esc)", "escape"),
        "story_next_Right": ("Right", "", "right"),  # a clicker's other keys, on hidden buttons
        "story_next_Space": ("Space", "", "space"),
        "story_back_Left": ("Left", "", "left"),
    }
    [keys] = keyed(at.main, "story_keys")
    assert sorted(b.key for b in keys.button) == ["story_back_Left", "story_next_Right", "story_next_Space"]
    columns = [c.proto for c in at.get("column")][:5]  # caption, back, 'n / N', next, exit
    widths = [9, 1.6, 1.2, 1.6, 1]
    assert [round(c.weight, 4) for c in columns] == [round(w / sum(widths), 4) for w in widths]
    assert {c.vertical_alignment for c in columns} == {columns[0].VerticalAlignment.CENTER}
    [caption] = [h.proto.body for h in at.get("html") if 'class="itc-caption"' in h.proto.body]
    assert caption.endswith('<span class="itc-summary">· region: East</span></div>')


def test_the_slim_line_shows_the_caption_in_the_readers_language(dataset):
    from itclusters.stories import load_stories

    overview = load_stories(flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES))[0]["overview"]
    at = new_app(present="1", story="overview", slide="2", lang="uk").run()
    [caption] = [h.proto.body for h in at.get("html") if 'class="itc-caption"' in h.proto.body]
    assert f"<b>{html.escape(overview.slides[1].caption['uk'])}</b>" in caption


def test_the_extra_keys_step_too_and_the_ends_hold():
    at = new_app(present="1", story="overview", slide="1").run()
    assert button(at, "story_back").disabled is True
    button(at, "story_next_Space").click().run()
    button(at, "story_next_Right").click().run()
    assert at.query_params["slide"] == "3"
    button(at, "story_back_Left").click().run()
    assert at.query_params["slide"] == "2"
    at = new_app(present="1", story="overview", slide="6").run()
    assert button(at, "story_next").disabled is True


def test_the_keys_stop_at_either_end_of_the_story_without_a_notice():
    """The extra keys' buttons are never disabled: a clicker pressed once too often stays put."""
    at = new_app(present="1", story="overview", slide="6").run()
    button(at, "story_next_Space").click().run()
    assert at.query_params["slide"] == "6" and not at.toast
    at = new_app(present="1", story="overview", slide="2").run()
    button(at, "story_back_Left").click().run()
    assert at.query_params["slide"] == "1"
    button(at, "story_back_Left").click().run()
    assert at.query_params["slide"] == "1" and not at.toast


@pytest.mark.parametrize(
    "query, notice",
    [
        ({"slide": "99"}, "There is no slide '99' in this story: showing slide 6 of 6."),
        ({"slide": "abc"}, "Ignored slide='abc': expected a slide's number, from 1."),
        ({"story": "<img src=x>"}, "Ignored story='<img src=x>': expected a story's id."),
        ({"story": "nope"}, "Unknown story 'nope': the stories here are overview."),
        ({"story": "a" * 80}, f"Unknown story '{'a' * 40}': the stories here are overview."),  # cut at 40
        (  # with the reader's own story, both are named
            {"story": "nope", "own": ONE_SLIDE_STORY},
            "Unknown story 'nope': the stories here are mine, overview.",
        ),
    ],
)
def test_a_bad_story_or_slide_gets_a_notice(query, notice):
    at = new_app(**{"present": "1", "story": "overview"} | query).run()
    assert not at.exception
    toasts = [t.proto.body for t in at.toast]
    assert notice in [t.replace("\\", "") for t in toasts], toasts  # word for word


def test_exit_leaves_the_story_and_presentation_mode():
    at = new_app(present="1", story="overview", slide="2").run()
    button(at, "story_exit").click().run()
    assert "story" not in at.query_params and "present" not in at.query_params and "slide" not in at.query_params


def test_the_reader_builds_a_story_and_presents_it():
    at = new_app(region="west").run()
    add = next(b for b in at.sidebar.button if b.label == "Add this view as a slide")
    add.click().run()
    at.switch_page("pages/members.py").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/stories.py").run()
    assert not at.exception
    captions = [t for t in at.text_input if t.label == "Caption in English"]
    assert len(captions) == 2 and captions[0].value == "region: West"
    captions[1].set_value("The west's members").run()
    assert at.session_state[story_ui.OWN].slides[1].caption["en"] == "The west's members"
    next(b for b in at.button if b.label == "Present this story").click().run()
    assert at.query_params["story"] == "mine" and at.query_params["slide"] == "1"
    assert title(at) == "Ukraine's regional IT clusters"
    assert at.sidebar.toggle(key="present").value is True  # the switch says what the screen shows
    button(at, "story_next").click().run()
    assert title(at) == "Members" and at.query_params["region"] == "west"


def test_an_uploaded_story_replaces_the_own_story_or_reports_its_problems(dataset):
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    slide = {"page": "regions", "caption": {"en": "a", "uk": "b"}}
    good = json.dumps({"id": "x", "title": {"en": "T", "uk": "T"}, "slides": [slide]}).encode()
    state = {"story_upload": SimpleNamespace(name="x.json", getvalue=lambda: good)}
    story_ui._upload(state, vocabulary)
    assert state["story_upload_problems"] == [] and state[story_ui.OWN].slides[0].page == "regions"
    state["story_upload"] = SimpleNamespace(name="bad.json", getvalue=lambda: good.replace(b"regions", b"nowhere"))
    story_ui._upload(state, vocabulary)
    severity, problem = state["story_upload_problems"][0]
    assert severity == "error" and problem.startswith("bad.json, slide 1, field page: 'nowhere'")
    assert state[story_ui.OWN].slides[0].page == "regions"  # the last good story is kept
    state["story_upload"] = None  # the reader takes the file away: its problems go with it
    story_ui._upload(state, vocabulary)
    assert state["story_upload_problems"] == [] and state[story_ui.OWN].slides[0].page == "regions"


def test_an_uploaded_story_keeps_its_title_and_its_slides_filters_are_checked_against_the_data(dataset):
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    title = {"en": "The west", "uk": "Захід"}
    slide = {"page": "map", "caption": {"en": "a", "uk": "b"}, "filters": {"region": "west", "oblast": "UA-46"}}
    good = json.dumps({"id": "x", "title": title, "slides": [slide]}).encode()
    state = {"story_upload": SimpleNamespace(name="x.json", getvalue=lambda: good)}
    story_ui._upload(state, vocabulary)
    assert state["story_upload_problems"] == []
    assert state[story_ui.OWN].title == title and state[story_ui.OWN].slides[0].filters == slide["filters"]
    unknown = good.replace(b"UA-46", b"UA-99")
    state["story_upload"] = SimpleNamespace(name="y.json", getvalue=lambda: unknown)
    story_ui._upload(state, vocabulary)
    [(severity, problem)] = state["story_upload_problems"]
    assert severity == "error" and problem.startswith("y.json, slide 1") and "UA-99" in problem


def test_a_story_uploaded_on_the_stories_page_becomes_the_own_story_or_its_problems_show_literally():
    from itclusters.text import markdown_literal

    at = new_app().run()
    at.switch_page("pages/stories.py").run()
    assert [i.value for i in at.info] == [
        "No slides yet. On any page, press **Add this view as a slide** in the sidebar."
    ]
    uploader = at.file_uploader(key="story_upload")
    assert uploader.label == "Upload a story (JSON)" and list(uploader.proto.type) == [".json"]
    slides = [{"page": "members", "caption": {"en": "Members of the west", "uk": "Члени заходу"}}]
    good = json.dumps({"id": "x", "title": {"en": "Tour", "uk": "Тур"}, "slides": slides}).encode()
    uploader.set_value(("tour.json", good, "application/json")).run()
    assert not at.exception and not at.error
    assert at.session_state[story_ui.OWN].title == {"en": "Tour", "uk": "Тур"}
    assert [t.value for t in at.text_input if t.label == "Caption in English"] == ["Members of the west"]
    hostile = good.replace(b'"members"', b'"**<b>x</b>**"')
    at.file_uploader(key="story_upload").set_value(("bad.json", hostile, "application/json")).run()
    [error] = at.error
    assert error.value.startswith(markdown_literal("bad.json, slide 1, field page: '**<b>x</b>**'"))
    assert [t.value for t in at.text_input if t.label == "Caption in English"] == ["Members of the west"]  # kept


def test_an_uploaded_storys_title_stays_through_moves_removals_and_new_slides(dataset):
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    title = {"en": "The west", "uk": "Захід"}
    slides = [{"page": page, "caption": {"en": page, "uk": page}} for page in ("map", "members", "regions")]
    good = json.dumps({"id": "x", "title": title, "slides": slides}).encode()
    state = {"story_upload": SimpleNamespace(name="x.json", getvalue=lambda: good)}
    story_ui._upload(state, vocabulary)
    story_ui._move(state, 0, 1)
    assert [s.page for s in state[story_ui.OWN].slides] == ["members", "map", "regions"]
    assert state[story_ui.OWN].title == title
    story_ui._remove(state, 2)
    assert [s.page for s in state[story_ui.OWN].slides] == ["members", "map"]
    assert state[story_ui.OWN].title == title


def test_the_caption_boxes_follow_their_slides_when_moved_or_removed():
    at = new_app(region="west").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/members.py").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/stories.py").run()
    assert at.session_state[story_ui.OWN].title == {"en": "My story", "uk": "Моя історія"}

    def captions():
        return [t.value for t in at.text_input if t.label == "Caption in English"]

    def press(label):
        next(b for b in at.button if b.key.startswith(label)).click().run()

    boxes = [t for t in at.text_input if t.label == "Caption in English"]
    boxes[0].set_value("the map").run()
    [t for t in at.text_input if t.label == "Caption in English"][1].set_value("the members").run()
    press("own_down_0_")
    assert captions() == ["the members", "the map"]
    assert [s.page for s in at.session_state[story_ui.OWN].slides] == ["members", "map"]
    press("own_remove_0_")
    assert captions() == ["the map"] and not at.exception


def test_the_own_story_shows_each_slide_as_a_card_with_its_page_its_filters_and_its_controls():
    from itclusters.text import markdown_literal

    at = new_app(region="west").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/members.py").run()
    at.sidebar.multiselect(key="f_region").set_value([]).run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/founding_years.py").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    at.switch_page("pages/stories.py").run()

    def cards():
        found = [b for b in at.main.children.values() if b.type == "flex_container" and b.proto.flex_container.border]
        return [c for c in found if any((b.key or "").startswith("own_up_") for b in c.button)]

    def card_text(card):
        [heading] = [m.value for m in card.markdown]
        controls = [(b.label, b.help, b.disabled) for b in card.button]
        return heading, controls

    first, second, third = cards()
    assert card_text(first) == (
        "**1. Map** · " + markdown_literal("region: West"),
        [("↑", "Move up", True), ("↓", "Move down", False), ("✕", "Remove this slide", False)],
    )
    assert card_text(second) == (
        "**2. Members** · " + markdown_literal("all clusters"),
        [("↑", "Move up", False), ("↓", "Move down", False), ("✕", "Remove this slide", False)],
    )
    assert card_text(third)[1] == [("↑", "Move up", False), ("↓", "Move down", True), ("✕", "Remove this slide", False)]
    columns = [c.proto for c in first.get("column")]
    assert [round(c.weight, 4) for c in columns] == [round(w / 11, 4) for w in (8, 1, 1, 1)]
    assert {c.vertical_alignment for c in columns} == {columns[0].VerticalAlignment.CENTER}

    def order():
        return [card_text(c)[0].split("** · ")[0].split(". ")[1] for c in cards()]

    next(b for b in cards()[2].button if b.label == "↑").click().run()
    assert order() == ["Map", "Founding years", "Members"]  # one place up
    next(b for b in cards()[0].button if b.label == "↓").click().run()
    assert order() == ["Founding years", "Map", "Members"]  # one place down


def test_an_own_story_from_the_address_moves_with_its_captions():
    from itclusters import stories
    from itclusters.stories import Slide, Story

    slides = (Slide("map", {"en": "first", "uk": "перший"}), Slide("members", {"en": "second", "uk": "другий"}))
    at = new_app(own=stories.encode(Story("mine", {"en": "Mine", "uk": "Моя"}, slides))).run()
    at.switch_page("pages/stories.py").run()

    def boxes(label):
        return [(t.value, t.max_chars) for t in at.text_input if t.label == label]

    assert boxes("Caption in English") == [("first", 300), ("second", 300)]
    assert boxes("Caption in Ukrainian") == [("перший", 300), ("другий", 300)]
    next(b for b in at.button if (b.key or "").startswith("own_down_0_")).click().run()
    assert boxes("Caption in English") == [("second", 300), ("first", 300)]
    assert boxes("Caption in Ukrainian") == [("другий", 300), ("перший", 300)]
    [t for t in at.text_input if t.label == "Caption in Ukrainian"][0].set_value("учасники").run()
    assert at.session_state[story_ui.OWN].slides[0].caption == {"en": "second", "uk": "учасники"}


def test_the_own_story_downloads_as_the_json_it_uploads_from_and_a_long_one_says_to_keep_it(monkeypatch, dataset):
    from streamlit.runtime.media_file_manager import MediaFileManager

    from itclusters import stories
    from itclusters.stories import Slide, Story

    files = {}
    original = MediaFileManager.add

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        url = original(self, data, mimetype, coordinates, file_name, is_for_static_download)
        files[url] = (file_name, mimetype, data, is_for_static_download)
        return url

    monkeypatch.setattr(MediaFileManager, "add", add)
    slides = (Slide("map", {"en": "first", "uk": "перший"}),)
    own = Story("mine", {"en": "Mine", "uk": "Моя"}, slides)
    at = new_app(own=stories.encode(own)).run()
    at.switch_page("pages/stories.py").run()
    [button] = [b for b in at.get("download_button") if b.proto.label == "Download the story (JSON)"]
    assert button.proto.ignore_rerun  # pressing it does not rerun the page
    name, mimetype, data, static = files[button.proto.url]
    assert (name, mimetype, static) == ("my-story.json", "application/json", True)
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    loaded, problems = stories.check_story(data.encode() if isinstance(data, str) else data, name, vocabulary)
    assert problems == [] and loaded.slides == own.slides and loaded.title == own.title
    [present] = [b for b in at.button if b.label == "Present this story"]
    assert present.proto.type == "primary"
    # Present and download side by side on the left, each a quarter of the row.
    [row] = [b for b in at.main.children.values() if b.type == "flex_container" and "Present this story" in str(b)]
    columns = [c for c in row.children.values() if c.type == "column"]
    assert [round(c.proto.weight, 4) for c in columns] == [0.25, 0.25, 0.5]
    assert [b.label for b in columns[0].button] == ["Present this story"] and not columns[2].children
    long_note = "This story is too long for the address, so a reload or a link will not bring it back: "
    assert not [c for c in at.caption if c.value.startswith(long_note)]
    letters = random.Random(1)  # text that does not compress
    many = [
        {
            "page": "map",
            "caption": {lang: "".join(letters.choices(string.ascii_letters, k=300)) for lang in ("en", "uk")},
        }
        for _ in range(40)
    ]
    long = json.dumps({"id": "x", "title": {"en": "Long", "uk": "Довга"}, "slides": many}).encode()
    at.file_uploader(key="story_upload").set_value(("long.json", long, "application/json")).run()
    assert len(at.session_state[story_ui.OWN].slides) == 40
    assert [c.value for c in at.caption if c.value.startswith(long_note)] == [long_note + "download it to keep it."]


def test_adding_a_slide_says_so_with_the_slides_icon():
    at = new_app(region="west").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    [toast] = at.toast
    assert toast.value.startswith("Added as slide 1 of your story") and toast.proto.icon == "🎞️"


def test_a_hostile_caption_is_shown_as_text_in_the_slim_line():
    at = new_app(region="west").run()
    next(b for b in at.sidebar.button if b.label == "Add this view as a slide").click().run()
    hostile = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(2))"
    at.switch_page("pages/stories.py").run()
    next(t for t in at.text_input if t.label == "Caption in English").set_value(hostile).run()
    next(b for b in at.button if b.label == "Present this story").click().run()
    [bar] = [h.proto.body for h in at.get("html") if 'class="itc-caption"' in h.proto.body]
    assert "&lt;img src=x onerror=alert(1)&gt; **bold** [link](javascript:alert(2))" in bar
    assert "<img" not in bar


# -- A chart page presented: its one chart as a picture (ui/slide_chart.py) ------------------------


def picture_alt(at) -> str:
    """The text alternative of the slide's picture, as a screen reader reads it."""
    [body] = [h.proto.body for h in at.get("html") if 'class="itc-slide"' in h.proto.body]
    return html.unescape(re.search(r'alt="([^"]*)"', body).group(1))


def test_a_chart_slide_shows_the_chart_its_slide_names_and_describes_it(dataset):
    from itclusters import chart_slides, stories
    from itclusters.stories import Slide, Story
    from ui import slide_chart

    slides = (
        Slide("founding_years", {"en": "a", "uk": "a"}, chart="founded_over_time"),  # not the page's first
        Slide("regions", {"en": "b", "uk": "b"}, chart="oblasts"),  # drawn from the data's oblasts
    )
    own = Story("mine", {"en": "Mine", "uk": "Моя"}, slides)
    at = new_app(present="1", story="mine", slide="1", own=stories.encode(own)).run()
    assert not at.exception

    def described(page, name):
        return chart_slides.chart_for(page, name, dataset.clusters, dataset).description

    assert picture_alt(at) == described("founding_years", "founded_over_time") != described("founding_years", None)
    # The picture sits in the keyed box whose style fits it to the screen below the slim line.
    [box] = keyed(at.main, slide_chart.KEY)
    assert [h for h in box.get("html") if 'class="itc-slide"' in h.proto.body]
    assert [h for h in at.get("html") if h.proto.body == slide_chart.CSS]
    button(at, "story_next").click().run()
    assert not at.exception and picture_alt(at) == described("regions", "oblasts")


def test_a_chart_page_presented_with_no_cluster_to_chart_says_so():
    at = new_app(present="1", q="no cluster is called this").run()
    at.switch_page("pages/members.py").run()
    assert not at.exception and not [h for h in at.get("html") if 'class="itc-slide"' in h.proto.body]
    assert [i.value for i in at.info] == ["No clusters match the current filters."]


def test_a_chart_that_cannot_be_drawn_says_why_literally(monkeypatch):
    from collections import OrderedDict

    from itclusters import worker
    from itclusters.text import markdown_literal
    from ui import slide_chart

    def fails(*args, **kwargs):
        raise worker.Failed("the renderer stopped on **<b>x</b>** [l](javascript:x)")

    monkeypatch.setattr(worker, "call", fails)
    monkeypatch.setattr(slide_chart, "_PICTURES", OrderedDict())
    at = new_app(present="1").run()
    at.switch_page("pages/members.py").run()
    assert not at.exception
    reason = "the renderer stopped on **<b>x</b>** [l](javascript:x)"
    assert [w.value for w in at.warning] == [markdown_literal(f"The chart could not be drawn: {reason}.")]
