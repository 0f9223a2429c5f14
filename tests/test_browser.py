"""The dashboard in Debian's headless Chromium: what a user sees and clicks, and no request
leaving the machine."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .browser import (
    MAP_FRAME,
    Session,
    first_marker_painted,
    map_frame,
    running_app,
    wait_full_page,
    wait_idle,
    wait_markers,
    watch_paints,
)

pytestmark = pytest.mark.browser


def test_home_page_shows_every_cluster_offline(session):
    page = session.open()
    markers = wait_markers(page, 26)
    assert markers.count() == 26
    expect(page.get_by_text("26 of 26 clusters shown")).to_be_visible()
    expect(map_frame(page).get_by_text("Wartime status")).to_be_visible()  # the legend
    assert session.foreign_requests() == []
    assert session.errors() == [] and session.console_errors == []


def test_oblast_in_the_url_narrows_the_map(session):
    page = session.open("/?oblast=UA-46")
    wait_markers(page, 1)
    expect(page.get_by_text("1 of 26 clusters shown")).to_be_visible()
    assert session.foreign_requests() == []


def test_sidebar_widget_narrows_the_map_and_the_url(session):
    page = session.open()
    wait_markers(page, 26)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").nth(1).locator("input").click()  # the Oblast multiselect
    page.keyboard.type("Donetsk")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    wait_markers(page, 3)
    expect(page.get_by_text("3 of 26 clusters shown")).to_be_visible()
    assert parse_qs(urlparse(page.url).query) == {"oblast": ["UA-14"]}
    assert session.foreign_requests() == []


def test_clicking_a_marker_shows_its_profile(session):
    page = session.open("/?oblast=UA-63")
    wait_markers(page, 1).first.click()
    profile = page.locator(".itc-profile")
    expect(profile.locator("h3")).to_have_text("Kharkiv IT Cluster", timeout=20_000)
    expect(profile).to_contain_text("600+")
    expect(profile).to_contain_text("section 4 of the overview")
    page.get_by_role("button", name="Compare with other clusters").click()  # opens Compare with it
    expect(page.get_by_role("heading", name="Compare clusters", exact=True)).to_be_visible(timeout=20_000)
    wait_full_page(page)
    assert parse_qs(urlparse(page.url).query)["ids"] == ["kharkiv-it-cluster"]
    expect(page.get_by_text("Choose at least two clusters to compare them side by side.")).to_be_visible()
    assert session.errors() == []


def test_clusters_sharing_a_city_are_each_clickable(session):
    page = session.open("/?q=Kramatorsk")
    markers = wait_markers(page, 2)
    heading = page.locator(".itc-profile h3")
    markers.nth(0).click()
    heading.wait_for(timeout=20_000)
    first = heading.inner_text()
    markers.nth(1).click()
    expect(heading).not_to_have_text(first, timeout=20_000)
    assert {first, heading.inner_text()} == {"IT Cluster Donbass", "EastUkrainian Technocluster"}


def test_invalid_url_shows_a_notice(session):
    page = session.open("/?oblast=UA-99&founded=twenty")
    expect(page.get_by_text("Ignored oblast='UA-99'")).to_be_visible()
    wait_markers(page, 26)
    assert page.get_by_test_id("stException").count() == 0


@pytest.mark.parametrize(
    ("path", "title", "charts"),
    [
        ("/members", "Members", 2),
        ("/founding_years", "Founding years", 2),
        ("/wartime_status", "Wartime status", 2),
        ("/data", "Data", 0),
        ("/about", "About", 0),
        ("/regions", "Regions", 2),
        ("/compare", "Compare clusters", 0),
        ("/stories", "Stories", 0),
    ],
)
def test_every_page_renders_without_errors(session, path, title, charts):
    page = session.open(path + "?region=east")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_text("7 of 26 clusters shown")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()  # held back on the map's first screen only
    if charts:
        rendered = page.locator(".vega-embed")
        rendered.nth(charts - 1).wait_for(timeout=30_000)
        assert rendered.count() == charts
    assert page.get_by_test_id("stException").count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert session.errors() == []
    assert session.foreign_requests() == []
    assert parse_qs(urlparse(page.url).query) == {"region": ["east"]}


def test_a_deep_link_to_a_page_works_on_a_fresh_server(browser):
    """The first request a new server gets may be a shared link to a page, not the home page."""
    with running_app() as url:
        s = Session(browser, url)
        page = s.open("/members?oblast=UA-63")
        expect(page.get_by_role("heading", name="Members", exact=True)).to_be_visible()
        expect(page.get_by_text("1 of 26 clusters shown")).to_be_visible()
        assert page.get_by_test_id("stException").count() == 0
        s.context.close()


def test_chart_and_data_downloads(session):
    page = session.open("/members?region=west")
    page.locator(".vega-embed").first.wait_for(timeout=30_000)
    with page.expect_download() as png:
        page.get_by_role("button", name="⬇ PNG").first.click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.get_by_role("button", name="⬇ SVG").first.click()
    assert Path(svg.value.path()).read_text().startswith("<svg")

    page = session.open("/data?status=relocated")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").first.click()  # the clusters
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("id,name,city") and len(text.splitlines()) == 3
    with page.expect_download() as facts_download:
        page.get_by_role("button", name="Download CSV").nth(1).click()  # their facts
    facts = Path(facts_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert facts[0].startswith("fact_id,cluster_id,cluster_name,topic,topic_label") and len(facts) == 2
    assert facts[1].startswith("technocluster-statement,east-ukrainian-technocluster,")
    assert session.errors() == [] and session.foreign_requests() == []


def test_boundaries_are_drawn_under_the_markers_and_name_their_oblast(session):
    page = session.open("/?oblast=UA-46")
    wait_markers(page, 1)
    oblasts = map_frame(page).locator("path.itc-oblast")
    expect(oblasts).to_have_count(27, timeout=20_000)
    box = map_frame(page).locator("#map_div").bounding_box()
    # South-west of Lviv: inside Lviv Oblast, off the marker.
    x, y = (
        map_frame(page)
        .locator("body")
        .evaluate("() => { const p = map.latLngToContainerPoint([49.55, 23.55]); return [p.x, p.y]; }")
    )
    page.mouse.move(box["x"] + x - 10, box["y"] + y)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    expect(tooltip.first).to_contain_text("Lviv Oblast", timeout=10_000)
    expect(tooltip.first).to_contain_text("Львівська область")
    assert session.foreign_requests() == []


def test_exported_map_opens_with_the_network_blocked(session, browser, tmp_path):
    page = session.open("/?region=east")
    wait_markers(page, 7)
    with page.expect_download() as download:
        page.get_by_role("button", name="Map as HTML (works offline)").click()
    path = tmp_path / "map.html"
    download.value.save_as(path)

    offline = browser.new_context(offline=True, viewport={"width": 1200, "height": 800})
    requests = []
    offline.on("request", lambda r: requests.append(r.url))
    exported = offline.new_page()
    exported.goto(path.as_uri())
    expect(exported.locator("path.itc-cluster")).to_have_count(7, timeout=20_000)
    expect(exported.locator("path.itc-oblast")).to_have_count(27)
    expect(exported.get_by_text("Wartime status")).to_be_visible()
    assert [u for u in requests if not u.startswith("file:")] == []
    offline.close()


@pytest.mark.parametrize("path", ["/", "/members", "/founding_years", "/wartime_status", "/data", "/about", "/stories"])
def test_ukrainian_pages_render_without_errors(session, path):
    page = session.open(path + "?lang=uk&region=east")
    expect(page.get_by_text("Показано 7 з 26 кластерів")).to_be_visible()
    if path == "/":
        wait_markers(page, 7)
        expect(map_frame(page).get_by_text("Статус під час війни")).to_be_visible()  # the legend
    assert page.get_by_test_id("stException").count() == 0
    assert session.errors() == [] and session.foreign_requests() == []


def test_downloads_keep_the_chosen_language(session, tmp_path):
    page = session.open("/?lang=uk&oblast=UA-46")
    wait_markers(page, 1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Мапа як HTML (працює без інтернету)").click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    # A marker's tooltip and the legend, inside JSON strings in the map's script.
    assert json.dumps("Компаній-учасниць: понад 300")[1:-1] in html
    assert json.dumps("Статус під час війни")[1:-1] in html


# Records every place the map's frame takes from its first painted marker on.
FRAME_PLACES = """
(() => {
  if (window !== window.top) { return; }
  window.__itcPlaces = [];
  const tick = () => {
    const frame = window.__itcFirstMarker && document.querySelector(__FRAME__);
    if (frame) {
      const b = frame.getBoundingClientRect(), place = [b.x, b.y, b.width, b.height].join(",");
      if (!window.__itcPlaces.includes(place)) { window.__itcPlaces.push(place); }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""".replace("__FRAME__", json.dumps(MAP_FRAME))

# Records each value a frame reports to the page (Streamlit's component protocol), with the time.
REPORTS = """
addEventListener("message", (e) => {
  if (window !== window.top || !e.data || e.data.type !== "streamlit:setComponentValue") { return; }
  const frame = [...document.querySelectorAll("iframe")].find((f) => f.contentWindow === e.source);
  (window.__itcReports = window.__itcReports || []).push(
    {frame: frame ? frame.title : null, value: e.data.value, at: performance.timeOrigin + performance.now()});
}, true);
"""


def test_the_map_is_painted_before_the_sidebar_and_the_sidebar_follows_by_itself(browser, app_url):
    """The first screen (ui/first_screen.py): the map goes out alone, and once it has painted a
    marker its frame asks for the rest, once; the rest follows around the same frame."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watch_paints(context)
    context.add_init_script(REPORTS)
    context.add_init_script(FRAME_PLACES)
    page = context.new_page()
    page.goto(app_url + "/?region=east")
    first_marker_painted(page)
    page.frame(url=lambda u: "streamlit_folium" in u).evaluate("window.__itcSameFrame = true")
    page.wait_for_function("window.__itcFilters", timeout=15_000)  # nothing clicked or typed
    assert page.evaluate("window.__itcFirstMarker < window.__itcFilters")
    wait_full_page(page)
    expect(page.get_by_text("7 of 26 clusters shown")).to_be_visible()
    expect(page.get_by_text("Map as HTML (works offline)")).to_be_visible()
    expect(page.get_by_role("heading", name="Ukraine's regional IT clusters")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()  # the page list came with the rest
    reports = page.evaluate("window.__itcReports || []")
    assert [(r["frame"], r["value"]) for r in reports] == [("streamlit_folium.st_folium", {})]
    assert page.evaluate("window.__itcFirstMarker <= window.__itcReports[0].at")
    # What arrived after the first paint (title, page list, controls, sidebar, and the code that
    # draws them) did not move the map, not even for a moment, nor load its frame again.
    page.wait_for_timeout(1000)
    assert len(page.evaluate("window.__itcPlaces")) == 1, page.evaluate("window.__itcPlaces")
    assert page.frame(url=lambda u: "streamlit_folium" in u).evaluate("window.__itcSameFrame") is True
    # A filter change redraws the markers in the same frame, and it asks for nothing more.
    page.get_by_label("Search name or city").fill("Kharkiv")
    page.keyboard.press("Enter")
    wait_markers(page, 1)
    wait_idle(page)
    assert len(page.evaluate("window.__itcReports")) == 1
    context.close()


PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("width", "height", "lang", "user_agent"),
    [
        (1280, 720, "uk", None),  # a projector
        (1024, 768, "uk", None),  # a narrow window: the title's type shrinks to keep to one line
        (800, 600, "uk", None),  # Ukrainian labels are the longer ones
        (390, 844, "en", PHONE),  # a phone: the columns stack, so the page comes whole at once
    ],
)
def test_the_map_stays_put_while_the_page_fills_in(browser, app_url, width, height, lang, user_agent):
    """Whatever the screen, nothing that arrives after the first marker moves the map: the rooms
    above it keep their size from the first screen on (ui/map_controls.py, ROOMS)."""
    options = {"user_agent": user_agent} if user_agent else {}
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    watch_paints(context)
    context.add_init_script(FRAME_PLACES)
    page = context.new_page()
    page.goto(app_url + f"/?lang={lang}")
    first_marker_painted(page)
    wait_full_page(page)
    page.wait_for_timeout(1000)
    assert len(page.evaluate("window.__itcPlaces")) == 1, page.evaluate("window.__itcPlaces")
    context.close()


def test_the_rest_follows_even_when_the_map_cannot_draw(browser, app_url):
    """Should the map never paint (here its Leaflet script does not load), the page asks for the
    rest itself after a few seconds: the reader still gets the sidebar and the other pages."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(REPORTS)
    page = context.new_page()
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(app_url + "/?region=east")
    wait_full_page(page)
    expect(page.get_by_text("7 of 26 clusters shown")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    assert page.evaluate("window.__itcReports || []") == []  # the map asked for nothing
    context.close()


def click_on_map(page, lat: float, lon: float) -> None:
    """Click the map where the point lies (Leaflet converts the position)."""
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    x, y = frame.evaluate(
        f"(() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()"
    )
    map_frame(page).locator(".leaflet-container").click(position={"x": x, "y": y})


def test_clicking_an_oblast_filters_to_it_and_clicking_again_clears(session):
    page = session.open()
    wait_markers(page, 26)
    page.wait_for_timeout(500)  # the view has been fitted
    click_on_map(page, 49.2, 37.2)  # Kharkiv Oblast, south of the city: no marker there
    wait_markers(page, 1)
    expect(page.get_by_text("1 of 26 clusters shown")).to_be_visible()
    assert parse_qs(urlparse(page.url).query) == {"oblast": ["UA-63"]}
    page.wait_for_timeout(800)  # the view is fitted to the oblast
    click_on_map(page, 49.2, 37.2)
    wait_markers(page, 26)
    assert "oblast" not in parse_qs(urlparse(page.url).query)
    assert session.errors() == [] and session.foreign_requests() == []


def test_hovering_an_oblast_names_it_with_its_counts(session):
    page = session.open("/?region=east")
    wait_markers(page, 7)
    page.wait_for_timeout(500)
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    x, y = frame.evaluate("(() => { const p = window.map.latLngToContainerPoint([48.3, 37.0]); return [p.x, p.y]; })()")
    map_frame(page).locator(".leaflet-container").hover(position={"x": x, "y": y})
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("Donetsk Oblast")
    expect(tooltip).to_contain_text("3 clusters")


def test_a_marker_click_on_a_projector_screen_opens_its_profile(session):
    """In a window too low for the map's least height (a projector at 1280x480 here, or notices
    above the map) the frame reaches below the window. Pressing on the map focuses it, and
    Leaflet's own focus scrolled the page, so the release landed elsewhere: the marker's click
    became a click on the oblast below it, which replaced the oblast filter."""
    session.page.set_viewport_size({"width": 1280, "height": 480})
    page = session.open("/?oblast=UA-71")
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame["y"] + frame["height"] > 480  # the case in question: the frame is cut by the fold
    wait_markers(page, 1).first.click()
    expect(page.locator(".itc-profile h3")).to_have_text("Cherkasy IT Cluster", timeout=20_000)
    assert parse_qs(urlparse(page.url).query)["oblast"] == ["UA-71"]
    assert page.evaluate("window.scrollY") == 0


def test_a_facts_section_link_opens_the_about_page_at_that_section(session):
    """The section column links to the section's heading on the About page; the link opens in a new
    tab, which must land scrolled to that heading, in the reader's language. On a 1366 px screen
    the table fits beside the sidebar, in Ukrainian (the longer words) too."""
    session.page.set_viewport_size({"width": 1366, "height": 768})
    page = session.open("/data?lang=uk")
    facts = page.locator(".st-key-facts_table").get_by_test_id("stDataFrame")
    scroller = facts.locator(".dvn-scroller")
    facts.locator("[role=gridcell]").first.wait_for(state="attached")  # laid out
    fits = scroller.evaluate(
        """(e) => new Promise((done) => { let n = 0; const check = () => (e.scrollWidth <= e.clientWidth || ++n > 50)
            ? done(e.scrollWidth <= e.clientWidth) : setTimeout(check, 100); check(); })"""
    )
    assert fits, "the facts table scrolls sideways"
    page.get_by_label("Пошук у фактах").fill("Eastern Ukraine EDIH")  # one fact: Kharkiv's, section 4
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 з 100 фактів", exact=False)).to_be_visible()
    wait_idle(page)
    table = facts
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    canvas = table.get_by_test_id("data-grid-canvas")
    # The grid is a canvas: find the link by the pointer it shows over the link text (the section
    # column is the last one), then click it as a person would.
    y = box["y"] + 38 + 40  # the header row, then the middle of the first row
    for x in range(int(box["x"] + box["width"]) - 4, int(box["x"] + box["width"]) - 150, -3):
        page.mouse.move(x, y)
        if canvas.evaluate("c => c.style.cursor") == "pointer":
            break
    else:
        raise AssertionError("no link in the section column")
    with session.context.expect_page() as opened:
        page.mouse.click(x, y)
    about = opened.value
    wait_full_page(about)
    assert urlparse(about.url).path == "/about" and urlparse(about.url).fragment == "section-4"
    assert parse_qs(urlparse(about.url).query) == {"lang": ["uk"]}
    heading = about.locator("#section-4")
    expect(heading).to_have_text("4 · Kharkiv IT cluster")
    expect(heading).to_be_in_viewport()
    assert about.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop") > 0  # it scrolled there
    assert session.errors() == [] and session.foreign_requests() == []
