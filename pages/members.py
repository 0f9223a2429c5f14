"""Members: how big each cluster is, and where the members are."""

import streamlit as st

from itclusters import charts
from itclusters import facts as fact_table
from itclusters.i18n import _, number
from ui.components import not_stated_note, show_chart
from ui.navigation import current_view

view = current_view()
clusters = view.clusters
st.title(_("Members"))

left, right = st.columns([2, 1])
measure = left.radio(
    _("Count"),
    list(charts.MEASURES),
    format_func=charts.measure_label,
    horizontal=True,
    help=_("People employed are stated for only a few clusters."),
)
log = right.toggle(_("Log scale"), value=False, help=_("Counts span 2 to more than 600."))

# No st.stop() on a page: the frame draws the sidebar after it (ui/frame.py finish).
if clusters.empty:
    st.info(_("No clusters match the current filters."))
else:
    what = charts.measure_label(measure)
    if clusters[measure].notna().any():
        show_chart(charts.members_chart(clusters, measure, log=log), f"{measure}-per-cluster")
        stated = int(clusters[measure].notna().sum())
        if stated > charts.MAX_MARKS:
            st.caption(
                _("Showing the {n} largest of {total} clusters with a count.").format(
                    n=charts.MAX_MARKS, total=number(stated)
                )
            )
    else:
        st.info(_("None of the shown clusters states this count: {what}.").format(what=what.lower()))
    not_stated_note(charts.not_stated(clusters, measure), what)
    st.caption(_("A bar with a '+' is a lower bound: the source says 'more than N'."))

    st.header(_("Totals"))
    if clusters[measure].notna().any():
        show_chart(charts.totals_chart(clusters, measure), f"{measure}-by-region")
    by_oblast = (
        charts.totals(clusters, measure, "oblast")
        .rename(
            columns={
                "group": _("Oblast"),
                "clusters": _("Clusters"),
                "stated": _("With a count"),
                "not_stated": _("Without a count"),
                "label": _("Total of stated counts"),
            }
        )
        .drop(columns="total")
    )
    st.dataframe(by_oblast, hide_index=True, width="stretch")

    st.header(_("Other figures, like with like"))
    facts = fact_table.shown_facts(view.dataset.facts, clusters, unfiltered=False)
    groups = fact_table.comparable_groups(facts)
    if groups:
        choose = _("Choose an option")
        group = st.selectbox(
            _("Figure"), groups, format_func=fact_table.group_label, key="facts_group", placeholder=choose
        )
        show_chart(charts.facts_chart(facts, clusters, group), f"facts-{group[1]}-{group[2]}")
        st.caption(
            _(
                "Only figures of the same topic, measure, unit and scope share an axis. 'more than' and "
                "'up to' are the source's own bounds."
            )
        )
    else:
        st.info(_("The clusters shown report no figures that can be compared with each other."))
