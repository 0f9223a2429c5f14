"""Downloads: published columns, formulas neutralised, unknowns empty (not zero)."""

import io
import json

import pandas as pd
from openpyxl import load_workbook

from itclusters import about, exports
from itclusters.i18n import override
from itclusters.text import neutralise_cell
from itclusters.validation import Problem


def test_formula_cells_are_neutralised():
    for dangerous in ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise_cell(dangerous) == "'" + dangerous
    assert neutralise_cell("Lviv") == "Lviv" and neutralise_cell(5) == 5


def test_csv_download_round_trips_and_neutralises(dataset):
    frame = exports.schema_columns(dataset.clusters).copy()
    frame.loc[0, "name"] = '=HYPERLINK("http://x")'
    data = exports.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back.loc[0, "name"] == '\'=HYPERLINK("http://x")'
    assert list(back.columns) == list(frame.columns) and len(back) == 26
    assert pd.isna(back.set_index("id").loc["poltava-it-cluster", "member_companies"])


def test_excel_download(dataset):
    frame = exports.schema_columns(dataset.clusters).copy()
    frame.loc[1, "head"] = "@evil"
    back = pd.read_excel(io.BytesIO(exports.excel_bytes(frame)), sheet_name="clusters")
    assert back.loc[1, "head"] == "'@evil" and len(back) == 26


def test_geojson_download(dataset):
    data = json.loads(exports.geojson_bytes(dataset.clusters.head(3)))
    assert len(data["features"]) == 3
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [24.0297, 49.8397]
    assert feature["properties"]["member_companies"] == 300
    assert feature["properties"]["educational_members"] is None


def test_readable_table_says_not_stated(dataset):
    table = exports.readable_table(dataset.clusters).set_index("Cluster")
    assert table.loc["Poltava IT Cluster", "Member companies"] == "not stated"
    assert table.loc["Lviv IT Cluster", "Member companies"] == "300+"
    assert table.loc["Odesa IT Family", "Founded"] == "2020 (derived)"


def test_every_column_is_documented(package):
    for resource in package.tables:
        dictionary = about.data_dictionary(resource)
        assert (dictionary["Description"].str.len() > 10).all(), resource.name
        assert (dictionary["Title"].str.len() > 0).all()


def test_completeness_counts_values(dataset, package):
    table = about.completeness(dataset.clusters, package.resource("clusters")).set_index("Column")
    assert table.loc["id", "Stated"] == 26
    assert table.loc["member_companies", "Stated"] == 18
    assert table.loc["founded_year", "Not stated"] == 7


def test_standalone_map_inlines_everything(dataset):
    from itclusters import maps
    from itclusters.geo import load_oblasts

    oblasts, _ = load_oblasts()
    fmap = maps.build_map(dataset.clusters.head(5), boundaries=oblasts, relocations=dataset.relocations)
    html = exports.standalone_map_html(fmap, "Ukraine's IT clusters")
    assert "<script src=" not in html and "<link" not in html
    assert "L.Map = Map" in html or "window.L" in html  # Leaflet itself is inside
    assert ".leaflet-pane" in html and ".leaflet-tooltip" in html  # and its stylesheet
    assert html.count('"itc-cluster itc-') == 5
    assert "Donetsk Oblast" in html  # the boundaries are inlined, not fetched
    assert "<title>Ukraine&#x27;s IT clusters</title>" in html


