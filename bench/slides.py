"""How long the still map (PNG, SVG) and the deck take, against their floors. The map's floor:
vl-convert drawing the same 27 oblast outlines and 26 circles in the same projection at the same
size, with no legend, title, arrows or styling. The deck's floor: python-pptx writing the same
slides with the same pictures (drawn beforehand) and the same texts, and no charts. Medians of 5
runs after one warm-up, in one process.

Usage: .venv/bin/python bench/slides.py   (targets: the PNG map and the overview's deck in at most 2 s)
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import vl_convert  # noqa: E402

from bench.revision import commit  # noqa: E402
from itclusters import deck, stories  # noqa: E402
from itclusters import filters as flt  # noqa: E402
from itclusters.charts import chart_png, chart_svg  # noqa: E402
from itclusters.data import load_dataset  # noqa: E402
from itclusters.geo import load_oblasts  # noqa: E402
from itclusters.static_map import HEIGHT, WIDTH, static_map  # noqa: E402
from itclusters.style import MACRO_REGIONS, STATUSES  # noqa: E402

RUNS = 5


def floor_spec(oblasts: dict, clusters) -> dict:
    """The simplest Vega-Lite that draws the same outlines and points in the same frame."""
    points = [{"lat": float(a), "lon": float(b)} for a, b in zip(clusters["lat"], clusters["lon"])]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH,
        "height": HEIGHT,
        "projection": {"type": "mercator", "fit": oblasts},
        "layer": [
            {"data": {"values": oblasts["features"]}, "mark": "geoshape"},
            {
                "data": {"values": points},
                "mark": "circle",
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                },
            },
        ],
    }


def deck_floor(story, pictures: list[bytes]) -> bytes:
    """python-pptx alone: a title, one slide per story slide with its picture, caption and notes."""
    import io

    from pptx import Presentation
    from pptx.util import Inches

    slides = Presentation()
    slides.slide_width, slides.slide_height = deck.WIDTH, deck.HEIGHT
    blank = slides.slide_layouts[6]
    slides.slides.add_slide(blank).shapes.add_textbox(0, 0, Inches(10), Inches(1)).text_frame.text = "title"
    for slide, picture in zip(story.slides, pictures):
        page = slides.slides.add_slide(blank)
        page.shapes.add_textbox(0, 0, Inches(10), Inches(1)).text_frame.text = slide.caption["en"]
        page.shapes.add_picture(io.BytesIO(picture), Inches(1), Inches(1), height=Inches(6))
        page.notes_slide.notes_text_frame.text = "notes"
    slides.slides.add_slide(blank)
    out = io.BytesIO()
    slides.save(out)
    return out.getvalue()


def timed(job) -> float:
    job()  # warm-up
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        job()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    dataset = load_dataset().dataset
    oblasts, _problems = load_oblasts()
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    story = stories.load_stories(vocabulary)[0]["overview"]
    spec = floor_spec(oblasts, dataset.clusters)

    def still():
        return static_map(dataset.clusters, oblasts=oblasts, relocations=dataset.relocations, hubs=dataset.hubs)

    floor_png = timed(lambda: vl_convert.vegalite_to_png(spec, scale=2))
    floor_svg = timed(lambda: vl_convert.vegalite_to_svg(spec))
    png = timed(lambda: chart_png(still()))
    svg = timed(lambda: chart_svg(still()))
    today = datetime.date.today()
    slides = timed(lambda: deck.build_deck(story, dataset, oblasts, vocabulary, today))
    pictures = [
        chart_png(deck.still_map(v.clusters, v.filters, v.options, dataset, oblasts, today))
        for v in (deck.slide_view(s, dataset, vocabulary) for s in story.slides)
    ]
    floor_deck = timed(lambda: deck_floor(story, pictures))
    print(f"commit {commit()}: still map of {len(dataset.clusters)} clusters, median of {RUNS} runs")
    print(
        f"  PNG 1920x1080: dashboard {png:.2f} s, floor {floor_png:.2f} s, ratio {png / floor_png:.2f} (target <= 2 s)"
    )
    print(f"  SVG:           dashboard {svg:.2f} s, floor {floor_svg:.2f} s, ratio {svg / floor_svg:.2f}")
    maps = sum(s.page == "map" for s in story.slides)
    print(
        f"  deck of the overview ({maps} map pictures, {len(story.slides) - maps} native charts, + 2): "
        f"dashboard {slides:.2f} s, floor {floor_deck:.2f} s (target <= 2 s)"
    )


if __name__ == "__main__":
    main()
