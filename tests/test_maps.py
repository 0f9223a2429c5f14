"""The map builder, rendered to HTML and read back without Streamlit."""

import json
import math
import re

import folium
import pandas as pd
import pytest

from itclusters import leaflet, maps
from itclusters.geo import load_oblasts
from itclusters.i18n import override
from itclusters.maps import MapOptions, build_map
from itclusters.text import escape

HOSTILE = "<script>alert('x')</script>`${alert(1)}`\\"


@pytest.fixture(scope="module")
def oblasts():
    collection, _ = load_oblasts()
    return collection


def shown(html: str) -> str:
    """The rendered map with JSON's \\uXXXX escapes decoded: the text the script hands to Leaflet."""
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), html)


def marker_count(html: str) -> int:
    return html.count('"itc-cluster itc-')


def render(clusters, oblasts, dataset, **options):
    m = build_map(
        clusters, boundaries=oblasts, relocations=dataset.relocations, hubs=dataset.hubs, options=MapOptions(**options)
    )
    return m.get_root().render()


def test_one_marker_per_row(dataset, oblasts):
    html = render(dataset.clusters, oblasts, dataset)
    assert marker_count(html) == 26
    some = dataset.clusters.head(5)
    assert marker_count(render(some, oblasts, dataset)) == 5


def test_marker_colour_follows_status(dataset, oblasts):
    html = render(dataset.clusters, oblasts, dataset)
    assert html.count("itc-cluster itc-relocated") == 2
    assert html.count("itc-cluster itc-no_recent_info") == 13


def test_legend_names_colours_sizes_and_unknowns(dataset, oblasts):
    html = render(dataset.clusters, oblasts, dataset)
    for text in [
        "Wartime status",
        "Active",
        "Relocated",
        "No recent information",
        "Member companies",
        "not stated",
        "relocation",
    ]:
        assert text in html


def test_no_request_leaves_the_machine_by_default(dataset, oblasts):
    html = render(dataset.clusters, oblasts, dataset, hubs=True, choropleth="members")
    assert re.findall(r"https?://[^\s\"')]+", html) == []
    assert "/app/static/vendor/leaflet-1.9.3/leaflet.js" in html


def test_online_tiles_only_when_asked(dataset, oblasts):
    html = render(dataset.clusters, oblasts, dataset, online_tiles=True)
    assert "tile.openstreetmap.org" in html
    m = maps.base_map(dataset.clusters, boundaries=None, options=MapOptions(online_tiles=True))
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert [(t.tiles, t.options["opacity"]) for t in tiles] == [("https://tile.openstreetmap.org/{z}/{x}/{y}.png", 0.5)]
    assert not any(
        isinstance(c, folium.TileLayer) for c in maps.base_map(dataset.clusters, boundaries=None)._children.values()
    )


def test_the_maps_styles_go_in_its_header_as_written(dataset):
    header = maps.base_map(dataset.clusters, boundaries=None).get_root().header.render()
    assert leaflet.MAP_CSS in header and "#map_div" not in header
    filling = maps.base_map(dataset.clusters, boundaries=None, options=MapOptions(fill_frame=True))
    assert "\n    <style>#map_div { height: 100vh !important; }</style>" in filling.get_root().header.render()


def hub_markers(dataset, lang: str = "en") -> list:
    """The hub layer's circles: where each is, how it is drawn and what its tooltip says."""
    with override(lang):
        m = maps.base_map(dataset.clusters, boundaries=None, hubs=dataset.hubs, options=MapOptions(hubs=True))
    group = next(c for c in m._children.values() if isinstance(c, folium.FeatureGroup))
    return [
        (
            marker.location,
            marker.options,
            next(t.text for t in marker._children.values() if isinstance(t, folium.Tooltip)),
        )
        for marker in group._children.values()
    ]


def test_hubs_are_one_circle_per_city_just_below_it_naming_each_place(dataset):
    markers = hub_markers(dataset)
    cities = sorted(set(dataset.hubs["city"]))
    assert [tip.split("</b>")[0] for _, _, tip in markers] == [f"<b>Hubs in {city}" for city in cities]
    location, options, tip = markers[cities.index("Dnipro")]
    assert location == pytest.approx([48.4647 - 0.12, 35.0462])
    assert tip == "<b>Hubs in Dnipro</b><br>Creative States (not stated)"
    drawn = {k: options[k] for k in ("radius", "color", "fill", "fillOpacity", "weight", "className")}
    assert drawn == {
        "radius": 5,
        "color": maps.HUB_COLOUR,
        "fill": True,
        "fillOpacity": 0.9,
        "weight": 1,
        "className": "itc-hub",
    }
    kyiv = markers[cities.index("Kyiv")][2]
    assert kyiv.startswith(
        "<b>Hubs in Kyiv</b><br>UNIT.City (innovation park)<br>Coworking Platforma (coworking space)<br>"
    )
    ukrainian = [tip for _, _, tip in hub_markers(dataset, "uk")]
    assert "<b>Хаби: Дніпро</b><br>Creative States (не зазначено)" in ukrainian


def test_untrusted_text_is_escaped(dataset, oblasts):
    hostile = dataset.clusters.copy()
    hostile.loc[0, "name"] = HOSTILE
    hostile.loc[0, "city"] = "</script><img src=x onerror=alert(2)>"
    html = render(hostile, oblasts, dataset)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "${alert" not in html and "`${" not in html
    assert escape(HOSTILE) in shown(html)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&#96;&#36;&#123;alert(1)&#125;&#96;&#92;" in shown(html)