def test_presentation_pack(dataset, package):
    import zipfile
    from datetime import date

    from itclusters import charts

    shown = dataset.clusters[dataset.clusters["macro_region"] == "east"]
    summary = exports.pack_summary("region: East", len(shown), 26, package, date(2026, 11, 29))
    data = exports.presentation_pack("<html>map</html>", charts.all_charts(shown), shown, summary)
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        names = set(pack.namelist())
        assert {i.compress_type for i in pack.infolist()} == {zipfile.ZIP_DEFLATED}
        assert {
            "map.html",
            "README.txt",
            "data/it-clusters.csv",
            "charts/clusters-by-status.png",
            "charts/founding-timeline.png",
            "charts/member-companies-per-cluster.png",
        } <= names
        readme = pack.read("README.txt").decode()
        assert "Filters: region: East (7 of 26 clusters)." in readme and "2026-11-29" in readme
        assert "IT clusters in Ukraine" in readme
        assert pack.read("charts/clusters-by-status.png")[:4] == b"\x89PNG"
        assert len(pd.read_csv(pack.open("data/it-clusters.csv"))) == 7


def test_readable_table_columns_and_rows_in_both_languages(dataset):
    lviv = dataset.clusters[dataset.clusters["id"].isin(["lviv-it-cluster", "poltava-it-cluster"])]
    table = exports.readable_table(lviv)
    assert list(table.columns) == [
        "Cluster",
        "City",
        "Oblast",
        "Status",
        "Founded",
        "Member companies",
        "Professionals",
        "Educational members",
        "Head",
        "Source section",
    ]
    assert table.iloc[0].tolist() == [
        "Lviv IT Cluster",
        "Lviv (Львів)",
        "Lviv Oblast",
        "Active",
        "2011 (hearsay)",
        "300+",
        "100,000+",
        "not stated",
        "Stepan Veselovsky, CEO",
        1,
    ]
    assert table.iloc[1]["Member companies"] == "not stated" and table.iloc[1]["Status"] == "No recent information"
    nobody = exports.readable_table(dataset.clusters[dataset.clusters["id"] == "mykolaiv-it-cluster"])
    assert nobody.iloc[0]["Head"] == "not stated"
    with override("uk"):
        uk = exports.readable_table(lviv)
    assert list(uk.columns)[:5] == ["Кластер", "Місто", "Область", "Статус", "Засновано"]
    assert uk.iloc[0].tolist()[:5] == [
        "Lviv IT Cluster",
        "Львів (Lviv)",
        "Львівська область",
        "Діє",
        "2011 (неофіційно)",
    ]
    assert uk.iloc[0]["Фахівці"] == "100\u202f000+"


def test_geojson_holds_every_published_column_as_typed_properties(dataset):
    two = dataset.clusters[dataset.clusters["id"].isin(["lviv-it-cluster", "poltava-it-cluster"])]
    collection = json.loads(exports.geojson_bytes(two))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    lviv, poltava = collection["features"]
    assert lviv["type"] == "Feature"
    assert lviv["geometry"] == {"type": "Point", "coordinates": [24.0297, 49.8397]}
    assert list(lviv["properties"]) == exports.schema_columns(two).columns.tolist()
    assert lviv["properties"]["member_companies"] == 300 and lviv["properties"]["founded_basis"] == "hearsay"
    assert poltava["properties"]["member_companies"] is None  # not stated: null, never 0
    assert exports.geojson_bytes(two).decode().count("Львів") == 1  # Cyrillic kept as text
    assert exports.geojson_bytes(two).startswith(b'{\n "type": "FeatureCollection",\n "features": [\n  {\n')


def test_pack_summary_says_what_where_and_from_what(package):
    from datetime import date

    from itclusters.schema import Package

    summary = exports.pack_summary("region: East", 5, 26, package, date(2026, 11, 29))
    assert summary == (
        "Ukraine's IT clusters: presentation pack\n"
        "Made on 2026-11-29.\n"
        "Filters: region: East (5 of 26 clusters).\n"
        "Source: IT clusters in Ukraine: how the community lives during the war (2024-10).\n"
        "Boundaries: Natural Earth 1:10m admin-1 (public domain); Crimea and Sevastopol shown as part of Ukraine.\n"
        "Contents: map.html (opens offline in any browser), map.png and map.svg (the same view as a still image), "
        "slides.pptx (the overview story as slides), charts/*.png, data/it-clusters.csv.\n"
        "data/it-clusters.csv keeps the column names of data/clusters.csv (see the About page's data dictionary), "
        "so scripts and spreadsheets read it as the published file.\n"
    )
    bare = Package(title="t", description="", resources=())
    assert "Source:  ().\n" in exports.pack_summary("none", 0, 0, bare, date(2026, 1, 1))
    with override("uk"):
        assert exports.pack_summary("x", 1, 2, package, date(2026, 11, 29)).splitlines()[1] == "Створено 2026-11-29."


