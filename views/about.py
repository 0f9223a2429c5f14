"""About: what the dashboard shows, where the facts come from, and how they were recorded."""

import streamlit as st

from itclusters import about
from itclusters.schema import load_package
from itclusters.style import STATUS_DEFINITIONS, STATUS_LABELS

view = st.session_state["view"]
package = load_package()
clusters = package.resource("clusters")

st.title("About")
st.markdown(
    "This dashboard maps Ukraine's regional IT clusters: associations of IT companies, universities and "
    "partners that grew up in Ukraine's cities from 2011 on. It shows where the 26 clusters of a late-2024 "
    "overview are, how many members they have, when they were founded, and what the full-scale war did to "
    "them. Filters in the sidebar apply to every page and are kept in the address, so a copied link shows "
    "the same view."
)

st.header("Source")
for source in about.sources(package):
    st.markdown(
        f"- **{source['title']}**"
        + (f" ({source['date']})" if source.get("date") else "")
        + (f": {source['description']}" if source.get("description") else "")
    )
st.markdown(
    "For context, the source also describes the IT Ukraine Association, the national association of IT "
    "companies, which speaks for more than 85,000 IT professionals; it is not a regional cluster and is "
    "not on the map."
)

st.header("Methodology")
for line in package.methodology:
    st.markdown(f"- {line}")
st.subheader("Wartime status")
for status, definition in STATUS_DEFINITIONS.items():
    st.markdown(f"- **{STATUS_LABELS[status]}**: {definition}")

st.header("Data completeness")
st.caption("For each column of clusters.csv, how many of the 26 clusters have a value.")
st.dataframe(about.completeness(view.dataset.clusters, clusters), hide_index=True, width="stretch")

st.header("Data dictionary")
st.caption("Generated from data/datapackage.json, the schema that also validates the files.")
for resource in package.tables:
    with st.expander(f"{resource.path}: {resource.title}", expanded=resource.name == "clusters"):
        st.caption(resource.description)
        st.dataframe(about.data_dictionary(resource), hide_index=True, width="stretch")

st.header("Boundaries")
oblasts = package.resource("oblasts")
st.markdown(
    f"{oblasts.description} Natural Earth data are in the public domain. Crimea and Sevastopol are shown "
    "as part of Ukraine, within its internationally recognised borders (UN General Assembly resolution "
    "68/262)."
)
