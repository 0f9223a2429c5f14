"""What a person sees of the map, measured in the browser: tooltips a person can read (their box,
not their text), a frame that fills the window below the controls with all of Ukraine in view and
no marker under a control, and a wheel that scrolls the page until the map is clicked."""

import time

import pytest
from playwright.sync_api import expect

from .browser import MAP_FRAME, Session, map_frame, wait_markers

pytestmark = pytest.mark.browser

SCREENS = [(1280, 720), (1366, 768), (1920, 1080)]
UKRAINE = [[44.38, 22.14], [52.38, 40.23]]  # Crimea and Sevastopol included


PHONE = {  # a phone's browser: touch, and "Mobi" in its user agent
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
}


def open_map(browser, url: str, size: tuple[int, int], path: str = "/", markers: int | None = 26, **options):
    session = Session(browser, url, viewport={"width": size[0], "height": size[1]}, **options)
    page = session.open(path)
    wait_markers(page, markers)
    page.wait_for_timeout(600)  # the fitted view settles after the frame takes its height
    return session, page


def leaflet(page):
    return page.frame(url=lambda u: "streamlit_folium" in u)


def shown_tooltip(page, timeout: float = 5.0) -> dict:
    """The box of the tooltip on screen (a closing one fades out beside it) and its line count."""
    deadline = time.monotonic() + timeout
    while True:
        boxes = leaflet(page).evaluate(
            """() => [...document.querySelectorAll(".leaflet-tooltip")].map((t) => {
                const b = t.getBoundingClientRect(), s = getComputedStyle(t);
                return {w: b.width, h: b.height, left: b.left, top: b.top, right: b.right, bottom: b.bottom,
                        opacity: parseFloat(s.opacity), em: parseFloat(s.fontSize),
                        lines: Math.round((b.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom))
                                          / parseFloat(s.lineHeight)),
                        text: t.innerText, frameW: innerWidth, frameH: innerHeight}; })
                .filter((b) => b.w > 0 && b.opacity > 0.5)"""
        )
        if boxes:
            return boxes[-1]
        if time.monotonic() > deadline:
            raise AssertionError("no tooltip shown")
        time.sleep(0.05)


