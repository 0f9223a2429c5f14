"""DataFrame -> folium.Map: the clusters on Ukraine's oblasts, drawn with no tile server.

Everything here is pure: the page passes the filtered rows and options and gets a map back,
so tests can render it and read the HTML without Streamlit.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import folium
import pandas as pd

from . import assets
from .geo import VIEW_BOUNDS, VIEW_ZOOM, bounds_of
from .i18n import _, language, ngettext, number
from .leaflet import (
    MAP_CSS,
    MOTION_ALLOWED,
    BoundaryLayer,
    ClusterLabels,
    ClusterMarkers,
    ControlTexts,
    FeatureGroup,
    FitView,
    FitWindowHeight,
    FocusWithoutScrolling,
    FrameLabel,
    Map,
    MapControl,
    MetricScale,
    OblastCounts,
    PointsLayer,
    ShowBounds,
    Verbatim,
    WheelAfterClick,
)
from .style import (
    BOUNDARY_FILL,
    BOUNDARY_LINE,
    CHOROPLETH_SCHEME,
    HUB_COLOUR,
    STATUS_COLOURS,
    STATUSES,
    hub_kind_label,
    status_label,
    status_with_evidence,
)
from .text import escape, format_count, format_year, is_missing, localised, not_stated

UKRAINE_BOUNDS = ((44.38, 22.14), (52.38, 40.23))  # Crimea and Sevastopol included
LEGEND_FOLD_BELOW = 520  # px: on a narrower map (a phone) the legend starts folded, leaving the map in view
MIN_RADIUS, RADIUS_SCALE = 4.0, 1.0  # px; area grows linearly with member companies
UNKNOWN_RADIUS = 7.0
SIZE_LEGEND_SAMPLES = (10, 100, 500)
SHARED_CITY_OFFSET = 0.22  # degrees: clusters of one city sit side by side, each clickable
# Rendering by size: SVG circles with full tooltips up to SVG_LIMIT; then one canvas layer fed
# a compact array (10,000 points draw in well under a second); past CANVAS_LIMIT, a circle per
# oblast with its count, so 100,000 rows never reach the browser one by one.
SVG_LIMIT = 500
CANVAS_LIMIT = 20_000


def render_mode(n: int) -> str:
    return "svg" if n <= SVG_LIMIT else "canvas" if n <= CANVAS_LIMIT else "aggregate"


@dataclass(frozen=True)
class MapOptions:
    relocations: bool = True
    hubs: bool = False
    choropleth: str | None = None  # None, "clusters" or "members"
    online_tiles: bool = False
    height: int = 620
    # The area the view must show (south-west, north-east): the whole country, or the region a
    # filter names. None: just the clusters shown (the Compare page's small map).
    focus: tuple[tuple[float, float], tuple[float, float]] | None = None
    fill_frame: bool = False  # presenting: the map fills its frame, whatever height the page gives it
    # The map page: the frame reports where it starts, so the page can make it fill the window below
    # (the CSS variable named here; ui/map_controls.py). None elsewhere.
    fit_window: str | None = None
    labels: bool = False  # each cluster's name beside its circle, the colliding ones hidden
    base_path: str = ""  # the server's base URL path: the map's files are served under it
    view_in_address: bool = False  # the map page: the view the reader moves to is kept in the address (at=)


def marker_radius(members: object) -> float:
    """Circle area proportional to member companies (plus a floor so 2 is still visible)."""
    if is_missing(members):
        return UNKNOWN_RADIUS
    return math.sqrt(MIN_RADIUS**2 + RADIUS_SCALE**2 * float(members))


def display_positions(clusters: pd.DataFrame) -> pd.DataFrame:
    """Clusters that share a city get positions side by side around it (map_lat, map_lon).

    Plain loops over the coordinates: this runs on every filter change, where pandas' grouping
    and sorting of a few dozen rows cost more than the rest of the cluster layer."""
    lat, lon = clusters["lat"].to_numpy(dtype=float), clusters["lon"].to_numpy(dtype=float)
    map_lat, map_lon = lat.copy(), lon.copy()
    at_city: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, city in enumerate(zip(lat, lon)):
        at_city[city].append(i)
    ids = clusters["id"].tolist()
    for rows in at_city.values():
        if len(rows) < 2:  # only clusters that share a city move
            continue
        for k, i in enumerate(sorted(rows, key=ids.__getitem__)):
            angle = 2 * math.pi * k / len(rows)
            map_lon[i] += SHARED_CITY_OFFSET * math.cos(angle)
            map_lat[i] += SHARED_CITY_OFFSET * 0.65 * math.sin(angle)
    return clusters.assign(map_lat=map_lat, map_lon=map_lon)


def tooltip_text(tooltip: str) -> str:
    """What the browser shows of a tooltip: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", tooltip)).split())


