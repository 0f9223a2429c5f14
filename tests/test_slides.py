"""Slides: the still map (PNG, SVG), the PowerPoint deck read back with python-pptx and converted
to PDF by LibreOffice, and the same files from `python -m itclusters export`."""

import dataclasses
import datetime
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
from pptx import Presentation

from itclusters import deck, outputs, worker
from itclusters import filters as flt
from itclusters.address import Address
from itclusters.charts import chart_png, chart_svg, renderable_spec
from itclusters.geo import bounds_of, load_oblasts
from itclusters.i18n import override
from itclusters.maps import MapOptions
from itclusters.static_map import MAX_ARROWS, routes, static_map
from itclusters.text import renderable

from .office import pptx_to_pdf

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(scope="module")
def oblasts():
    collection, problems = load_oblasts()
    assert problems == []
    return collection


def request(dataset, oblasts, vocabulary, overview, **filters):
    return outputs.Request(dataset, oblasts, flt.Filters(**filters), MapOptions(), overview, vocabulary, TODAY)


def svg_text(svg: str) -> str:
    return " ".join(t for t in ElementTree.fromstring(svg).itertext() if t.strip())


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


# -- The still map ---------------------------------------------------------------------------


def test_the_still_map_is_a_16_9_png_at_least_1920_wide(dataset, oblasts):
    png = chart_png(static_map(dataset.clusters, oblasts=oblasts, relocations=dataset.relocations))
    width, height = png_size(png)
    assert width >= 1920 and width * 9 == height * 16


def test_the_still_map_has_the_live_map_legend_title_and_source(dataset, oblasts):
    chart = static_map(
        dataset.clusters,
        oblasts=oblasts,
        relocations=dataset.relocations,
        hubs=dataset.hubs,
        options=MapOptions(hubs=True, choropleth="members"),
        summary="all clusters",
        source_date=TODAY,
    )
    text = svg_text(chart_svg(chart))
    for words in (
        "Ukraine's IT clusters",
        "all clusters",
        "2026-12-01",
        "Wartime status",
        "Active",
        "Relocated",
        "No recent information",
        "Member companies per oblast",
        "IT hubs and coworking spaces",
        "relocation",
    ):
        assert words in text, words
    spec = chart.to_dict()
    colours = {c for layer in spec["layer"] for c in [str(layer)] if "#0072B2" in c}
    assert colours  # the status colours are the live map's (style.STATUS_COLOURS)


def test_the_still_map_is_in_ukrainian_when_the_page_is(dataset, oblasts):
    with override("uk"):
        text = svg_text(chart_svg(static_map(dataset.clusters, oblasts=oblasts)))
    assert "кластери України" in text and "Статус під час війни" in text and "Wartime status" not in text


def test_without_a_geographic_filter_the_view_is_the_whole_country_crimea_included(dataset, oblasts):
    def fitted(**options):
        spec = static_map(dataset.clusters, oblasts=oblasts, **options).to_dict()
        (west, south), (east, north) = spec["projection"]["fit"]["geometry"]["coordinates"]
        return (south, west), (north, east)

    every_unit = {f["properties"]["iso"] for f in oblasts["features"]}
    assert len(every_unit) == 27 and fitted() == bounds_of(oblasts, every_unit)
    assert fitted()[0][0] < 44.5  # Crimea's southern tip is in view
    east = flt.named_units(flt.Filters(regions=("east",)), dataset.regions)
    assert fitted(units=east) == bounds_of(oblasts, east) and fitted(units=east)[0][0] > 46


def test_hostile_text_reaches_the_svg_as_text(dataset, oblasts):
    hostile = "<script>alert(1)</script> & \"x\" 'y'"
    svg = chart_svg(static_map(dataset.clusters, oblasts=oblasts, summary=hostile))
    assert hostile in svg_text(svg) and "<script>" not in svg


# -- The deck --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck_bytes(dataset, oblasts, vocabulary, overview):
    return deck.build_deck(overview, dataset, oblasts, vocabulary, TODAY)


