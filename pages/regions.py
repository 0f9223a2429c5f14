"""Regions: the clusters summed per oblast and per macro-region, side by side."""

import streamlit as st

from itclusters import charts, regions
from itclusters.i18n import _
from ui.components import highlighted, show_chart, table_downloads
from ui.navigation import current_view

view = current_view()
dataset, filters = view.dataset, view.filters
st.title(_("Regions"))
st.caption(
    _(
        "All of Ukraine's 27 first-level units, with the clusters the sidebar's filters keep. "
        "'672+' is a sum that includes a 'more than' count; '(2 not stated)' counts the clusters "
        "left out of a sum because the source does not give the value."
    )
)


def show_table(table, marked: list[bool], filename: str, sheet: str) -> None:
    """The table with the rows the region filters name highlighted, and its downloads."""
    shown = regions.readable(table)
    st.dataframe(highlighted(shown, marked), hide_index=True, width="stretch")
    table_downloads(shown, filename, sheet)


per_oblast = regions.by_oblast(view.clusters, dataset.regions, dataset.relocations)
per_macro = regions.by_macro_region(view.clusters, dataset.regions, dataset.relocations)

st.header(_("Oblasts"))
show_table(
    per_oblast, regions.named_by_filters(per_oblast, filters.oblasts, filters.regions), "clusters-by-oblast", "oblasts"
)
st.header(_("Macro-regions"))
show_table(
    per_macro, regions.named_by_filters(per_macro, (), filters.regions), "clusters-by-macro-region", "macro-regions"
)

st.header(_("Charts"))
measure = st.radio(
    _("Per oblast"),
    list(charts.OBLAST_MEASURES),
    format_func=lambda m: _(charts.OBLAST_MEASURES[m]),
    horizontal=True,
    key="regions_measure",
)
show_chart(charts.oblast_chart(per_oblast, measure), f"{measure.replace('_', '-')}-per-oblast")
if view.clusters.empty:
    st.info(_("No clusters match the current filters."))
else:
    show_chart(charts.status_by_region_chart(view.clusters), "status-by-macro-region")
