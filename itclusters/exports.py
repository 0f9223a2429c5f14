"""What users take away: the filtered data (CSV, Excel, GeoJSON, safe to open in a spreadsheet),
the map as one self-contained HTML file, and a presentation pack of all of it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date

import altair as alt
import folium
import pandas as pd

from . import assets
from .charts import chart_png
from .filenames import chart_stem
from .i18n import N_, _, language, number
from .leaflet import Verbatim
from .schema import Package, load_package
from .style import status_label
from .text import escape, format_count, format_year, is_missing, localised_column, neutralise_frame, not_stated


def schema_columns(frame: pd.DataFrame, resource: str = "clusters") -> pd.DataFrame:
    """The published columns of a table only (the data contract), in schema order."""
    return frame[load_package().resource(resource).field_names]


def whole_numbers(values: pd.Series) -> pd.Series:
    """Numbers as a spreadsheet should get them: 2300, not 2300.0; a fraction stays a fraction;
    missing stays empty. (A float column writes every number with '.0'.)"""
    present = values.dropna().astype(float)
    if (present % 1 == 0).all():
        return values.astype("Int64")
    return pd.Series(
        [None if is_missing(v) else int(v) if float(v).is_integer() else float(v) for v in values],
        index=values.index,
        dtype=object,
    )


# Beside each code in the facts download, its label: (new column, the code's column).
FACT_LABELS = (
    ("cluster_name", "cluster_id"),
    ("topic_label", "topic"),
    ("measure_label", "measure"),
    ("unit_label", "unit"),
    ("scope_label", "scope"),
)


def each_once(codes: pd.Series, label: Callable[[str], str]) -> pd.Series:
    """Each code's label, missing where the code is: the label worked out once per distinct code."""
    return codes.map({code: label(code) for code in codes.dropna().unique()}, na_action="ignore").astype(codes.dtype)


def facts_download(facts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The facts as published (the schema's columns, codes included, so a file can be uploaded
    back or joined) with each code's label in the reader's language beside it, and whole numbers
    as integers. The national facts have no cluster, so no cluster name."""
    from .facts import fact_periods, measure_label, scope_phrases, topic_label, unit_label

    by_id = clusters.drop_duplicates("id").set_index("id")
    out = schema_columns(facts, "facts").copy()
    labels = {
        "cluster_name": out["cluster_id"].map(by_id["name"].to_dict(), na_action="ignore"),
        "topic_label": each_once(out["topic"], topic_label),
        "measure_label": each_once(out["measure"], measure_label),
        "unit_label": each_once(out["unit"], unit_label),
        "scope_label": scope_phrases(out, clusters),
    }
    for column, code in FACT_LABELS:
        out.insert(out.columns.get_loc(code) + 1, column, labels[column])
    # The period in words after its columns: 'since 2022-02-24', 'з 24.02.2022'.
    out.insert(out.columns.get_loc("frequency_bound") + 1, "period_label", fact_periods(out))
    out["value"] = whole_numbers(out["value"])
    return out.reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # UTF-8 with BOM, so Excel opens Cyrillic text correctly; formulas neutralised.
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


# The facts download's label columns, headed in the reader's language in a workbook.
LABEL_TITLES = {
    "cluster_name": N_("Cluster name"),
    "topic_label": N_("Topic in words"),
    "measure_label": N_("Measure in words"),
    "unit_label": N_("Unit in words"),
    "scope_label": N_("Scope in words"),
    "period_label": N_("Period in words"),
}


def titled(frame: pd.DataFrame, resource: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A table of a schema's columns headed with their titles in the reader's language, and its
    bound columns under those titles (a count's title -> its bound's title)."""
    from .sheets import bound_columns

    lang = language()
    table = load_package().resource(resource)
    # A reader's table: each text in the reader's language under its column, its twin column gone
    # (the CSV keeps both, as the schema has them).
    frame = frame.copy()
    for twin in table.twins:
        if twin.translation_of in frame.columns:
            frame[twin.translation_of] = localised_column(frame, twin.translation_of, lang)
        frame = frame.drop(columns=twin.name, errors="ignore")
    names = {f.name: f.text("title", lang) for f in table.fields}
    names |= {column: _(title) for column, title in LABEL_TITLES.items()}
    headers = [names.get(c, c) for c in frame.columns]
    headers = [h if headers.count(h) == 1 else f"{h} ({c})" for h, c in zip(headers, frame.columns)]
    names = dict(zip(frame.columns, headers))
    bounds = {names[value]: names[bound] for value, bound in bound_columns(frame, None).items()}
    return frame.set_axis(headers, axis=1), bounds


def excel_bytes(frame: pd.DataFrame, sheet: str = "clusters", resource: str | None = None, **options) -> bytes:
    """A workbook ready for analysis and print (itclusters/sheets.py); `options` are its title,
    filters, total row and bound columns. A table of a schema's columns (`resource`) is headed
    with their titles in the reader's language, and its first sheet says so."""
    from . import sheets

    if resource is not None:
        frame, bounds = titled(frame, resource)
        options["bounds"] = bounds | dict(options.get("bounds") or {})
        path = load_package().resource(resource).path
        options["notes"] = [
            _(
                "The columns are headed with their titles; the CSV download keeps the column names of data/{file}."
            ).format(file=path)
        ]
    return sheets.workbook(frame, sheet, source=source_line(), **options)


def source_line() -> str:
    """The source as a line: its title and date, from datapackage.json."""
    source = load_package().sources[0] if load_package().sources else {}
    return f"{source.get('title', '')} ({source.get('date', '')})"


def geojson_bytes(clusters: pd.DataFrame) -> bytes:
    """One Point feature per cluster with its published columns as properties (empty -> null)."""
    features = []
    for _index, row in schema_columns(clusters).iterrows():
        # The loader's typed columns give plain Python values; a missing one becomes null.
        props = {k: None if is_missing(v) else v for k, v in row.items()}
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [props["lon"], props["lat"]]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode()


def readable_table(clusters: pd.DataFrame) -> pd.DataFrame:
    """The clusters as a reader sees them: 'not stated' for empties, '300+' for bounds."""

    uk = language() == "uk"
    first_city, second_city = ("city_uk", "city") if uk else ("city", "city_uk")

    def counts(column):
        return [format_count(v, b) for v, b in zip(clusters[column], clusters[f"{column}_bound"])]

    return pd.DataFrame(
        {
            _("Cluster"): clusters["name"],
            _("City"): clusters[first_city] + " (" + clusters[second_city] + ")",
            _("Oblast"): clusters["oblast_uk" if uk else "oblast_en"],
            _("Status"): clusters["status"].map(status_label),
            _("Founded"): [format_year(y, b) for y, b in zip(clusters["founded_year"], clusters["founded_basis"])],
            _("Member companies"): counts("member_companies"),
            _("Professionals"): counts("professionals"),
            _("Educational members"): counts("educational_members"),
            _("Head"): localised_column(clusters, "head").fillna(not_stated()),
            _("Source section"): clusters["source_section"],
        }
    ).reset_index(drop=True)


def map_table_html(clusters: pd.DataFrame) -> str:
    """What the map shows, as a table for readers who cannot see it: each cluster's name, city,
    oblast, status and member companies (the circle's colour and size). Every cell is escaped."""
    table = readable_table(clusters)[[_("Cluster"), _("City"), _("Oblast"), _("Status"), _("Member companies")]]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.columns)
    rows = table.itertuples(index=False)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="itc-map-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def problem_table(problems: list) -> pd.DataFrame:
    """Validation problems, one per row: what a data editor needs to find and fix each."""
    columns = ["severity", "file", "row", "column", "value", "rule"]
    return pd.DataFrame([p.as_record() for p in problems], columns=columns).astype({"row": "Int64"})