def slide_texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_deck_has_a_title_one_slide_per_story_slide_and_a_method_slide(deck_bytes, overview):
    presentation = Presentation(io.BytesIO(deck_bytes))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    slides = list(presentation.slides)
    assert len(slides) == len(overview.slides) + 2
    assert overview.title["en"] in slide_texts(slides[0]) and "2026-12-01" in slide_texts(slides[0])
    # The filters the slides use, not the sidebar's: the overview's second slide is the east.
    assert "Filters by slide: 1. all clusters; 2. region: East; 3. all clusters;" in slide_texts(slides[0])
    assert "Source and method" in slide_texts(slides[-1])
    for slide, story_slide in zip(slides[1:-1], overview.slides):
        assert story_slide.caption["en"] in slide_texts(slide)
        assert "Source:" in slide_texts(slide)
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        charts_ = [s for s in slide.shapes if s.has_chart]
        if story_slide.page == "map":  # the map a picture filling at least 60 % of the slide
            assert len(pictures) == 1 and pictures[0].image.content_type == "image/png" and not charts_
            share = pictures[0].width * pictures[0].height / (presentation.slide_width * presentation.slide_height)
            assert share >= 0.6, share
        else:  # a chart page's chart a native chart, not a picture
            assert len(charts_) == 1 and not pictures, story_slide.page
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Filters: ") and "Active: " in notes


def test_the_decks_charts_are_native_with_the_projects_colours_bounds_and_type(deck_bytes, overview):
    slides = list(Presentation(io.BytesIO(deck_bytes)).slides)[1:-1]
    by_chart = {s.chart: shown for s, shown in zip(overview.slides, slides) if s.page != "map"}
    assert set(by_chart) == {"founding_timeline", "status_by_region", "members"}
    members = next(shape.chart for shape in by_chart["members"].shapes if shape.has_chart)
    plot = members.plots[0]
    assert list(plot.categories) == ["Kharkiv IT Cluster", "Lviv IT Cluster", "Kyiv IT Cluster", "IT Dnipro Community"]
    active = plot.series[0]
    assert active.name == "Active" and list(active.values) == [600, 300, 72, 60]  # numbers in the data sheet
    assert str(active.format.fill.fore_color.rgb) == "0072B2"  # the project's colour for active
    formats = members.part.blob.decode()
    assert formats.count('formatCode="#,##0&quot;+&quot;"') == 3  # 600+, 300+ and 60+ labelled as bounds
    assert members.font.size.pt >= 14 and members.legend.font.size.pt >= 14 and not members.has_title
    assert members.category_axis.tick_labels.font.size.pt >= 14
    status = next(shape.chart for shape in by_chart["status_by_region"].shapes if shape.has_chart)
    assert [s.name for s in status.plots[0].series] == ["Active", "Relocated", "No recent information"]
    assert [str(s.format.fill.fore_color.rgb) for s in status.plots[0].series] == ["0072B2", "E69F00", "6E6E6E"]


def test_speaker_notes_hold_the_numbers_behind_the_image(deck_bytes, overview, dataset):
    east = list(Presentation(io.BytesIO(deck_bytes)).slides)[2]  # slide 2 of the story: the east
    notes = east.notes_slide.notes_text_frame.text
    assert "region: East" in notes and "7 of 26 clusters" in notes
    assert "Kharkiv IT Cluster (Kharkiv): member companies 600+" in notes
    assert "Lviv IT Cluster" not in notes  # the west is not in this picture


def test_the_deck_is_in_ukrainian_when_the_page_is(dataset, oblasts, vocabulary, overview):
    with override("uk"):
        data = deck.build_deck(overview, dataset, oblasts, vocabulary, TODAY)
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert overview.title["uk"] in slide_texts(slides[0])
    assert overview.slides[0].caption["uk"] in slide_texts(slides[1])
    assert "Source:" not in slide_texts(slides[1])


