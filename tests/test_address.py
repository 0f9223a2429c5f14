"""The whole view lives in the address: parsed with a notice for each value dropped, written back
from the widgets, and in a real browser a link copied from one reader opens the same view for
another (filters, layers, the profile, the map's own pan and zoom)."""

import base64
import zlib
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from itclusters import address as addr
from itclusters import filters as flt
from itclusters import stories
from itclusters.address import Address
from itclusters.style import MACRO_REGIONS, STATUSES

from .browser import Session, map_frame, wait_idle, wait_markers

VOCABULARY = flt.Vocabulary(MACRO_REGIONS, ("UA-46", "UA-63"), STATUSES)
IDS = ("lviv-it-cluster", "kharkiv-it-cluster")


def parse(**params) -> addr.Parsed:
    return addr.parse(params, VOCABULARY, IDS)


def test_the_plain_address_is_the_whole_map_and_writes_nothing():
    assert parse() == addr.Parsed(Address(), [])
    assert addr.to_query(Address()) == {}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"hubs": "yes"}, "hubs='yes'"),
        ({"shading": "<b>"}, "shading='<b>'"),
        ({"basemap": "google"}, "basemap='google'"),
        ({"cluster": "nope"}, "cluster='nope'"),
        ({"at": "0,0,6"}, "at='0,0,6'"),  # not Ukraine
        ({"at": "49,31,99"}, "at='49,31,99'"),  # no such zoom
        ({"at": "49,31,٦"}, "at='49,31,٦'"),  # ASCII digits only
        ({"slide": "0"}, "slide='0'"),
        ({"story": "../x"}, "story='../x'"),
        ({"lang": "de"}, "lang='de'"),
        ({"present": "2"}, "present='2'"),
    ],
)
def test_a_value_that_cannot_be_used_is_dropped_with_a_notice_naming_it(params, named):
    parsed = parse(**params)
    assert parsed.address == Address() and len(parsed.notices) == 1 and named in parsed.notices[0]


def test_the_map_view_is_rounded():
    parsed = parse(at="49.123456,31.987654,6.44")
    assert parsed.address.at == (49.123, 31.988, 6.4) and parsed.notices == []


def test_a_story_means_presenting_and_keeps_its_slide():
    parsed = parse(story="overview", slide="3")
    assert parsed.address.present and parsed.address.slide == 3
    assert addr.to_query(parsed.address) == {"present": "1", "story": "overview", "slide": "3"}


# -- In the browser ------------------------------------------------------------------------------


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_query(page, name: str, value: str) -> None:
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(location.search).get(name) === value", arg=[name, value], timeout=20_000
    )