def problems_csv(problems: list) -> bytes:
    return csv_bytes(problem_table(problems))


def standalone_map_html(map_: folium.Map, title: str) -> str:
    """The map as one HTML file: Leaflet, styles and data inlined, so it opens with no network.

    Build `map_` with the boundaries as data (not a URL) so they are inlined too.
    """
    js, css = assets.leaflet_inline()
    map_.default_js, map_.default_css = [], []
    root = map_.get_root()
    root.header.add_child(Verbatim(f"<title>{escape(title)}</title>"))
    root.header.add_child(Verbatim(f"<style>{css}</style>"))
    root.header.add_child(Verbatim(f"<script>{js}</script>"))
    return root.render()


def presentation_pack(
    map_html: str,
    charts: dict[str, alt.TopLevelMixin],
    clusters: pd.DataFrame,
    summary: str,
    files: dict[str, bytes] | None = None,
) -> bytes:
    """One zip for a slide deck: the map, every chart as PNG, the filtered data, a note, and any
    other files (the still map, the deck: itclusters/outputs.py)."""
    buffer = io.BytesIO()
    names = pack_names()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(names["map.html"], map_html)
        for name, content in (files or {}).items():
            pack.writestr(names.get(name, name), content)
        for name, chart in charts.items():
            pack.writestr(f"{names['charts']}/{chart_stem(name, chart)}.png", chart_png(chart))
        pack.writestr(names["data/it-clusters.csv"], csv_bytes(schema_columns(clusters)))
        pack.writestr(names["README.txt"], summary)
    return buffer.getvalue()


PACK_NAMES = (
    N_("map.html"),
    N_("map.png"),
    N_("map.svg"),
    N_("slides.pptx"),
    N_("charts"),
    N_("data/it-clusters.csv"),
    N_("README.txt"),
)


def pack_names() -> dict[str, str]:
    """The pack's file names in the reader's language, by their English names."""
    return {name: _(name) for name in PACK_NAMES}


def pack_summary(filters_line: str, shown: int, total: int, package: Package, today: date) -> str:
    source = package.sources[0] if package.sources else {}
    names = pack_names()
    return "\n".join(
        [
            _("Ukraine's IT clusters: presentation pack"),
            _("Made on {date}.").format(date=today.isoformat()),
            _("Filters: {filters} ({shown} of {total} clusters).").format(
                filters=filters_line, shown=number(shown), total=number(total)
            ),
            _("Source: {title} ({date}).").format(title=source.get("title", ""), date=source.get("date", "")),
            _(
                "Boundaries: Natural Earth 1:10m admin-1 (public domain); "
                "Crimea and Sevastopol shown as part of Ukraine."
            ),
            _(
                "Contents: {html} (opens offline in any browser), {png} and {svg} (the same view as a "
                "still image), {pptx} (the overview story as slides), {charts}/*.png, {csv}."
            ).format(
                html=names["map.html"],
                png=names["map.png"],
                svg=names["map.svg"],
                pptx=names["slides.pptx"],
                charts=names["charts"],
                csv=names["data/it-clusters.csv"],
            ),
            _(
                "{csv} keeps the column names of data/clusters.csv (see the About page's data dictionary), so "
                "scripts and spreadsheets read it as the published file."
            ).format(csv=names["data/it-clusters.csv"]),
            "",
        ]
    )