def cluster_for_tooltip(clusters: pd.DataFrame, clicked_text: str | None) -> str | None:
    """The id of the clicked marker. streamlit-folium reports the click position and the text
    of the clicked layer's tooltip; the tooltip names the cluster, the position may not."""
    if not clicked_text:
        return None
    wanted = " ".join(clicked_text.split())
    for _index, row in clusters.iterrows():
        if tooltip_text(tooltip_html(row)).replace(" ", "") == wanted.replace(" ", ""):
            return row["id"]
    return None


TOOLTIP_COLUMNS = (
    "name",
    "city",
    "city_uk",
    "member_companies",
    "member_companies_bound",
    "founded_year",
    "founded_basis",
    "status",
    "status_evidence",
)


def tooltip_html(row: pd.Series | dict) -> str:
    members = format_count(row["member_companies"], row["member_companies_bound"])
    if members.endswith("+"):
        members = _("more than {n}").format(n=members[:-1])
    first, second = ("city_uk", "city") if language() == "uk" else ("city", "city_uk")
    lines = [
        f"<b>{escape(row['name'])}</b>",
        f"{escape(row[first])} · {escape(row[second])}",
        escape(_("Member companies: {n}").format(n=members)),
        escape(_("Founded: {year}").format(year=format_year(row["founded_year"], row["founded_basis"]))),
        escape(_("Status: {status}").format(status=status_with_evidence(row["status"], row.get("status_evidence")))),
    ]
    return "<br>".join(lines)


def _swatch(colour: str, radius: float = 6, hollow: bool = False) -> str:
    size = int(2 * radius + 4)
    fill = "none" if hollow else colour
    dash = ' stroke-dasharray="3 2"' if hollow else ""
    return (
        f'<svg width="{size}" height="{size}" aria-hidden="true"><circle cx="{size / 2}" cy="{size / 2}" '
        f'r="{radius}" fill="{fill}" fill-opacity="0.75" stroke="{colour}" stroke-width="1.5"{dash}/></svg>'
    )


def legend_html(options: MapOptions, choropleth_bins: list[tuple[str, str]] | None = None) -> str:
    """The legend, folded under its summary line (which the map opens on a frame wide enough)."""
    heading, sizes, arrow = escape(_("Wartime status")), escape(_("Member companies")), escape(_("relocation"))
    legend = escape(_("Legend"))
    parts = [f"<details open><summary>{legend}</summary><h4>{heading}</h4>"]
    for status in STATUSES:
        parts.append(f'<div class="row">{_swatch(STATUS_COLOURS[status])}{status_label(status)}</div>')
    parts.append(f"<h4 style='margin-top:4px'>{sizes}</h4><div class='sizes'>")
    for n in SIZE_LEGEND_SAMPLES:
        parts.append(f'<span class="row">{_swatch("#555", marker_radius(n))}{n}</span>')
    parts.append(f'<span class="row">{_swatch("#555", UNKNOWN_RADIUS, hollow=True)}{not_stated()}</span></div>')
    if options.relocations:
        parts.append(f'<div class="row"><span class="itc-arrow">⟶</span>{arrow}</div>')
    if options.hubs:
        hubs = escape(_("IT hubs and coworking spaces"))
        parts.append(f'<div class="row">{_swatch(HUB_COLOUR, 5)}{hubs}</div>')
    if choropleth_bins:
        title = _("Clusters per oblast") if options.choropleth == "clusters" else _("Member companies per oblast")
        parts.append(f"<h4 style='margin-top:4px'>{escape(title)}</h4>")
        for colour, label in choropleth_bins:
            parts.append(
                f'<div class="row"><span style="display:inline-block;width:16px;height:12px;'
                f'background:{colour};border:1px solid #999"></span>{label}</div>'
            )
    return "".join(parts) + "</details>"


