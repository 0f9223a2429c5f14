"""The Leaflet pieces of the map that carry their own JavaScript, one class each.

Every value reaches the script through Jinja's `tojson`, never pasted into code, so data text
can't break out of a string, and what a piece renders goes into the page as it is (Verbatim), never
through Jinja a second time. Each piece has a render test in tests/test_leaflet.py.
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from folium.utilities import JsCode
from jinja2 import Template

from .i18n import language
from .style import RELOCATION_COLOUR

# What the map shows once it has drawn its clusters: SVG circles, the canvas layer, per-oblast
# circles, or the notice of an empty result.
FIRST_PAINT_SELECTOR = "path.itc-cluster, canvas.leaflet-zoom-animated, path.itc-aggregate, .itc-notice"


class Verbatim(Element):
    """Text that goes into the page as it is. branca's Element(text) compiles the text as a Jinja
    template, and its MacroElement puts each rendered script in one: data in it would run on the
    server ({{ 7*7 }} became 49) or break the map ({# opens a comment), and a marker list took
    milliseconds to compile on every filter change."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class LeafletElement(MacroElement):
    """A piece whose rendered header, html and script reach the page as Verbatim text."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(Verbatim(macros[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class Map(folium.Map, LeafletElement):
    """folium's Map, its script put in verbatim: compiling it as a template again took a tenth of
    a filter change's server time, since streamlit-folium renders the map on every run."""


class FeatureGroup(folium.FeatureGroup, LeafletElement):
    """folium's FeatureGroup, its script put in verbatim like the map's."""


# Leaflet's zoom, fade and marker animations run only for readers who have not asked their
# system for less motion; the browser answers when the map is created.
MOTION_ALLOWED = JsCode('!(window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches)')


class FrameLabel(LeafletElement):
    """An accessible name for the map's frame, which Streamlit titles after the component
    ("streamlit_folium.st_folium"): a screen reader announces this label instead."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        if (window.frameElement) { window.frameElement.setAttribute("aria-label", {{ this.label|tojson }}); }
        {% endmacro %}
    """)

    def __init__(self, label: str):
        super().__init__()
        self._name = "FrameLabel"
        self.label = label


class MapControl(LeafletElement):
    """A Leaflet control holding fixed HTML (a legend or a notice); tojson keeps it a JS string.
    A <details> in it starts folded on a map narrower than `fold_below` pixels."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                var fold = div.querySelector("details");
                if (fold && map.getSize().x < {{ this.fold_below|tojson }}) { fold.open = false; }
                return div;
            };
            control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str = "bottomright", css_class: str = "itc-legend", fold_below: int = 0):
        super().__init__()
        self._name = "MapControl"
        self.html, self.position, self.css_class, self.fold_below = html, position, css_class, fold_below


MAP_CSS = f"""<style>
.leaflet-container {{ background: #F8FAFC;
  font: clamp(13px, 1vw, 30px)/1.4 "Source Sans 3", "Source Sans Pro", sans-serif; }}
.itc-legend {{ background: rgba(255,255,255,.9); color: #1f2933; padding: 6px 8px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); line-height: 1.3; font-size: clamp(12px, .85vw, 28px); max-width: 16em; }}
.itc-legend h4 {{ margin: 0 0 2px; font-size: 1em; }}
.itc-legend summary {{ cursor: pointer; font-weight: 600; }}
.itc-legend details[open] summary {{ margin-bottom: 2px; }}
.itc-legend .row {{ display: flex; align-items: center; gap: 5px; }}
.itc-legend .sizes {{ display: flex; align-items: flex-end; gap: 6px; flex-wrap: wrap; }}
.itc-notice {{ background: #fff; color: #1f2933; padding: 10px 14px; border-radius: 6px; font-size: 15px;
  box-shadow: 0 1px 6px rgba(0,0,0,.3); }}
/* As wide as its longest line, up to a maximum; then it wraps between words, and only a word
   longer than the whole box is broken. Without a width of its own an absolutely placed tooltip
   that may wrap shrinks to one letter per line. Leaflet puts it on the side of the pointer with
   more room, so at most half the frame (less its padding and offset) keeps it inside the frame. */
.leaflet-tooltip {{ width: max-content; max-width: min(22em, calc(50vw - 32px)); white-space: normal;
  overflow-wrap: break-word; }}
.itc-arrow {{ color: {RELOCATION_COLOUR}; }}
.leaflet-tooltip.itc-label {{ max-width: none; white-space: nowrap; padding: 0 3px; border: none; box-shadow: none;
  background: rgba(255,255,255,.78); color: #1f2933; font-size: .82em; font-weight: 600; line-height: 1.25; }}
.leaflet-tooltip.itc-label::before {{ display: none; }}

</style>"""


class ControlTexts(LeafletElement):
    """Leaflet's own words in the reader's language: the zoom buttons' titles (also their
    accessible names) and the title of the attribution's link to Leaflet.
    Leaflet takes these as options; folium creates the zoom control before any piece can pass
    them, so they are set on the control it made (its public setPrefix for the attribution)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var buttons = {".leaflet-control-zoom-in": {{ this.zoom_in|tojson }},
                           ".leaflet-control-zoom-out": {{ this.zoom_out|tojson }}};
            Object.keys(buttons).forEach(function (selector) {
                var button = map.getContainer().querySelector(selector);
                if (button) { button.title = buttons[selector]; button.setAttribute("aria-label", buttons[selector]); }
            });
            var control = map.attributionControl;  // Leaflet's own prefix (its link and flag), retitled
            if (control && typeof control.options.prefix === "string") {
                var holder = document.createElement("span");
                holder.innerHTML = control.options.prefix;
                var link = holder.querySelector("a");
                if (link) { link.title = {{ this.about|tojson }}; control.setPrefix(holder.innerHTML); }
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, zoom_in: str, zoom_out: str, about: str):
        super().__init__()
        self._name = "ControlTexts"
        self.zoom_in, self.zoom_out, self.about = zoom_in, zoom_out, about


class MetricScale(LeafletElement):
    """The scale bar in kilometres only (Leaflet's default adds miles), its units in the reader's
    language (Leaflet writes 'km' and 'm' into the bar itself)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var scale = L.control.scale({imperial: false});
          scale._updateMetric = function (maxMeters) {
            var meters = this._getRoundNum(maxMeters);
            var km = {{ this.km|tojson }}, m = {{ this.m|tojson }};
            var label = meters < 1000 ? meters + ' ' + m : (meters / 1000) + ' ' + km;
            this._mScale.style.width = Math.round(this.options.maxWidth * meters / maxMeters) + 'px';
            this._mScale.textContent = label;
          };
          scale.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, km: str = "km", m: str = "m"):
        super().__init__()
        self._name = "MetricScale"
        self.km, self.m = km, m


class FitView(LeafletElement):
    """Defines window.itcFitView(bounds): fit them now and whenever the frame is resized, until
    the user pans or zooms. Set up once with the base map; each cluster layer calls it.

    st_folium sizes its iframe after the map is created, so a one-off fitBounds would leave the
    view anchored to the first, wrong size.

    With `keep` ({"bounds": [[s, w], [n, e]], "zoom": [lo, hi]}), the view lives in the page's
    address as `at=lat,lon,zoom`: a view the reader pans or zooms to is written there (so a copied
    link opens on it), and an address that holds one opens the map on it instead of the fit. It
    is read and written here, in the browser, so moving the map never reruns the script.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var bounds = null, margin = 0, touched = false;
            function corner(name) {
                var c = map.getContainer().querySelector(".leaflet-" + name);
                return c ? [c.offsetWidth, c.offsetHeight] : [0, 0];
            }
            function fit() {
                if (touched || !bounds) { return; }
                map.invalidateSize();
                // The legend's corner (bottom left, with the scale) takes a strip on the side
                // that costs the view least; the zoom buttons (top left) and the attribution
                // (bottom right) get room too, so no marker sits under a control.
                var legend = corner("bottom.leaflet-left"), zoom = corner("top.leaflet-left");
                var credit = corner("bottom.leaflet-right"), m = 12 + margin;  // the widest marker fits too
                var strip = {paddingTopLeft: [legend[0] + m, m], paddingBottomRight: [m, credit[1] + m]};
                var band = {paddingTopLeft: [zoom[0] + m, m], paddingBottomRight: [m, legend[1] + m]};
                var size = map.getSize(), best = null, bestZoom = -Infinity;
                if (size.x < 50 || size.y < 50) { return; }  // not laid out yet: the observer calls again
                [strip, band].forEach(function (o) {
                    var pad = L.point(o.paddingTopLeft).add(o.paddingBottomRight);
                    if (size.x - pad.x < size.x / 2 || size.y - pad.y < size.y / 2) { return; }  // too little left
                    var z = map.getBoundsZoom(bounds, false, pad);
                    if (z > bestZoom) { best = o; bestZoom = z; }
                });
                best = best || {padding: [m, m]};
                best.maxZoom = 7;
                best.animate = false;  // a fit during a zoom animation would be dropped
                map.fitBounds(bounds, best);
            }
            var keep = {{ this.keep|tojson }}, moved = false;  // moved: by the reader, since the last fit
            function addressed() {  // the view the page's address holds, if it is one this map can show
                try {
                    var found = /(?:^|[?&])at=([^&]*)/.exec(parent.location.search);
                    var v = found ? decodeURIComponent(found[1]).split(",").map(Number) : [];
                    var b = keep.bounds, z = keep.zoom;
                    if (v.length === 3 && v[0] >= b[0][0] && v[0] <= b[1][0] && v[1] >= b[0][1] && v[1] <= b[1][1]
                        && v[2] >= z[0] && v[2] <= z[1]) { return v; }
                } catch (e) {}
                return null;
            }
            function address() {  // the view into the address, the other parameters as they are
                try {
                    var c = map.getCenter(), z = Math.round(map.getZoom() * 10) / 10;
                    var parts = parent.location.search.replace(/^[?]/, "").split("&").filter(function (p) {
                        return p && p.indexOf("at=") !== 0;
                    });
                    if (z >= keep.zoom[0] && z <= keep.zoom[1]) {
                        parts.push("at=" + [+c.lat.toFixed(3), +c.lng.toFixed(3), z].join(","));
                    }
                    var query = parts.length ? "?" + parts.join("&") : "";
                    parent.history.replaceState(parent.history.state, "", parent.location.pathname + query);
                } catch (e) {}
            }
            var start = keep && addressed();
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (e) {
                map.getContainer().addEventListener(e, function () { touched = moved = true; }, {passive: true});
            });
            if (keep) { map.on("moveend", function () { if (moved) { address(); } }); }
            function restore() {  // the address's view, once the frame has its size
                var size = map.getSize();
                if (!start || size.x < 50 || size.y < 50) { return false; }
                map.setView([start[0], start[1]], start[2], {animate: false});
                start = null;
                return true;
            }
            function resized() {
                if (restore()) { return; }
                if (touched) { map.invalidateSize(); } else { fit(); }
            }
            if (window.ResizeObserver) {  // the frame, and the legend once its fonts and content are in
                var observer = new ResizeObserver(resized);
                observer.observe(map.getContainer());
                var legend = map.getContainer().querySelector(".leaflet-bottom.leaflet-left");
                if (legend) { observer.observe(legend); }
            }
            window.itcFitView = function (newBounds, newMargin) {
                bounds = newBounds; margin = newMargin || 0; touched = moved = false;
                if (start) {  // the address's view, once: a later filter fits again
                    touched = true;
                    restore();
                    return;
                }
                fit();
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, keep: dict | None = None):
        super().__init__()
        self._name = "FitView"
        self.keep = keep


class FocusWithoutScrolling(LeafletElement):
    """A press on the map focuses it (for the keyboard); Leaflet's focus() also scrolls the page
    around the frame when the frame reaches below the window, as on a 1280x720 projector, so the
    press and the release land on different points and a click on a marker becomes a click on the
    oblast under it. Focus without scrolling instead."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (keyboard) {
            if (!keyboard || !keyboard.enabled()) { return; }
            keyboard.disable();
            keyboard._onMouseDown = function () {
                if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
            };
            keyboard.enable();
        })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "FocusWithoutScrolling"


class WheelAfterClick(LeafletElement):
    """In a page that scrolls, the mouse wheel scrolls the page over the map until the reader
    clicks into the map (or holds Ctrl or ⌘); leaving the map gives the wheel back to the page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var container = map.getContainer();
            map.scrollWheelZoom.disable();
            map.on("click", function () { map.scrollWheelZoom.enable(); });
            container.addEventListener("mousedown", function () { map.scrollWheelZoom.enable(); });
            container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
            container.addEventListener("wheel", function (e) {  // Ctrl or ⌘ and the wheel: zoom now
                if ((e.ctrlKey || e.metaKey) && !map.scrollWheelZoom.enabled()) {
                    e.preventDefault();
                    map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + (e.deltaY < 0 ? 0.5 : -0.5));
                }
            }, {passive: false});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "WheelAfterClick"


class FitWindowHeight(LeafletElement):
    """The map's frame fills the window below whatever the page shows above it (title, controls,
    notices): the frame measures where it starts in the page and writes it to the page's CSS
    variable `name`, which the page's style turns into the frame's height (ui/map_controls.py).
    Measured again when the window or the page above it changes size."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var frame = window.frameElement, page = frame && frame.ownerDocument;
            if (!page) { return; }
            var scroller = frame.closest('[data-testid="stMain"]') || page.scrollingElement;
            function measure() {
                var top = frame.getBoundingClientRect().top + (scroller ? scroller.scrollTop : 0);
                page.documentElement.style.setProperty({{ this.variable|tojson }}, Math.round(top) + "px");
            }
            measure();
            parent.addEventListener("resize", measure);
            var above = page.querySelector('[data-testid="stMainBlockContainer"]');
            if (window.ResizeObserver && above) { new ResizeObserver(measure).observe(above); }
        })();
        {% endmacro %}
    """)

    def __init__(self, variable: str):
        super().__init__()
        self._name = "FitWindowHeight"
        self.variable = variable


class ShowBounds(LeafletElement):
    """Fit the view to these bounds (a new filter result) through the base map's FitView."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        if (window.itcFitView) { window.itcFitView({{ this.bounds|tojson }}, {{ this.margin|tojson }}); }
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], margin: float = 0):
        super().__init__()
        self._name = "ShowBounds"
        self.bounds, self.margin = bounds, margin


class ClusterMarkers(LeafletElement):
    """The clusters as SVG circles with tooltips, and the relocation arrows, drawn from two compact
    arrays in one script: one template instead of a folium element per marker, tooltip and line.

    markers: [lat, lon, radius, colour, unknown (0/1), className, tooltip HTML (escaped)]
    arrows: [[line, ...], tooltip HTML (escaped)], each line a list of [lat, lon]
    streamlit-folium binds its click handler to every layer on the map, so a click still reports
    the marker's tooltip text.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            {{ this.arrows|tojson }}.forEach(function (a) {
                a[0].forEach(function (line) {
                    L.polyline(line, {{ this.arrow_style|tojson }}).bindTooltip(a[1], {sticky: true}).addTo(group);
                });
            });
            {{ this.markers|tojson }}.forEach(function (m) {
                L.circleMarker([m[0], m[1]], {
                    radius: m[2], color: m[3], weight: m[4] ? 2 : 1.5, dashArray: m[4] ? "3 2" : null,
                    fill: true, fillColor: m[4] ? "#ffffff" : m[3], fillOpacity: m[4] ? 0.15 : 0.7, className: m[5]
                }).bindTooltip(m[6], {sticky: true}).addTo(group);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, markers: list, arrows: list):
        super().__init__()
        self._name = "ClusterMarkers"
        self.markers, self.arrows = markers, arrows
        self.arrow_style = {
            "color": RELOCATION_COLOUR,
            "weight": 2.5,
            "opacity": 0.9,
            "dashArray": "6 4",
            "className": "itc-relocation",
        }


class ClusterLabels(LeafletElement):
    """Each cluster's name beside its circle, on request: labels: [lat, lon, radius, name], the
    most important first (the largest circles). A label that would overlap one already placed, or
    a control (the legend), is hidden, and the choice is made again whenever the view changes.
    Names go in as text (textContent), never as markup."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            var map = null, labels = [], radii = [];
            {{ this.labels|tojson }}.forEach(function (l) {
                radii.push(l[2] + 1);
                var text = document.createElement("span");
                text.textContent = l[3];
                var label = L.tooltip({permanent: true, direction: "right", offset: [l[2] + 1, 0],
                                       className: "itc-label", interactive: false});
                label.setLatLng([l[0], l[1]]).setContent(text);
                group.addLayer(label);
                labels.push(label);
            });
            function overlaps(a, b) {
                return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            }
            function declutter() {
                var taken = [].slice.call(document.querySelectorAll(".leaflet-control"))
                    .filter(function (c) { return c.offsetWidth; })
                    .map(function (c) { return c.getBoundingClientRect(); });
                labels.forEach(function (label, i) {
                    var el = label.getElement();
                    if (!el) { return; }
                    var free = false, box = null;
                    for (var side = 0; side < 2 && !free; side++) {  // right of the circle, else left of it
                        label.options.direction = side ? "left" : "right";
                        label.options.offset = [side ? -radii[i] : radii[i], 0];
                        label.update();
                        box = el.getBoundingClientRect();
                        free = box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight
                            && !taken.some(function (t) { return overlaps(box, t); });
                    }
                    el.style.visibility = free ? "visible" : "hidden";
                    if (free) { taken.push(box); }
                });
            }
            group.on("add", function () {
                map = group._map;
                map.on("zoomend moveend resize", declutter);
                requestAnimationFrame(declutter);
            });
            group.on("remove", function () { if (map) { map.off("zoomend moveend resize", declutter); } });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, labels: list):
        super().__init__()
        self._name = "ClusterLabels"
        self.labels = labels


class OblastCounts(LeafletElement):
    """What each oblast holds under the current filters ("3 clusters · 120+ member companies"),
    for the boundaries' tooltips. Part of the cluster layer, so it changes with the filters while
    the boundaries stay mounted. Plain text: the tooltip escapes it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.itcOblastCounts = {counts: {{ this.counts|tojson }}, none: {{ this.none|tojson }}};
        {% endmacro %}
    """)

    def __init__(self, counts: dict[str, str], none: str):
        super().__init__()
        self._name = "OblastCounts"
        self.counts, self.none = counts, none


class PointsLayer(LeafletElement):
    """Many clusters on one canvas: a compact array in, one circleMarker per row, name tooltips."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group) {
            var renderer = L.canvas({padding: 0.5}), colours = {{ this.colours|tojson }};
            {{ this.points|tojson }}.forEach(function (p) {  // [lat, lon, radius, colour, hollow, name]
                L.circleMarker([p[0], p[1]], {
                    renderer: renderer, radius: p[2], color: colours[p[3]], weight: 1,
                    fillColor: p[4] ? "#ffffff" : colours[p[3]], fillOpacity: p[4] ? 0.15 : 0.7
                }).bindTooltip(function () {
                    var div = document.createElement("div");
                    div.textContent = p[5];
                    return div.innerHTML;
                }).addTo(group);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, points: list, colours: list[str]):
        super().__init__()
        self._name = "PointsLayer"
        self.points, self.colours = points, colours


class BoundaryLayer(LeafletElement):
    """The oblasts as a Leaflet GeoJSON layer under the markers, shaded when a measure is chosen.

    Given a URL, the browser fetches the (cached) file once instead of receiving 66 KB of
    boundaries with every rerun; given the data, it is inlined (for a self-contained file).
    """

    _template = Template(r"""
        {% macro script(this, kwargs) %}
        (function (map) {
            var fills = {{ this.fills|tojson }}, values = {{ this.values|tojson }};
            var unit = {{ this.unit|tojson }}, style = {{ this.style|tojson }};
            function esc(s) {  // names go into tooltip HTML: let the DOM escape them
                var div = document.createElement("div");
                div.textContent = String(s);
                return div.innerHTML;
            }
            function draw(data) {
                var layer = L.geoJSON(data, {
                    className: "itc-oblast",
                    style: function (f) {
                        return Object.assign({}, style, {fillColor: fills[f.properties.iso] || style.fillColor});
                    },
                    onEachFeature: function (f, layer) {
                        var p = f.properties, names = [esc(p.name_en), esc(p.name_uk)];
                        var label = ({{ this.locale|tojson }} === "uk-UA" ? names.reverse() : names).join("<br>");
                        var value = (values[p.iso] || 0).toLocaleString({{ this.locale|tojson }});
                        if (unit) { label += "<br><b>" + value + "</b> " + unit; }
                        // The counts follow the filters: the cluster layer (swapped on each filter
                        // change) sets them in OblastCounts, read when the tooltip opens.
                        layer.bindTooltip(function () {
                            var counts = window.itcOblastCounts || {counts: {}, none: ""};
                            var line = counts.counts[p.iso] || counts.none;
                            return label + (line ? "<br>" + esc(line) : "");
                        }, {sticky: true});
                        layer.on("mouseover", function () {
                            layer.setStyle({weight: 2.5, color: "#3d4852"});
                        });
                        layer.on("mouseout", function () {
                            layer.setStyle({weight: style.weight, color: style.color});
                        });
                    }
                }).addTo(map);
                layer.bringToBack();  // fetched after the markers were drawn: keep it under them
            }
            {% if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw);
            {% else %}
            draw({{ this.data|tojson }});
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, source: dict | str, fills: dict, values: dict, unit: str, style: dict):
        super().__init__()
        self._name = "BoundaryLayer"
        self.url, self.data = (source, None) if isinstance(source, str) else (None, source)
        self.fills, self.values, self.unit, self.style = fills, values, unit, style
        self.locale = "uk-UA" if language() == "uk" else "en"


class ForwardKeys(LeafletElement):
    """Presenting: the keys that step a story and leave the presentation work after a click on the
    map too. A click focuses the map's frame, whose key presses never reach the page's shortcuts;
    these keys are passed on to the page (key down and up, as a key press sends them), and the map
    stops panning with the arrows, which step the slides. `keys`: key name -> key code."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var keys = {{ this.keys|tojson }};
            if ({{ this.stop_panning|tojson }} && map.keyboard) { map.keyboard.disable(); }
            ["keydown", "keyup"].forEach(function (type) {
                document.addEventListener(type, function (e) {
                    if (!Object.prototype.hasOwnProperty.call(keys, e.key) || !window.frameElement) { return; }
                    e.preventDefault();
                    e.stopPropagation();
                    var code = keys[e.key];
                    parent.document.dispatchEvent(new KeyboardEvent(type, {
                        key: e.key, code: e.code, keyCode: code, which: code, bubbles: true, cancelable: true
                    }));
                }, true);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, keys: dict[str, int], stop_panning: bool):
        super().__init__()
        self._name = "ForwardKeys"
        self.keys, self.stop_panning = keys, stop_panning


class FirstPaintSignal(LeafletElement):
    """On the map page's first screen (ui/first_screen.py), the map tells the page once it has
    painted its first marker (or its empty-map notice), and the page's next run draws the rest.

    The page marks its first screen with an element (`screen_mark`, a CSS selector); the frame,
    same-origin, looks for it in the page. Nothing in the map itself changes between the two runs:
    streamlit-folium keys the frame on its script (a change would reload it) and Streamlit sends an
    unchanged map as a short reference. The signal reports the map's state as streamlit-folium
    does (an empty dict: nothing clicked yet), which makes Streamlit rerun the page.

    Before the map paints, it adds `page_css` to the page: the layout the rest needs from its first
    moment (the padding, the rooms above the map), which a style block on the first screen would
    have delayed the map for, and which a block in the next run would bring a moment too late.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var onFirstScreen = function () {
                try { return !!window.parent.document.querySelector({{ this.screen_mark|tojson }}); }
                catch (e) { return false; }  // not the page's frame: nothing to tell
            };
            // The page's layout (its padding, the rooms above the map) at once, before the map paints,
            // on any screen: the page's own style block may come a moment later (its code loads on
            // demand), and would then move the map under the reader's eyes.
            try {
                var page = window.parent.document;
                if (page !== document && !page.getElementById("itc-page-css")) {
                    var style = page.createElement("style");
                    style.id = "itc-page-css";
                    style.textContent = {{ this.page_css|tojson }};
                    page.head.appendChild(style);
                }
            } catch (e) { /* not the page's frame (an exported file): nothing to add */ }
            if (!onFirstScreen()) { return; }
            var send = function () {
                if (!onFirstScreen()) { return; }  // something else brought the rest
                window.parent.postMessage(
                    {isStreamlitMessage: true, type: "streamlit:setComponentValue", value: {}, dataType: "json"}, "*");
            };
            var check = function () {
                if (document.querySelector({{ this.painted|tojson }})) {
                    requestAnimationFrame(function () { requestAnimationFrame(send); });  // after that frame is painted
                } else {
                    requestAnimationFrame(check);
                }
            };
            requestAnimationFrame(check);
        })();
        {% endmacro %}
    """)

    def __init__(self, screen_mark: str, page_css: str = ""):
        super().__init__()
        self._name = "FirstPaintSignal"
        self.screen_mark, self.painted, self.page_css = screen_mark, FIRST_PAINT_SELECTOR, page_css
