"""What a visitor types can never take the server down: a control character in the address or
in the data goes through every file the map page makes, and the next reader is served; a file
that cannot be made says why under its button."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from itclusters.schema import DATA_DIR

from .browser import Session, running_app, wait_markers

pytestmark = pytest.mark.browser


def download(page, name: str, timeout: float = 60_000) -> bytes:
    with page.expect_download(timeout=timeout) as started:
        page.get_by_role("button", name=name, exact=True).first.click()
    return Path(started.value.path()).read_bytes()


def test_a_control_character_in_the_address_goes_through_every_map_file(session, browser, app_url):
    page = session.open("/?q=Kh%01ar%0Bkiv%1B")
    wait_markers(page, 1)  # the search read as "Kharkiv"
    expect(page.get_by_text("Removed characters that cannot be shown (U+0001, U+000B, U+001B)")).to_be_visible()
    assert download(page, "Map as PNG").startswith(b"\x89PNG")
    assert download(page, "Map as SVG").startswith(b"<svg")
    assert download(page, "Slides (PowerPoint)").startswith(b"PK")
    assert app_url.process.poll() is None
    other = Session(browser, app_url)  # the next reader is served
    wait_markers(other.open("/"), 26)
    other.context.close()
    assert session.errors() == [] and session.foreign_requests() == []


@pytest.fixture(scope="module")
def pasted_url(tmp_path_factory):
    """The published data with control characters and a line separator pasted into a name."""
    folder = tmp_path_factory.mktemp("pasted") / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "clusters.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Lviv IT Cluster", "Lviv\x0b IT\u2028Cluster\x01", 1),
        encoding="utf-8",
    )
    with running_app(env={"ITCLUSTERS_DATA_DIR": str(folder)}) as url:
        yield url


def test_names_pasted_with_control_characters_leave_charts_and_decks_working(browser, pasted_url):
    s = Session(browser, pasted_url)
    page = s.open("/members")
    chart = page.locator(".vega-embed").first
    expect(chart).to_contain_text("Lviv IT Cluster")  # as the loader cleaned it
    assert download(page, "⬇ SVG").startswith(b"<svg")  # the first chart's
    page = s.open("/")
    assert download(page, "Slides (PowerPoint)").startswith(b"PK")
    assert s.errors() == []
    s.context.close()


def test_a_file_that_cannot_be_made_says_what_and_why_under_its_button(browser):
    with running_app(env={"ITCLUSTERS_EXPORT_SECONDS": "0.001"}) as url:
        s = Session(browser, url)
        page = s.open("/")
        page.get_by_role("button", name="Map as PNG", exact=True).click()
        expect(page.get_by_test_id("stDownloadButtonError")).to_have_text(
            "Map as PNG could not be made: it took longer than 0.001 seconds and was stopped."
        )
        wait_markers(s.open("/?region=east"), 7)  # and the server goes on
        s.context.close()