def test_escape_covers_html_and_template_literals():
    assert escape("<a href='x'>&`${y}\\") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&#96;&#36;&#123;y&#125;&#92;"


def test_tooltip_says_more_than_for_bounds_and_not_stated_for_unknowns(dataset):
    c = dataset.clusters.set_index("id", drop=False)
    lviv = maps.tooltip_html(c.loc["lviv-it-cluster"])
    assert "Member companies: more than 300" in lviv and "Founded: 2011 (hearsay)" in lviv
    assert "Status: Active (activity reported)" in lviv
    poltava = maps.tooltip_html(c.loc["poltava-it-cluster"])
    assert "Member companies: not stated" in poltava
    # The status says why: the evidence behind it.
    assert "Status: No recent information (only a profile and its leader, no activity reported)" in poltava
    reactor = maps.tooltip_html(c.loc["reactor-luhanshchyna"])
    assert "Status: No recent information (described only before 2022)" in reactor
    assert "Member companies: 72<" in maps.tooltip_html(c.loc["kyiv-it-cluster"])


def test_marker_area_is_proportional_to_members():
    floor = maps.MIN_RADIUS**2
    assert (maps.marker_radius(400) ** 2 - floor) == pytest.approx(4 * (maps.marker_radius(100) ** 2 - floor))
    assert maps.marker_radius(None) == maps.UNKNOWN_RADIUS
    assert maps.marker_radius(pd.NA) == maps.UNKNOWN_RADIUS


def test_clusters_sharing_a_city_get_distinct_clickable_positions(dataset):
    placed = maps.display_positions(dataset.clusters)
    kramatorsk = placed[placed["city"] == "Kramatorsk"]
    assert len(kramatorsk) == 2
    assert kramatorsk[["map_lat", "map_lon"]].drop_duplicates().shape[0] == 2
    lone = placed[placed["city"] == "Odesa"].iloc[0]
    assert (lone["map_lat"], lone["map_lon"]) == (lone["lat"], lone["lon"])


def test_a_clicked_tooltip_names_its_cluster(dataset):
    c = dataset.clusters.set_index("id", drop=False)
    for cluster_id in ["it-cluster-donbass", "east-ukrainian-technocluster", "lviv-it-cluster"]:
        # What the browser's textContent gives: tags gone, no separators where <br> was.
        shown = re.sub(r"<[^>]+>", "", maps.tooltip_html(c.loc[cluster_id])).replace("&#x27;", "'")
        assert maps.cluster_for_tooltip(dataset.clusters, shown) == cluster_id
    assert maps.cluster_for_tooltip(dataset.clusters, "Lviv Oblast Львівська область") is None
    assert maps.cluster_for_tooltip(dataset.clusters, None) is None


def test_relocation_arrows_follow_the_shown_clusters(dataset, oblasts):
    everything = shown(render(dataset.clusters, oblasts, dataset))
    assert everything.count("Mariupol → Khmelnytskyi") == 1  # one tooltip for the shaft and the head
    layer = maps.cluster_layer(dataset.clusters, relocations=dataset.relocations)
    [drawn] = [c for c in layer._children.values() if isinstance(c, leaflet.ClusterMarkers)]
    assert len(drawn.arrows) == len(dataset.relocations) and all(len(a[0]) == 2 for a in drawn.arrows)
    lviv = maps.cluster_layer(dataset.clusters[dataset.clusters["city"] == "Lviv"], relocations=dataset.relocations)
    assert [c.arrows for c in lviv._children.values() if isinstance(c, leaflet.ClusterMarkers)] == [[]]
    off = shown(render(dataset.clusters, oblasts, dataset, relocations=False))
    assert "Mariupol → Khmelnytskyi" not in off


def test_hub_layer_is_optional(dataset, oblasts):
    assert "Hubs in Kyiv" not in render(dataset.clusters, oblasts, dataset)
    html = render(dataset.clusters, oblasts, dataset, hubs=True)
    assert "Hubs in Kyiv" in html and "UNIT.City (innovation park)" in html
    # A kind only where the source gives one; otherwise "not stated", never a guess.
    assert "Peremoga (not stated)" in html and "Coworking Platforma (coworking space)" in html


def test_choropleth_values_and_legend(dataset, oblasts):
    assert maps.oblast_values(dataset.clusters, "clusters")["UA-14"] == 3
    members = maps.oblast_values(dataset.clusters, "members")
    assert members["UA-12"] == 60 + 10  # Dnipro 60+ and Kryvyi Rih 10+: a lower bound
    assert "UA-23" not in members  # Zaporizhzhia's count is not stated: no value, not zero
    m = build_map(dataset.clusters, boundaries=oblasts, options=MapOptions(choropleth="clusters"))
    layer = next(child for child in m._children.values() if isinstance(child, leaflet.BoundaryLayer))
    assert layer.values["UA-14"] == 3 and "UA-43" not in layer.values  # drawn as 0 by the layer
    assert layer.fills["UA-14"] == maps.CHOROPLETH_SCHEME[-1]  # the most clusters, the darkest
    assert layer.unit == "clusters"
    html = m.get_root().render()
    assert "Clusters per oblast" in html and "Donetsk Oblast" in html


