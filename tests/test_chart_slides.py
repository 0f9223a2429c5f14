"""A chart page as a slide: the chart alone, every label at the slide's type size, measured in
the SVG the renderer draws; in Chromium, the picture filling the screen at every projector size with
none of the web page's controls, and its type at least 2.2 % of the screen's height."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from itclusters import chart_slides
from itclusters.stories import CHARTS, Slide, Story, check_story, to_json
from itclusters.svg import vegalite_svg

from .browser import wait_full_page

SVG_TEXT = re.compile(r"<text[^>]*font-size=\"([0-9.]+)px\"[^>]*>([^<]*)</text>")


def test_every_chart_the_schema_names_has_a_builder():
    assert set(chart_slides.BUILDERS) == {name for names in CHARTS.values() for name in names}


@pytest.mark.parametrize("page, name", [(p, n) for p, names in CHARTS.items() for n in names])
def test_a_slides_every_label_is_drawn_at_the_slides_type_size_and_none_is_cut(dataset, page, name):
    chart = chart_slides.chart_for(page, name, dataset.clusters, dataset)
    spec = chart_slides.slide_spec(chart)
    assert "title" not in spec and (spec["width"], spec["height"]) == chart_slides.DESIGN  # the caption says it
    svg = vegalite_svg(spec)
    texts = SVG_TEXT.findall(svg)
    assert len(texts) >= 5 and len(texts) == svg.count("<text")  # every text states its size
    small = [(size, text) for size, text in texts if float(size) < chart_slides.FONT]
    assert small == []
    assert not any(text.endswith("…") for _size, text in texts)  # legends and labels never cut
    width, height = (float(v) for v in re.search(r'<svg[^>]* width="([0-9.]+)" height="([0-9.]+)"', svg).groups())
    assert (width, height) == chart_slides.DESIGN  # the whole chart, axes and legend, in the design's room


def test_a_page_without_a_chart_or_with_nothing_to_chart_gives_none(dataset):
    assert chart_slides.chart_for("map", None, dataset.clusters, dataset) is None
    assert chart_slides.chart_for("members", None, dataset.clusters.iloc[:0], dataset) is None
    first = chart_slides.chart_for("wartime_status", "no-such-chart", dataset.clusters, dataset)
    assert (
        first.to_dict()["title"]
        == chart_slides.chart_for("wartime_status", None, dataset.clusters, dataset).to_dict()["title"]
    )


def test_a_story_names_only_charts_of_its_slides_page(vocabulary):
    story = Story("s", {"en": "S", "uk": "S"}, (Slide("members", {"en": "a", "uk": "a"}, chart="oblasts"),))
    loaded, problems = check_story(to_json(story), "s.json", vocabulary)
    assert loaded is None and str(problems[0]) == (
        "s.json, slide 1, field chart: 'oblasts': not a chart of page members (members, members_by_region)"
    )
    fine = Story("s", {"en": "S", "uk": "S"}, (Slide("members", {"en": "a", "uk": "a"}, chart="members_by_region"),))
    assert check_story(to_json(fine), "s.json", vocabulary) == (fine, [])


# -- The pictures, drawn once per chart ---------------------------------------------------------


@pytest.fixture
def drawings(monkeypatch):
    """ui/slide_chart.py's pictures with an empty cache and a renderer that counts its drawings (a
    spec {"fail": n} fails its first n drawings, as a worker that stopped would)."""
    from collections import OrderedDict

    from itclusters import worker
    from ui import slide_chart

    drawn = []

    def call(target, spec, timeout):
        drawn.append(spec["n"])
        if drawn.count(spec["n"]) <= spec.get("fail", 0):
            raise worker.Failed("the renderer stopped")
        return f"<svg>{spec['n']}</svg>"

    monkeypatch.setattr(worker, "call", call)
    monkeypatch.setattr(slide_chart, "_PICTURES", OrderedDict())
    return slide_chart, drawn


def spec(n: int, **more) -> str:
    return json.dumps({"n": n, **more}, sort_keys=True)


def test_a_slides_picture_is_drawn_once_and_a_failed_one_again(drawings):
    from itclusters import worker

    slide_chart, drawn = drawings
    assert slide_chart.picture(spec(1)) == slide_chart.picture(spec(1)) == "<svg>1</svg>"
    assert drawn == [1]  # a step back to a slide is instant
    with pytest.raises(worker.Failed):
        slide_chart.picture(spec(2, fail=1))
    assert slide_chart.picture(spec(2, fail=1)) == "<svg>2</svg>" and drawn == [1, 2, 2]  # tried again
    assert slide_chart.picture(spec(2, fail=1)) == "<svg>2</svg>" and drawn == [1, 2, 2]  # then kept


def test_the_pictures_kept_are_the_64_used_last(drawings):
    slide_chart, drawn = drawings
    for n in range(slide_chart._MAX_PICTURES + 1):
        slide_chart.picture(spec(n))
    assert len(slide_chart._PICTURES) == slide_chart._MAX_PICTURES == 64
    slide_chart.picture(spec(64))
    slide_chart.picture(spec(1))
    assert drawn == list(range(65))  # the 64 used last are all kept
    slide_chart.picture(spec(0))  # the one used longest ago was let go
    assert drawn == [*range(65), 0]


def test_a_drawing_that_outlives_its_workers_timeout_is_given_up(drawings, monkeypatch):
    """The worker stops a drawing after SECONDS; should it not, the page waits 5 s more, not forever."""
    import threading
    import time

    from itclusters import worker

    slide_chart, _drawn = drawings
    stuck = threading.Event()
    monkeypatch.setattr(worker, "call", lambda target, spec, timeout: stuck.wait(20) and "<svg/>")
    monkeypatch.setattr(slide_chart, "SECONDS", 0.1)
    start = time.monotonic()
    try:
        with pytest.raises(TimeoutError):
            slide_chart.picture(spec(1))
        assert 5 <= time.monotonic() - start < 10  # the worker's own limit and 5 s of grace, then no more
    finally:
        stuck.set()  # the drawing thread goes back to the pool


def test_a_storys_chart_slides_are_drawn_ahead_once_in_the_readers_language(dataset, monkeypatch):
    import dataclasses
    import time
    from collections import OrderedDict

    from itclusters import filters as flt
    from itclusters import worker
    from itclusters.i18n import override
    from itclusters.style import MACRO_REGIONS, STATUSES
    from ui import slide_chart

    drawn = []

    def call(target, spec, timeout):
        assert target == "itclusters.svg:vegalite_svg"  # vl-convert alone: a new worker is ready sooner
        assert timeout == slide_chart.SECONDS  # a stuck drawing is given up
        drawn.append(json.dumps(spec, sort_keys=True, ensure_ascii=False))
        return "<svg/>"

    monkeypatch.setattr(worker, "call", call)
    monkeypatch.setattr(slide_chart, "_PICTURES", OrderedDict())
    monkeypatch.setattr(slide_chart, "_PREFETCHED", set())
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    story = Story(
        "s",
        {"en": "S", "uk": "С"},
        (
            Slide("map", {"en": "a"}),  # no chart to draw
            Slide("members", {"en": "b"}, {"region": "west"}),
            Slide("founding_years", {"en": "c"}, chart=CHARTS["founding_years"][-1]),
            Slide("regions", {"en": "d"}, chart="oblasts"),  # drawn from the data's oblasts
        ),
    )

    def slide_spec(slide, clusters):
        return slide_chart.spec_json(chart_slides.chart_for(slide.page, slide.chart, clusters, dataset))

    def filtered(slide):
        return flt.apply(dataset.clusters, flt.from_query(slide.filters, vocabulary).filters)

    with override("uk"):
        slide_chart.prefetch(story, dataset, vocabulary)
        expected = [slide_spec(slide, filtered(slide)) for slide in story.slides[1:]]
        assert expected[0] != slide_spec(story.slides[1], dataset.clusters)  # the slide's filters count
    with override("en"):
        assert expected[0] != slide_spec(story.slides[1], filtered(story.slides[1]))  # so does the language

    def wait_for(count):  # the drawings are instant; building the charts takes well under a second
        deadline = time.monotonic() + 15
        while len(drawn) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    wait_for(4)
    assert list(slide_chart._PICTURES) == expected  # each chart slide, in the story's order, and nothing else
    assert sorted(drawn) == sorted([*expected, json.dumps(slide_chart.WARM_UP, sort_keys=True)])
    with override("uk"):
        slide_chart.prefetch(story, dataset, vocabulary)  # once per story and language
    time.sleep(0.3)
    assert len(drawn) == 4
    with override("en"):
        slide_chart.prefetch(story, dataset, vocabulary)  # a reader in English gets English pictures
        english = [slide_spec(slide, filtered(slide)) for slide in story.slides[1:]]
    wait_for(8)  # a warm-up and three charts more
    assert list(slide_chart._PICTURES) == expected + english
    fewer = dataclasses.replace(dataset, clusters=dataset.clusters.iloc[::2])  # an upload: new data, new pictures
    with override("en"):
        slide_chart.prefetch(story, fewer, vocabulary)
    wait_for(12)
    assert len(slide_chart._PICTURES) == 9


def test_a_slides_picture_is_its_svg_whole_and_its_text_alternative_is_escaped():
    import base64
    import html

    from ui import slide_chart

    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Члени — 600+</text></svg>'
    description = 'Members "by cluster" <b>&</b>'
    tag = slide_chart.picture_html(svg, description)
    [(alt, data)] = re.findall(r'alt="([^"]*)" src="data:image/svg\+xml;base64,([^"]*)"', tag)
    assert base64.b64decode(data).decode("utf-8") == svg
    assert html.unescape(alt) == description and "<b>" not in tag


# -- On the screen ------------------------------------------------------------------------------

SCREENS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]
WEB_CONTROLS = ("stRadio", "stCheckbox", "stDownloadButton", "stExpander", "stDataFrame", "stPopover", "stSelectbox")


def drawn_picture(page) -> dict:
    """The chart as drawn: the picture's box with object-fit: contain, and its scale."""
    return page.locator(".st-key-slide_chart img").evaluate("""img => {
        const box = img.getBoundingClientRect(), scale = Math.min(box.width / img.naturalWidth,
                                                                  box.height / img.naturalHeight);
        return {width: img.naturalWidth * scale, height: img.naturalHeight * scale, scale: scale,
                top: box.top, bottom: box.bottom, scrolls: document.scrollingElement.scrollHeight > innerHeight + 1};
    }""")


@pytest.mark.browser
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_chart_slide_fills_the_screen_with_type_the_back_row_reads(session, size):
    width, height = size
    session.page.set_viewport_size({"width": width, "height": height})
    for slide in ("3", "4", "5", "3&lang=uk"):
        page = session.open(f"/?present=1&story=overview&slide={slide}")
        picture = page.locator(".st-key-slide_chart img")
        expect(picture).to_be_visible(timeout=30_000)
        page.wait_for_function("() => document.querySelector('.st-key-slide_chart img').naturalWidth > 0")
        drawn = drawn_picture(page)
        assert drawn["width"] >= 0.8 * width and drawn["height"] >= 0.6 * height, (slide, drawn)
        assert drawn["bottom"] <= height + 1 and not drawn["scrolls"], (slide, drawn)
        assert chart_slides.FONT * drawn["scale"] >= 0.022 * height, (slide, drawn)  # every label's size
        main = page.get_by_test_id("stMain")
        for control in WEB_CONTROLS:
            assert main.get_by_test_id(control).count() == 0, (slide, control)
        assert parse_qs(urlparse(page.url).query)["slide"] == [slide.split("&")[0]]
        wait_full_page(page)
    assert session.errors() == []
