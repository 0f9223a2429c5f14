"""Data: the filtered table, its downloads, and updating the data for this session."""

import streamlit as st

from itclusters import charts, exports, tables
from itclusters import facts as fact_table
from itclusters.address import Address, to_query
from itclusters.filters import Filters
from itclusters.i18n import N_, _, ngettext, number
from itclusters.text import markdown_literal
from ui import uploads
from ui.components import numbers_table, table_downloads
from ui.downloads import made_by
from ui.fact_table import fact_filters, facts_page, show_facts, show_moves
from ui.navigation import current_view

view = current_view()
clusters = view.clusters
st.title(_("Data"))
st.caption(
    _("{shown} of {total} clusters, as filtered in the sidebar.").format(
        shown=number(len(clusters)), total=number(len(view.dataset.clusters))
    )
    + " "
    + _("'not stated' means the source does not give the value; '300+' means 'more than 300'.")
)

values, labels = tables.screen(clusters)
short = tables.short_labels()
headers, helps = {c: h for c, (h, _full) in short.items()}, {c: full for c, (_h, full) in short.items()}
numbers_table(values, labels, tables.widths(), helps, key="clusters_table", headers=headers)
st.caption(_("Total for the clusters shown:"))
total_values, total_labels = tables.total(clusters)
numbers_table(total_values, total_labels, tables.total_widths(), key="clusters_total")

geojson = table_downloads(
    exports.schema_columns(clusters),
    N_("it-clusters"),
    N_("Clusters"),
    csv_help=_("The CSV keeps the column names of data/clusters.csv, so it can be uploaded back or joined."),
    title=_("Ukraine's IT clusters"),
    filters=view.summary,
    resource="clusters",
)
geojson_name = _("it-clusters.geojson")
geojson.download_button(
    _("Download GeoJSON"),
    data=made_by(geojson_name, "itclusters.exports:geojson_bytes", clusters),
    file_name=geojson_name,
    mime="application/geo+json",
    on_click="ignore",
)
st.caption(
    _(
        "Downloads hold the published columns of data/clusters.csv: the CSV and GeoJSON under its column "
        "names, the Excel file under their titles in the language of this page. In CSV and Excel, text that a "
        "spreadsheet would read as a formula (starting with =, +, -, @) is prefixed with an apostrophe."
    )
)

st.header(_("Facts"))
facts = fact_table.shown_facts(view.dataset.facts, clusters, unfiltered=view.filters == Filters())
st.caption(
    _(
        "Every other fact the source gives, one per row: {n} for the clusters shown, national context "
        "included when nothing is filtered. The scope says whose figure it is: a city's IT workforce is "
        "not the cluster's."
    ).format(n=len(facts))
)
every_move = fact_table.filter_relocations(view.dataset.relocations, clusters)
chosen_by = fact_filters(facts, every_move, clusters)
chosen = fact_table.filter_facts(
    facts, clusters, chosen_by.topics, chosen_by.cluster_ids, chosen_by.scopes, chosen_by.query
)
st.caption(markdown_literal(fact_table.count_line(len(chosen), len(facts), chosen_by.described())))
# The link opens a new tab, a new session: the address carries the view (its filters, language).
about_query = to_query(Address(filters=view.filters, present=view.present, lang=view.address.lang))
rows = facts_page(len(chosen), chosen_by)  # a page at a time; the download below has every fact chosen
show_facts(fact_table.facts_table(chosen.iloc[rows], clusters, view.dataset.relocations, about_query))
table_downloads(
    exports.facts_download(chosen, view.dataset.clusters),
    N_("it-cluster-facts"),
    N_("Facts"),
    csv_help=_("The CSV keeps the column names of data/facts.csv, with a label column beside each code."),
    resource="facts",
)
st.caption(
    _(
        "The facts download holds the facts as filtered, with the published columns of data/facts.csv and, "
        "beside each code, its label in the language of this page; numbers stay numbers. The CSV keeps the "
        "file's column names; the Excel file heads them with their titles."
    )
)

st.subheader(_("Relocations"))
if every_move.empty:
    st.caption(_("None of the shown clusters has a reported relocation."))
else:
    moves = fact_table.filter_relocations(every_move, clusters, chosen_by.cluster_ids, chosen_by.query)
    labels = [chosen_by.cluster_labels[c] for c in chosen_by.cluster_ids]
    line = fact_table.moves_line(len(moves), len(every_move), labels, chosen_by.query)
    why = _("The cluster filter and the search above apply here; topic and scope do not, as a move has neither.")
    st.caption(markdown_literal(line) + " · " + why)
    if not moves.empty:
        show_moves(charts.relocation_table(clusters, moves))

st.header(_("Update the data"))
st.markdown(
    _(
        "Upload an edited **clusters.csv** (and, if you changed them, **relocations.csv** and **facts.csv**). "
        "The files are checked "
        "against the same schema as the published data. Valid files are used in this browser session only: "
        "nothing is written to the server and no one else sees them."
    )
)
if view.published is not None:
    st.download_button(
        _("Download the template (published clusters.csv)"),
        data=made_by("clusters.csv", "itclusters.exports:csv_bytes", exports.schema_columns(view.published.clusters)),
        file_name="clusters.csv",
        mime="text/csv",
        on_click="ignore",
    )
left, middle, right = st.columns(3)
uploaded = {
    "clusters": left.file_uploader("clusters.csv", type=["csv"], key="upload_clusters"),
    "relocations": middle.file_uploader(_("relocations.csv (optional)"), type=["csv"], key="upload_relocations"),
    "facts": right.file_uploader(_("facts.csv (optional)"), type=["csv"], key="upload_facts"),
}
files = {name: f for name, f in uploaded.items() if f is not None}
if files:
    too_big = [
        _("{file} is {size:.1f} MB").format(file=f.name, size=f.size / 1e6)
        for f in files.values()
        if f.size > uploads.MAX_UPLOAD_BYTES
    ]
    if too_big:
        limit = _("the limit is 2 MB. Upload the CSV alone, without images.")
        st.error(markdown_literal("; ".join(too_big) + ": " + limit))
    else:
        contents = {name: f.getvalue() for name, f in files.items()}
        result = uploads.check(contents)
        if result.errors:
            st.error(
                _("The upload has {n} problem(s) and was not used. Fix them and upload again.").format(
                    n=len(result.errors)
                )
            )
        elif uploads.active() != contents:
            n = len(result.dataset.clusters)
            st.success(
                ngettext("The upload is valid: {n} cluster.", "The upload is valid: {n} clusters.", n).format(n=n)
            )
            st.button(
                _("Use the uploaded data in this session"), on_click=uploads.use, args=(contents,), type="primary"
            )
        if result.problems:
            st.dataframe(exports.problem_table(result.problems), hide_index=True, width="stretch")
            st.download_button(
                _("Download the problem list (CSV)"),
                data=made_by(_("upload-problems.csv"), "itclusters.exports:problems_csv", result.problems),
                file_name=_("upload-problems.csv"),
                mime="text/csv",
                on_click="ignore",
            )
