"""Regions: the clusters summed per oblast and per macro-region, each with its total."""

import streamlit as st

from itclusters import charts, regions
from itclusters import filters as flt
from itclusters.i18n import N_, _
from itclusters.style import status_label
from itclusters.text import markdown_literal
from ui.components import numbers_table, show_chart, table_downloads
from ui.navigation import current_view

view = current_view()
dataset, filters = view.dataset, view.filters
st.title(_("Regions"))
# A geographic filter keeps only the units it names: the others would show zeros the data does not say.
units = flt.named_units(filters, dataset.regions)
st.caption(
    _(
        "Ukraine's first-level units with the clusters the sidebar's filters keep, and their total. A sum "
        "with '+' includes a 'more than' count; '(2 not stated)' counts the clusters it leaves out "
        "because the source does not give the value. Click a column's header to sort by it."
    )
)
NAMES = regions.column_labels()
# In pixels: at 1366 x 768, beside the sidebar, the table fits without scrolling sideways.
WIDTHS = {
    NAMES["name"]: 150,
    NAMES["clusters"]: 66,
    NAMES["active"]: 60,
    NAMES["relocated"]: 72,
    NAMES["no_recent_info"]: 92,
    NAMES["member_companies"]: 165,
    NAMES["professionals"]: 180,
    NAMES["founded"]: 92,
    NAMES["moves_out"]: 66,
    NAMES["moves_in"]: 66,
}
HELPS = {
    NAMES["no_recent_info"]: status_label("no_recent_info"),
    NAMES["moves_out"]: _("Relocations of this unit's clusters to other cities"),
    NAMES["moves_in"]: _("Relocations of the clusters shown into this unit"),
}


def show_table(table, total, marked: list[bool], filename: str, sheet: str, title: str) -> None:
    """The table (the rows the region filters name stand out), its total, and its downloads."""
    values, labels = regions.screen(table)
    numbers_table(values, labels, WIDTHS, HELPS, marked, key=f"{sheet.lower()}_table")  # the English name: a stable key
    total_values, total_labels = regions.screen(total)
    numbers_table(total_values, total_labels, WIDTHS, HELPS, key=f"{sheet.lower()}_total")
    table_downloads(
        regions.analysis(table),
        filename,
        sheet,
        title=title,
        filters=view.summary,
        total=regions.analysis(total),
        bounds=regions.bound_columns(),
    )


all_units = set(dataset.regions["iso"])
per_oblast = regions.in_units(regions.by_oblast(view.clusters, dataset.regions, dataset.relocations), units)
per_macro = regions.by_macro_region(view.clusters, dataset.regions, dataset.relocations)
if filters.regions:
    per_macro = per_macro[per_macro["macro_region"].isin(filters.regions)].reset_index(drop=True)
total = regions.total(view.clusters, dataset.regions, dataset.relocations, units or all_units)

st.header(_("Oblasts"))
if units:
    left_out = len(all_units) - len(per_oblast)
    st.caption(_("{n} units outside the region filters are left out.").format(n=left_out))
show_table(
    per_oblast,
    total,
    regions.named_by_filters(per_oblast, filters.oblasts, filters.regions),
    N_("clusters-by-oblast"),
    N_("Oblasts"),
    _("Clusters by oblast"),
)
st.header(_("Macro-regions"))
show_table(
    per_macro,
    total,
    regions.named_by_filters(per_macro, (), filters.regions),
    N_("clusters-by-macro-region"),
    N_("Macro-regions"),
    _("Clusters by macro-region"),
)
st.caption(
    markdown_literal("; ".join(f"{name}: {listed}" for name, listed in zip(per_macro["name"], per_macro["units"])))
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
