"""How long the still map (PNG, SVG) and the deck take, against the floor: vl-convert drawing
the same 27 oblast outlines and 26 circles in the same projection at the same size, with no
legend, title, arrows or styling. Medians of 5 runs after one warm-up, in one process.

Usage: .venv/bin/python bench/slides.py   (target: the PNG map in at most 2 s for 26 clusters)
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
    print(f"commit {commit()}: still map of {len(dataset.clusters)} clusters, median of {RUNS} runs")
    print(
        f"  PNG 1920x1080: dashboard {png:.2f} s, floor {floor_png:.2f} s, ratio {png / floor_png:.2f} (target <= 2 s)"
    )
    print(f"  SVG:           dashboard {svg:.2f} s, floor {floor_svg:.2f} s, ratio {svg / floor_svg:.2f}")
    print(f"  deck of the overview story ({len(story.slides)} picture slides + 2): {slides:.2f} s")


if __name__ == "__main__":
    main()
