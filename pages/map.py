"""Map: where the clusters are, how big, and what the war did to them."""

import streamlit as st
from streamlit_folium import st_folium

from itclusters.i18n import _
from itclusters.maps import base_map, cluster_layer
from itclusters.text import markdown_literal
from ui import first_screen
from ui.map_controls import CONTROLS_KEY, CONTROLS_ROOM, draw_map_controls, map_options
from ui.map_downloads import map_downloads
from ui.navigation import current_view
from ui.profile_panel import follow_click, profile_panel

view = current_view()
clusters = view.clusters
st.title(_("Ukraine's regional IT clusters"))
first = first_screen.begin()

# The map goes out first: the controls above it and everything after it are sent later, into
# room kept for them, so the map does not move under the reader's pointer when they arrive.
controls = st.container(key=CONTROLS_KEY)
st.html(CONTROLS_ROOM)
options = map_options(st.session_state, view.present)
# Presenting, the map takes the full width and the profile goes below it.
left, right = (st.container(), st.container()) if view.present else st.columns([3, 1.25], gap="medium")
with left:
    if clusters.empty:
        st.info(_("No clusters match the current filters. Widen them or press **Reset filters** in the sidebar."))
    # The base map stays mounted while only the cluster layer changes with the filters; only
    # clicks come back (a marker opens its profile, an oblast filters to it), so panning and
    # zooming never rerun the script.
    returned = st_folium(
        base_map(clusters, boundaries=view.boundaries, hubs=view.dataset.hubs, options=options),
        feature_group_to_add=cluster_layer(clusters, relocations=view.dataset.relocations, options=options),
        key="map",
        height=options.height,
        use_container_width=True,
        returned_objects=["last_clicked", "last_object_clicked", "last_object_clicked_tooltip"],
    )
    if view.boundaries is None:
        st.caption(_("Oblast boundaries are unavailable; the clusters are shown without them."))

if first:  # the rest comes in the next run, once the browser has painted the map
    first_screen.await_first_paint()
else:
    with controls:
        draw_map_controls()
    follow_click(returned, clusters, view.oblasts)
    with right:
        profile_panel(clusters, view.dataset)
    st.divider()
    st.caption(markdown_literal(_("Shown: {filters}. Take the view away:").format(filters=view.summary)))
    map_downloads(view, options)
