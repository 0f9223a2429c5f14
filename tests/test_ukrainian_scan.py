"""Every page in Ukrainian, in Chromium at 1366x768: no visible line, and no label a screen reader
says (aria-label, title, placeholder), of four or more Latin-script words without Cyrillic
(tests/latin.py: the clusters' and places' names and the source's title aside). The map's frame
is read too. Streamlit's own words come through ui/platform_texts.py, Leaflet's through
itclusters.leaflet.ControlTexts, the About page from the schema."""

from __future__ import annotations

import re

import pytest

from ui import platform_texts

from .browser import MAP_FRAME, Session, wait_markers
from .latin import english_lines

pytestmark = pytest.mark.browser

PAGES = ("", "members", "founding_years", "wartime_status", "regions", "compare", "data", "stories", "about")

# Visible text, each text node a line, in the page and in its same-origin frames; icon ligatures
# (Material icons, aria-hidden) are not words anyone reads.
TEXTS = """() => {
  const out = [];
  const read = (doc) => {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const element = node.parentElement;
      if (!element || element.closest('[aria-hidden="true"], [translate="no"], script, style')) continue;
      const style = getComputedStyle(element), box = element.getBoundingClientRect();
      if (style.display === "none" || style.visibility === "hidden" || box.width <= 1 || box.height <= 1) continue;
      const text = node.textContent.trim();
      if (text) out.push(text);
    }
    for (const element of doc.querySelectorAll("[aria-label], [title], [placeholder]")) {
      for (const name of ["aria-label", "title", "placeholder"]) {
        const value = element.getAttribute(name);
        if (value) out.push(value);
      }
    }
    for (const frame of doc.querySelectorAll("iframe")) {
      try { if (frame.contentDocument && frame.contentDocument.body) read(frame.contentDocument); } catch (e) {}
    }
  };
  read(document);
  return out;
}"""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "map")
def test_no_english_line_in_ukrainian(browser, app_url, page):
    session = Session(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        tab = session.open(f"/{page}?lang=uk")
        if not page:
            wait_markers(tab)
            zoom_in = tab.frame_locator(MAP_FRAME).locator(".leaflet-control-zoom-in")
            assert zoom_in.get_attribute("title") == "Збільшити"
            scale = tab.frame_locator(MAP_FRAME).locator(".leaflet-control-scale-line").inner_text()
            assert re.fullmatch(r"\d+ (км|м)", scale), scale  # Leaflet writes 'km' into the bar itself
        tab.wait_for_function("() => window.__itcTextsWatching === true")  # Streamlit's words, rewritten
        tab.wait_for_timeout(500)
        lines = tab.evaluate(TEXTS)
        assert len(lines) > 20
        assert english_lines(lines) == []
        # Streamlit's own words, shorter than four: none left as Streamlit wrote them.
        left = [line for line in lines if line in platform_texts.TEXTS or re.match(platform_texts.UPLOAD_LIMIT, line)]
        assert left == []
        assert session.errors() == []
    finally:
        session.context.close()