def test_boundaries_by_url_are_fetched_not_inlined(dataset, oblasts):
    html = render(dataset.clusters, "/app/static/geo/oblasts-abc.geojson", dataset)
    assert 'fetch("/app/static/geo/oblasts-abc.geojson")' in html
    assert "Donetsk Oblast" not in html and len(html) < 60_000
    inline = render(dataset.clusters, oblasts, dataset)
    assert "Donetsk Oblast" in inline


def test_publish_boundaries_names_the_file_by_its_content(tmp_path):
    from itclusters.assets import publish_boundaries

    source = tmp_path / "b.geojson"
    source.write_text('{"a": 1}')
    first = publish_boundaries(source, tmp_path / "out")
    assert first == publish_boundaries(source, tmp_path / "out")
    source.write_text('{"a": 2}')
    second = publish_boundaries(source, tmp_path / "out")
    assert first != second and (tmp_path / "out" / second.rsplit("/", 1)[1]).read_text() == '{"a": 2}'


def test_choropleth_bins_cover_every_value():
    bins = maps.choropleth_bins({"a": 1, "b": 2, "c": 3, "d": 10, "e": 600, "f": 0})
    assert bins[0][0] == 1 and bins[-1][1] == 600
    for value in (1, 2, 3, 10, 600):
        assert sum(low <= value <= high for low, high in bins) == 1


def test_empty_result_shows_a_message_over_ukraine(dataset, oblasts):
    html = render(dataset.clusters.iloc[0:0], oblasts, dataset)
    assert "No clusters match the current filters." in html
    assert "itc-cluster" not in html.split("<style>")[-1].split("</style>")[-1].replace(".itc-cluster", "")
    assert "Donetsk Oblast" in html  # the boundaries are still drawn


def test_map_without_boundaries_still_shows_markers(dataset):
    html = render(dataset.clusters, None, dataset)
    assert marker_count(html) == 26


def _without_ids(html: str) -> str:
    return re.sub(r"_[0-9a-f]{32}", "_ID", html)


def test_a_filter_change_leaves_the_base_map_unchanged(dataset):
    """The page keeps the base map mounted and swaps only the cluster layer."""
    url = "/app/static/geo/oblasts-x.geojson"
    everything = maps.base_map(dataset.clusters, boundaries=url, hubs=dataset.hubs).get_root().render()
    some = maps.base_map(dataset.clusters.head(3), boundaries=url, hubs=dataset.hubs).get_root().render()
    assert _without_ids(everything) == _without_ids(some)
    assert "itc-cluster" not in _without_ids(everything).split("</style>")[-1]
    shaded = maps.base_map(dataset.clusters.head(3), boundaries=url, options=MapOptions(choropleth="clusters"))
    assert _without_ids(shaded.get_root().render()) != _without_ids(everything)  # shading follows the filter


def test_the_cluster_layer_holds_markers_arrows_and_the_view(dataset):
    layer = maps.cluster_layer(dataset.clusters, relocations=dataset.relocations)
    m = folium.Map()
    layer.add_to(m)
    html = m.get_root().render()
    assert marker_count(html) == 26
    assert "Mariupol → Khmelnytskyi" in shown(html) and "window.itcFitView([[" in html