def map_view(page) -> tuple[float, float, float]:
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    return tuple(frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"))


YEARS = (2011, 2024)


@pytest.mark.parametrize(
    ("value", "notice"),
    [
        ((2011, 2024), None),  # the data's own ends: the slider shows them
        ((None, None), None),
        ((2024, None), None),  # from the last year on: one year, still within the data
        ((None, 2011), None),
        ((1990, 2100), "founded=1990-2100 lies beyond the data (2011–2024): showing founded=- instead."),
        ((2010, None), "founded=2010- lies beyond the data (2011–2024): showing founded=- instead."),
        ((2025, None), "founded=2025- lies beyond the data (2011–2024): showing founded=2024- instead."),
        ((None, 2010), "founded=-2010 lies beyond the data (2011–2024): showing founded=-2011 instead."),
        ((None, 2025), "founded=-2025 lies beyond the data (2011–2024): showing founded=- instead."),
    ],
)
def test_a_range_beyond_the_data_is_named_with_what_is_shown_instead(value, notice):
    from ui.address import clamped_notice

    assert clamped_notice("founded", value, YEARS) == notice


def test_the_copy_link_button_escapes_its_words(monkeypatch):
    from ui import address

    assert 'data-done="Link copied: paste it anywhere."' in address.copy_link_html()
    assert 'data-failed="Could not copy: copy the address bar."' in address.copy_link_html()
    assert ">🔗 Copy link to this view</button>" in address.copy_link_html()
    monkeypatch.setattr(address, "_", lambda text: f'{text}"><img src=x onerror=alert(1)>')  # a hostile translation
    shown = address.copy_link_html()
    assert "<img" not in shown and shown.count("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") == 3


@pytest.mark.browser
def test_a_copied_link_opens_the_same_view_for_another_reader(browser, app_url):
    one = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = one.open("/?oblast=UA-63")
    wait_markers(page, 1).first.click()  # the profile
    expect(page.locator(".itc-profile h3")).to_have_text("Kharkiv IT Cluster", timeout=20_000)
    # Each change is waited for in the address it must reach (a click made while the previous
    # change's run was still going was lost now and then under load).
    page.get_by_role("button", name="Layers").click()
    for layer, parameter in (("Labels", "labels"), ("IT hubs", "hubs")):
        page.get_by_text(layer, exact=True).click()
        wait_for_query(page, parameter, "1")
    page.keyboard.press("Escape")
    page.get_by_role("combobox", name="Shade oblasts by").click()  # the oblasts shaded by member companies
    page.get_by_role("option", name="Shading: member companies").click()
    wait_for_query(page, "shading", "members")
    wait_idle(page)
    # A new layer redraws the map in a new frame: the key press below must reach that one, once
    # its map is up (pressed into the frame being replaced, it was lost now and then).
    expect(map_frame(page).get_by_text("Member companies per oblast")).to_be_visible(timeout=20_000)
    wait_markers(page, 1)
    map_frame(page).locator(".leaflet-container").focus()  # as a Tab would
    page.keyboard.press("+")  # the reader zooms in: the map writes its view, without a run
    page.wait_for_function("() => new URLSearchParams(location.search).has('at')", timeout=10_000)
    moved = map_view(page)
    link = page.url
    wanted = {
        "oblast": ["UA-63"],
        "hubs": ["1"],
        "labels": ["1"],
        "shading": ["members"],
        "cluster": ["kharkiv-it-cluster"],
    }
    assert {k: v for k, v in query(page).items() if k != "at"} == wanted
    one.context.close()

    other = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = other.open(link.removeprefix(app_url))
    wait_markers(page, 1)
    expect(page.locator(".itc-profile h3")).to_have_text("Kharkiv IT Cluster", timeout=20_000)
    shown = map_frame(page)
    assert shown.locator(".itc-label").count() == 1 and shown.locator(".itc-hub").count() > 0  # the layers
    expect(shown.get_by_text("Member companies per oblast")).to_be_visible()  # the shading's legend
    pixel = 360 / (256 * 2 ** moved[2])  # degrees a pixel spans at that zoom
    assert map_view(page) == pytest.approx(moved, abs=3 * pixel)  # the same centre (to 3 px) and zoom
    assert query(page) == parse_qs(urlparse(link).query)  # nothing rewritten
    assert other.errors() == []
    # A new filter fits the map again: the old view leaves the address.
    page.get_by_role("button", name="Reset filters").click()
    wait_idle(page)
    wait_markers(page, 26)
    assert "at" not in query(page) and "oblast" not in query(page)
    other.context.close()


@pytest.mark.browser
def test_copy_link_copies_the_address_and_says_so(browser, app_url):
    session = Session(browser, app_url)
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = session.open("/members?status=relocated&lang=uk")
    button = page.get_by_role("button", name="Копіювати посилання на цей вигляд")
    button.click()
    toast = page.get_by_role("status").filter(has_text="Посилання скопійовано")
    expect(toast).to_be_visible()
    box, screen = toast.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= screen["width"]
    assert box["y"] + box["height"] <= screen["height"] and box["height"] < 80  # on screen, one or two lines
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert "status=relocated" in page.url and "lang=uk" in page.url
    session.context.close()


# -- The reader's own story, carried by the address -------------------------------------------------


def test_a_story_survives_the_address(overview, vocabulary):
    text = stories.encode(overview)
    assert len(text) <= stories.MAX_ADDRESS_CHARS and parse(own=text).address.own == text
    assert stories.decode(text, vocabulary) == (overview, [])


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("bm90IGEgc3Rvcnk", "is not a story this dashboard wrote"),  # base64 of plain text
        ("x", "is not a story this dashboard wrote"),
        (base64.urlsafe_b64encode(zlib.compress(b"[" * 300_000)).decode(), "is larger than 200,000 bytes"),
        (base64.urlsafe_b64encode(zlib.compress(b'{"id": "mine"}')).decode(), "is a required property"),
    ],
)
def test_a_broken_story_in_the_address_is_named_not_used(vocabulary, text, rule):
    story, problems = stories.decode(text.rstrip("="), vocabulary)
    assert story is None and rule in str(problems[0]) and str(problems[0]).startswith("the story in the address (own=)")


def test_an_own_story_too_long_for_an_address_is_dropped_with_a_notice():
    parsed = parse(own="a" * (stories.MAX_ADDRESS_CHARS + 1))
    assert parsed.address.own is None and "more than an address carries (4000)" in parsed.notices[0]
    parsed = parse(own="<script>")
    assert parsed.address.own is None and "own='<script>'" in parsed.notices[0]


def test_a_reload_presents_the_readers_own_story():
    from .apptest import new_app

    at = new_app(lang="uk").run()
    at.button(key="add_slide").click().run()  # the map, all clusters
    at.sidebar.multiselect(key="f_region").select("east").run()
    at.button(key="add_slide").click().run()
    assert "Додано як слайд 2" in at.toast[-1].proto.body  # the toast names the slide's number
    captions = at.session_state["own_story"].slides[1].caption  # the filters in words, in each language
    assert captions["uk"].startswith("регіон: Схід") and captions["en"].startswith("region: East"), captions
    own = at.query_params["own"]
    again = new_app(present="1", story="mine", slide="2", own=own).run()  # a reload: a new session
    assert not again.exception and not again.toast
    assert again.session_state["f_region"] == ["east"] and again.query_params["slide"] == "2"
    assert any("2 / 2" in h.proto.body for h in again.get("html"))
    broken = new_app(present="1", story="mine", own=own[:-12] + "AAAAAAAAAAAA").run()
    toasts = [t.proto.body.replace("\\", "") for t in broken.toast]  # shown literally: Markdown escaped
    assert any(t.startswith("the story in the address (own=): ") for t in toasts), toasts
