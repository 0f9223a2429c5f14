"""DataFrame -> a still map for slides: the same view as the live map, drawn offline as PNG or SVG.

Altair geoshapes rendered by vl-convert (already the charts' renderer) rather than matplotlib:
one renderer for every image in the deck, the same fonts and colours as the charts, SVG for
free, and no second plotting stack to install. The projection is fitted to the oblasts in view,
so the whole country (Crimea included) shows with no geographic filter, and a region's
oblasts with one.
"""

from __future__ import annotations

import datetime
import math

import altair as alt
import pandas as pd

from .geo import bounds_of
from .i18n import _, number
from .maps import (
    SIZE_LEGEND_SAMPLES,
    MapOptions,
    _arrow,
    _bin_colour,
    choropleth_bins,
    display_positions,
    marker_radius,
    oblast_values,
    shown_relocations,
)
from .style import BOUNDARY_FILL, BOUNDARY_LINE, HUB_COLOUR, RELOCATION_COLOUR, STATUS_COLOURS, STATUSES, status_label

WIDTH, HEIGHT = 960, 540  # 16:9; rendered at scale 2, so the PNG is 1920 x 1080
FONT = "DejaVu Sans"  # shipped with Debian's fonts-dejavu-core: Cyrillic renders on any machine


class _Shapes:
    """GeoJSON features as Altair takes them without checking every coordinate against the
    Vega-Lite schema (seconds for 27 outlines): through __geo_interface__, into `datasets`."""

    def __init__(self, features: list):
        self.__geo_interface__ = {"type": "FeatureCollection", "features": features}


def _in_view(oblasts: dict, units: set[str]) -> dict:
    """What the projection fits: the corners of all of Ukraine, or of the units a geographic
    filter names. In Mercator the corners fit exactly as the outlines would, and cost nothing."""
    isos = {f["properties"]["iso"] for f in oblasts["features"]}
    (south, west), (north, east) = bounds_of(oblasts, (set(units) & isos) or isos)
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": [[west, south], [east, north]]},
    }


def _boundaries(oblasts: dict, clusters: pd.DataFrame, options: MapOptions) -> alt.Chart:
    """The oblasts, shaded by the chosen measure (with a legend of its classes) or plain."""
    measure = options.choropleth
    values = oblast_values(clusters, measure) if measure else {}
    bins = choropleth_bins(values) if measure else []
    labels = [number(lo) if lo == hi else f"{number(lo)}–{number(hi)}" for lo, hi in bins]
    none = _("none")

    def label(iso: str) -> str:
        value = values.get(iso, 0)
        return next((text for (lo, hi), text in zip(bins, labels) if lo <= value <= hi), none)

    features = [
        {"type": "Feature", "geometry": f["geometry"], "properties": {"bin": label(f["properties"]["iso"])}}
        for f in oblasts["features"]
    ]
    shapes = alt.Chart(_Shapes(features)).mark_geoshape(stroke=BOUNDARY_LINE, strokeWidth=0.6, clip=True)
    if not bins:
        return shapes.encode(fill=alt.value(BOUNDARY_FILL))
    title = _("Clusters per oblast") if measure == "clusters" else _("Member companies per oblast")
    scale = alt.Scale(domain=[none, *labels], range=[BOUNDARY_FILL, *(_bin_colour(lo, bins) for lo, _hi in bins)])
    legend = alt.Legend(title=title, orient="bottom-left", values=labels, symbolType="square")
    return shapes.encode(fill=alt.Fill("bin:N", scale=scale, legend=legend))


def _points(placed: pd.DataFrame) -> alt.Chart:
    """Circles with the live map's colours and areas; a hollow dashed ring where members are not stated."""
    rows = pd.DataFrame(
        {
            "lat": placed["map_lat"],
            "lon": placed["map_lon"],
            "status": placed["status"].map(status_label),
            "area": placed["member_companies"].map(lambda m: 3.3 * marker_radius(m) ** 2),
            "unknown": placed["member_companies"].isna(),
        }
    ).sort_values("area", ascending=False)
    labels = [status_label(s) for s in STATUSES]
    scale = alt.Scale(domain=labels, range=[STATUS_COLOURS[s] for s in STATUSES])
    colour = alt.Color(
        "status:N",
        scale=scale,
        legend=alt.Legend(title=_("Wartime status"), orient="top-left", values=labels),
    )
    base = alt.Chart(rows).encode(longitude="lon:Q", latitude="lat:Q", size=alt.Size("area:Q", scale=None, legend=None))
    stated = base.transform_filter("!datum.unknown").mark_circle(
        opacity=0.75, stroke="white", strokeWidth=0.8, clip=True
    )
    unknown = base.transform_filter("datum.unknown").mark_point(
        filled=False, strokeDash=[3, 2], strokeWidth=1.6, clip=True
    )
    return alt.layer(
        stated.encode(color=colour), unknown.encode(stroke=alt.Stroke("status:N", scale=scale, legend=None))
    )


