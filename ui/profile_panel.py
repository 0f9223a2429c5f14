"""The panel beside the map: one cluster's profile, picked on the map or from a list."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from itclusters.data import Dataset
from itclusters.geo import oblast_at
from itclusters.i18n import _, number
from itclusters.maps import SVG_LIMIT, cluster_for_tooltip
from itclusters.profile import pick_labels, profile_html
from ui import address
from ui.frame import View

KEY = address.PROFILE_KEY


def follow_click(returned: dict | None, view: View) -> str | None:
    """A new click on a marker picks its cluster; a click elsewhere in an oblast filters the map
    to that oblast, and a second click there clears it, except while presenting, where a slide's
    filters are the presenter's. (A rerun repeats the last click: ignored.)

    streamlit-folium reports the map click (`last_clicked`) and, for a layer, where it was clicked
    and its tooltip text; a marker is known by its tooltip. Returns the cluster a click just picked.
    """
    returned, state, clusters = returned or {}, st.session_state, view.clusters
    on_map = returned.get("last_clicked")
    on_layer = (returned.get("last_object_clicked"), returned.get("last_object_clicked_tooltip"))
    previous_map, previous_layer = state.get("map_last_click", (None, (None, None)))
    state["map_last_click"] = (on_map, on_layer)
    if on_layer[0] and on_layer != previous_layer and len(clusters) <= SVG_LIMIT:
        picked = cluster_for_tooltip(clusters, on_layer[1])
        if picked:
            address.change(state, *view.slider_bounds, cluster=picked)
            return picked
    if on_map and on_map != previous_map and not view.present:  # presenting, the slide's filters hold
        iso = oblast_at(view.oblasts, on_map["lat"], on_map["lng"])
        if iso:
            oblasts = () if view.filters.oblasts == (iso,) else (iso,)
            address.change(state, *view.slider_bounds, filters=replace(view.filters, oblasts=oblasts))
            st.rerun()  # the frame filtered before the page ran: filter again
    return None


def profile_dialog(cluster_id: str, clusters: pd.DataFrame, dataset: Dataset) -> None:
    """Presenting, a clicked marker's profile opens over the map (nothing fits beside it)."""
    row = clusters.set_index("id", drop=False).loc[cluster_id]
    st.dialog(_("Cluster profile"), width="large")(st.html)(
        profile_html(row, dataset.relocations, dataset.clusters, dataset.facts)
    )


def profile_panel(view: View) -> None:
    clusters, dataset, slider_bounds = view.clusters, view.dataset, view.slider_bounds
    if len(clusters) > SVG_LIMIT:  # a list of thousands helps no one; the filters do
        st.caption(
            _("{n} clusters are shown. Narrow the filters to {limit} or fewer to pick one and see its profile.").format(
                n=number(len(clusters)), limit=number(SVG_LIMIT)
            )
        )
        return
    names = pick_labels(clusters)
    chosen = st.selectbox(  # a profile the filters now hide is dropped by Streamlit: not an option
        _("Cluster profile"),
        list(clusters["id"]),
        key=KEY,
        index=None,
        format_func=names.get,
        placeholder=_("Click a marker, or choose here"),
    )
    if chosen:
        row = clusters.set_index("id", drop=False).loc[chosen]
        st.html(profile_html(row, dataset.relocations, dataset.clusters, dataset.facts))
        if st.button(_("Compare with other clusters"), icon="⚖️", key="compare_with"):
            address.change(st.session_state, *slider_bounds, compare=(chosen,))
            st.switch_page("pages/compare.py")
    else:
        st.caption(
            _(
                "Click a marker on the map to see the cluster's profile: every fact the source gives, "
                "with 'not stated' where it is silent."
            )
        )