def test_libreoffice_opens_the_deck_one_pdf_page_per_slide(deck_bytes, overview, tmp_path):
    if not (shutil.which("soffice") and shutil.which("pdfinfo")):
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) and pdfinfo are needed: scripts/ensure_office.sh installs them")
        pytest.skip("LibreOffice or poppler-utils not installed (scripts/ensure_office.sh)")
    (tmp_path / "deck.pptx").write_bytes(deck_bytes)
    pdf = pptx_to_pdf(tmp_path / "deck.pptx", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(overview.slides) + 2
    # The charts' labels are text in the PDF: names, bounds, statuses and years, as LibreOffice drew them.
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    page = text.split("\f")
    members, founding, status = page[5], page[3], page[4]
    assert "Kharkiv IT Cluster" in members and "600+" in members and "Kyiv IT Cluster" in members
    assert "2015" in founding and "2022" in founding and "No recent information" in founding
    assert "West" in status and "Relocated" in status


# -- The pack and the command line -----------------------------------------------------------


def test_the_pack_carries_the_still_map_and_the_deck(dataset, oblasts, vocabulary, overview):
    data = outputs.make("zip", request(dataset, oblasts, vocabulary, overview, regions=("east",)))
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        names = set(pack.namelist())
        assert {"map.html", "map.png", "map.svg", "slides.pptx", "data/it-clusters.csv", "README.txt"} <= names
        assert png_size(pack.read("map.png"))[0] >= 1920
        assert "region: East" in svg_text(pack.read("map.svg").decode())
        assert len(Presentation(io.BytesIO(pack.read("slides.pptx"))).slides) == len(overview.slides) + 2


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "itclusters", *args], cwd=cwd, capture_output=True, text=True)


def test_the_command_line_writes_the_same_file_as_the_button(dataset, oblasts, vocabulary, overview, tmp_path):
    out = tmp_path / "east.csv"
    done = run_cli("export", "--format", "csv", "--query", "region=east&lang=uk", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == outputs.make("csv", request(dataset, oblasts, vocabulary, overview, regions=("east",)))
    png = tmp_path / "map.png"
    assert run_cli("export", "--format", "png", "--query", "lang=uk", "--out", str(png)).returncode == 0
    assert png_size(png.read_bytes())[0] >= 1920


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "png", "--query", "region=nowhere"], "Ignored region='nowhere': not one of"),
        (["--format", "png", "--query", "founded=20-10"], "expected a range"),
        (["--format", "png", "--query", "colour=red"], "unknown parameter 'colour'"),
        (["--format", "png", "--query", "lang=fr"], "lang='fr'"),
        (["--format", "pptx", "--story", "nope"], "unknown story 'nope'"),
        (["--format", "gif"], "invalid choice: 'gif'"),
    ],
)
def test_a_bad_command_gets_the_address_message_exit_code_2_and_no_file(args, message, tmp_path):
    out = tmp_path / "out.bin"
    done = run_cli("export", *args, "--out", str(out))
    assert done.returncode == 2 and message in done.stderr and not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_hostile_text_reaches_the_deck_as_text(oblasts, vocabulary, overview):
    from itclusters.data import load_dataset
    from itclusters.schema import DATA_DIR

    hostile = Path(__file__).parent / "hostile"
    files = {name: (hostile / f"{name}.csv").read_bytes() for name in ("clusters", "relocations", "facts")}
    loaded = load_dataset(DATA_DIR, replacements=files)
    assert loaded.errors == [], [str(p) for p in loaded.errors]
    data = deck.build_deck(overview, loaded.dataset, oblasts, vocabulary, TODAY, intro="<b>=cmd|' /C calc'!A0</b>")
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert "<b>=cmd|' /C calc'!A0</b>" in slide_texts(slides[0])
    notes = slides[1].notes_slide.notes_text_frame.text
    assert "<script>alert('name')</script> (" in notes  # a cluster's name, as the characters it is
    from pptx.util import Inches

    from itclusters import native_charts

    stated = loaded.dataset.clusters.assign(member_companies=10, member_companies_bound="exact")
    blank = Presentation()
    slide = blank.slides.add_slide(blank.slide_layouts[6])
    box = (Inches(0.5), Inches(0.5), Inches(9), Inches(6.5))
    assert native_charts.add_chart(slide, box, "members", None, stated, loaded.dataset)
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    assert set(stated["name"].map(renderable)) == set(chart.plots[0].categories)  # names as data, literally


