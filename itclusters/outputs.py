"""Every file the dashboard makes, from one view: the download buttons and the command line
(`python -m itclusters export`) call `make`, so a monthly report built from a script is the same
file a user downloads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd

from . import charts, deck, exports
from . import filters as flt
from .data import Dataset
from .i18n import N_, _
from .maps import MapOptions, build_map, focus_area
from .schema import load_package
from .stories import Layers, Slide, Story

FORMATS = {  # format -> (file name, media type); the name in the reader's language is _(name)
    "png": (N_("it-clusters-map.png"), "image/png"),
    "svg": (N_("it-clusters-map.svg"), "image/svg+xml"),
    "html": (N_("it-clusters-map.html"), "text/html"),
    "pptx": (
        N_("it-clusters-slides.pptx"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "zip": (N_("it-clusters-presentation.zip"), "application/zip"),
    "csv": (N_("it-clusters.csv"), "text/csv"),
    "xlsx": (N_("it-clusters.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "geojson": (N_("it-clusters.geojson"), "application/geo+json"),
}


@dataclass(frozen=True)
class Request:
    """One view of the data: the dataset, the filters, the map's layers, the story for the deck."""

    dataset: Dataset
    oblasts: dict | None
    filters: flt.Filters
    options: MapOptions
    story: Story
    vocabulary: flt.Vocabulary
    today: datetime.date

    @property
    def clusters(self) -> pd.DataFrame:
        return flt.apply(self.dataset.clusters, self.filters)

    @property
    def summary(self) -> str:
        return flt.describe(self.filters, self.dataset.oblast_names())


def still_map(request: Request):
    return deck.still_map(
        request.clusters, request.filters, request.options, request.dataset, request.oblasts, request.today
    )


def live_map_html(request: Request) -> str:
    units = flt.named_units(request.filters, request.dataset.regions)
    options = MapOptions(**{**vars(request.options), "focus": focus_area(request.oblasts, units)})
    fmap = build_map(
        request.clusters,
        boundaries=request.oblasts,
        relocations=request.dataset.relocations,
        hubs=request.dataset.hubs,
        options=options,
    )
    return exports.standalone_map_html(fmap, _("Ukraine's IT clusters"))


def pack(request: Request) -> bytes:
    """The presentation pack: the map (HTML, PNG, SVG), the deck, every chart, the data, a note."""
    clusters = request.clusters
    summary = exports.pack_summary(
        request.summary, len(clusters), len(request.dataset.clusters), load_package(), request.today
    )
    picture = still_map(request)
    files = {
        "map.png": charts.chart_png(picture),
        "map.svg": charts.chart_svg(picture).encode("utf-8"),
        "slides.pptx": slides(request),
    }
    return exports.presentation_pack(live_map_html(request), charts.all_charts(clusters), clusters, summary, files)


def slides(request: Request) -> bytes:
    return deck.build_deck(request.story, request.dataset, request.oblasts, request.vocabulary, request.today)


def view_story(filters: flt.Filters, options: MapOptions) -> Story:
    """A one-slide story of this map view: the deck when no shipped story can be read."""
    shading = options.choropleth or "none"
    caption = {"en": "Ukraine's IT clusters", "uk": "ІТ-кластери України"}
    slide = Slide("map", caption, flt.to_query(filters), Layers(options.relocations, options.hubs, shading))
    return Story("view", caption, (slide,))


def make(fmt: str, request: Request) -> bytes:
    """The file in this format for this view."""
    if fmt == "png":
        return charts.chart_png(still_map(request))
    if fmt == "svg":
        return charts.chart_svg(still_map(request)).encode("utf-8")
    if fmt == "html":
        return live_map_html(request).encode("utf-8")
    if fmt == "pptx":
        return slides(request)
    if fmt == "zip":
        return pack(request)
    table = exports.schema_columns(request.clusters)
    if fmt == "csv":
        return exports.csv_bytes(table)
    if fmt == "xlsx":  # as the Data page's button makes it
        return exports.excel_bytes(
            table,
            _("Clusters"),
            title=_("Ukraine's IT clusters"),
            filters=request.summary,
            today=request.today,
            resource="clusters",
        )
    if fmt == "geojson":
        return exports.geojson_bytes(request.clusters)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
