"""Map: where the clusters are, how big, and what the war did to them."""

import datetime

import streamlit as st
from streamlit_folium import st_folium

from itclusters import charts, exports
from itclusters.i18n import _, language, number, override
from itclusters.maps import SVG_LIMIT, MapOptions, base_map, build_map, cluster_for_tooltip, cluster_layer
from itclusters.profile import profile_html
from itclusters.schema import load_package
from itclusters.text import markdown_literal
from ui.navigation import current_view

view = current_view()
st.title(_("Ukraine's regional IT clusters"))

controls = st.columns([1, 1, 1.4, 1.2])
relocations = controls[0].toggle(_("Relocations"), value=True, help=_("Arrows from home city to destination."))
hubs = controls[1].toggle(_("IT hubs"), value=False, help=_("Hubs and coworking spaces the source lists."))
shading = {None: _("nothing"), "clusters": _("number of clusters"), "members": _("member companies")}
choropleth = controls[2].selectbox(_("Shade oblasts by"), list(shading), format_func=shading.get)
online = controls[3].toggle(
    _("Online basemap"),
    value=False,
    help=_("Adds OpenStreetMap tiles. This is the only part of the map that uses the internet."),
)

options = MapOptions(
    relocations=relocations, hubs=hubs, choropleth=choropleth, online_tiles=online, height=470 if view.present else 620
)
clusters = view.clusters
# Presenting, the map takes the full width and the profile goes below it.
left, right = (st.container(), st.container()) if view.present else st.columns([3, 1.25], gap="medium")
with left:
    if clusters.empty:
        st.info(_("No clusters match the current filters. Widen them or press **Reset filters** in the sidebar."))
    # The base map stays mounted while only the cluster layer changes with the filters;
    # only clicks come back, so panning and zooming never rerun the script.
    state = st_folium(
        base_map(clusters, boundaries=view.boundaries, hubs=view.dataset.hubs, options=options),
        feature_group_to_add=cluster_layer(clusters, relocations=view.dataset.relocations, options=options),
        key="map",
        height=options.height,
        use_container_width=True,
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
    )
    if view.boundaries is None:
        st.caption(_("Oblast boundaries are unavailable; the clusters are shown without them."))

state = state or {}
click = (state.get("last_object_clicked"), state.get("last_object_clicked_tooltip"))
if click[0] and click != st.session_state.get("map_last_click"):  # a new click, not a rerun
    st.session_state["map_last_click"] = click
    picked = cluster_for_tooltip(clusters, click[1]) if len(clusters) <= SVG_LIMIT else None
    if picked:
        st.session_state["profile_id"] = picked


def profile_panel() -> None:
    if len(clusters) > SVG_LIMIT:  # a list of thousands helps no one; the filters do
        st.caption(
            _("{n} clusters are shown. Narrow the filters to {limit} or fewer to pick one and see its profile.").format(
                n=number(len(clusters)), limit=number(SVG_LIMIT)
            )
        )
        return
    ids = list(clusters["id"])
    if st.session_state.get("profile_id") not in ids:
        st.session_state.pop("profile_id", None)
    names = dict(zip(clusters["id"], clusters["name"]))
    chosen = st.selectbox(
        _("Cluster profile"),
        ids,
        key="profile_id",
        index=None,
        format_func=names.get,
        placeholder=_("Click a marker, or choose here"),
    )
    if chosen:
        row = clusters.set_index("id", drop=False).loc[chosen]
        st.html(profile_html(row, view.dataset.relocations, view.dataset.clusters))
    else:
        st.caption(
            _(
                "Click a marker on the map to see the cluster's profile: every fact the source gives, "
                "with 'not stated' where it is silent."
            )
        )


with right:
    profile_panel()

st.divider()
st.caption(markdown_literal(_("Shown: {filters}. Take the view away:").format(filters=view.summary)))


# The files are made only when asked for, possibly outside this script run: they carry its language.
lang = language()


def map_file() -> str:
    with override(lang):
        fmap = build_map(
            clusters,
            boundaries=view.oblasts,
            relocations=view.dataset.relocations,
            hubs=view.dataset.hubs,
            options=options,
        )
        return exports.standalone_map_html(fmap, _("Ukraine's IT clusters"))


def pack_file() -> bytes:
    with override(lang):
        summary = exports.pack_summary(
            view.summary, len(clusters), len(view.dataset.clusters), load_package(), datetime.date.today()
        )
        return exports.presentation_pack(map_file(), charts.all_charts(clusters), clusters, summary)


html_button, pack_button, _spacer = st.columns([1, 1, 2])
html_button.download_button(
    _("Map as HTML (works offline)"),
    data=map_file,
    file_name="it-clusters-map.html",
    mime="text/html",
    on_click="ignore",
)
pack_button.download_button(
    _("Presentation pack (zip)"),
    data=pack_file,
    file_name="it-clusters-presentation.zip",
    mime="application/zip",
    on_click="ignore",
    help=_("The map as HTML, every chart as PNG, the filtered data as CSV, and a note of the filters and source."),
)
