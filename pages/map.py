"""Map: where the clusters are, how big, and what the war did to them."""

import streamlit as st
from streamlit_folium import st_folium

from itclusters import filters as flt
from itclusters.i18n import _
from itclusters.leaflet import FirstPaintSignal, ForwardKeys
from itclusters.maps import SVG_LIMIT, base_map, cluster_layer, focus_area
from itclusters.text import markdown_literal
from ui import first_screen, story
from ui.frame import FRAME_RULES, MAP_KEY
from ui.map_controls import (
    CONTROLS_HEIGHT,
    CONTROLS_KEY,
    FRAME_KEY,
    ROOMS_CSS,
    TITLE_HEIGHT,
    TITLE_KEY,
    draw_map_controls,
    draw_presenting_controls,
    map_options,
)
from ui.map_downloads import map_downloads
from ui.navigation import current_tools, current_view
from ui.profile_panel import follow_click, profile_dialog, profile_panel

view = current_view()
clusters = view.clusters
first = view.first_screen  # the session's first run, opening on the map: the map goes alone
# On the first screen the title's room is kept and the heading comes with the rest: drawn with
# the map, its Markdown took the browser longer than the map's frame did (bench/first_screen_phases.py).
title_room = st.container(key=TITLE_KEY)
if first:
    title_room.space(TITLE_HEIGHT)
else:
    title_room.title(_("Ukraine's regional IT clusters"))

# The map goes out first: the controls above it and everything after it are sent later, into
# room kept for them, so the map does not move under the reader's pointer when they arrive.
controls = current_tools() if view.present else st.container(key=CONTROLS_KEY)
if first and not view.present:  # an empty container is not drawn at all: this keeps it, and its room
    controls.space(CONTROLS_HEIGHT)
# No geographic filter: the whole country, Crimea included; with one, that region.
focus = focus_area(view.oblasts, flt.named_units(view.filters, view.dataset.regions))
options = map_options(st.session_state, view.present, focus, view.base_path)
# Presenting, the map fills the screen below the slim line, and the profile goes below it.
if view.present:
    left, right = st.container(key=MAP_KEY), st.container()
    map_room = left
else:  # the frame's room: the page's style makes the frame fill the window below what is above it
    left, right = st.columns([3, 1.25], gap="medium")
    map_room = left.container(key=FRAME_KEY)
with map_room:
    if clusters.empty and not view.present:  # presenting, the map's own notice says it
        st.info(_("No clusters match the current filters. Widen them or press **Reset filters** in the sidebar."))
    # The base map stays mounted while only the cluster layer changes with the filters; only
    # clicks come back (a marker opens its profile, an oblast filters to it), so panning and
    # zooming never rerun the script.
    base = base_map(clusters, boundaries=view.boundaries, hubs=view.dataset.hubs, options=options)
    # In every run (the frame is keyed on its script): the page's style, before the map paints.
    base.add_child(FirstPaintSignal(first_screen.MARK, FRAME_RULES + ROOMS_CSS))
    if view.present:  # the clicker's keys and Escape work after a click on the map too
        stepping = view.story is not None
        base.add_child(ForwardKeys(story.forwarded_keys(stepping), stop_panning=stepping))
    returned = st_folium(
        base,
        feature_group_to_add=cluster_layer(clusters, relocations=view.dataset.relocations, options=options),
        key="map",
        height=options.height,
        use_container_width=True,
        returned_objects=["last_clicked", "last_object_clicked", "last_object_clicked_tooltip"],
    )
    if view.boundaries is None:
        st.caption(_("Oblast boundaries are unavailable; the clusters are shown without them."))

if first:  # the rest comes in the next run, which the map asks for once it is painted
    first_screen.give_up_later()
else:
    if controls is not None:  # presenting a story, the slide sets the layers
        with controls:
            if view.present:  # a compact control in the slim line
                draw_presenting_controls()
            else:
                draw_map_controls()
    if not view.present:  # the map's text alternative, one step away: a plain HTML table
        with left:  # built only while open (most readers never open it; every filter change would pay)
            as_table = st.expander(_("The map as a table"), key="map_table", on_change="rerun")
        if as_table.open:
            with as_table:
                if len(clusters) <= SVG_LIMIT:
                    from itclusters.exports import map_table_html  # after the first screen: Altair comes with it

                    st.html(map_table_html(clusters))
                else:  # thousands of rows help no one here; the Data page pages through them
                    st.caption(
                        _(
                            "The Data page lists them all. Narrow the filters to {limit} or fewer to list them here."
                        ).format(limit=SVG_LIMIT)
                    )
    picked = follow_click(returned, view)
    # Presenting nothing is below the map, and on a phone the panel is a screen below it: a tapped
    # marker's profile opens over the map.
    if picked and (view.present or first_screen.on_a_phone()):
        profile_dialog(picked, clusters, view.dataset)
    if not view.present:
        with right:
            profile_panel(view)
        st.divider()
        st.caption(markdown_literal(_("Shown: {filters}. Take the view away:").format(filters=view.summary)))
        map_downloads(view, options)
