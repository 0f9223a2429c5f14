"""Usable by everyone: axe-core on every page (English, Ukrainian, presenting), the map's name and
its text alternative, the keyboard alone, and reduced motion. In Debian's Chromium."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .browser import MAP_FRAME, Session, wait_idle, wait_markers

pytestmark = pytest.mark.browser

PAGES = ("/", "/members", "/founding_years", "/wartime_status", "/regions", "/compare", "/stories", "/data", "/about")
VIEWS = [page + "?" + query for query in ("lang=en", "lang=uk", "present=1") for page in PAGES]
VIEWS.append("/?present=1&story=overview&slide=2")
# Serious and critical break a page for someone; heading order breaks navigation by headings.
BLOCKING = {"serious", "critical"}


def settle(page, quiet_checks: int = 4) -> None:
    """Until the page has stayed idle with nothing stale for a while: a late rerun (a chart or
    a component reporting back) fades the page's elements, and axe would measure the fade."""
    calm = 0
    for _ in range(100):
        idle = page.evaluate(
            "() => !!document.querySelector('[data-test-script-state=notRunning]')"
            " && !document.querySelector('[data-stale=true]')"
        )
        calm = calm + 1 if idle else 0
        if calm >= quiet_checks:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the page never settled")


@pytest.mark.parametrize("view", VIEWS)
def test_axe_finds_nothing_serious(session, view):
    page = session.open(view)
    settle(page)
    violations = Axe().run(page).response["violations"]
    found = [
        f"{v['id']} ({v['impact']}): {[n['html'][:120] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in BLOCKING or v["id"] == "heading-order"
    ]
    assert found == []


def test_the_map_has_a_name_and_a_table_one_step_away(session):
    page = session.open("/?region=west")
    wait_markers(page, 9)
    frame = page.locator(MAP_FRAME)
    expect(frame).to_have_attribute("aria-label", "Map of Ukraine's IT clusters on its oblasts")
    page.get_by_text("The map as a table").click()  # built when opened: a rerun
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(9, timeout=10_000)
    expect(table.get_by_role("row", name="Lviv IT Cluster Lviv (Львів) Lviv Oblast Active 300+")).to_be_visible()


def focus_on(page, is_target: str, presses: int = 150) -> None:
    """Press Tab until `is_target` (a JS expression over `el`, the focused element) holds; the
    focus must be visible on every element it passes through."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        state = page.evaluate(
            f"""() => {{
                const el = document.activeElement;
                if (!el || el === document.body || el.tagName === "IFRAME") return [false, true, ""];
                const style = getComputedStyle(el);
                // A ring is an outline (ours, ui/frame.py) or a box shadow (Streamlit's own, e.g.
                // on its skip link, whose outline is none): either shows where the keyboard is.
                const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
                const ring = el.matches(":focus-visible") && (outline || style.boxShadow !== "none");
                return [{is_target}, ring, el.outerHTML.slice(0, 120)];
            }}"""
        )
        target, visible, html = state
        assert visible, f"the focus is not visible on {html}"
        if target:
            return
    raise AssertionError(f"{presses} presses of Tab never reached {is_target}")


def test_the_keyboard_alone_reaches_filters_profiles_and_downloads(session):
    page = session.open("/")
    wait_markers(page, 26)

    focus_on(page, "el.getAttribute('aria-label') === 'Search name or city'")
    page.keyboard.type("Kharkiv")
    page.keyboard.press("Enter")
    wait_markers(page, 1)
    wait_idle(page)

    focus_on(page, "el.getAttribute('aria-label') === 'Cluster profile'")  # past the map's own stops
    page.keyboard.type("Kharkiv")
    expect(page.get_by_role("option", name="Kharkiv IT Cluster")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".itc-profile h3")).to_have_text("Kharkiv IT Cluster", timeout=20_000)
    wait_idle(page)

    focus_on(page, "el.innerText === 'Map as HTML (works offline)'")
    with page.expect_download(timeout=30_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".html")


def test_on_the_map_the_focus_ring_is_there_before_the_html_blocks_code_has_loaded(session):
    """The page's rules for focus rings and captions come in an st.html block, whose code Streamlit
    loads last; on a busy machine a reader who pressed Tab in that moment saw no focus ring on the
    page list (a flaky keyboard test). On the map page the map's frame brings the rules itself."""
    path = "/"
    page = session.page

    held = []
    page.route("**/static/js/Html.*.js", lambda route: held.append(route))  # the style block's code, held back
    page.goto(session.base_url + path)
    wait_markers(page, 26)
    page.wait_for_selector('[data-testid="stSidebarNavLink"]')  # the rest of the page is in
    wait_idle(page)
    assert held, "the style block's code was not asked for"
    focus_on(page, "el.getAttribute('data-testid') === 'stSidebarNavLink'")
    caption = page.get_by_test_id("stCaptionContainer").first
    assert caption.evaluate("(c) => getComputedStyle(c).opacity") == "1"  # full contrast
    for route in held:
        route.continue_()


def test_the_keyboard_alone_steps_through_a_story(session):
    page = session.open("/?present=1&story=overview&slide=1")
    expect(page.get_by_test_id("itc-counter")).to_have_text("1 / 6")
    focus_on(page, "el.tagName === 'BUTTON' && el.innerText.includes('▶')")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("itc-counter")).to_have_text("2 / 6", timeout=20_000)


@pytest.mark.parametrize("motion, animated", [("reduce", False), ("no-preference", True)])
def test_the_map_moves_only_for_readers_who_want_motion(browser, app_url, motion, animated):
    session = Session(browser, app_url, reduced_motion=motion)
    wait_markers(session.open("/"), 26)
    flags = (
        session.page.locator(MAP_FRAME)
        .content_frame.locator("body")
        .evaluate("() => [map._zoomAnimated, map.options.fadeAnimation, map.options.markerZoomAnimation]")
    )
    assert flags == [animated, animated, animated]
    session.context.close()
