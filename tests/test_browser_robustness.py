"""Hostile data and uploads in the real browser: no script runs, text shows literally, an upload
stays in its own session."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from itclusters.schema import DATA_DIR

from .browser import Session, map_frame, running_app, wait_idle, wait_in_map, wait_markers
from .conftest import TESTS

pytestmark = pytest.mark.browser
HOSTILE = TESTS / "hostile"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA_DIR, folder)
    shutil.copy(HOSTILE / "clusters.csv", folder / "clusters.csv")
    shutil.copy(HOSTILE / "relocations.csv", folder / "relocations.csv")
    shutil.copy(HOSTILE / "hubs.csv", folder / "hubs.csv")
    shutil.copy(HOSTILE / "facts.csv", folder / "facts.csv")
    with running_app(env={"ITCLUSTERS_DATA_DIR": str(folder)}) as url:
        yield url


@pytest.fixture
def watched(browser, hostile_url):
    s = Session(browser, hostile_url)
    dialogs = []
    s.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    s.dialogs = dialogs
    yield s
    s.context.close()


def assert_nothing_ran(s):
    assert s.dialogs == [], s.dialogs
    assert s.page_errors == []
    assert s.foreign_requests() == []  # no tracking pixel, no javascript: navigation


def hover_map_at(page, script: str) -> None:
    """Hover the map at the container point a script computes from `map` (Leaflet's map)."""
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    x, y = frame.evaluate(f"(() => {{ const map = window.map; {script} }})()")
    map_frame(page).locator(".leaflet-container").hover(position={"x": x, "y": y})


def test_arrow_and_hub_tooltips_show_hostile_text_literally(watched):
    page = watched.open("/?region=east,north")  # Mariupol's moves, and Kyiv's hubs in view
    wait_markers(page)
    page.get_by_role("button", name="Layers (1 on)").click()
    page.get_by_text("IT hubs", exact=True).click()  # the hubs layer on: a new base map
    page.keyboard.press("Escape")
    wait_in_map(page, "path.itc-hub")
    page.wait_for_timeout(800)  # the view has settled
    # Part way along the first arrow's shaft, where nothing else is drawn.
    hover_map_at(
        page,
        """const line = Object.values(map._layers).find((l) => l.options && l.options.className === "itc-relocation");
        const [a, b] = line.getLatLngs().map((p) => map.latLngToContainerPoint(p));
        return [a.x + 0.35 * (b.x - a.x), a.y + 0.35 * (b.y - a.y)];""",
    )
    arrow = map_frame(page).locator(".leaflet-tooltip").filter(has_text="→")
    expect(arrow).to_contain_text("<script>alert('name')</script> → ")
    # A hub's circle may sit under a cluster's: open its tooltip as a hover would.
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    frame.evaluate(
        """Object.values(window.map._layers)
            .find((l) => l.options && l.options.className === "itc-hub").openTooltip()"""
    )
    tooltip = map_frame(page).locator(".leaflet-tooltip").filter(has_text="Hubs in")
    # One of tests/hostile/hubs.csv's names, shown as the characters it is made of.
    expect(tooltip).to_contain_text(re.compile(r"<script>alert\('hub'\)</script>|\(javascript:alert\('hublink'\)\)"))
    page.wait_for_timeout(500)
    assert_nothing_ran(watched)


def test_map_tooltips_and_profile_show_hostile_text_literally(watched):
    page = watched.open("/?oblast=UA-12&members=50-")  # IT Dnipro Community, named <script>...
    markers = wait_markers(page, 1)
    markers.first.hover()
    # The marker's tooltip (the oblast under it may show its own): the name shown as text.
    tooltip = map_frame(page).locator(".leaflet-tooltip").filter(has_text="Member companies")
    expect(tooltip).to_contain_text("<script>alert('name')</script>")
    markers.first.click()
    expect(page.locator(".itc-profile h3")).to_have_text("<script>alert('name')</script>", timeout=20_000)
    # The cluster's facts (tests/hostile/facts.csv) in the profile, as the characters they are made of.
    expect(page.locator(".itc-profile")).to_contain_text("[click me](javascript:alert('factlink'))")
    expect(page.locator(".itc-profile")).to_contain_text("=HYPERLINK(")
    page.wait_for_timeout(500)
    assert_nothing_ran(watched)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/members",
        "/founding_years",
        "/wartime_status",
        "/data",
        "/about",
        "/regions",
        "/compare?ids=lviv-it-cluster,it-dnipro-community",
    ],
)
def test_every_page_with_hostile_data_runs_no_script(watched, path):
    page = watched.open(path)
    if path == "/":
        wait_markers(page, 26)
    elif path in ("/members", "/founding_years", "/wartime_status", "/regions"):
        page.locator(".vega-embed").first.wait_for(timeout=30_000)
    elif path.startswith("/compare"):
        wait_markers(page, 2)  # the small map of the two compared clusters
        expect(page.get_by_text("<script>alert('name')</script>").first).to_be_visible()
    page.wait_for_timeout(800)
    assert page.get_by_test_id("stException").count() == 0
    assert_nothing_ran(watched)


def test_charts_draw_hostile_labels_as_text(watched):
    page = watched.open("/members")
    chart = page.locator(".vega-embed").first
    chart.wait_for(timeout=30_000)
    expect(chart).to_contain_text("<script>alert('name')</script>")
    assert_nothing_ran(watched)


def test_upload_stays_in_its_own_session(browser):
    with running_app() as url:
        first, second = Session(browser, url), Session(browser, url)
        page = first.open("/data")
        page.get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(
            str(HOSTILE / "clusters.csv")
        )
        page.get_by_role("button", name="Use the uploaded data in this session").click(timeout=30_000)
        expect(page.get_by_text("Using uploaded data (26 clusters) in this browser session only.")).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_text("<script>alert('name')</script>").first).to_be_attached()  # a grid cell

        other = second.open("/data")
        expect(other.get_by_text("26 of 26 clusters shown")).to_be_visible()
        assert other.get_by_text("Using uploaded data").count() == 0
        assert other.get_by_text("<script>alert('name')</script>").count() == 0

        page.get_by_role("button", name="Revert to the published data").click()
        expect(page.get_by_text("Using uploaded data")).to_have_count(0, timeout=30_000)
        first.context.close()
        second.context.close()


def test_unknown_page_is_a_notice_not_a_crash(browser):
    with running_app() as url:
        s = Session(browser, url)
        page = s.open("/no-such-page?oblast=UA-46")
        wait_idle(page)
        assert page.get_by_test_id("stException").count() == 0
        expect(page.get_by_text("Page not found")).to_be_visible(timeout=20_000)
        s.context.close()