def test_the_slides_button_follows_the_story_it_is_for(dataset, oblasts, overview):
    from itclusters.stories import Layers, Slide, Story
    from ui.frame import View
    from ui.map_downloads import file_maker

    view = View(
        dataset, oblasts, None, Address(), dataset.clusters, "all clusters", dataset, stories={"overview": overview}
    )
    mine = Story(
        "mine",
        {"en": "Mine", "uk": "Моя"},
        (
            Slide("regions", {"en": "Per oblast", "uk": "За областями"}),
            Slide("map", {"en": "East", "uk": "Схід"}, {"region": "east"}, Layers(True, False, "clusters")),
        ),
    )
    slides = list(Presentation(io.BytesIO(file_maker(view, MapOptions(), "pptx", mine, what="slides")())).slides)
    assert len(slides) == 4 and "Mine" in slide_texts(slides[0]) and "Per oblast" in slide_texts(slides[1])
    assert "region: East" in slides[2].notes_slide.notes_text_frame.text
    default = list(Presentation(io.BytesIO(file_maker(view, MapOptions(), "pptx", what="slides")())).slides)
    assert len(default) == len(overview.slides) + 2  # without a story: the shipped overview


def test_still_map_labels_name_the_largest_clusters_and_only_on_request(dataset, oblasts):
    from itclusters import static_map as still

    places = still.label_places(maps_display(dataset), still._in_view(oblasts, set()))
    names = [p["name"] for p in places]
    assert "Kharkiv IT Cluster" in names and "Lviv IT Cluster" in names  # the largest choose first
    assert len(names) == len(set(names)) and 15 <= len(names) <= 26
    labelled = json.dumps(static_map(dataset.clusters, oblasts=oblasts, options=MapOptions(labels=True)).to_dict())
    assert '"type": "text"' in labelled and "Kharkiv IT Cluster" in labelled
    plain = json.dumps(static_map(dataset.clusters, oblasts=oblasts, options=MapOptions()).to_dict())
    assert "Kharkiv IT Cluster" not in plain


def maps_display(dataset):
    from itclusters.maps import display_positions

    return display_positions(dataset.clusters)


def test_still_map_label_boxes_are_disjoint(dataset, oblasts):
    from itclusters import static_map as still

    view = still._in_view(oblasts, set())
    placed = maps_display(dataset)
    places = still.label_places(placed, view)
    # Rebuild the boxes the way label_places measured them and check no two overlap.
    width, height = still.WIDTH, still.HEIGHT - still.PLOT_TOP
    (west, south), (east, north) = view["geometry"]["coordinates"]
    x0, y0 = still._mercator(south, west)
    x1, y1 = still._mercator(north, east)
    scale = min(width / (x1 - x0), height / (y1 - y0))
    left, top = (width - (x1 - x0) * scale) / 2, (height - (y1 - y0) * scale) / 2
    boxes = []
    for place in places:
        x, y = still._mercator(place["lat"], place["lon"])
        px, py = left + (x - x0) * scale, top + (y1 - y) * scale
        w, half = 0.6 * still.LABEL_FONT * len(place["name"]), 0.65 * still.LABEL_FONT
        boxes.append(
            (px, py - half, px + w, py + half) if place["side"] == "right" else (px - w, py - half, px, py + half)
        )
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= width and 0 <= a[1] and a[3] <= height
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01)
        for legend in still.LEGEND_BOXES:
            assert not (a[0] < legend[2] and legend[0] < a[2] and a[1] < legend[3] and legend[1] < a[3])


