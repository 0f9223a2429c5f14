"""Compare: two to four clusters side by side, every fact aligned by row, and a small map."""

import streamlit as st
from streamlit_folium import st_folium

from itclusters import compare, exports
from itclusters.i18n import N_, _
from itclusters.maps import MapOptions, build_map
from itclusters.profile import pick_labels
from itclusters.text import markdown_literal_frame
from ui import address
from ui.components import table_downloads
from ui.navigation import current_view

view = current_view()
clusters = view.dataset.clusters  # any cluster can be compared, whatever the filters show
st.title(_("Compare clusters"))

# The address says which clusters when a session starts (ui/address.py), a profile's "Compare"
# button adds one; after that the picker holds them, and the address follows it.
names = pick_labels(clusters)
chosen = st.multiselect(
    _("Clusters to compare (two to four)"),
    list(clusters["id"]),
    key=address.COMPARE_KEY,
    max_selections=compare.MAX_COMPARED,
    format_func=lambda cluster_id: str(names.get(cluster_id, cluster_id)),
    placeholder=_("Choose clusters"),
    # Typing a name and pressing Enter picks that one cluster: the default offers "select all
    # matches" first, and fuzzy matching counts "Ivano-Frankivsk" as a match for "Lviv".
    filter_mode="contains",
    select_all=False,
)

if len(chosen) < 2:
    st.info(_("Choose at least two clusters to compare them side by side."))
if chosen:
    selected = clusters.set_index("id", drop=False).loc[chosen]
    table = compare.comparison(selected, view.dataset.relocations, clusters)
    # A static table, so long notes wrap; st.table renders Markdown, so every cell is made literal.
    st.table(markdown_literal_frame(table.set_index(table.columns[0])))
    # The files hold one row per cluster, every count a number: ready for a spreadsheet.
    table_downloads(
        exports.schema_columns(selected.reset_index(drop=True)),
        N_("cluster-comparison"),
        N_("Comparison"),
        title=_("Compared clusters"),
        resource="clusters",
        filters=", ".join(str(names.get(i, i)) for i in chosen),
    )
    st_folium(
        build_map(
            selected,
            boundaries=view.boundaries,
            relocations=view.dataset.relocations,
            options=MapOptions(base_path=view.base_path),
        ),
        key="compare_map",
        height=440,
        use_container_width=True,
        returned_objects=[],
    )
