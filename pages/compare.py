"""Compare: two to four clusters side by side, every fact aligned by row, and a small map."""

import streamlit as st
from streamlit_folium import st_folium

from itclusters import compare, exports
from itclusters.i18n import _
from itclusters.maps import MapOptions, build_map
from itclusters.profile import pick_labels
from itclusters.text import markdown_literal, markdown_literal_frame
from ui.components import table_downloads
from ui.navigation import current_view

KEY = "compare_ids"

view = current_view()
clusters = view.dataset.clusters  # any cluster can be compared, whatever the filters show
st.title(_("Compare clusters"))

# The URL says which clusters (a shared link, or "Compare with ..." in a profile); after that the
# picker does, and the URL follows it.
url_ids = st.query_params.get("ids", "")
if KEY not in st.session_state or url_ids != st.session_state.get("compare_url"):  # a link was followed
    st.session_state[KEY], notices = compare.parse_ids(url_ids, list(clusters["id"]))
    for notice in notices:
        st.warning(markdown_literal(notice), icon="⚠️")

names = pick_labels(clusters)
chosen = st.multiselect(
    _("Clusters to compare (two to four)"),
    list(clusters["id"]),
    key=KEY,
    max_selections=compare.MAX_COMPARED,
    format_func=lambda cluster_id: str(names.get(cluster_id, cluster_id)),
    placeholder=_("Choose clusters"),
    # Typing a name and pressing Enter picks that one cluster: the default offers "select all
    # matches" first, and fuzzy matching counts "Ivano-Frankivsk" as a match for "Lviv".
    filter_mode="contains",
    select_all=False,
)
st.session_state["compare_url"] = st.query_params["ids"] = ",".join(chosen)

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
        "cluster-comparison",
        "comparison",
        title=_("Compared clusters"),
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
