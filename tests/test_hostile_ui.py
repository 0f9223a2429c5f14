"""Trust, part two: every protection of the pages and of the files they give, each fed hostile data
that gets through when the protection is taken away.

The files are the ones the buttons give: a download button's file is made when pressed
(ui/downloads.py), so the tests keep the callable Streamlit registers for each button and call it,
in the worker, as a press would. The hostile data is tests/hostile's, with hostile oblast names
added (regions.csv); nothing here needs a browser.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from itclusters import compare, exports, worker
from itclusters.data import load_dataset
from itclusters.schema import DATA_DIR, load_package
from itclusters.text import markdown_literal, renderable

from .apptest import new_app
from .conftest import TESTS

HOSTILE = TESTS / "hostile"
# What a spreadsheet reads as the start of a formula (OWASP's list), spelled out here rather than
# imported: a test that read the app's own list would follow a mutation of it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Hostile oblast names, in units that hold hostile clusters. A macro-region's list of its units
# starts with one of them ('&', '+', '-', '=' and '@' sort before letters).
OBLASTS = {
    "UA-05": '=HYPERLINK("http://x.invalid")',  # Vinnytsia, centre
    "UA-07": "+cmd|' /C calc'!A0",  # Volyn, west
    "UA-09": "-2+3",  # Luhansk, east
    "UA-12": "@SUM(A1)",  # Dnipropetrovsk, east
    "UA-30": "</script><script>alert('oblast')</script>",  # Kyiv City, north
    "UA-46": "{{ 7*7 }}{# open `${x}` \\",  # Lviv, west
    "UA-63": "&lt;b&gt; \"quoted\" 'single' <b>&amp;</b>",  # Kharkiv, east
}


def hostile_files() -> dict[str, bytes]:
    """The hostile tables as uploads: tests/hostile's clusters, relocations and facts, and the
    published regions.csv with the oblast names above (in both languages)."""
    regions = pd.read_csv(DATA_DIR / "regions.csv", dtype=str, keep_default_na=False)
    for iso, name in OBLASTS.items():
        regions.loc[regions["iso"] == iso, ["name_en", "name_uk"]] = [name, f"{name} (uk)"]
    files = {name: (HOSTILE / f"{name}.csv").read_bytes() for name in ("clusters", "relocations", "facts")}
    return files | {"regions": regions.to_csv(index=False).encode("utf-8")}


@pytest.fixture(scope="module")
def hostile():
    loaded = load_dataset(DATA_DIR, replacements=hostile_files())
    assert loaded.errors == [], [str(p) for p in loaded.errors]
    assert set(OBLASTS.values()) <= set(loaded.dataset.regions["name_en"])  # the loader kept them as they are
    return loaded.dataset


@pytest.fixture
def hostile_app(tmp_path, monkeypatch, fresh_caches):
    """The app's data folder holds the hostile tables."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    for name, data in hostile_files().items():
        (folder / f"{name}.csv").write_bytes(data)
    monkeypatch.setenv("ITCLUSTERS_DATA_DIR", str(folder))
    yield folder
    # A worker child started meanwhile inherited this folder as its data folder, and the pool
    # reuses children: an upload another test validates must not read the hostile tables.
    worker.POOL.close_idle()


