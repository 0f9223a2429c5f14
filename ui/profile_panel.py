"""The panel beside the map: one cluster's profile, picked on the map or from a list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from itclusters.data import Dataset
from itclusters.i18n import _, number
from itclusters.maps import SVG_LIMIT, cluster_for_tooltip
from itclusters.profile import profile_html

KEY = "profile_id"


def follow_click(returned: dict | None, clusters: pd.DataFrame) -> None:
    """A new click on a marker picks its cluster (a rerun repeats the last click: ignored)."""
    returned = returned or {}
    click = (returned.get("last_object_clicked"), returned.get("last_object_clicked_tooltip"))
    if click[0] and click != st.session_state.get("map_last_click"):
        st.session_state["map_last_click"] = click
        picked = cluster_for_tooltip(clusters, click[1]) if len(clusters) <= SVG_LIMIT else None
        if picked:
            st.session_state[KEY] = picked


def profile_panel(clusters: pd.DataFrame, dataset: Dataset) -> None:
    if len(clusters) > SVG_LIMIT:  # a list of thousands helps no one; the filters do
        st.caption(
            _("{n} clusters are shown. Narrow the filters to {limit} or fewer to pick one and see its profile.").format(
                n=number(len(clusters)), limit=number(SVG_LIMIT)
            )
        )
        return
    ids = list(clusters["id"])
    if st.session_state.get(KEY) not in ids:
        st.session_state.pop(KEY, None)
    names = dict(zip(clusters["id"], clusters["name"]))
    chosen = st.selectbox(
        _("Cluster profile"),
        ids,
        key=KEY,
        index=None,
        format_func=names.get,
        placeholder=_("Click a marker, or choose here"),
    )
    if chosen:
        row = clusters.set_index("id", drop=False).loc[chosen]
        st.html(profile_html(row, dataset.relocations, dataset.clusters))
    else:
        st.caption(
            _(
                "Click a marker on the map to see the cluster's profile: every fact the source gives, "
                "with 'not stated' where it is silent."
            )
        )