@pytest.mark.parametrize("size", SCREENS[1:], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_markers_tooltip_is_a_readable_box_inside_the_map(browser, app_url, size):
    session, page = open_map(browser, app_url, size)
    frame_box = page.locator(MAP_FRAME).bounding_box()
    centres = leaflet(page).evaluate(
        """() => [...document.querySelectorAll("path.itc-cluster")].map((p) => {
            const b = p.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })"""
    )
    assert len(centres) == 26
    seen = 0
    for x, y in centres:
        page.mouse.move(frame_box["x"] + x, frame_box["y"] + y)
        box = shown_tooltip(page)
        seen += 1
        where = f"tooltip at {x:.0f},{y:.0f}: {box}"
        assert 10 * box["em"] <= box["w"] <= 22 * box["em"] + 16, where  # readable, never a column (+ padding)
        assert box["lines"] <= 7 and box["h"] <= 0.5 * box["frameH"], where  # name, city, members, founded, status
        assert box["left"] >= 0 and box["right"] <= box["frameW"], where  # inside the map's frame
        assert box["top"] >= -1 and box["bottom"] <= box["frameH"] + 1, where
        page.mouse.move(1, 1)
    assert seen == 26
    session.context.close()


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_fills_the_window_below_the_controls_with_all_of_ukraine_in_view(browser, app_url, size):
    width, height = size
    session, page = open_map(browser, app_url, size)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["y"] + box["height"] <= height, box  # its bottom on screen: the legend and the south too
    assert box["height"] >= 0.6 * height, box
    assert box["width"] >= 0.45 * width, box  # beside the profile
    view = leaflet(page).evaluate(
        """(ukraine) => {
            const controls = [...document.querySelectorAll(".leaflet-control")]
                .filter((c) => c.offsetWidth).map((c) => c.getBoundingClientRect());
            const under = [...document.querySelectorAll("path.itc-cluster")].filter((p) => {
                const m = p.getBoundingClientRect(), x = m.x + m.width / 2, y = m.y + m.height / 2;
                return controls.some((c) => x >= c.left && x <= c.right && y >= c.top && y <= c.bottom);
            });
            return {ukraine: map.getBounds().contains(ukraine), under: under.length};
        }""",
        UKRAINE,
    )
    assert view == {"ukraine": True, "under": 0}
    session.context.close()


def test_a_notice_above_the_map_moves_the_frame_down_and_keeps_its_bottom_on_screen(browser, app_url):
    session, page = open_map(browser, app_url, (1366, 768), "/?region=nowhere")
    assert page.get_by_text("Ignored region=").count() == 1
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["y"] + box["height"] <= 768 and box["height"] >= 0.5 * 768, box
    session.context.close()


def test_a_phone_gets_a_map_that_fits_and_a_folded_legend(browser, app_url):
    session, page = open_map(
        browser,
        app_url,
        (390, 844),
        **PHONE,
    )
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["width"] >= 0.8 * 390 and 300 <= box["height"] <= 844 - 80, box
    legend = map_frame(page).locator(".itc-legend details")
    assert legend.evaluate("(d) => d.open") is False
    map_frame(page).get_by_text("Legend").click()
    assert legend.evaluate("(d) => d.open") is True
    session.context.close()


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked(browser, app_url):
    session, page = open_map(browser, app_url, (1366, 768))
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    zoom = leaflet(page).evaluate("() => map.getZoom()")
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(500)
    assert leaflet(page).evaluate("() => map.getZoom()") == zoom
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") > 0
    page.mouse.click(box["x"] + box["width"] - 40, box["y"] + 40)  # into the map, north-east of the country
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(800)
    assert leaflet(page).evaluate("() => map.getZoom()") > zoom
    session.context.close()


def test_compare_enter_picks_one_cluster_and_its_map_shows_every_chosen_one_whole(browser, app_url):
    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = session.open("/compare?ids=kharkiv-it-cluster")
    picker = page.get_by_role("combobox", name="Clusters to compare (two to four)")
    picker.click()
    page.keyboard.type("Lviv")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_markers(page, 2)
    assert page.url.endswith("ids=kharkiv-it-cluster%2Clviv-it-cluster") or "lviv-it-cluster" in page.url
    assert "ivano-frankivsk" not in page.url
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    placed = leaflet(page).evaluate(
        """() => {
            const legend = document.querySelector(".itc-legend").getBoundingClientRect();
            return [...document.querySelectorAll("path.itc-cluster")].map((p) => {
                const b = p.getBoundingClientRect();
                const overlaps = b.right > legend.left && b.left < legend.right
                    && b.bottom > legend.top && b.top < legend.bottom;
                return {inside: b.left >= 0 && b.top >= 0 && b.right <= innerWidth && b.bottom <= innerHeight,
                        underLegend: overlaps};
            });
        }"""
    )
    assert placed == [{"inside": True, "underLegend": False}] * 2, placed
    session.context.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_labels_name_clusters_without_overlapping_each_other_or_a_control(browser, app_url, size):
    session, page = open_map(browser, app_url, size)
    page.get_by_role("button", name="Layers (1 on)").click()
    page.get_by_text("Labels", exact=True).click()
    page.keyboard.press("Escape")
    wait_markers(page, 26)
    frame = leaflet(page)
    frame.wait_for_function("() => document.querySelectorAll('.itc-label').length === 26")
    page.wait_for_timeout(500)

    def shown():
        return frame.evaluate(
            """() => {
                const controls = [...document.querySelectorAll(".leaflet-control")].filter((c) => c.offsetWidth)
                    .map((c) => c.getBoundingClientRect());
                const boxes = [...document.querySelectorAll(".itc-label")]
                    .filter((l) => l.style.visibility !== "hidden").map((l) => l.getBoundingClientRect());
                const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                return {
                    n: boxes.length,
                    names: [...document.querySelectorAll(".itc-label")].filter((l) => l.style.visibility !== "hidden")
                        .map((l) => l.textContent),
                    overlaps: boxes.filter((a, i) => boxes.some((b, j) => j > i && meet(a, b))).length,
                    onControls: boxes.filter((a) => controls.some((c) => meet(a, c))).length,
                    outside: boxes.filter((a) => a.left < 0 || a.top < 0 || a.right > innerWidth
                        || a.bottom > innerHeight).length,
                };
            }"""
        )

    first = shown()
    assert first["overlaps"] == first["onControls"] == first["outside"] == 0, first
    assert first["n"] >= 10 and "Kharkiv IT Cluster" in first["names"], first
    frame.evaluate("() => map.setZoom(map.getZoom() + 1.5, {animate: false})")  # closer in: room for more
    page.wait_for_timeout(600)
    closer = shown()
    assert closer["overlaps"] == closer["onControls"] == closer["outside"] == 0, closer
    session.context.close()


def test_a_tapped_marker_on_a_phone_opens_its_profile_on_screen(browser, app_url):
    session, page = open_map(
        browser,
        app_url,
        (390, 844),
        path="/?oblast=UA-63",
        markers=1,
        **PHONE,
    )
    wait_markers(page, 1).first.tap()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".itc-profile h3")).to_have_text("Kharkiv IT Cluster", timeout=20_000)
    box = dialog.bounding_box()  # over the map, not a screen below it
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] < 844 / 2, box
    session.context.close()