def many(dataset, n: int) -> pd.DataFrame:
    """n clusters made from the real ones, each at its own position."""
    rows = dataset.clusters.sample(n, replace=True, random_state=1).reset_index(drop=True)
    rows["id"] = [f"c-{i}" for i in range(n)]
    rows["lat"] = rows["lat"] + (rows.index % 97) * 0.001
    rows["lon"] = rows["lon"] + (rows.index // 97) * 0.001
    return rows


def test_render_mode_by_size():
    assert [maps.render_mode(n) for n in (26, 500, 501, 20_000, 20_001)] == [
        "svg",
        "svg",
        "canvas",
        "canvas",
        "aggregate",
    ]


def test_thousands_of_clusters_go_to_one_canvas_layer(dataset):
    clusters = many(dataset, 2_000)
    clusters.loc[0, "name"] = HOSTILE
    layer = maps.cluster_layer(clusters)
    points = next(c for c in layer._children.values() if isinstance(c, leaflet.PointsLayer))
    assert len(points.points) == 2_000
    m = folium.Map()
    layer.add_to(m)
    html = m.get_root().render()
    assert "itc-cluster" not in html  # no per-marker elements
    assert "<script>alert" not in html  # names travel as JSON and are shown through textContent
    assert len(html) < 400_000


def test_past_the_canvas_limit_clusters_are_counted_per_oblast(dataset):
    clusters = many(dataset, maps.CANVAS_LIMIT + 1)
    m = build_map(clusters, boundaries=None)
    html = m.get_root().render()
    assert html.count('"className": "itc-aggregate"') == clusters["oblast_iso"].nunique()
    assert "20,001 clusters: shown as one circle per oblast" in html


def test_arrow_and_hub_tooltips_escape_untrusted_text(dataset, oblasts):
    clusters = dataset.clusters.copy()
    clusters.loc[clusters["id"] == "mrpl-it-cluster", "name"] = HOSTILE
    moves = dataset.relocations.copy()
    moves["from_city"] = "<img src=x onerror=alert(3)>"
    hubs = dataset.hubs.copy()
    hubs.loc[hubs.index[0], "name"] = HOSTILE
    m = build_map(clusters, boundaries=oblasts, relocations=moves, hubs=hubs, options=MapOptions(hubs=True))
    html = m.get_root().render()
    assert "<script>alert" not in html and "<img src=x" not in html and "`${" not in html
    decoded = shown(html)
    assert f"{escape(HOSTILE)}: {escape(moves['from_city'].iloc[0])} → " in decoded  # an arrow's tooltip
    assert html.count(escape(HOSTILE)) >= 1  # the hub's tooltip (folium writes it as it is given)


@pytest.mark.parametrize("measure", ["clusters", "members"])
def test_shading_follows_the_chosen_measure(dataset, oblasts, measure):
    m = build_map(dataset.clusters, boundaries=oblasts, options=MapOptions(choropleth=measure))
    [layer] = [c for c in m._children.values() if isinstance(c, leaflet.BoundaryLayer)]
    assert layer.values == maps.oblast_values(dataset.clusters, measure)
    assert layer.values["UA-12"] == {"clusters": 2, "members": 70}[measure]
    title = {"clusters": "Clusters per oblast", "members": "Member companies per oblast"}[measure]
    assert title in m.get_root().render()


def test_oblast_counts_follow_the_shown_clusters(dataset):
    labels = maps.oblast_count_labels(dataset.clusters)
    assert labels["UA-14"] == "3 clusters · 20+ member companies"  # two of the three state no count
    assert labels["UA-09"] == "1 cluster"  # Luhansk: its count is not stated, so no sum at all
    assert "UA-43" not in labels  # Crimea, no cluster: the tooltip says "no clusters"
    assert set(maps.oblast_count_labels(dataset.clusters[dataset.clusters["oblast_iso"] == "UA-46"])) == {"UA-46"}


def test_canvas_points_carry_position_size_colour_hollowness_and_name(dataset):
    clusters = many(dataset, maps.SVG_LIMIT + 1)
    clusters.loc[0, "name"] = "N" * 300
    clusters.loc[1, ["lat", "lon"]] = [49.123456, 30.654321]  # drawn to four decimals, about 10 m
    layer = maps.cluster_layer(clusters, options=MapOptions(relocations=False))
    points = next(c for c in layer._children.values() if isinstance(c, leaflet.PointsLayer))
    assert points.colours == [maps.STATUS_COLOURS[s] for s in maps.STATUSES]
    placed = maps.display_positions(clusters)
    for i in (0, 1, 2, 250, 500):
        row = placed.iloc[i]
        members = row["member_companies"]
        assert points.points[i] == [
            round(float(row["map_lat"]), 4),
            round(float(row["map_lon"]), 4),
            round(maps.marker_radius(members), 1),
            maps.STATUSES.index(row["status"]),
            int(pd.isna(members)),
            str(row["name"])[:200],
        ]
    assert len(points.points[0][5]) == 200  # names are cut to 200 characters
    assert points.points[1][:2] == [49.1235, 30.6543]
    assert {p[4] for p in points.points} == {0, 1}  # both stated and not-stated counts occur


def test_oblast_circles_grow_with_the_square_root_of_their_count(dataset):
    layer = folium.FeatureGroup()
    maps._add_oblast_totals(layer, dataset.clusters)
    circles = {c.options["className"]: c for c in layer._children.values()}
    assert set(circles) == {"itc-aggregate"}
    markers = list(layer._children.values())
    assert len(markers) == dataset.clusters["oblast_iso"].nunique()
    by_tooltip = {m._children[next(iter(m._children))].text: m for m in markers}
    donetsk = by_tooltip["<b>Donetsk Oblast</b><br>3 clusters"]  # the most: the largest circle
    assert donetsk.options["radius"] == pytest.approx(30)
    assert donetsk.location == pytest.approx(
        [
            dataset.clusters.query("oblast_iso == 'UA-14'")["lat"].mean(),
            dataset.clusters.query("oblast_iso == 'UA-14'")["lon"].mean(),
        ]
    )
    vinnytsia = by_tooltip["<b>Vinnytsia Oblast</b><br>1 cluster"]
    assert vinnytsia.options["radius"] == pytest.approx(6 + 24 * (1 / 3) ** 0.5)
    assert donetsk.options["fillColor"] == maps.STATUS_COLOURS["active"] and donetsk.options["fill"] is True
    assert donetsk.options["color"] == "#3d4852" and donetsk.options["weight"] == 1
    assert donetsk.options["fillOpacity"] == 0.6


def test_boundary_layer_style_unit_and_legend_for_each_shading(dataset):
    plain, bins = maps._boundaries("/app/static/geo/oblasts.json", dataset.clusters, MapOptions())
    assert plain.style == {
        "color": maps.BOUNDARY_LINE,
        "weight": 1,
        "fillColor": maps.BOUNDARY_FILL,
        "fillOpacity": 1.0,
    }
    assert (plain.unit, plain.values, plain.fills, bins) == ("", {}, {}, [])
    assert plain.url == "/app/static/geo/oblasts.json" and plain.data is None
    shaded, bins = maps._boundaries({"type": "FeatureCollection"}, dataset.clusters, MapOptions(choropleth="clusters"))
    assert shaded.style["fillOpacity"] == 0.85 and shaded.unit == "clusters" and shaded.data is not None
    assert shaded.values["UA-14"] == 3 and shaded.fills["UA-14"] == maps.CHOROPLETH_SCHEME[-1]
    assert bins == [("#6BAED6", "1"), ("#3182BD", "2"), ("#08519C", "3")]  # one value a bin: no range
    members, bins = maps._boundaries("/x", dataset.clusters, MapOptions(choropleth="members"))
    assert members.unit == "member companies (stated counts)"
    assert [label for _colour, label in bins] == ["2", "3–10", "11–15", "16–70", "71–600"]
    with override("uk"):
        assert maps._boundaries("/x", dataset.clusters, MapOptions(choropleth="clusters"))[0].unit == "кластерів"


def test_choropleth_bins_for_few_values(dataset):
    assert maps.choropleth_bins({}) == [] and maps.choropleth_bins({"UA-01": 0}) == []
    assert maps.choropleth_bins({"UA-01": 4}) == [(4, 4)]
    assert maps.choropleth_bins({"UA-01": 1, "UA-02": 5}) == [(1, 1), (2, 5)]
    # Whole numbers, as the hover and the legend show them (never "3.0").
    for measure in ("clusters", "members"):
        values = maps.oblast_values(dataset.clusters, measure)
        assert values and all(type(v) is int for v in values.values()), measure


@pytest.mark.parametrize(("start", "end"), [((47.1, 37.5), (49.4, 27.0)), ((48.7, 37.6), (48.9, 37.9))])
def test_arrow_head_is_symmetric_behind_the_tip_and_sized_to_the_shaft(start, end):
    import math

    shaft, (left, tip, right) = maps._arrow(start, end)
    assert shaft == [start, end] and tip == end
    scale = math.cos(math.radians((start[0] + end[0]) / 2))
    back = ((start[1] - end[1]) * scale, start[0] - end[0])  # from the tip towards the start, on screen
    length = math.hypot(*back)
    size = min(0.35, 0.18 * length)
    angles = []
    for lat, lon in (left, right):
        v = ((lon - end[1]) * scale, lat - end[0])
        assert math.hypot(*v) == pytest.approx(size)  # each stroke as long as the head
        cos = (v[0] * back[0] + v[1] * back[1]) / (math.hypot(*v) * length)
        assert math.acos(cos) == pytest.approx(0.45)  # 0.45 rad off the shaft, behind the tip
        angles.append(back[0] * v[1] - back[1] * v[0])  # which side of the shaft
    assert angles[0] * angles[1] < 0  # one stroke on each side


def test_an_arrow_of_no_length_does_not_divide_by_zero():
    shaft, head = maps._arrow((50.0, 30.0), (50.0, 30.0))
    assert shaft == [(50.0, 30.0), (50.0, 30.0)] and head == [(50.0, 30.0)] * 3


def test_swatches_filled_and_hollow():
    assert maps._swatch("#123456") == (
        '<svg width="16" height="16" aria-hidden="true"><circle cx="8.0" cy="8.0" r="6" fill="#123456"'
        ' fill-opacity="0.75" stroke="#123456" stroke-width="1.5"/></svg>'
    )
    assert maps._swatch("#555", 7.5, hollow=True) == (
        '<svg width="19" height="19" aria-hidden="true"><circle cx="9.5" cy="9.5" r="7.5" fill="none"'
        ' fill-opacity="0.75" stroke="#555" stroke-width="1.5" stroke-dasharray="3 2"/></svg>'
    )


def test_legend_in_full():
    default = (
        '<details open><summary>Legend</summary><h4>Wartime status</h4><div class="row"><svg width="16" height="16"'
        ' aria-hidden="true"><circle'
        ' cx="8.0" cy="8.0" r="6" fill="#0072B2" fill-opacity="0.75" stroke="#0072B2"'
        ' stroke-width="1.5"/></svg>Active</div><div class="row"><svg width="16" height="16"'
        ' aria-hidden="true"><circle cx="8.0" cy="8.0" r="6" fill="#E69F00" fill-opacity="0.75"'
        ' stroke="#E69F00" stroke-width="1.5"/></svg>Relocated</div><div class="row"><svg width="16"'
        ' height="16" aria-hidden="true"><circle cx="8.0" cy="8.0" r="6" fill="#6E6E6E" fill-opacity="0.75"'
        ' stroke="#6E6E6E" stroke-width="1.5"/></svg>No recent information</div><h4'
        " style='margin-top:4px'>Member companies</h4><div class='sizes'><span class=\"row\"><svg width=\"14\""
        ' height="14" aria-hidden="true"><circle cx="7.0" cy="7.0" r="5.0990195135927845" fill="#555"'
        ' fill-opacity="0.75" stroke="#555" stroke-width="1.5"/></svg>10</span><span class="row"><svg'
        ' width="25" height="25" aria-hidden="true"><circle cx="12.5" cy="12.5" r="10.770329614269007"'
        ' fill="#555" fill-opacity="0.75" stroke="#555" stroke-width="1.5"/></svg>100</span><span'
        ' class="row"><svg width="49" height="49" aria-hidden="true"><circle cx="24.5" cy="24.5"'
        ' r="22.715633383201094" fill="#555" fill-opacity="0.75" stroke="#555"'
        ' stroke-width="1.5"/></svg>500</span><span class="row"><svg width="18" height="18"'
        ' aria-hidden="true"><circle cx="9.0" cy="9.0" r="7.0" fill="none" fill-opacity="0.75" stroke="#555"'
        ' stroke-width="1.5" stroke-dasharray="3 2"/></svg>not stated</span></div><div class="row"><span'
        ' class="itc-arrow">⟶</span>relocation</div>'
    )
    assert maps.legend_html(MapOptions()) == default + "</details>"
    shaded = maps.legend_html(MapOptions(hubs=True, choropleth="members"), [("#EEE", "1"), ("#000", "2–3")])
    assert shaded == default + (  # then the hubs and the shading
        '<div class="row"><svg width="14" height="14"'
        ' aria-hidden="true"><circle cx="7.0" cy="7.0" r="5" fill="#CC79A7" fill-opacity="0.75"'
        ' stroke="#CC79A7" stroke-width="1.5"/></svg>IT hubs and coworking spaces</div><h4'
        " style='margin-top:4px'>Member companies per oblast</h4><div class=\"row\"><span"
        ' style="display:inline-block;width:16px;height:12px;background:#EEE;border:1px solid'
        ' #999"></span>1</div><div class="row"><span'
        ' style="display:inline-block;width:16px;height:12px;background:#000;border:1px solid'
        ' #999"></span>2–3</div></details>'
    )


def test_tooltip_in_both_languages(dataset):
    kyiv = dataset.clusters.set_index("id", drop=False).loc["kyiv-it-cluster"]
    assert maps.tooltip_html(kyiv) == (
        "<b>Kyiv IT Cluster</b><br>Kyiv · Київ<br>Member companies: 72<br>Founded: 2016<br>"
        "Status: Active (activity reported)"
    )
    with override("uk"):
        assert maps.tooltip_html(kyiv) == (
            "<b>Kyiv IT Cluster</b><br>Київ · Kyiv<br>Компаній-учасниць: 72<br>Засновано: 2016<br>"
            "Статус: Діє (повідомлено про діяльність)"
        )


def test_the_base_maps_view_settings(dataset):
    m = maps.base_map(dataset.clusters, boundaries=None)
    assert m.location == [48.6, 31.2]
    motion = {key: m.options.pop(key) for key in ("zoom_animation", "fade_animation", "marker_zoom_animation")}
    assert m.options == {"zoom": 6, "zoom_control": True, "prefer_canvas": False, "zoom_snap": 0.1, "zoom_delta": 0.5}
    assert set(motion.values()) == {leaflet.MOTION_ALLOWED}  # asked of the browser (tests/test_access.py)
    html = m.get_root().render()
    assert "L.control.scale({imperial: false});" in html and "L.control.scale().addTo(" not in html
    assert "this._mScale.textContent = label;" in html and 'var km = "km", m = "m";' in html
    assert 'frameElement.setAttribute("aria-label", "Map of Ukraine\\u0027s IT clusters on its oblasts")' in html


def test_markers_largest_first_with_five_decimals(dataset):
    by_id = dataset.clusters.set_index("id", drop=False)
    three = by_id.loc[["poltava-it-cluster", "kyiv-it-cluster", "lviv-it-cluster"]]  # smallest first
    three = three.assign(lon=three["lon"] + 0.0000012)  # finer than five decimals: rounded
    rows = [row[:6] for row in maps._markers(maps.display_positions(three))]
    active, quiet = maps.STATUS_COLOURS["active"], maps.STATUS_COLOURS["no_recent_info"]
    assert rows == [  # the radius: sqrt(4^2 + members), in pixels; hollow where the count is not stated
        [49.8397, 24.0297, round((16 + 300) ** 0.5, 2), active, 0, "itc-cluster itc-active"],
        [50.4501, 30.5234, round((16 + 72) ** 0.5, 2), active, 0, "itc-cluster itc-active"],
        [49.5883, 34.5514, maps.UNKNOWN_RADIUS, quiet, 1, "itc-cluster itc-no_recent_info"],
    ]


def layer_parts(layer: folium.FeatureGroup, kind: type) -> list:
    return [c for c in layer._children.values() if isinstance(c, kind)]


def test_the_cluster_layer_carries_the_hover_counts_and_fits_the_moves(dataset):
    layer = maps.cluster_layer(dataset.clusters, relocations=dataset.relocations)
    [counts] = layer_parts(layer, leaflet.OblastCounts)
    assert counts.counts == maps.oblast_count_labels(dataset.clusters) and counts.none == "no clusters"
    mariupol = dataset.clusters[dataset.clusters["id"] == "mrpl-it-cluster"]
    [bounds] = layer_parts(maps.cluster_layer(mariupol, relocations=dataset.relocations), leaflet.ShowBounds)
    (south, west), (north, east) = bounds.bounds
    assert west <= 22.7178 and north >= 49.4229  # its moves' ends: Mukachevo in the west, Khmelnytskyi


def test_on_canvas_the_moves_are_drawn_without_svg_markers(dataset):
    many = dataset.clusters.iloc[[i % 26 for i in range(600)]].reset_index(drop=True)
    many = many.assign(id=[f"c-{i}" for i in range(600)])
    moves = dataset.relocations.assign(cluster_id="c-0")
    layer = maps.cluster_layer(many, relocations=moves)
    [drawn] = layer_parts(layer, leaflet.ClusterMarkers)
    assert drawn.markers == [] and len(drawn.arrows) == len(moves)
    assert layer_parts(layer, leaflet.PointsLayer) and not layer_parts(
        maps.cluster_layer(many, relocations=moves.iloc[0:0]), leaflet.ClusterMarkers
    )


def test_arrow_tooltips_name_the_move_in_the_readers_language(dataset):
    placed = maps.display_positions(dataset.clusters)
    moves = dataset.relocations[dataset.relocations["cluster_id"] == "east-ukrainian-technocluster"]
    [[_lines, tip]] = maps._arrows(moves, placed)
    assert tip == "<div>EastUkrainian Technocluster: Kramatorsk → Lviv (2022)</div>"
    with override("uk"):
        [[_lines, tip]] = maps._arrows(moves.assign(year=pd.NA), placed)
    assert tip == "<div>EastUkrainian Technocluster: Краматорськ → Львів</div>"  # no year: none made up
    assert maps._arrows(None, placed) == [] and maps._arrows(moves.iloc[0:0], placed) == []


# -- The view: the whole country, or the region a filter names -------------------------------


def test_the_view_fits_the_focus_and_whatever_lies_outside_it(dataset):
    placed = maps.display_positions(dataset.clusters[dataset.clusters["id"] == "lviv-it-cluster"])
    lviv = maps.view_bounds(placed)
    assert maps.fit_bounds(placed, None, None) == lviv  # no focus: just the clusters
    ukraine = maps.fit_bounds(placed, None, maps.UKRAINE_BOUNDS)
    assert ukraine == [list(corner) for corner in maps.UKRAINE_BOUNDS]  # Lviv lies inside the country
    small = ((49.0, 30.0), (50.0, 31.0))  # a focus east of Lviv: the view reaches west to take Lviv in
    assert lviv[0][0] > 49.0 and lviv[1][0] > 50.0 and lviv[1][1] < 30.0
    assert maps.fit_bounds(placed, None, small) == [[49.0, lviv[0][1]], [lviv[1][0], 31.0]]
    north = ((51.0, 23.0), (52.0, 24.0))  # north of Lviv: the view reaches south and east
    assert lviv[0][1] > 23.0 and lviv[1][1] > 24.0
    assert maps.fit_bounds(placed, None, north) == [[lviv[0][0], 23.0], [52.0, lviv[1][1]]]
    empty = placed.iloc[0:0]
    assert maps.fit_bounds(empty, None, None) == [list(c) for c in maps.UKRAINE_BOUNDS]
    assert maps.fit_bounds(empty, None, small) == [[49.0, 30.0], [50.0, 31.0]]


def test_the_focus_is_the_country_or_the_named_units(oblasts):
    assert maps.focus_area(oblasts, set()) == maps.UKRAINE_BOUNDS
    assert maps.focus_area(oblasts, {"UA-XX"}) == maps.UKRAINE_BOUNDS  # nothing found: the country
    assert maps.focus_area(None, {"UA-46"}) == maps.UKRAINE_BOUNDS
    (south, west), (north, east) = maps.focus_area(oblasts, {"UA-46"})  # Lviv Oblast
    assert 48.6 < south < 48.8 and 22.6 < west < 22.8 and 50.5 < north < 50.7 and 25.3 < east < 25.5


def test_the_view_is_fitted_to_the_focus_in_the_cluster_layer(dataset):
    options = MapOptions(focus=maps.UKRAINE_BOUNDS)
    html = render_layer(dataset.clusters.head(1), options)  # Lviv, 300+ member companies
    radius = round(maps.marker_radius(300))
    assert f"itcFitView([[44.38, 22.14], [52.38, 40.23]], {radius})" in html  # and room for its circle


def render_layer(clusters, options):
    m = folium.Map(tiles=None)
    maps.cluster_layer(clusters, options=options).add_to(m)
    return m.get_root().render()


def test_presenting_the_map_fills_its_frame(dataset):
    rule = "#map_div { height: 100vh !important; }"
    assert (
        rule
        in maps.base_map(dataset.clusters, boundaries=None, options=MapOptions(fill_frame=True)).get_root().render()
    )
    assert rule not in maps.base_map(dataset.clusters, boundaries=None).get_root().render()


def test_map_files_come_from_under_the_servers_base_path(dataset, oblasts):
    """Behind a proxy under /dashboards/clusters/, absolute /app/static URLs would miss the app."""
    from itclusters.assets import static_url

    assert static_url("geo/o.geojson") == "/app/static/geo/o.geojson"
    assert static_url("geo/o.geojson", "/dashboards/clusters/") == "/dashboards/clusters/app/static/geo/o.geojson"
    url = static_url("geo/o.geojson", "dashboards/clusters")
    html = render(dataset.clusters, url, dataset, base_path="dashboards/clusters")
    assert "/dashboards/clusters/app/static/vendor/leaflet-1.9.3/leaflet.js" in html
    assert "/dashboards/clusters/app/static/vendor/leaflet-1.9.3/leaflet.css" in html
    assert 'fetch("/dashboards/clusters/app/static/geo/o.geojson")' in html
    assert '"/app/static' not in html


def controls(m: folium.Map) -> list[tuple[str, str, str]]:
    return [(c.position, c.css_class, c.html) for c in m._children.values() if isinstance(c, leaflet.MapControl)]


def test_the_legend_sits_bottom_left_and_notices_top_right(dataset):
    legend = ("bottomleft", "itc-legend", maps.legend_html(MapOptions(), []))
    assert controls(maps.base_map(dataset.clusters, boundaries=None)) == [legend]
    none = dataset.clusters.iloc[0:0]
    notice = ("topright", "itc-notice", "No clusters match the current filters.")
    assert controls(maps.base_map(none, boundaries=None)) == [legend, notice]
    crowd = dataset.clusters.iloc[[0] * (maps.CANVAS_LIMIT + 1)]
    text = "20,001 clusters: shown as one circle per oblast. Narrow the filters to 20,000 or fewer to see each cluster."
    assert controls(maps.base_map(crowd, boundaries=None)) == [legend, ("topright", "itc-notice", text)]


def test_the_legend_names_what_the_shading_counts():
    bins = [("#EEE", "1")]
    for measure, title in (("clusters", "Clusters per oblast"), ("members", "Member companies per oblast")):
        assert f"<h4 style='margin-top:4px'>{title}</h4>" in maps.legend_html(MapOptions(choropleth=measure), bins)


# branca compiles every element's rendered script as a Jinja template once more: text that reached
# it unchanged would run on the server ({{ 7*7 }} became 49) or break the page ({# opens a comment).
JINJA = "{{ 7*7 }}{% if 1 %}J{% endif %}{# open"


@pytest.mark.parametrize("count", [3, 600, maps.CANVAS_LIMIT + 1], ids=["svg", "canvas", "aggregate"])
def test_template_syntax_in_data_is_shown_as_text_never_run(dataset, oblasts, count):
    rows = dataset.clusters.iloc[[i % len(dataset.clusters) for i in range(count)]].reset_index(drop=True)
    rows = rows.assign(id=[f"c-{i}" for i in range(count)], name=JINJA, city=JINJA)
    hubs = dataset.hubs.assign(name=JINJA, city=JINJA)
    moves = dataset.relocations.assign(cluster_id="c-0", from_city=JINJA, to_city=JINJA)
    options = MapOptions(hubs=True, choropleth="clusters")
    m = build_map(rows, boundaries=oblasts, relocations=moves, hubs=hubs, options=options)
    html = shown(m.get_root().render())  # raised TemplateSyntaxError at "{#"
    assert "49J" not in html  # what Jinja makes of it
    assert f"<b>{escape('Hubs in ' + JINJA)}</b>" in html  # the hubs' tooltips (folium's own element)
    if count <= maps.SVG_LIMIT:  # the markers' and arrows' tooltips
        assert f"<div><b>{escape(JINJA)}</b>" in html and f"{escape(JINJA)}: {escape(JINJA)} → " in html
    elif count <= maps.CANVAS_LIMIT:  # names set as text in the browser
        assert json.dumps(JINJA) in html


def test_the_hover_counts_sum_each_oblasts_stated_members(dataset):
    labels = maps.oblast_count_labels(dataset.clusters)
    assert labels["UA-12"] == "2 clusters · 70+ member companies"  # 60+ and 10: a lower bound
    assert labels["UA-14"] == "3 clusters · 20+ member companies"
    assert labels["UA-05"] == "1 cluster · 18 member companies"  # exact: no plus
    assert labels["UA-26"] == "2 clusters"  # neither states a count: no sum, never 0


def test_clusters_of_one_city_sit_evenly_around_it_in_id_order(dataset):
    odesa = dataset.clusters[dataset.clusters["id"] == "odesa-it-family"]
    three = odesa.iloc[[0, 0, 0]].assign(id=["c-c", "c-a", "c-b"])  # rows not in id order
    east = odesa.assign(id="c-d", lon=odesa["lon"] + 1.0)  # the same latitude only: stays put
    north = odesa.assign(id="c-e", lat=odesa["lat"] + 1.0)  # the same longitude only: stays put
    placed = maps.display_positions(pd.concat([three, east, north])).set_index("id")
    lat, lon, step = float(odesa["lat"].iloc[0]), float(odesa["lon"].iloc[0]), maps.SHARED_CITY_OFFSET
    expected = {  # a circle around the city, flattened to 0.65 in latitude, starting east
        "c-a": (lat, lon + step),
        "c-b": (lat + 0.65 * step * math.sin(2 * math.pi / 3), lon + step * math.cos(2 * math.pi / 3)),
        "c-c": (lat + 0.65 * step * math.sin(4 * math.pi / 3), lon + step * math.cos(4 * math.pi / 3)),
        "c-d": (lat, lon + 1.0),
        "c-e": (lat + 1.0, lon),
    }
    for cluster_id, (map_lat, map_lon) in expected.items():
        assert (placed.at[cluster_id, "map_lat"], placed.at[cluster_id, "map_lon"]) == pytest.approx((map_lat, map_lon))


def test_the_view_is_never_tighter_than_a_degree_by_a_degree_and_a_half():
    one = pd.DataFrame({"map_lat": [49.0], "map_lon": [30.0]})
    assert maps.view_bounds(one) == [[48.5, 29.25], [49.5, 30.75]]
    two = pd.DataFrame({"map_lat": [49.0, 49.4], "map_lon": [30.0, 31.0]})  # padded to 1 x 1.5
    (south, west), (north, east) = maps.view_bounds(two)
    assert (south, west, north, east) == pytest.approx((48.7, 29.75, 49.7, 31.25))
    wide = pd.DataFrame({"map_lat": [46.0, 50.0], "map_lon": [24.0, 38.0]})  # wide enough already
    assert maps.view_bounds(wide) == [[46.0, 24.0], [50.0, 38.0]]
