"""About: what the dashboard shows, where the facts come from, and how they were recorded."""

import streamlit as st

from itclusters import about
from itclusters.i18n import _, language
from itclusters.schema import load_package, source_text
from itclusters.style import STATUSES, status_definition, status_label
from itclusters.text import markdown_literal
from ui.navigation import current_view

view = current_view()
lang = language()
package = load_package()
clusters = package.resource("clusters")

st.title(_("About"))
st.markdown(
    _(
        "This dashboard maps Ukraine's regional IT clusters: associations of IT companies, universities and "
        "partners that grew up in Ukraine's cities from 2011 on. It shows where the 26 clusters of a late-2024 "
        "overview are, how many members they have, when they were founded, and what the full-scale war did to "
        "them. Filters in the sidebar apply to every page and are kept in the address, so a copied link shows "
        "the same view."
    )
)

st.header(_("Source"))
for source in package.sources:  # its title as the source gives it; the rest in the reader's language
    description = source_text(source, "description", lang)
    st.markdown(
        f"- **{source_text(source, 'title', lang)}**"
        + (f" ({source['date']})" if source.get("date") else "")
        + (f": {description}" if description else "")
    )
st.markdown(
    _(
        "For context, the source also describes the IT Ukraine Association, the national association of IT "
        "companies, which speaks for more than 85,000 IT professionals; it is not a regional cluster and is "
        "not on the map."
    )
)

st.header(_("Methodology"))
for line in package.text("methodology", lang):
    st.markdown(f"- {line}")
st.subheader(_("Wartime status"))
for status in STATUSES:
    st.markdown(f"- **{status_label(status)}**: {status_definition(status)}")
st.markdown(_("**The status rule.** One rule, applied to every cluster, turns the evidence into a status:"))
for evidence, status, meaning in about.status_rule(clusters):
    st.markdown(f"- {evidence} → **{status}**: {meaning}")

st.header(_("Data completeness"))
st.caption(_("For each column of clusters.csv, how many of the clusters have a value."))
st.dataframe(about.completeness(view.dataset.clusters, clusters), hide_index=True, width="stretch")

st.header(_("Data dictionary"))
st.caption(_("Generated from data/datapackage.json, the schema that also validates the files."))
for resource in package.tables:
    with st.expander(f"{resource.path}: {resource.text('title', lang)}", expanded=resource.name == "clusters"):
        st.caption(resource.text("description", lang))
        st.dataframe(about.data_dictionary(resource), hide_index=True, width="stretch")

st.header(_("Boundaries"))
st.markdown(
    _(
        "Oblast boundaries: Natural Earth 1:10m admin-1 states and provinces, public domain, simplified with "
        "shared borders kept and built reproducibly by scripts/build_geo.py. Crimea and Sevastopol are shown "
        "as part of Ukraine, within its internationally recognised borders (UN General Assembly resolution "
        "68/262)."
    )
)

st.header(_("Source sections"))
st.caption(
    _(
        "The parts of the source the data cites, in the source's order, each numbered section with its own "
        "heading. The section of a fact on the Data page links here."
    )
)
sections = about.section_list(about.source_sections())
# Headings, so that each has an anchor Streamlit scrolls to when the address names it (a link from
# the facts table); in smaller type than this page's own sections.
st.html("<style>.st-key-source_sections h3 { font-size: 1.1rem; padding: .3rem 0; }</style>")
with st.container(key="source_sections"):
    for column, part in zip(st.columns(3), about.in_columns(sections, 3)):
        for anchor, title in part:
            column.subheader(markdown_literal(title), anchor=anchor)  # the source's heading: literal