def oblast_values(clusters: pd.DataFrame, measure: str) -> dict[str, int]:
    """Clusters per oblast, or the (lower-bound) sum of stated member companies per oblast."""
    if measure == "clusters":
        return clusters.groupby("oblast_iso").size().astype(int).to_dict()
    stated = clusters.dropna(subset=["member_companies"])
    return stated.groupby("oblast_iso")["member_companies"].sum().astype(int).to_dict()


def choropleth_bins(values: dict[str, int]) -> list[tuple[int, int]]:
    """Up to five equal-count classes over the non-zero values, as (low, high) pairs."""
    distinct = sorted(set(v for v in values.values() if v > 0))
    if not distinct:
        return []
    k = min(len(CHOROPLETH_SCHEME), len(distinct))
    edges = [distinct[round(i * (len(distinct) - 1) / max(k - 1, 1))] for i in range(k)]
    edges = sorted(set(edges))
    bins, low = [], distinct[0]
    for high in edges:
        bins.append((low, high))
        low = high + 1
    return bins


def _bin_colour(value: int, bins: list[tuple[int, int]]) -> str:
    for i, (low, high) in enumerate(bins):
        if low <= value <= high:
            return CHOROPLETH_SCHEME[i + len(CHOROPLETH_SCHEME) - len(bins)]
    return BOUNDARY_FILL


def _boundaries(source: dict | str, clusters: pd.DataFrame, options: MapOptions) -> tuple[BoundaryLayer, list]:
    measure = options.choropleth
    values = oblast_values(clusters, measure) if measure else {}
    bins = choropleth_bins(values)  # none without values
    unit = {"clusters": _("clusters"), "members": _("member companies (stated counts)")}.get(measure, "")
    opacity = 0.85 if measure else 1.0
    style = {"color": BOUNDARY_LINE, "weight": 1, "fillColor": BOUNDARY_FILL, "fillOpacity": opacity}
    fills = {iso: _bin_colour(value, bins) for iso, value in values.items()}
    layer = BoundaryLayer(source, fills, values, unit, style)
    legend_bins = [
        (_bin_colour(low, bins), number(low) if low == high else f"{number(low)}–{number(high)}") for low, high in bins
    ]
    return layer, legend_bins


def _arrow(start: tuple[float, float], end: tuple[float, float]) -> list[list[tuple[float, float]]]:
    """A shaft and a two-stroke head, in lat/lon, with the head sized to the shaft."""
    (lat1, lon1), (lat2, lon2) = start, end
    scale = math.cos(math.radians((lat1 + lat2) / 2))  # make the head symmetric on screen
    dx, dy = (lon2 - lon1) * scale, lat2 - lat1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    size = min(0.35, 0.18 * length)
    head = []
    for side in (1, -1):
        hx = -ux * math.cos(0.45) + side * -uy * math.sin(0.45)
        hy = -uy * math.cos(0.45) + side * ux * math.sin(0.45)
        head.append((lat2 + hy * size, lon2 + hx * size / scale))
    return [[start, end], [head[0], end, head[1]]]


def build_map(
    clusters: pd.DataFrame,
    *,
    boundaries: dict | str | None,
    relocations: pd.DataFrame | None = None,
    hubs: pd.DataFrame | None = None,
    options: MapOptions = MapOptions(),
) -> folium.Map:
    """The whole map for the given (already filtered) clusters, in one piece."""
    m = base_map(clusters, boundaries=boundaries, hubs=hubs, options=options)
    cluster_layer(clusters, relocations=relocations, options=options).add_to(m)
    return m


