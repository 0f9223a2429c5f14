"""Wartime status: who works on, who moved, who fell silent."""

import streamlit as st

from itclusters import charts
from itclusters.i18n import _
from itclusters.style import STATUSES, status_definition, status_label
from ui.components import show_chart
from ui.navigation import current_view

view = current_view()
clusters = view.clusters
st.title(_("Wartime status"))

with st.popover(_("What the statuses mean")):
    for status in STATUSES:
        st.markdown(f"**{status_label(status)}**: {status_definition(status)}")

# No st.stop() on a page: the frame draws the sidebar after it (ui/frame.py finish).
if clusters.empty:
    st.info(_("No clusters match the current filters."))
else:
    left, right = st.columns(2)
    with left:
        show_chart(charts.status_chart(clusters), "clusters-by-status")
    with right:
        show_chart(charts.status_by_region_chart(clusters), "status-by-region")

    st.header(_("Why each status"))
    st.caption(_("One rule for every cluster: the evidence the source offers decides the status (see About)."))
    st.dataframe(charts.evidence_table(clusters), hide_index=True, width="stretch")

    st.header(_("Relocations"))
    moves = charts.relocation_table(clusters, view.dataset.relocations)
    if moves.empty:
        st.caption(_("None of the shown clusters has a reported relocation."))
    else:
        st.dataframe(moves, hide_index=True, width="stretch")
