"""Wartime status: who works on, who moved, who fell silent."""

import streamlit as st

from itclusters import charts
from itclusters.style import STATUS_DEFINITIONS, STATUS_LABELS
from ui.components import show_chart

view = st.session_state["view"]
clusters = view.clusters
st.title("Wartime status")

with st.popover("What the statuses mean"):
    for status, definition in STATUS_DEFINITIONS.items():
        st.markdown(f"**{STATUS_LABELS[status]}**: {definition}")

if clusters.empty:
    st.info("No clusters match the current filters.")
    st.stop()

left, right = st.columns(2)
with left:
    show_chart(charts.status_chart(clusters), "clusters-by-status")
with right:
    show_chart(charts.status_by_region_chart(clusters), "status-by-region")

st.subheader("Relocations")
moves = charts.relocation_table(clusters, view.dataset.relocations)
if moves.empty:
    st.caption("None of the shown clusters has a reported relocation.")
else:
    st.dataframe(moves, hide_index=True, width="stretch")