def base_map(
    clusters: pd.DataFrame,
    *,
    boundaries: dict | str | None,
    hubs: pd.DataFrame | None = None,
    options: MapOptions = MapOptions(),
) -> folium.Map:
    """What stays when only the filter changes: boundaries, hubs, legend, view control.

    `clusters` matters only for the choropleth values and the empty-result notice, so the page
    can keep this map mounted and swap the cluster layer (streamlit-folium's feature group) on a
    filter change instead of rebuilding everything.
    """
    m = Map(
        tiles=None,
        location=[48.6, 31.2],
        zoom_start=6,
        control_scale=False,  # MetricScale: kilometres only, as Ukraine measures
        prefer_canvas=False,
        zoom_snap=0.1,  # the fitted view fills the frame closely; the buttons still step by half a level
        zoom_delta=0.5,
        zoom_animation=MOTION_ALLOWED,
        fade_animation=MOTION_ALLOWED,
        marker_zoom_animation=MOTION_ALLOWED,
    )
    m.default_js, m.default_css = assets.local_assets(options.base_path)
    m.add_child(FrameLabel(_("Map of Ukraine's IT clusters on its oblasts")))
    m.add_child(MetricScale(km=_("km"), m=_("m")))
    m.add_child(ControlTexts(_("Zoom in"), _("Zoom out"), _("A JavaScript library for interactive maps")))
    m.get_root().header.add_child(Verbatim(MAP_CSS))
    if options.fill_frame or options.fit_window:  # streamlit-folium sets the height in pixels; the frame decides
        m.get_root().header.add_child(Verbatim("<style>#map_div { height: 100vh !important; }</style>"))
    if options.online_tiles:  # the only layer that talks to the internet, and only on request
        folium.TileLayer("OpenStreetMap", opacity=0.5).add_to(m)  # faint: the oblasts stay readable

    legend_bins: list = []
    if boundaries:  # the GeoJSON itself, or the URL the browser fetches it from
        layer, legend_bins = _boundaries(boundaries, clusters, options)
        m.add_child(layer)

    if options.hubs and hubs is not None and not hubs.empty:
        group = FeatureGroup().add_to(m)  # unnamed: there is no layer switcher to list it
        city_column = "city_uk" if language() == "uk" else "city"
        hubs_in = _("Hubs in {city}")
        for (city, lat, lon), places in hubs.groupby([city_column, "lat", "lon"], sort=True):
            kinds = places["kind"].map(hub_kind_label)  # "not stated" where the source does not say
            names = "<br>".join(f"{escape(n)} ({escape(k)})" for n, k in zip(places["name"], kinds))
            folium.CircleMarker(
                [float(lat) - 0.12, float(lon)],
                radius=5,
                color=HUB_COLOUR,
                fill=True,
                fill_opacity=0.9,
                weight=1,
                tooltip=folium.Tooltip(f"<b>{escape(hubs_in.format(city=city))}</b><br>{names}"),
                className="itc-hub",
            ).add_to(group)

    # Bottom left: over Moldova and the Black Sea, clear of every cluster.
    m.add_child(MapControl(legend_html(options, legend_bins), "bottomleft", fold_below=LEGEND_FOLD_BELOW))
    if clusters.empty:
        m.add_child(MapControl(escape(_("No clusters match the current filters.")), "topright", "itc-notice"))
    elif render_mode(len(clusters)) == "aggregate":
        notice = escape(
            _(
                "{n} clusters: shown as one circle per oblast. "
                "Narrow the filters to {limit} or fewer to see each cluster."
            ).format(n=number(len(clusters)), limit=number(CANVAS_LIMIT))
        )
        m.add_child(MapControl(notice, "topright", "itc-notice"))
    m.add_child(FitView({"bounds": VIEW_BOUNDS, "zoom": VIEW_ZOOM} if options.view_in_address else None))
    m.add_child(FocusWithoutScrolling())
    if not options.fill_frame:  # in a page that scrolls: the wheel is the page's until a click
        m.add_child(WheelAfterClick())
    if options.fit_window:
        m.add_child(FitWindowHeight(options.fit_window))
    return m


