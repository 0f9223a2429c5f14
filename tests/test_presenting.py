"""Presentation mode in Debian's Chromium at the sizes projectors, laptops and phones have: the
map fills the screen, all of Ukraine is in view, no marker sits under a control, and a story
steps with the keys presenter clickers send."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from itclusters.geo import bounds_of, load_oblasts
from itclusters.maps import UKRAINE_BOUNDS

from .browser import MAP_FRAME, map_frame, wait_full_page, wait_markers

pytestmark = pytest.mark.browser

SCREENS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]
PHONE = (390, 844)


def open_at(session, size, path):
    session.page.set_viewport_size({"width": size[0], "height": size[1]})
    page = session.open(path)
    wait_markers(page)
    page.wait_for_timeout(300)  # the view is fitted once the frame has its size
    return page


def view_contains(page, bounds) -> bool:
    """Whether the Leaflet map's view contains these (south-west, north-east) bounds."""
    return (
        map_frame(page)
        .locator("body")
        .evaluate("(_body, b) => window.map.getBounds().contains(L.latLngBounds(b))", [list(c) for c in bounds])
    )


def markers_under_controls(page) -> list:
    """Markers whose centre lies under a Leaflet control (zoom, legend, scale, attribution)."""
    return (
        map_frame(page)
        .locator("body")
        .evaluate("""() => {
        const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect());
        return [...document.querySelectorAll('path.itc-cluster')].map(m => m.getBoundingClientRect())
            .map(r => [r.left + r.width / 2, r.top + r.height / 2])
            .filter(([x, y]) => controls.some(c => x >= c.left && x <= c.right && y >= c.top && y <= c.bottom));
    }""")
    )


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenting_the_map_fills_the_screen_with_all_of_ukraine_and_nothing_hidden(session, size):
    width, height = size
    page = open_at(session, size, "/?present=1")
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame["x"] >= 0 and frame["y"] >= 0 and frame["x"] + frame["width"] <= width
    assert frame["y"] + frame["height"] <= height  # inside the screen: nothing below the fold
    assert frame["width"] >= 0.97 * width and frame["height"] >= 0.88 * height  # and it fills it
    scroll = page.evaluate(
        "(() => { const m = document.querySelector('[data-testid=stMain]'); "
        "return [m.scrollHeight, m.clientHeight]; })()"
    )
    assert scroll[0] <= scroll[1] + 1  # no scrolling
    assert view_contains(page, UKRAINE_BOUNDS)
    assert markers_under_controls(page) == []
    assert session.errors() == [] and session.foreign_requests() == []


def test_the_type_grows_with_the_screen(session):
    sizes = []
    for size in [(1280, 720), (3840, 2160)]:
        page = open_at(session, size, "/?present=1")
        sizes.append(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))
    assert sizes[1] >= 2.5 * sizes[0]


@pytest.mark.parametrize(
    "present",
    ["", "?present=1", "?present=1&story=overview&slide=6"],  # the last: the tallest legend (hubs, shading)
    ids=["browsing", "presenting", "largest-legend"],
)
def test_on_a_phone_all_of_ukraine_is_in_view_and_no_marker_is_hidden(session, present):
    page = open_at(session, PHONE, "/" + present)
    assert view_contains(page, UKRAINE_BOUNDS)
    assert markers_under_controls(page) == []


@pytest.mark.parametrize("size", [(1280, 720), PHONE], ids=["projector", "phone"])
def test_a_region_filter_fits_the_view_to_that_region(session, size):
    page = open_at(session, size, "/?present=1&region=west")
    west = bounds_of(load_oblasts()[0], {"UA-07", "UA-21", "UA-26", "UA-46", "UA-56", "UA-61", "UA-68", "UA-77"})
    assert view_contains(page, west) and not view_contains(page, UKRAINE_BOUNDS)
    assert markers_under_controls(page) == []


def slide_of(page) -> tuple[str, str]:
    query = parse_qs(urlparse(page.url).query)
    return urlparse(page.url).path, query.get("slide", [""])[0]


def test_a_story_steps_with_page_down_and_page_up_and_the_address_follows(session):
    page = open_at(session, (1280, 720), "/?present=1&story=overview&slide=1")
    expect(page.get_by_test_id("itc-counter")).to_have_text("1 / 6")
    for key in ("story_back", "story_next", "story_exit"):  # each button fills its column: a wide target
        button = page.locator(f".st-key-{key} button >> visible=true").bounding_box()  # not its hidden copy
        column = page.locator(f'[data-testid="stColumn"]:has(.st-key-{key})').bounding_box()
        assert button["width"] >= 40 and abs(button["width"] - column["width"]) <= 2, key
    steps = [
        ("PageDown", "/", "2"),
        ("PageDown", "/founding_years", "3"),
        ("ArrowRight", "/wartime_status", "4"),
        ("Space", "/members", "5"),
        ("PageUp", "/wartime_status", "4"),
        ("ArrowLeft", "/founding_years", "3"),
    ]
    for key, path, slide in steps:
        page.keyboard.press(key)
        expect(page.get_by_test_id("itc-counter")).to_have_text(f"{slide} / 6", timeout=20_000)
        wait_full_page(page)
        assert slide_of(page) == (path, slide), key
    page.reload()
    wait_full_page(page)
    expect(page.get_by_test_id("itc-counter")).to_have_text("3 / 6")  # reloading keeps the slide
    assert slide_of(page) == ("/founding_years", "3")
    assert session.errors() == []


def test_a_click_on_the_map_keeps_the_slide_and_the_keys_keep_working(session):
    page = open_at(session, (1920, 1080), "/?present=1&story=overview&slide=1")
    box = page.locator(MAP_FRAME).bounding_box()
    # A click on an oblast, away from every marker.
    x, y = (
        map_frame(page)
        .locator("body")
        .evaluate("""() => {
        const p = map.latLngToContainerPoint([50.6, 32.5]);  // Chernihiv and Poltava's border: no cluster
        return [p.x, p.y]; }""")
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(1500)  # a filter would have rerun the page by now
    wait_full_page(page)
    assert "oblast" not in parse_qs(urlparse(page.url).query)  # the slide's filters hold
    assert wait_markers(page).count() == 26
    page.keyboard.press("PageDown")  # the key press goes to the map's frame, which passes it on
    expect(page.get_by_test_id("itc-counter")).to_have_text("2 / 6", timeout=20_000)
    wait_full_page(page)
    wait_markers(page)
    x, y = map_frame(page).locator("body").evaluate("() => Object.values(map.latLngToContainerPoint([52.2, 38.5]))")
    page.mouse.click(box["x"] + x, box["y"] + y)  # beyond the border: no oblast, no marker, no control
    page.keyboard.press("Escape")  # leaves the presentation at the same page and filters
    expect(page.get_by_test_id("itc-counter")).to_have_count(0, timeout=20_000)
    wait_full_page(page)
    query = parse_qs(urlparse(page.url).query)
    assert "present" not in query and "story" not in query and query.get("region") == ["east"]
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    assert session.errors() == []
