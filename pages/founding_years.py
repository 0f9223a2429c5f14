"""Founding years: a decade of clusters, before and during the war."""

import streamlit as st

from itclusters import charts
from itclusters.i18n import _, number
from ui.components import not_stated_note, show_chart
from ui.navigation import current_view

view = current_view()
clusters = view.clusters
st.title(_("Founding years"))

# No st.stop() on a page: the frame draws the sidebar after it (ui/frame.py finish).
if clusters.empty:
    st.info(_("No clusters match the current filters."))
else:
    if clusters["founded_year"].notna().any():
        show_chart(charts.founding_timeline(clusters), "founding-timeline")
        dated = int(clusters["founded_year"].notna().sum())
        if dated > charts.MAX_MARKS:
            st.caption(
                _("The timeline shows the {n} earliest of {total} clusters; the chart below counts all.").format(
                    n=charts.MAX_MARKS, total=number(dated)
                )
            )
        show_chart(charts.cumulative_chart(clusters), "clusters-over-time")
    else:
        st.info(_("None of the shown clusters states a founding year."))
    st.caption(
        _(
            "A diamond marks a year derived from what the source says (an anniversary, years of operation), "
            "not stated outright; the About page explains how."
        )
    )
    not_stated_note(charts.not_stated(clusters, "founded_year"), _("Founding year"))