def test_problem_table_and_its_csv():
    problems = [Problem("c.csv", 3, "lat", "=1+1", "must be a number"), Problem("c.csv", None, None, None, "empty")]
    table = exports.problem_table(problems)
    assert list(table.columns) == ["severity", "file", "row", "column", "value", "rule"]
    assert str(table["row"].dtype) == "Int64"  # whole row numbers, and no number for a whole-file problem
    assert table.iloc[0].tolist() == ["error", "c.csv", 3, "lat", "=1+1", "must be a number"]
    assert table["row"].isna().tolist() == [False, True]
    empty = exports.problem_table([])
    assert list(empty.columns) == list(table.columns) and empty.empty
    text = exports.problems_csv(problems).decode("utf-8-sig")
    assert text.splitlines() == [
        "severity,file,row,column,value,rule",
        "error,c.csv,3,lat,'=1+1,must be a number",  # a formula in a value is neutralised
        "error,c.csv,,,,empty",
    ]


def test_csv_and_excel_hold_the_table_and_nothing_else():
    import openpyxl

    frame = pd.DataFrame({"name": ["=HYPERLINK()", "Київ"], "members": [3, None]})
    data = exports.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8 Cyrillic correctly
    assert data.decode("utf-8-sig").splitlines() == ["name,members", "'=HYPERLINK(),3.0", "Київ,"]
    book = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame)))
    assert book.sheetnames == ["About", "clusters"] and book.active.title == "clusters"  # opens on the table
    rows = [[c.value for c in row] for row in book["clusters"].iter_rows()]
    assert rows == [["name", "members"], ["'=HYPERLINK()", 3], ["Київ", None]]  # 3 a number, None empty
    assert openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame, sheet="facts"))).sheetnames[1] == "facts"


def test_the_pack_carries_the_other_files_it_is_given(dataset):
    import zipfile

    shown = dataset.clusters.head(2)
    files = {"map.png": b"\x89PNG still", "slides.pptx": b"PK deck"}
    data = exports.presentation_pack("<html>map</html>", {}, shown, "note", files)
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        assert pack.read("map.png") == b"\x89PNG still" and pack.read("slides.pptx") == b"PK deck"
        assert pack.read("README.txt") == b"note"


def test_the_maps_table_lists_what_it_shows_as_text(dataset):
    """The map's text alternative: a row per cluster with what its circle encodes, escaped."""
    west = dataset.clusters[dataset.clusters["macro_region"] == "west"]
    hostile = west.assign(name=west["name"].where(west["id"] != "lviv-it-cluster", "<b onmouseover=x>`${1}`</b>"))
    html = exports.map_table_html(hostile)
    assert html.count("<tr>") == len(west) + 1 and html.count('<th scope="col">') == 5
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;" in html
    assert "<td>300+</td>" in html and "<td>not stated</td>" in html and "<td>Active</td>" in html
    with override("uk"):
        assert "Діє" in exports.map_table_html(west) and "Львів" in exports.map_table_html(west)