def test_the_still_maps_legends_are_12_pt_on_a_slide_and_hubs_are_drawn_in_the_maps_pink(dataset, oblasts):
    from itclusters import static_map as still
    from itclusters.style import HUB_COLOUR

    chart = static_map(dataset.clusters, oblasts=oblasts, hubs=dataset.hubs, options=MapOptions(hubs=True))
    svg = chart_svg(chart)
    # On a slide the map is 6 inches high (itclusters/deck.py): a chart pixel is 6 * 72 / HEIGHT points.
    points_per_pixel = 6 * 72 / still.HEIGHT
    sizes = {float(s) for s in re.findall(r'font-size="([0-9.]+)px"', svg)}
    legend_sizes = {
        float(s) for s in re.findall(r'font-size="([0-9.]+)px"[^>]*>(?:Active|IT hubs and coworking spaces)<', svg)
    }
    assert legend_sizes and min(legend_sizes) * points_per_pixel >= 12 - 0.05, legend_sizes
    assert min(sizes) * points_per_pixel >= 9  # the smallest text anywhere (the subtitle) stays readable
    hub_symbol = re.search(r'<text[^>]*fill="([^"]+)"[^>]*>●</text>', svg)
    assert hub_symbol and hub_symbol.group(1).lower() == HUB_COLOUR.lower()  # the map's pink, not navy


def test_past_altairs_5000_rows_the_still_map_draws_every_cluster_and_the_most_travelled_routes(dataset, oblasts):
    # Valid uploads this large made PNG, SVG, deck and pack fail: Altair's row limit at 5,000, then
    # Vega out of memory on 35,000 arrows (the worker's process died).
    copies = 240  # 6,240 clusters
    clusters = pd.concat(
        [dataset.clusters.assign(id=dataset.clusters["id"] + f"-{n}") for n in range(copies)], ignore_index=True
    )
    moves = pd.DataFrame(
        {
            "cluster_id": clusters["id"],
            "to_lat": 48.0 + (clusters.index % 700) / 400,
            "to_lon": 30.0 + (clusters.index % 13) / 10,
            "to_oblast_iso": "UA-32",
        }
    ).astype({"to_lat": float, "to_lon": float})
    relocations = pd.concat([dataset.relocations.head(0), moves], ignore_index=True)
    big = dataclasses.replace(dataset, clusters=clusters, relocations=relocations)
    chart = static_map(clusters, oblasts=oblasts, relocations=relocations, summary="all")
    spec = renderable_spec(chart)
    rows = {len(d) for d in spec["datasets"].values()}
    assert len(clusters) in rows  # every cluster is drawn
    paths = {row["path"] for d in spec["datasets"].values() for row in d if "path" in row}
    assert len(paths) == 2 * MAX_ARROWS  # a shaft and a head for each route drawn, the most travelled
    assert spec["title"]["subtitle"][0] == f"all · arrows for the 400 most travelled routes of {len(moves):,} moves"
    request = outputs.Request(
        big,
        oblasts,
        flt.Filters(),
        MapOptions(),
        outputs.view_story(flt.Filters(), MapOptions()),
        big.vocabulary(),
        TODAY,
    )
    svg = worker.call("itclusters.outputs:make", "svg", request, timeout=300)
    assert "400 most travelled routes" in svg_text(svg.decode())


def test_routes_count_each_distinct_route_once_the_most_travelled_first(dataset):
    placed = dataset.clusters.head(3)
    a, b, c = placed["id"]
    moves = pd.DataFrame(
        {"cluster_id": [a, b, b, c, b], "to_lat": [50.0, 49.0, 49.001, 48.0, 49.0], "to_lon": [30.0] * 5}
    )
    found = routes(moves, placed)
    assert found["moves"].tolist() == [3, 1, 1] and found.iloc[0]["to_lat"] == 49.0
