"""Each Leaflet piece that carries JavaScript, rendered on its own and read back.

Data reaches these scripts only through `tojson`: the tests feed hostile text and check that it
arrives as an escaped JavaScript string, never as markup or code.
"""

import json
import re

import folium
import pytest

from itclusters import leaflet
from itclusters.i18n import override

HOSTILE = "</script><img src=x onerror=alert(1)>`${alert(2)}`\\"


def script_of(element) -> str:
    """The map's script with the element added, whitespace folded."""
    m = folium.Map(tiles=None)
    m.add_child(element)
    return " ".join(m.get_root().render().split())


def json_literal(text: str) -> str:
    """What Jinja's tojson writes for a string: JSON with <, >, & and ' as \\u escapes."""
    out = json.dumps(text)
    for char in "<>&'":
        out = out.replace(char, f"\\u{ord(char):04x}")
    return out


def test_map_control_puts_its_html_in_a_string_at_its_corner():
    script = script_of(leaflet.MapControl(HOSTILE, "topright", "itc-notice"))
    assert 'L.control({position: "topright"})' in script
    assert 'L.DomUtil.create("div", "itc-notice")' in script
    assert f"div.innerHTML = {json_literal(HOSTILE)};" in script
    assert "<img src=x" not in script and "</script><img" not in script


def test_fit_view_defines_the_fit_function_once_and_stops_after_user_input():
    script = script_of(leaflet.FitView())
    assert script.count("window.itcFitView = function (newBounds, newMargin)") == 1
    assert "new ResizeObserver(resized)" in script
    assert '["mousedown", "wheel", "touchstart", "keydown"]' in script
    assert "var keep = null," in script  # the view stays out of the address unless asked
    keep = {"bounds": [[40.0, 16.0], [56.0, 46.0]], "zoom": [3.0, 14.0]}
    assert 'var keep = {"bounds": [[40.0, 16.0], [56.0, 46.0]], "zoom": [3.0, 14.0]},' in script_of(
        leaflet.FitView(keep)
    )


def test_show_bounds_passes_its_bounds_as_json():
    script = script_of(leaflet.ShowBounds([[44.5, 22.5], [52.0, 40.0]], margin=26))
    assert "window.itcFitView([[44.5, 22.5], [52.0, 40.0]], 26);" in script  # room for the widest marker


def test_points_layer_draws_on_canvas_and_sets_names_as_text():
    points = [[50.45, 30.52, 6.0, 1, 0, HOSTILE]]
    script = script_of(leaflet.PointsLayer(points, ["#111111", "#222222"]))
    assert "L.canvas(" in script and 'colours = ["#111111", "#222222"]' in script
    assert json_literal(HOSTILE) in script
    assert "div.textContent = p[5]" in script  # the name goes into the tooltip as text


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_boundary_layer_fetches_a_url_or_inlines_the_data(lang):
    style = {"color": "#999", "weight": 1, "fillColor": "#eee", "fillOpacity": 1.0}
    with override(lang):
        fetched = script_of(leaflet.BoundaryLayer("/app/static/geo/o.geojson", {}, {}, "", style))
        data = {"type": "FeatureCollection", "features": [], "name": HOSTILE}
        inline = script_of(leaflet.BoundaryLayer(data, {"UA-30": "#abc"}, {"UA-30": 4}, "clusters", style))
    assert 'fetch("/app/static/geo/o.geojson")' in fetched and "draw({" not in fetched
    assert "fetch(" not in inline and json_literal(HOSTILE) in inline
    assert 'fills = {"UA-30": "#abc"}, values = {"UA-30": 4}' in inline
    assert f'"{"uk-UA" if lang == "uk" else "en"}" === "uk-UA"' in inline
    assert "layer.bringToBack()" in inline  # under the markers, whenever it arrives


def test_map_css_styles_legend_notice_and_tooltips():
    rules = set(re.findall(r"^(\.[\w-]+(?: [\w.-]+)?) \{", leaflet.MAP_CSS, re.M))
    assert {".itc-legend", ".itc-notice", ".leaflet-tooltip", ".itc-arrow"} <= rules


def test_cluster_markers_draw_arrows_first_and_markers_over_them_from_json():
    markers = [[50.45, 30.52, 6.0, "#0072B2", 1, "itc-cluster itc-active", f"<div>{HOSTILE}</div>"]]
    arrows = [[[[[47.1, 37.5], [49.4, 27.0]]], "<div>A → B</div>"]]
    script = script_of(leaflet.ClusterMarkers(markers, arrows))
    assert json_literal(f"<div>{HOSTILE}</div>") in script and "</script><img" not in script
    assert script.index("L.polyline(line") < script.index("L.circleMarker(")  # markers on top
    assert '"dashArray": "6 4"' in script  # the arrows' style, as the legend shows it
    assert 'dashArray: m[4] ? "3 2" : null' in script  # unknown size: dashed outline
    assert ".bindTooltip(m[6], {sticky: true})" in script


