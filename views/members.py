"""Members: how big each cluster is, and where the members are."""

import streamlit as st

from itclusters import charts
from ui.components import not_stated_note, show_chart

view = st.session_state["view"]
clusters = view.clusters
st.title("Members")

left, right = st.columns([2, 1])
measure = left.radio(
    "Count",
    list(charts.MEASURES),
    format_func=charts.MEASURES.get,
    horizontal=True,
    help="People employed are stated for only a few clusters.",
)
log = right.toggle("Log scale", value=False, help="Counts span 2 to more than 600.")

if clusters.empty:
    st.info("No clusters match the current filters.")
    st.stop()

if clusters[measure].notna().any():
    show_chart(charts.members_chart(clusters, measure, log=log), f"{measure}-per-cluster")
    stated = int(clusters[measure].notna().sum())
    if stated > charts.MAX_MARKS:
        st.caption(f"Showing the {charts.MAX_MARKS} largest of {stated:,} clusters with a count.")
else:
    st.info(f"None of the shown clusters states {charts.MEASURES[measure].lower()}.")
not_stated_note(charts.not_stated(clusters, measure), charts.MEASURES[measure])
st.caption("A bar with a '+' is a lower bound: the source says 'more than N'.")

st.subheader("Totals")
if clusters[measure].notna().any():
    show_chart(charts.totals_chart(clusters, measure), f"{measure}-by-region")
by_oblast = (
    charts.totals(clusters, measure, "oblast_en")
    .rename(
        columns={
            "group": "Oblast",
            "clusters": "Clusters",
            "stated": "With a count",
            "not_stated": "Without a count",
            "label": "Total of stated counts",
        }
    )
    .drop(columns="total")
)
st.dataframe(by_oblast, hide_index=True, width="stretch")