def cluster_layer(
    clusters: pd.DataFrame,
    *,
    relocations: pd.DataFrame | None = None,
    options: MapOptions = MapOptions(),
) -> folium.FeatureGroup:
    """The markers, relocation arrows and the view that fits them: what a filter change swaps."""
    layer = FeatureGroup()  # unnamed: there is no layer switcher to list it
    placed = display_positions(clusters)
    moves = shown_relocations(relocations, clusters) if options.relocations else None
    mode = render_mode(len(clusters))
    if mode == "aggregate":
        _add_oblast_totals(layer, clusters)
    elif mode == "canvas":
        _add_points(layer, placed)
    if mode == "svg" or (moves is not None and not moves.empty):
        markers = _markers(placed) if mode == "svg" else []
        layer.add_child(ClusterMarkers(markers, _arrows(moves, placed)))
    if options.labels and mode == "svg":
        layer.add_child(ClusterLabels(label_rows(placed)))

    layer.add_child(OblastCounts(oblast_count_labels(clusters), _("no clusters")))
    widest = max((marker_radius(m) for m in placed["member_companies"]), default=0) if mode == "svg" else 0
    layer.add_child(ShowBounds(fit_bounds(placed, moves, options.focus), margin=round(widest)))
    return layer


def oblast_count_labels(clusters: pd.DataFrame) -> dict[str, str]:
    """Per oblast: its clusters and the sum of their stated member companies ('120+' with a bound).

    A plain loop: on every filter change, pandas' groupby cost twenty times more for 26 rows."""
    count: Counter = Counter()
    total: Counter = Counter()
    bounded: set = set()
    columns = (clusters["oblast_iso"], clusters["member_companies"], clusters["member_companies_bound"])
    for iso, members, bound in zip(*columns):
        count[iso] += 1
        if not is_missing(members):
            total[iso] += int(members)
            if bound == "at_least":
                bounded.add(iso)
    labels = {}
    for iso, n in sorted(count.items()):
        line = ngettext("{n} cluster", "{n} clusters", n).format(n=number(n))
        if iso in total:
            members = format_count(total[iso], "at_least" if iso in bounded else "exact")
            line += " · " + _("{n} member companies").format(n=members)
        labels[str(iso)] = line
    return labels


def _arrows(moves: pd.DataFrame | None, placed: pd.DataFrame) -> list:
    """Each move as its shaft and head, with a tooltip naming the cluster and the cities."""
    if moves is None or moves.empty:
        return []
    home = {row["id"]: row for row in _records(placed, ("id", "lat", "lon", "name"))}
    arrows = []
    for row in moves.itertuples():
        cluster = home[row.cluster_id]
        start = (float(cluster["lat"]), float(cluster["lon"]))
        to_city = row.to_city_uk if language() == "uk" else row.to_city
        tip = f"{escape(cluster['name'])}: {escape(localised(row, 'from_city'))} → {escape(to_city)}"
        if not is_missing(row.year):
            tip += f" ({int(row.year)})"
        arrows.append([_arrow(start, (float(row.to_lat), float(row.to_lon))), f"<div>{tip}</div>"])
    return arrows


def shown_relocations(relocations: pd.DataFrame | None, clusters: pd.DataFrame) -> pd.DataFrame | None:
    """The moves of the shown clusters. (Looks the few moves up in a set of the ids: pandas' isin
    over 100,000 Arrow strings costs a quarter of a second.)"""
    if relocations is None:
        return None
    ids = set(clusters["id"])
    return relocations.loc[[cluster_id in ids for cluster_id in relocations["cluster_id"]]]  # rows, even if none


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The rows as dicts of the named columns: a tenth of the cost of pandas' own row access."""
    return [dict(zip(columns, row)) for row in zip(*(frame[column].tolist() for column in columns))]


def _markers(placed: pd.DataFrame) -> list:
    """One row per cluster for ClusterMarkers, largest first so small circles stay on top (a
    stable sort: equal circles keep the table's order). Rows as dicts, not pandas' rows: on every
    filter change, iterrows cost more than building the tooltips."""
    rows = _records(placed, TOOLTIP_COLUMNS + ("map_lat", "map_lon"))
    radius = [marker_radius(row["member_companies"]) for row in rows]
    return [
        [
            round(float(rows[i]["map_lat"]), 5),
            round(float(rows[i]["map_lon"]), 5),
            round(float(radius[i]), 2),
            STATUS_COLOURS[rows[i]["status"]],
            int(is_missing(rows[i]["member_companies"])),
            f"itc-cluster itc-{rows[i]['status']}",  # a validated enum, safe as a class
            f"<div>{tooltip_html(rows[i])}</div>",
        ]
        for i in sorted(range(len(rows)), key=lambda i: -radius[i])
    ]