def test_focus_without_scrolling_replaces_leaflets_mousedown_focus():
    script = script_of(leaflet.FocusWithoutScrolling())
    assert "focus({preventScroll: true})" in script
    assert re.search(r"keyboard\.disable\(\);.*keyboard\._onMouseDown = .*keyboard\.enable\(\);", script)
    assert re.search(r"\}\)\(map_\w+\.keyboard\);", script)  # the map's own keyboard handler


def test_the_map_and_its_layers_reach_the_page_verbatim_not_through_jinja_again():
    # folium's own classes compile what they render as a template once more: "{{ 7*7 }}" in an
    # option would come out as 49 (and cost a compile on every run).
    m = leaflet.Map(tiles=None, zoom_animation=folium.JsCode("'{{ 7*7 }}'"))
    leaflet.FeatureGroup(attribution="{{ 6*7 }}").add_to(m)
    script = m.get_root().render()
    assert """"zoomAnimation": '{{ 7*7 }}'""" in script and "'49'" not in script
    assert '"attribution": "{{ 6*7 }}"' in script and '"attribution": "42"' not in script


def test_first_paint_signal_looks_for_the_page_mark_and_posts_once_painted():
    script = script_of(leaflet.FirstPaintSignal(HOSTILE, page_css=HOSTILE))
    assert f"window.parent.document.querySelector({json_literal(HOSTILE)})" in script
    assert f"style.textContent = {json_literal(HOSTILE)};" in script  # text, never markup
    assert f"document.querySelector({json_literal(leaflet.FIRST_PAINT_SELECTOR)})" in script
    assert '{isStreamlitMessage: true, type: "streamlit:setComponentValue", value: {}, dataType: "json"}' in script
    assert "<img src=x" not in script and "</script><img" not in script


def test_a_control_with_a_fold_starts_folded_on_a_narrow_map():
    script = script_of(leaflet.MapControl("<details open>x</details>", "bottomleft", fold_below=520))
    assert 'var fold = div.querySelector("details");' in script
    assert "if (fold && map.getSize().x < 520) { fold.open = false; }" in script


def test_the_wheel_waits_for_a_click_and_ctrl_zooms_at_once():
    script = script_of(leaflet.WheelAfterClick())
    assert "map.scrollWheelZoom.disable();" in script
    assert 'map.on("click", function () { map.scrollWheelZoom.enable(); });' in script
    assert 'container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });' in script
    assert "(e.ctrlKey || e.metaKey) && !map.scrollWheelZoom.enabled()" in script


def test_the_frame_writes_where_it_starts_into_the_pages_variable():
    script = script_of(leaflet.FitWindowHeight(HOSTILE))
    assert f'page.documentElement.style.setProperty({json_literal(HOSTILE)}, Math.round(top) + "px");' in script
    assert 'parent.addEventListener("resize", measure);' in script
    assert "</script><img" not in script


def test_labels_go_in_as_text_and_are_placed_again_when_the_view_changes():
    script = script_of(leaflet.ClusterLabels([[50.0, 36.2, 25.0, HOSTILE]]))
    assert json_literal(HOSTILE) in script and "</script><img" not in script
    assert "text.textContent = l[3];" in script  # never markup
    assert 'map.on("zoomend moveend resize", declutter);' in script
    assert 'label.options.direction = side ? "left" : "right";' in script


def test_control_texts_retitle_the_zoom_buttons_and_leaflets_link():
    script = script_of(leaflet.ControlTexts("Збільшити", HOSTILE, "Бібліотека"))
    assert '".leaflet-control-zoom-in": "\\u0417' in script  # tojson writes non-ASCII as \u escapes
    assert f'".leaflet-control-zoom-out": {json_literal(HOSTILE)}' in script
    assert 'button.setAttribute("aria-label", buttons[selector])' in script
    assert "control.setPrefix(holder.innerHTML)" in script
    assert "<img src=x" not in script


def test_the_map_says_its_zoom_buttons_in_the_readers_language(dataset):
    from itclusters.maps import build_map

    with override("uk"):
        html = build_map(dataset.clusters.head(2), boundaries=None).get_root().render()
    texts = [json_literal(s) for s in ("Збільшити", "Зменшити", "Бібліотека JavaScript для інтерактивних мап", "км")]
    assert all(text in html for text in texts)