def test_the_maps_table_is_one_plain_table_of_header_and_rows(dataset):
    two = dataset.clusters[dataset.clusters["id"].isin(["lviv-it-cluster", "reactor-luhanshchyna"])]
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Cluster", "City", "Oblast", "Status", "Member companies"))
    rows = [
        ("Lviv IT Cluster", "Lviv (Львів)", "Lviv Oblast", "Active", "300+"),
        (
            "IT-cluster «Reactor» Luhanshchyna",
            "Lysychansk (Лисичанськ)",
            "Luhansk Oblast",
            "No recent information",
            "not stated",
        ),
    ]
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    assert exports.map_table_html(two) == (
        f'<table class="itc-map-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


# -- The facts download ------------------------------------------------------------------------


def test_the_facts_download_puts_each_codes_label_beside_it(dataset):
    table = exports.facts_download(dataset.facts, dataset.clusters)
    assert list(table.columns) == [
        "fact_id", "cluster_id", "cluster_name", "topic", "topic_label", "measure", "measure_label", "subject",
        "subject_uk", "value", "value_bound", "unit", "unit_label", "period_kind", "period_date", "period_end",
        "frequency", "frequency_bound", "period_label", "scope", "scope_label", "note", "note_uk", "source_section",
    ]  # fmt: skip
    row = table.set_index("fact_id").loc["cherkasy-it-specialists"]
    assert (row["cluster_name"], row["topic_label"], row["measure_label"], row["unit_label"]) == (
        "Cherkasy IT Cluster",
        "IT workforce",
        "IT specialists",
        "people",
    )
    assert row["scope_label"] == "Cherkasy Oblast as a whole" and row["value"] == 7000
    national = table.set_index("fact_id").loc["intro-active-it-companies"]
    assert pd.isna(national["cluster_name"]) and national["scope_label"] == "Ukraine as a whole"
    with override("uk"):
        uk = exports.facts_download(dataset.facts, dataset.clusters).set_index("fact_id").loc["cherkasy-it-specialists"]
    assert (uk["topic_label"], uk["measure_label"], uk["unit_label"], uk["scope_label"]) == (
        "ІТ-кадри",
        "ІТ-фахівці",
        "осіб",
        "Черкаська область загалом",
    )
    assert uk["topic"] == "workforce"  # the codes stay codes in every language
    assert (row["period_label"], uk["period_label"]) == ("2023", "2023")


def test_the_facts_download_keeps_whole_numbers_whole(dataset):
    table = exports.facts_download(dataset.facts, dataset.clusters)
    text = exports.csv_bytes(table).decode("utf-8-sig")
    assert ",2300,at_least," in text and ",14060000000,exact," in text and ".0," not in text
    sheet = load_workbook(io.BytesIO(exports.excel_bytes(table, sheet="facts"))).active
    at = list(table.columns).index("value")
    values = {row[0]: row[at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["intro-active-it-companies"] == 2300 and isinstance(values["intro-active-it-companies"], int)
    assert values["intro-study-presented"] is None  # no number: an empty cell, not 0
    # A fraction stays a fraction beside whole numbers; missing stays missing.
    mixed = exports.whole_numbers(pd.Series([14.06, 2300.0, None], dtype="Float64"))
    assert mixed.tolist() == [14.06, 2300, None] and isinstance(mixed[1], int)


def test_the_facts_download_neutralises_formulas_and_keeps_text_literal(dataset):
    facts = dataset.facts.head(4).copy()
    hostile = ['=HYPERLINK("x")', "<script>alert(1)</script>", "**bold**", "[l](javascript:x)"]
    facts["note"] = hostile
    clusters = dataset.clusters.copy()
    facts["cluster_id"] = "lviv-it-cluster"
    clusters.loc[clusters["id"] == "lviv-it-cluster", "name"] = "=cmd|' /C calc'!A0"
    table = exports.facts_download(facts, clusters)
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(table)), encoding="utf-8-sig")
    assert back["note"].tolist() == ["'" + hostile[0], *hostile[1:]]
    assert set(back["cluster_name"]) == {"'=cmd|' /C calc'!A0"}
    sheet = pd.read_excel(io.BytesIO(exports.excel_bytes(table, sheet="facts")), sheet_name="facts")
    assert sheet["note"].tolist() == ["'" + hostile[0], *hostile[1:]]