MAX_ARROWS = 400  # more arrows than this on one still map are ink, and Vega runs out of memory at 35,000


def routes(moves: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Each distinct route (home to destination, to a hundredth of a degree) once, the most
    travelled first, with its number of moves."""
    home = placed.drop_duplicates("id").set_index("id")
    ends = pd.DataFrame(
        {
            "from_lat": moves["cluster_id"].map(home["lat"]).astype(float),
            "from_lon": moves["cluster_id"].map(home["lon"]).astype(float),
            "to_lat": moves["to_lat"].astype(float),
            "to_lon": moves["to_lon"].astype(float),
        }
    ).round(2)
    return ends.value_counts(sort=True).rename("moves").reset_index()


def _arrows(drawn: pd.DataFrame) -> alt.Chart:
    segments = []
    for n, row in enumerate(drawn.itertuples()):
        for k, line in enumerate(_arrow((row.from_lat, row.from_lon), (row.to_lat, row.to_lon))):
            segments += [{"path": f"{n}-{k}", "order": i, "lat": lat, "lon": lon} for i, (lat, lon) in enumerate(line)]
    return (
        alt.Chart(pd.DataFrame(segments))
        .mark_line(color=RELOCATION_COLOUR, strokeWidth=2.2, strokeDash=[6, 4], clip=True)  # dashed, as on the live map
        .encode(longitude="lon:Q", latitude="lat:Q", detail="path:N", order="order:Q")
    )


def _hubs(hubs: pd.DataFrame) -> alt.Chart:
    places = hubs.drop_duplicates(["lat", "lon"]).assign(lat=lambda h: h["lat"].astype(float) - 0.12)
    return (
        alt.Chart(places[["lat", "lon"]])
        .mark_circle(color=HUB_COLOUR, size=60, opacity=0.9, clip=True)
        .encode(longitude="lon:Q", latitude="lat:Q")
    )


# -- Labels ---------------------------------------------------------------------------------------
LABEL_FONT = 11  # px at the chart's size (22 px in the 1920 x 1080 PNG)
# The legends' type: 15 px at the chart's size is 12 pt on a slide, where the map is 10.7 inches wide.
LEGEND_FONT = KEY_FONT = 15
PLOT_TOP = 84  # px the title and its two subtitle lines take above the map
# Where the legends sit, in the plot's pixels: labels keep clear of them (status: top left; the
# key: top right; shading: bottom left).
LEGEND_BOXES = (
    (0, 0, 240, 100),
    (WIDTH - 420, 0, WIDTH, 4 * (KEY_FONT + 4)),
    (0, HEIGHT - PLOT_TOP - 190, 260, HEIGHT),
)


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _unmercator(x: float, y: float) -> tuple[float, float]:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2), math.degrees(x)


def label_places(placed: pd.DataFrame, view: dict, width: int = WIDTH, height: int = HEIGHT - PLOT_TOP) -> list[dict]:
    """Where each cluster's name goes on the still map: right of its circle, else left of it,
    never over another name, a legend or the edge; the largest clusters choose first and a name
    with no room is left out. Positions are worked out in the same Mercator projection, fitted
    to the same corners, as the map's (an estimate of the text's width: DejaVu Sans, 0.6 em)."""
    (west, south), (east, north) = view["geometry"]["coordinates"]
    x0, y0 = _mercator(south, west)
    x1, y1 = _mercator(north, east)
    scale = min(width / (x1 - x0), height / (y1 - y0))
    left, top = (width - (x1 - x0) * scale) / 2, (height - (y1 - y0) * scale) / 2

    def pixel(lat, lon):
        x, y = _mercator(lat, lon)
        return left + (x - x0) * scale, top + (y1 - y) * scale

    def geo(px, py):
        return _unmercator((px - left) / scale + x0, y1 - (py - top) / scale)

    taken = [tuple(box) for box in LEGEND_BOXES]
    rows = sorted(
        zip(placed["map_lat"], placed["map_lon"], placed["member_companies"], placed["name"]),
        key=lambda r: (-marker_radius(r[2]), str(r[3])),
    )
    out = []
    for lat, lon, members, name in rows:
        px, py = pixel(float(lat), float(lon))
        gap = math.sqrt(3.3 / math.pi) * marker_radius(members) + 3  # the circle's radius, as drawn
        text_width, half = 0.6 * LABEL_FONT * len(str(name)), 0.65 * LABEL_FONT
        for side in ("right", "left"):
            x = px + gap if side == "right" else px - gap - text_width
            box = (x, py - half, x + text_width, py + half)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken):
                taken.append(box)
                anchor_lat, anchor_lon = geo(px + gap if side == "right" else px - gap, py)
                out.append({"lat": anchor_lat, "lon": anchor_lon, "name": str(name), "side": side})
                break
    return out


def _labels(places: list[dict]) -> alt.LayerChart:
    """The names, dark on a white halo, left-aligned right of their circles and right-aligned left of them."""
    frame = pd.DataFrame(places or [{"lat": 0.0, "lon": 0.0, "name": "", "side": "none"}])
    layers = []
    for side, align in (("right", "left"), ("left", "right")):
        base = (
            alt.Chart(frame)
            .transform_filter(alt.datum.side == side)
            .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        )
        common = {"align": align, "baseline": "middle", "fontSize": LABEL_FONT, "fontWeight": "bold", "clip": True}
        layers.append(base.mark_text(**common, color="white", stroke="white", strokeWidth=3, opacity=0.85))
        layers.append(base.mark_text(**common, color="#1f2933"))
    return alt.layer(*layers)


def _key(options: MapOptions) -> alt.LayerChart:
    """What the legends do not say (sizes, not stated, arrows, hubs), top right, over Russia; each
    symbol in the colour the map draws it in, right of its words."""
    lines = [(_("Circle area: member companies") + " (" + ", ".join(str(n) for n in SIZE_LEGEND_SAMPLES) + ")", "", "")]
    lines.append((_("member companies not stated"), "◌", "#1f2933"))
    if options.relocations:
        lines.append((_("relocation"), "⟶", RELOCATION_COLOUR))
    if options.hubs:
        lines.append((_("IT hubs and coworking spaces"), "●", HUB_COLOUR))
    step = KEY_FONT + 4
    text = pd.DataFrame(
        {
            "line": [line for line, _symbol, _colour in lines],
            "symbol": [symbol for _line, symbol, _colour in lines],
            "colour": [colour or "#1f2933" for _line, _symbol, colour in lines],
            "y": [step * i for i in range(len(lines))],
            "gap": [2 + (KEY_FONT * (1.6 if symbol == "⟶" else 1) + 6 if symbol else 0) for _l, symbol, _c in lines],
        }
    )
    base = alt.Chart(text).encode(y=alt.Y("y:Q", scale=None, axis=None))
    words = (
        base.transform_calculate(px="width - datum.gap")  # the plot's width: a signal, known when drawn
        .mark_text(align="right", baseline="top", fontSize=KEY_FONT, color="#1f2933")
        .encode(text="line:N", x=alt.X("px:Q", scale=None, axis=None))
    )
    symbols = base.mark_text(align="right", baseline="top", fontSize=KEY_FONT, fontWeight="bold").encode(
        text="symbol:N",
        x=alt.value({"expr": "width - 2"}),
        color=alt.Color("colour:N", scale=None, legend=None),
    )
    return words + symbols


def static_map(
    clusters: pd.DataFrame,
    *,
    oblasts: dict,
    relocations: pd.DataFrame | None = None,
    hubs: pd.DataFrame | None = None,
    options: MapOptions = MapOptions(),
    units: set[str] = frozenset(),
    title: str = "",
    summary: str = "",
    source_date: datetime.date | None = None,
) -> alt.LayerChart:
    """The map as one Altair chart: oblasts, shading, arrows, hubs, clusters, legends, title, source.

    Exactly WIDTH x HEIGHT with its title and legends (autosize fit), 16:9 like a slide."""
    placed = display_positions(clusters)
    layers = [_boundaries(oblasts, clusters, options)]
    if options.hubs and hubs is not None and not hubs.empty:
        layers.append(_hubs(hubs))
    moves = shown_relocations(relocations, clusters) if options.relocations else None
    if moves is not None and not moves.empty:
        travelled = routes(moves, placed)
        layers.append(_arrows(travelled.head(MAX_ARROWS)))
        if len(travelled) > MAX_ARROWS:  # say what the arrows leave out
            summary = " · ".join(
                filter(
                    None,
                    [
                        summary,
                        _("arrows for the {n} most travelled routes of {total} moves").format(
                            n=number(MAX_ARROWS), total=number(len(moves))
                        ),
                    ],
                )
            )
        if units:  # as on the live map, the view takes in where the arrows go
            units = set(units) | set(moves["to_oblast_iso"])
    if not clusters.empty:
        layers.append(_points(placed))
    view = _in_view(oblasts, units)
    if options.labels and not clusters.empty:
        layers.append(_labels(label_places(placed, view)))
    layers.append(_key(options))
    day = (source_date or datetime.date.today()).isoformat()
    source = _("Source: the overview of Ukraine's IT clusters (October 2024). Made {date}.").format(date=day)
    return (
        alt.layer(*layers)
        .project(type="mercator", fit=view)
        .properties(
            width=WIDTH,
            height=HEIGHT,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
            title=alt.Title(title or _("Ukraine's IT clusters"), subtitle=[summary, source], anchor="start"),
        )
        .configure(font=FONT, background="white", padding=12)
        .configure_view(stroke=None)
        .configure_title(fontSize=22, subtitleFontSize=13, subtitleColor="#52606d")
        .configure_legend(
            titleFontSize=LEGEND_FONT, labelFontSize=LEGEND_FONT, titleLimit=400, labelLimit=400, symbolSize=140
        )
    )