@pytest.fixture
def presses(monkeypatch):
    """Each download button's file, as a press makes it: file id -> (file name, the callable)."""
    registered: dict[str, tuple[str, object]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        registered[file_id] = (file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return registered


def press(at, presses, file_name: str) -> bytes:
    """The bytes of the button on the page that gives `file_name`."""
    for button in at.get("download_button"):
        name, make = presses.get(button.proto.deferred_file_id, (None, None))
        if name == file_name:
            return make()
    raise AssertionError(f"no download button gives {file_name}")


def csv_rows(data: bytes) -> list[list[str]]:
    """The CSV as a spreadsheet reads it, header first; no cell or header starts a formula."""
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    formulas = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert formulas == [], formulas
    return rows


def xlsx_rows(data: bytes) -> list[list[object]]:
    """The table's sheet (the one it opens on), header first; no cell in any sheet is a formula,
    and no text in any sheet starts one."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert texts == [], texts
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def column(rows: list[list], header: str) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:] if len(row) > index]


def neutralised(text: str) -> str:
    """How a text that starts a formula reaches a spreadsheet: after an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- 1. The downloads ----------------------------------------------------------------------------


def test_the_regions_downloads_hold_hostile_oblast_names_as_text(hostile_app, presses):
    at = new_app().run()
    at.switch_page("pages/regions.py").run()
    assert not at.exception
    for ext, rows_of in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        oblasts = rows_of(press(at, presses, f"clusters-by-oblast.{ext}"))
        names = column(oblasts, "Name")
        assert {neutralised(name) for name in OBLASTS.values()} <= set(names), ext
        assert "'" + OBLASTS["UA-05"] in names and OBLASTS["UA-30"] in names  # the rest untouched
        macro = rows_of(press(at, presses, f"clusters-by-macro-region.{ext}"))
        units = dict(zip(column(macro, "Name"), column(macro, "Oblasts")))
        assert units["West"].startswith("'" + OBLASTS["UA-07"] + ", "), ext  # a list that started a formula
        assert units["East"].startswith(", ".join([OBLASTS["UA-63"], OBLASTS["UA-09"], OBLASTS["UA-12"]])), ext
        assert units["Centre"].startswith("'" + OBLASTS["UA-05"] + ", "), ext


def test_the_compare_downloads_hold_hostile_names_as_text(hostile_app, presses):
    chosen = ["chernivtsi-it-cluster", "kyiv-it-cluster", "lutsk-it-cluster"]
    at = new_app(ids=",".join(chosen)).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception and at.multiselect(key="compare_ids").value == chosen
    for ext, rows_of, header in (("csv", csv_rows, "name"), ("xlsx", xlsx_rows, "Name")):  # the workbook's titles
        rows = rows_of(press(at, presses, f"cluster-comparison.{ext}"))
        assert column(rows, header) == [
            '\'=HYPERLINK("http://x.invalid")',
            "</script><script>alert('close')</script>",
            '\'=HYPERLINK("http://x.invalid")',
        ], ext


def test_a_table_headed_by_cluster_names_gives_no_formula_header(hostile):
    """The comparison on screen is headed by the clusters' names; its files hold one row per
    cluster instead (above). Should that table ever be the file, its headers are as safe as its
    cells: the header row of each format, read back."""
    selected = hostile.clusters.set_index("id", drop=False).loc[["chernivtsi-it-cluster", "lutsk-it-cluster"]]
    table = compare.comparison(selected, hostile.relocations, hostile.clusters)
    headers = [
        '=HYPERLINK("http://x.invalid") (chernivtsi-it-cluster)',
        '=HYPERLINK("http://x.invalid") (lutsk-it-cluster)',
    ]
    assert list(table.columns)[1:] == headers
    expected = ["Fact", *("'" + h for h in headers)]
    assert csv_rows(exports.csv_bytes(table))[0] == expected
    assert xlsx_rows(exports.excel_bytes(table, sheet="comparison", title="Compared clusters"))[0] == expected


def test_the_data_pages_downloads_hold_hostile_text_as_text(hostile_app, presses):
    at = new_app().run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    for ext, rows_of in (("csv", csv_rows), ("xlsx", xlsx_rows)):

        def heading(resource: str, name: str, ext: str = ext) -> str:  # a workbook heads a column with its title
            if ext == "csv":
                return name
            return exports.LABEL_TITLES.get(name) or load_package().resource(resource).field(name).title

        clusters = rows_of(press(at, presses, f"it-clusters.{ext}"))
        names = column(clusters, heading("clusters", "name"))
        assert names.count('\'=HYPERLINK("http://x.invalid")') == 2 and "<script>alert('name')</script>" in names
        for text_column in ("head", "status_note", "location_note", "members_note"):
            found = column(clusters, heading("clusters", text_column))
            assert '\'=HYPERLINK("http://x.invalid")' in found, (ext, text_column)
        facts = rows_of(press(at, presses, f"it-cluster-facts.{ext}"))
        notes = column(facts, heading("facts", "note"))
        assert '\'=HYPERLINK("http://tracker.invalid","x")' in notes and "<script>alert('fact')</script>" in notes
        assert '\'=HYPERLINK("http://x.invalid")' in column(facts, heading("facts", "cluster_name")), ext
        assert '\'=HYPERLINK("http://tracker.invalid","x")' in column(facts, heading("facts", "subject")), ext


def test_the_maps_downloads_hold_this_view(presses):
    """The live map as HTML: this view's clusters, the oblasts' boundaries and the hubs it shows;
    the slides: the shipped story, dated today, in the reader's language."""
    import datetime

    from pptx import Presentation

    from itclusters.schema import DATA_DIR as published

    at = new_app(region="east", hubs="1").run()
    assert not at.exception
    page = press(at, presses, "it-clusters-map.html").decode("utf-8")
    dataset = load_dataset(published).dataset
    plain = dataset.clusters[dataset.clusters["name"].str.fullmatch(r"[\w .-]+")]  # no character to escape
    east = plain["macro_region"] == "east"
    assert east.any() and all(name in page for name in plain[east]["name"])
    assert not any(name in page for name in plain[~east]["name"])
    assert "draw({" in page and all(name in page for name in dataset.hubs["name"])  # the boundaries, the hubs
    deck = Presentation(io.BytesIO(press(at, presses, "it-clusters-slides.pptx")))
    title = frame_texts(deck.slides[0])
    assert title[1] == f"Ukraine's IT clusters · {datetime.date.today()}" and len(deck.slides) == 6 + 2
    assert "region: East" in title[2]  # the overview's second slide filters to the east


def test_a_map_file_that_cannot_be_made_is_named_by_its_button(presses, monkeypatch):
    from ui.streamlit_internals import DownloadFailed

    def fails(*args, **kwargs):
        raise worker.Failed("the worker stopped")

    at = new_app().run()
    monkeypatch.setattr(worker, "call", fails)  # as a press calls it, after the run
    with pytest.raises(DownloadFailed) as failed:
        press(at, presses, "it-clusters-map.html")
    assert str(failed.value) == "Map as HTML (works offline) could not be made: the worker stopped."
    at.switch_page("pages/stories.py").run()  # a story's deck, named by its file
    with pytest.raises(DownloadFailed) as failed:
        press(at, presses, "it-clusters-overview.pptx")
    assert str(failed.value) == "it-clusters-overview.pptx could not be made: the worker stopped."


MAP_BUTTONS = {  # language -> each button's label, help and file, in the order shown
    "en": [
        ("Map as HTML (works offline)", "", "it-clusters-map.html"),
        ("Map as PNG", "A still image for slides, 1920 x 1080, with legend, title and source.", "it-clusters-map.png"),
        (
            "Map as SVG",
            "The still image as vector graphics, for print or further editing.",
            "it-clusters-map.svg",
        ),
        ("Slides (PowerPoint)", "The overview story as a 16:9 deck, with speaker notes.", "it-clusters-slides.pptx"),
        (
            "Presentation pack (zip)",
            "The map as HTML, PNG and SVG, the slides, every chart as PNG, the filtered data as CSV, and a note.",
            "it-clusters-presentation.zip",
        ),
    ],
    "uk": [
        ("Мапа як HTML (працює без інтернету)", "", "мапа-іт-кластерів.html"),
        (
            "Мапа як PNG",
            "Нерухоме зображення для слайдів, 1920 x 1080, з легендою, заголовком і джерелом.",
            "мапа-іт-кластерів.png",
        ),
        (
            "Мапа як SVG",
            "Нерухоме зображення як векторна графіка, для друку чи подальшого редагування.",
            "мапа-іт-кластерів.svg",
        ),
        (
            "Слайди (PowerPoint)",
            "Оглядова історія як презентація 16:9, з нотатками доповідача.",
            "слайди-іт-кластерів.pptx",
        ),
        (
            "Пакет для презентації (zip)",
            "Мапа як HTML, PNG і SVG, слайди, усі діаграми як PNG, відфільтровані дані як CSV і примітка.",
            "презентація-іт-кластерів.zip",
        ),
    ],
}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_maps_buttons_say_what_each_file_is_and_a_failure_names_its_button(lang, presses, monkeypatch):
    from itclusters.outputs import FORMATS

    types, registered = {}, MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, *args, **kwargs):
        file_id = registered(self, data_callable, mimetype, *args, **kwargs)
        types[file_id] = mimetype
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    at = new_app(lang=lang).run()
    buttons = at.get("download_button")
    shown = [(b.proto.label, b.proto.help, presses[b.proto.deferred_file_id][0]) for b in buttons]
    assert shown == MAP_BUTTONS[lang]
    assert [types[b.proto.deferred_file_id] for b in buttons] == [
        FORMATS[f][1] for f in ("html", "png", "svg", "pptx", "zip")
    ]
    assert all(b.proto.ignore_rerun for b in buttons)  # a press downloads; the page does not run again

    def fails(*args, **kwargs):
        raise worker.Failed("-")

    monkeypatch.setattr(worker, "call", fails)
    said = []
    for button in buttons:
        with pytest.raises(Exception) as failed:
            presses[button.proto.deferred_file_id][1]()
        said.append(str(failed.value))
    template = {"en": "{} could not be made: -.", "uk": "Не вдалося створити файл «{}»: -."}[lang]
    assert said == [template.format(label) for label, _, _ in MAP_BUTTONS[lang]]


def test_the_maps_slides_say_whose_story_they_follow():
    from itclusters import stories
    from itclusters.stories import Slide, Story

    def deck_help(at) -> str:
        [button] = [b for b in at.get("download_button") if b.proto.label == "Slides (PowerPoint)"]
        return button.proto.help

    assert deck_help(new_app().run()) == "The overview story as a 16:9 deck, with speaker notes."
    own = Story("mine", {"en": "Mine", "uk": "Моя"}, (Slide("map", {"en": "a", "uk": "a"}),))
    assert deck_help(new_app(own=stories.encode(own)).run()) == "Your story as a 16:9 deck, with speaker notes."


# -- 2. The deck ---------------------------------------------------------------------------------

# What a presenter may type into a story's title or a caption (the Stories page, an uploaded story
# JSON): markup, entities already escaped once, Jinja, a formula, Markdown, and a control character
# the deck removes (python-pptx would write it as _x0007_).
TYPED = "<b>&amp;lt;</b> &lt;script&gt; {{ 7*7 }} =cmd|' /C calc'!A0 **bold** [l](javascript:x) \"q\"\x07"


def hostile_story():
    from itclusters.stories import CHARTS, Slide, Story

    slides = [
        Slide(page, {"en": f"{n}. {TYPED} {chart}", "uk": "uk"}, chart=chart)
        for n, (page, chart) in enumerate(((p, c) for p, charts in CHARTS.items() for c in charts), start=1)
    ]
    # One slide filtered by a hostile search, which the notes and the title slide quote.
    slides.append(Slide("wartime_status", {"en": TYPED}, {"q": "</script><script>alert('close')"}, chart="status"))
    return Story("hostile", {"en": TYPED, "uk": "uk"}, tuple(slides))


def frame_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_the_deck_keeps_hostile_text_literally_in_every_frame_note_and_chart(hostile):
    import datetime

    from pptx import Presentation

    from itclusters import charts, deck
    from itclusters.i18n import _
    from itclusters.style import STATUSES, region_label, status_label

    today = datetime.date(2026, 12, 1)
    story, vocabulary = hostile_story(), hostile.vocabulary()
    slides = list(Presentation(io.BytesIO(deck.build_deck(story, hostile, None, vocabulary, today))).slides)
    assert len(slides) == len(story.slides) + 2
    filters_line = deck.slides_filters(story, hostile, vocabulary)
    assert filters_line.endswith("8. search: </script><script>alert('close')")
    literal = renderable(TYPED)
    assert frame_texts(slides[0]) == [literal, f"Ukraine's IT clusters · {today}", filters_line]

    for number, (slide, shown) in enumerate(zip(slides[1:-1], story.slides), start=1):
        assert frame_texts(slide) == [
            renderable(shown.caption["en"]),
            f"{_(deck.SOURCE)} {number} / {len(story.slides)}",
        ], number
        view = deck.slide_view(shown, hostile, vocabulary)
        notes = slide.notes_slide.notes_text_frame.text
        lines = [f"Filters: {deck.summary_line(view.clusters, view.filters, hostile)}", *deck.numbers_behind(view)]
        assert notes == renderable("\n".join(lines)), number
        for name in view.clusters["name"]:  # each cluster's line starts with its name, as it is
            assert any(line.startswith(renderable(name) + " (") for line in notes.splitlines()), name
        [chart] = [shape.chart for shape in slide.shapes if shape.has_chart]
        plot = chart.plots[0]
        categories, series = list(plot.categories), [s.name for s in plot.series]
        clusters = view.clusters
        present = [status_label(s) for s in STATUSES if (clusters["status"] == s).any()]
        if shown.chart == "members":  # the clusters' names, as data
            stated = clusters[clusters["member_companies"].notna()]
            assert sorted(categories) == sorted(renderable(n) for n in stated["name"])
            assert series == [status_label(s) for s in STATUSES if (stated["status"] == s).any()]
        elif shown.chart == "oblasts":  # the oblasts' names, as data
            held = set(clusters["oblast_en"])
            assert set(categories) == {renderable(n) for n in held} and len(categories) == len(held)
            assert set(OBLASTS.values()) <= set(categories) and series == ["Clusters"]
        elif shown.chart == "members_by_region":
            totals = charts.totals(clusters, "member_companies", "macro_region").dropna(subset=["total"])
            assert categories == list(totals["group"]) and series == ["Member companies (sum of stated counts)"]
        elif shown.chart == "status_by_region":
            assert categories == [region_label(r) for r in ("west", "north", "centre", "east", "south")]
            assert series == present
        elif shown.chart == "status":
            assert categories == present and series == present
        else:  # the founding charts: years
            assert all(re.fullmatch(r"\d{4}", c) for c in categories), shown.chart


# -- 3. The oblasts' tooltips in the map's script --------------------------------------------------


def hostile_boundaries() -> dict:
    from itclusters.geo import load_oblasts

    collection, problems = load_oblasts(DATA_DIR / "geo" / "oblasts.geojson")
    assert problems == []
    for feature in collection["features"]:
        props = feature["properties"]
        if props["iso"] in OBLASTS:
            props["name_en"], props["name_uk"] = OBLASTS[props["iso"]], OBLASTS[props["iso"]] + " (uk)"
    return collection


def test_the_boundary_layer_passes_hostile_oblast_names_to_its_script_as_data(hostile):
    """The standalone map (the page's 'Map as HTML' download and the presentation pack) inlines
    the boundaries: the names reach the script as JSON inside the page, which no name can end
    or change, and the tooltip sets them as text."""
    from itclusters import maps

    boundaries = hostile_boundaries()
    fmap = maps.build_map(hostile.clusters, boundaries=boundaries, relocations=hostile.relocations)
    page = exports.standalone_map_html(fmap, "map")
    start = page.index("draw({") + len("draw(")
    inlined, _end = json.JSONDecoder().raw_decode(page, start)
    assert inlined == boundaries  # every name exactly as it was: nothing ran, nothing was escaped twice
    for name in OBLASTS.values():  # what HTML would read as markup, only as a JSON escape
        assert not re.search("[<>&']", name) or name not in page, name
    assert page.count("<script") == page.count("</script>")  # no name closed a script early
    script = page[page.rindex("<script", 0, start) : page.index("</script>", start)]
    assert "names = [esc(p.name_en), esc(p.name_uk)]" in script  # the tooltip: text, not markup


def test_per_oblast_circles_name_hostile_oblasts_as_text(hostile):
    """Past 20,000 clusters the map draws a circle per oblast, its tooltip naming the oblast (from
    regions.csv) inside a JavaScript template literal that branca compiles as Jinja once more."""
    from itclusters import maps

    many = pd.concat([hostile.clusters] * (maps.CANVAS_LIMIT // len(hostile.clusters) + 1), ignore_index=True)
    many["id"] = [f"c{i}" for i in range(len(many))]
    assert maps.render_mode(len(many)) == "aggregate"
    page = maps.build_map(many, boundaries=None).get_root().render()
    tooltips = re.findall(r"bindTooltip\(\s*`<div>\s*<b>(.*?)</b><br>", page, re.S)
    shown = {html.unescape(t) for t in tooltips}  # what the browser shows
    assert set(OBLASTS.values()) <= shown  # {{ 7*7 }} stayed, not 49; no tag or `${` ran
    assert not any(re.search(r"[<>`\\{}]|\$\{", t) for t in tooltips), tooltips


# -- 4. Presenting: the profile over the map, the notices as toasts -------------------------------


class Tags(HTMLParser):
    """The tags an HTML fragment opens and the text of its first heading, as a browser parses them."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.heading, self.texts, self._in = [], None, [], None
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "h3" and self.heading is None:
            self.heading = data
        elif self._in in ("dd", "li"):
            self.texts.append(data)


# Kolomyia's profile names its parent cluster, which only the clusters' table can name.
@pytest.mark.parametrize("cluster_id", ["kyiv-it-cluster", "kolomyia-it-cluster"])
def test_a_marker_clicked_while_presenting_opens_a_literal_profile(cluster_id, hostile_app, monkeypatch):
    import streamlit_folium

    from itclusters.maps import tooltip_html, tooltip_text
    from itclusters.profile import profile_html

    dataset = load_dataset(hostile_app).dataset
    row = dataset.clusters.set_index("id", drop=False).loc[cluster_id]
    click = {"last_clicked": None, "last_object_clicked": {"lat": 50.4, "lng": 30.5}}
    click["last_object_clicked_tooltip"] = tooltip_text(tooltip_html(row))  # what the browser reports
    real = streamlit_folium.st_folium

    def clicked(*args, **kwargs):
        real(*args, **kwargs)
        return click

    monkeypatch.setattr(streamlit_folium, "st_folium", clicked)  # pages/map.py imports it on every run
    at = new_app(present="1").run()
    assert not at.exception
    [dialog] = [block for block in blocks(at._tree) if getattr(block, "type", None) == "dialog"]
    assert dialog.proto.dialog.title == "Cluster profile"
    assert dialog.proto.dialog.width == dialog.proto.dialog.DialogWidth.LARGE  # a profile's facts need the room
    [body] = [node.proto.body for node in dialog.get("html")]
    # The profile beside the map, whole: its relocations named by the clusters, its further facts.
    assert body == profile_html(row, dataset.relocations, dataset.clusters, dataset.facts)
    parsed = Tags(body)
    assert parsed.heading == row["name"] and "</script>" in row["name"]  # the name, as its characters
    assert set(parsed.tags) <= {"div", "h3", "dl", "dt", "dd", "ul", "li", "style"}, parsed.tags
    for value in (row["head"], row["status_note"], row["location_note"]):
        assert any(value in text for text in parsed.texts), value


def blocks(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from blocks(child)


def unescaped(markdown: str) -> str:
    """A toast's body as the reader sees it: markdown_literal's backslashes gone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_hostile_address_values_show_literally_in_the_presenting_toasts(hostile_app):
    from itclusters.address import parse

    query = {
        "present": "1",
        "oblast": "![x](http://tracker.invalid/p.png)",
        "status": "<script>alert(1)</script>",
        "cluster": "**bold** [l](javascript:alert(2)) :red[x] $x^2$",
    }
    dataset = load_dataset(hostile_app).dataset
    expected = parse({k: [v] for k, v in query.items()}, dataset.vocabulary(), list(dataset.clusters["id"])).notices
    assert len(expected) == 3
    at = new_app(**query).run()
    assert not at.exception and not at.warning  # presenting: nothing between the slim line and the map
    bodies = [toast.proto.body for toast in at.toast]
    assert bodies == [markdown_literal(notice) for notice in expected]
    assert [unescaped(b) for b in bodies] == expected
    assert "![x](http://tracker.invalid/p.png)" in expected[0] and "](http" not in bodies[0]


# -- 5. How many notices, and which ---------------------------------------------------------------

BAD = {
    "region": "nowhere",
    "oblast": "UA-99",
    "status": "closed",
    "shading": "purple",
    "basemap": "satellite",
    "cluster": "no-such-cluster",
    "slide": "first",
    "at": "here",
}


@pytest.mark.parametrize("n", [5, 6, 8])
def test_more_than_five_notices_show_five_and_a_count(n):
    at = new_app(**dict(list(BAD.items())[:n])).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == min(n, 5) + (n > 5)
    assert all(w.startswith("Ignored") for w in warnings[:5])
    if n > 5:
        assert warnings[-1] == markdown_literal(f"…and {n - 5} more notices about the address.")


def test_an_unknown_storys_notice_joins_the_addresss_notices():
    at = new_app(story="no-such-story", region="nowhere", oblast="UA-99").run()
    assert not at.exception
    toasts = [unescaped(t.proto.body) for t in at.toast]
    assert [t.split(":")[0] for t in toasts] == [
        "Ignored region='nowhere'",
        "Ignored oblast='UA-99'",
        "Unknown story 'no-such-story'",
    ]


# -- 6. The upload limit ---------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 1])
def test_the_upload_limit_is_two_million_bytes(extra, fresh_caches):
    from ui import uploads

    assert uploads.MAX_UPLOAD_BYTES == 2_000_000
    published = (DATA_DIR / "clusters.csv").read_bytes()
    data = published + b"\n" * (uploads.MAX_UPLOAD_BYTES + extra - len(published))  # a valid file still
    assert len(data) == 2_000_000 + extra
    at = new_app().run()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="upload_clusters").set_value(("clusters.csv", data, "text/csv")).run()
    assert not at.exception
    if extra:
        message = "clusters.csv is 2.0 MB: the limit is 2 MB. Upload the CSV alone, without images."
        assert [e.value for e in at.error] == [markdown_literal(message)] and not at.success
    else:
        assert [s.value for s in at.success] == ["The upload is valid: 26 clusters."] and not at.error
