"""Tables an analyst can read on a laptop: no sideways scrolling at 1366 x 768 in either language,
counts that sort as numbers while they read '600+', and a total row with honest bounds."""

import re

import pytest
from playwright.sync_api import expect

from .browser import Session

pytestmark = pytest.mark.browser


def grids(page) -> list[dict]:
    """Each table's scrolling width against the width it has, from the grid's own scroller."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map((d) => {
            const s = d.querySelector(".dvn-scroller");
            return {scroll: s.scrollWidth, client: s.clientWidth, first: d.innerText.slice(0, 40)};
        })"""
    )


def column_texts(page, table: int, column: int) -> list[str]:
    """The cells of one column as the grid shows them (its accessible copy of the canvas)."""
    return page.evaluate(
        """([table, column]) => {
            const grid = document.querySelectorAll('[data-testid="stDataFrame"]')[table];
            return [...grid.querySelectorAll('[role="row"]')].slice(1)
                .map((row) => row.querySelectorAll('[role="gridcell"]')[column])
                .filter(Boolean).map((cell) => cell.textContent.replace(/\u2007/g, ""));
        }""",
        [table, column],
    )


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize("path", ["/regions", "/data"])
def test_tables_fit_a_laptop_without_scrolling_sideways(browser, app_url, path, lang):
    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = session.open(f"{path}?lang={lang}")
    page.get_by_test_id("stDataFrame").first.locator("[role=gridcell]").first.wait_for(state="attached")
    page.wait_for_timeout(1000)  # the grids size their columns once laid out
    found = grids(page)
    assert len(found) >= 2  # the table and its total (Data: and the facts)
    for grid in found[:4] if path == "/regions" else found[:2]:
        assert grid["scroll"] <= grid["client"] + 1, grid
    session.context.close()


def test_counts_sort_as_numbers_and_read_as_bounds(browser, app_url):
    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = session.open("/regions")
    grid = page.get_by_test_id("stDataFrame").first
    grid.locator('[role="gridcell"]').first.wait_for(state="attached")
    members = column_texts(page, 0, 5)
    assert "70+" in members and "20+ (2 not stated)" in members and "600+" in members
    box = grid.bounding_box()
    # The header of "Member companies": after Name, Clusters and the three statuses (pages/regions.py).
    header = (box["x"] + 170 + 66 + 60 + 76 + 96 + 60, box["y"] + 18)
    page.mouse.click(*header)  # ascending
    page.wait_for_timeout(500)
    page.mouse.click(*header)  # descending: the largest first (the grid lists only the rows in view)
    page.wait_for_timeout(500)
    ordered = [m for m in column_texts(page, 0, 5) if m != "not stated"]
    numbers = [int(re.match(r"[\d,]+", m).group().replace(",", "")) for m in ordered]
    assert numbers == sorted(numbers, reverse=True) and ordered[:4] == ["600+", "300+", "72", "70+"], ordered
    session.context.close()


def test_the_total_row_says_what_its_sums_leave_out(browser, app_url):
    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    page = session.open("/regions?region=east")
    expect(page.get_by_text("23 units outside the region filters are left out.")).to_be_visible()
    page.get_by_test_id("stDataFrame").nth(1).locator('[role="gridcell"]').first.wait_for(state="attached")
    total = column_texts(page, 1, 5)
    assert [t.strip("\u2007") for t in total] == [
        "690+ (3 not stated)"
    ]  # Kharkiv 600+, Dnipro 70+, Donetsk 20+; 3 clusters silent
    assert column_texts(page, 1, 0) == ["Total"]
    session.context.close()


def test_the_facts_grid_is_as_tall_as_its_rows_up_to_seven(browser, app_url):
    """Seven rows of four lines of notes in view; with fewer facts, no empty room below them."""
    from ui.fact_table import ROW_HEIGHT, VISIBLE_ROWS

    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    for query, rows in (("", VISIBLE_ROWS), ("hackathon", 2)):
        page = session.open("/data")
        grid = page.locator(".st-key-facts_table [data-testid='stDataFrame']")
        grid.locator("[role=gridcell]").first.wait_for(state="attached")
        if query:  # two facts
            page.get_by_label("Search the facts").fill("hackathon")
            page.get_by_label("Search the facts").press("Enter")
            expect(page.get_by_text(re.compile(r"^2 of \d+ facts")).first).to_be_visible(timeout=20_000)
            page.wait_for_timeout(1000)
        height = grid.bounding_box()["height"]
        assert abs(height - (rows * ROW_HEIGHT + 38)) < 0.5, (query, height)  # exactly: 1 px more is a gap
    session.context.close()
