"""Data: the filtered table and its downloads."""

import streamlit as st

from itclusters import exports

view = st.session_state["view"]
clusters = view.clusters
st.title("Data")
st.caption(
    f"{len(clusters)} of {len(view.dataset.clusters)} clusters, as filtered in the sidebar. "
    "'not stated' means the source does not give the value; '300+' means 'more than 300'."
)

st.dataframe(
    exports.readable_table(clusters),
    hide_index=True,
    width="stretch",
    column_config={"Source section": st.column_config.NumberColumn(format="%d")},
)

published = exports.schema_columns(clusters)
csv, xlsx, geojson, _ = st.columns([1, 1, 1, 2])
csv.download_button(
    "Download CSV",
    data=lambda: exports.csv_bytes(published),
    file_name="it-clusters.csv",
    mime="text/csv",
    on_click="ignore",
)
xlsx.download_button(
    "Download Excel",
    data=lambda: exports.excel_bytes(published),
    file_name="it-clusters.xlsx",
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
geojson.download_button(
    "Download GeoJSON",
    data=lambda: exports.geojson_bytes(clusters),
    file_name="it-clusters.geojson",
    mime="application/geo+json",
    on_click="ignore",
)
st.caption(
    "Downloads hold the published columns of data/clusters.csv. In CSV and Excel, text that a "
    "spreadsheet would read as a formula (starting with =, +, -, @) is prefixed with an apostrophe."
)
