"""Oblast boundaries: complete, clean, small, reproducible, and consistent with the dataset."""

import json
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from itclusters.geo import OBLASTS_PATH, load_oblasts

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
import build_geo  # noqa: E402


@pytest.fixture(scope="module")
def units():
    collection, problems = load_oblasts()
    assert problems == []
    return {f["properties"]["iso"]: (f["properties"], shape(f["geometry"])) for f in collection["features"]}


@pytest.fixture(scope="module")
def natural_earth():
    """The build's source, fetched from Debian's qgis-common package if not present."""
    return build_geo.find_source()


def test_27_valid_units_matching_the_regions_table(units, dataset):
    assert len(units) == 27
    assert all(geom.is_valid and geom.area > 0 for _, geom in units.values())
    regions = dataset.regions.set_index("iso")
    for iso, (props, _) in units.items():
        assert props["name_en"] == regions.at[iso, "name_en"]
        assert props["name_uk"] == regions.at[iso, "name_uk"]
        assert props["macro_region"] == regions.at[iso, "macro_region"]
    assert set(units) == set(regions.index)


def test_crimea_and_sevastopol_are_part_of_ukraine(units):
    assert units["UA-43"][0]["name_en"] == "Autonomous Republic of Crimea"
    assert units["UA-40"][0]["name_uk"] == "місто Севастополь"
    assert units["UA-43"][1].contains(Point(34.10, 44.95))  # Simferopol
    assert units["UA-40"][1].contains(Point(33.52, 44.60))  # Sevastopol


def test_official_transliteration(units):
    names = {props["name_en"] for props, _ in units.values()}
    assert {"Kyiv City", "Lviv Oblast", "Odesa Oblast", "Vinnytsia Oblast", "Zaporizhzhia Oblast"} <= names
    assert not any(old in " ".join(names) for old in ("Kiev", "L'viv", "Odessa", "Vinnytsya", "Zaporizhzhya"))


def test_neighbours_neither_overlap_nor_leave_gaps(units, natural_earth):
    geoms = [geom for _, geom in units.values()]
    assert shapely.coverage_is_valid(geoms)
    outline = shapely.union_all(geoms)
    source_outline = shapely.union_all(list(build_geo.read_units(natural_earth).values()))
    # The union of the units is Ukraine's outline: within 0.5 % of the source's, and no holes
    # except the rounding noise between neighbours would show as interior rings.
    assert outline.symmetric_difference(source_outline).area / source_outline.area < 0.005
    parts = list(getattr(outline, "geoms", [outline]))
    assert sum(len(p.interiors) for p in parts) == 0


def test_file_is_small():
    assert OBLASTS_PATH.stat().st_size <= 150_000


def test_build_reproduces_the_committed_file(natural_earth):
    assert build_geo.build(natural_earth) == OBLASTS_PATH.read_text(encoding="utf-8")


def assert_in_unit(units, iso, lon, lat, what):
    """Inside the unit, or (for a riverside centre such as Kherson's, which the 1:10m outline
    leaves in the Dnipro) within 1 km of it and nearer to it than to any other unit."""
    point = Point(lon, lat)
    distances = {code: geom.distance(point) for code, (_, geom) in units.items()}
    assert min(distances, key=distances.get) == iso, what
    assert units[iso][1].contains(point) or distances[iso] < 0.01, what


def test_every_cluster_lies_in_its_oblast(units, dataset):
    for row in dataset.clusters.itertuples():
        assert_in_unit(units, row.oblast_iso, row.lon, row.lat, row.id)
    inside = sum(units[r.oblast_iso][1].contains(Point(r.lon, r.lat)) for r in dataset.clusters.itertuples())
    assert inside >= 25  # only Kherson sits on the river boundary


def test_every_relocation_and_hub_lies_in_its_unit(units, dataset):
    for row in dataset.relocations.itertuples():
        assert_in_unit(units, row.to_oblast_iso, row.to_lon, row.to_lat, row.to_city)
    for row in dataset.hubs.itertuples():
        assert_in_unit(units, row.oblast_iso, row.lon, row.lat, row.id)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "geo/oblasts.geojson: the file is missing; the map is drawn without boundaries"),
        (
            "",
            "geo/oblasts.geojson: cannot be read (Expecting value: line 1 column 1 (char 0)); "
            "the map is drawn without boundaries",
        ),
        (
            '{"type": "FeatureCollection", "features": []}',
            "geo/oblasts.geojson: has no features; the map is drawn without boundaries",
        ),
        (
            '{"features": [{"properties": {"iso": "UA-05"}, "geometry": {}}]}',
            "geo/oblasts.geojson: feature 1 lacks name_en, name_uk, macro_region; the map is drawn without boundaries",
        ),
    ],
)
def test_unusable_boundaries_are_reported(tmp_path, content, message):
    path = tmp_path / "oblasts.geojson"
    if content is not None:
        path.write_text(content)
    collection, problems = load_oblasts(path)
    assert collection is None
    assert [str(p) for p in problems] == [message]


def test_committed_file_is_geojson(units):
    data = json.loads(OBLASTS_PATH.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