def label_rows(placed: pd.DataFrame) -> list:
    """[lat, lon, radius, name] for ClusterLabels, the largest circles first: when labels collide,
    the bigger cluster keeps its name."""
    rows = [
        [round(float(lat), 5), round(float(lon), 5), round(marker_radius(members), 2), str(name)]
        for lat, lon, members, name in zip(
            placed["map_lat"], placed["map_lon"], placed["member_companies"], placed["name"]
        )
    ]
    return sorted(rows, key=lambda row: (-row[2], row[3]))


def _add_points(layer: folium.FeatureGroup, placed: pd.DataFrame) -> None:
    colour_index = {status: i for i, status in enumerate(STATUSES)}
    radius = placed["member_companies"].map(marker_radius).round(1)
    points = [
        [round(lat, 4), round(lon, 4), r, colour_index[status], int(pd.isna(members)), str(name)[:200]]
        for lat, lon, r, status, members, name in zip(
            placed["map_lat"], placed["map_lon"], radius, placed["status"], placed["member_companies"], placed["name"]
        )
    ]
    layer.add_child(PointsLayer(points, [STATUS_COLOURS[s] for s in STATUSES]))


def _add_oblast_totals(layer: folium.FeatureGroup, clusters: pd.DataFrame) -> None:
    """One circle per oblast, at the mean position of its clusters, sized by their number."""
    per_oblast = clusters.groupby("oblast_iso").agg(
        n=("id", "size"), lat=("lat", "mean"), lon=("lon", "mean"), name=("oblast_en", "first")
    )
    largest = per_oblast["n"].max()
    for row in per_oblast.itertuples():
        count = ngettext("{n} cluster", "{n} clusters", row.n)
        folium.CircleMarker(
            [float(row.lat), float(row.lon)],
            radius=6 + 24 * math.sqrt(row.n / largest),
            color="#3d4852",
            weight=1,
            fill_color=STATUS_COLOURS["active"],  # a fill colour turns the fill on
            fill_opacity=0.6,
            tooltip=folium.Tooltip(f"<b>{escape(row.name)}</b><br>{escape(count.format(n=number(row.n)))}"),
            className="itc-aggregate",
        ).add_to(layer)


def view_bounds(placed: pd.DataFrame, relocations: pd.DataFrame | None = None) -> list[list[float]]:
    """The markers' (and their arrows') extent, never tighter than ~1 degree so one cluster keeps context."""
    lats, lons = list(placed["map_lat"]), list(placed["map_lon"])
    if relocations is not None:
        lats += list(relocations["to_lat"])
        lons += list(relocations["to_lon"])
    lat_lo, lat_hi, lon_lo, lon_hi = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max(0.0, (1.0 - (lat_hi - lat_lo)) / 2), max(0.0, (1.5 - (lon_hi - lon_lo)) / 2)
    return [[float(lat_lo - pad_lat), float(lon_lo - pad_lon)], [float(lat_hi + pad_lat), float(lon_hi + pad_lon)]]


def focus_area(oblasts: dict | None, units: set[str]):
    """The area a view must show: these units' outlines, or the whole country without any."""
    return bounds_of(oblasts, units) or UKRAINE_BOUNDS  # no units: no outline found


def fit_bounds(placed: pd.DataFrame, moves: pd.DataFrame | None, focus) -> list[list[float]]:
    """What the view fits: the focus area together with whatever of the clusters lies outside it."""
    if placed.empty:
        return [list(corner) for corner in (focus or UKRAINE_BOUNDS)]
    shown = view_bounds(placed, moves)
    if focus is None:
        return shown
    (lat_lo, lon_lo), (lat_hi, lon_hi) = focus
    return [
        [min(lat_lo, shown[0][0]), min(lon_lo, shown[0][1])],
        [max(lat_hi, shown[1][0]), max(lon_hi, shown[1][1])],
    ]
