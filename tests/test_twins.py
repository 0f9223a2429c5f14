"""The data's free text in Ukrainian: every English note has a Ukrainian twin, which the schema
marks (x-translationOf), validation checks, and every place that shows the note picks by language."""

import re
import shutil

import pandas as pd
import pytest

from itclusters import maps, profile
from itclusters.data import load_dataset
from itclusters.i18n import override
from itclusters.schema import DATA_DIR
from itclusters.text import localised, localised_column

CYRILLIC = re.compile("[\u0400-\u04ff]")
# Digits as a number is written in either language: 10,000 and 10 000 are one number.
NUMBER = re.compile(r"\d+(?:[,\u00a0\u202f ]\d{3})*")


def numbers(text: str) -> list[str]:
    return sorted(re.sub(r"\D", "", n) for n in NUMBER.findall(text))


def twin_pairs(dataset, package):
    """(table, row id, original column, English text, Ukrainian text) for every twin of every row."""
    frames = {
        "clusters": dataset.clusters,
        "relocations": dataset.relocations,
        "hubs": dataset.hubs,
        "facts": dataset.facts,
    }
    for name, frame in frames.items():
        resource = package.resource(name)
        key = resource.primary_key[0] if resource.primary_key else None
        for twin in resource.twins:
            for index, row in frame.iterrows():
                who = row[key] if key else f"row {index + 2}"
                yield name, who, twin.translation_of, row[twin.translation_of], row[twin.name]


def test_twins_are_marked_in_the_schema_and_found_from_it(package):
    """Each twin names a text column of its own table and the language; one column name has one
    twin in every table, so the code can find it by name alone."""
    seen = {}
    for table in package.tables:
        for twin in table.twins:
            original = table.field(twin.translation_of)
            assert (original.type, twin.type, twin.language) == ("string", "string", "uk"), twin.name
            assert twin.name == f"{original.name}_uk" and not twin.required, twin.name
            assert table.twin(original.name, "uk") == twin.name
            assert seen.setdefault(original.name, twin.name) == twin.name
    assert package.twins("uk") == seen
    assert set(seen) == {
        "founded_note",
        "members_note",
        "status_note",
        "head",
        "location_note",
        "note",
        "subject",
        "from_city",
    }
    assert package.twins("en") == {}


def test_every_shipped_text_has_its_ukrainian_twin(dataset, package):
    """A row with English text and no Ukrainian twin fails here; so does a twin without its original."""
    lonely = [
        (table, who, column)
        for table, who, column, english, ukrainian in twin_pairs(dataset, package)
        if pd.isna(english) != pd.isna(ukrainian)
    ]
    assert lonely == []
    assert sum(1 for *_r, english, _uk in twin_pairs(dataset, package) if pd.notna(english)) > 200


def test_a_twin_is_ukrainian_and_keeps_its_originals_numbers(dataset, package):
    """The translation keeps every number (10,000 and 10 000 alike) and is written in Ukrainian; a
    subject that is a name (IT Arena) stays the name."""
    for table, who, column, english, ukrainian in twin_pairs(dataset, package):
        if pd.isna(english):
            continue
        assert numbers(english) == numbers(ukrainian), (table, who, column)
        if column == "subject" and english == ukrainian:
            continue
        assert CYRILLIC.search(ukrainian), (table, who, column)
    facts = dataset.facts.set_index("fact_id")
    assert facts.loc["lviv-it-arena", "subject_uk"] == "IT Arena"
    assert facts.loc["chernivtsi-breakfasts", "subject_uk"] == "IT-сніданки"


def test_heads_keep_the_name_as_the_source_spells_it(dataset):
    """Only the role is translated: the name, before the comma, is the source's spelling."""
    heads = dataset.clusters.dropna(subset=["head"])
    for english, ukrainian in zip(heads["head"], heads["head_uk"]):
        assert english.split(", ")[0] == ukrainian.split(", ")[0], english
    lviv = dataset.clusters.set_index("id").loc["lviv-it-cluster"]
    assert lviv["head_uk"] == "Stepan Veselovsky, генеральний директор"


def test_localised_picks_the_readers_language(dataset):
    """The twin in Ukrainian, the English in English; a missing or empty twin shows the English,
    marked; an empty note stays empty. Rows come as Series, dicts and itertuples' named tuples."""
    row = dataset.clusters.set_index("id", drop=False).loc["kyiv-it-cluster"]
    english = "A new team took over in September 2024 and is preparing a 2025 strategy."
    ukrainian = "У вересні 2024 року роботу перебрала нова команда, яка готує стратегію на 2025 рік."
    assert localised(row, "status_note", "en") == english
    assert localised(row, "status_note", "uk") == ukrainian
    with override("uk"):
        assert localised(row, "status_note") == ukrainian
        assert localised(row.to_dict(), "status_note") == ukrainian
        assert localised(row.drop("status_note_uk"), "status_note") == f"{english} (англ.)"
        assert localised(row.to_dict() | {"status_note_uk": None}, "status_note") == f"{english} (англ.)"
        assert localised(row.to_dict() | {"status_note_uk": " "}, "status_note") == f"{english} (англ.)"
        assert localised(row, "location_note") is None
        assert localised(row, "name") == "Kyiv IT Cluster"  # no twin: as it is
        [move] = list(dataset.relocations.iloc[[2]].itertuples())
        assert localised(move, "from_city") == "Краматорськ"
    with override("en"):
        assert localised(row, "status_note") == english
        assert localised(row.drop("status_note_uk"), "status_note") == english  # nothing to mark


def test_localised_column_is_localised_row_by_row(dataset):
    clusters = dataset.clusters.copy()
    clusters.loc[clusters.index[:3], "status_note_uk"] = pd.NA  # three without a twin
    for lang in ("en", "uk"):
        for column in ("status_note", "location_note", "head"):
            expected = [localised(row, column, lang) for _i, row in clusters.iterrows()]
            assert localised_column(clusters, column, lang).tolist() == expected
    without = clusters.drop(columns=["status_note_uk"])
    assert localised_column(without, "status_note", "uk").str.endswith(" (англ.)").all()


def test_the_profile_and_the_arrows_show_the_twin_in_ukrainian(dataset):
    clusters = dataset.clusters.set_index("id", drop=False)
    row = clusters.loc["east-ukrainian-technocluster"]
    placed = maps.display_positions(dataset.clusters)
    moves = dataset.relocations[dataset.relocations["cluster_id"] == row["id"]]
    with override("uk"):
        html = profile.profile_html(row, dataset.relocations, dataset.clusters, dataset.facts)
        [[_lines, tip]] = maps._arrows(moves, placed)
    assert "2022 року евакуювався з Краматорська" in html and "Evacuated" not in html
    assert "Pavlo Zaitsev, керівник" in html and "Краматорськ → Львів (2022): Відновив роботу" in html
    assert "Його керівник назвав спільною метою" in html  # a fact's note
    assert tip == "<div>EastUkrainian Technocluster: Краматорськ → Львів (2022)</div>"
    with override("en"):
        html = profile.profile_html(row, dataset.relocations, dataset.clusters, dataset.facts)
    assert "Evacuated from Kramatorsk in 2022" in html and "евакуювався" not in html
    assert "Pavlo Zaitsev, Head" in html and "Kramatorsk → Lviv (2022): Resumed work" in html


def _data_copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def _rewrite(path, change):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False)


@pytest.mark.parametrize("how", ["column missing", "column empty"])
def test_an_older_file_without_twins_loads_and_shows_english_marked(tmp_path, how):
    """A file from before the twins (the columns left out) or with them blank loads without a
    problem, and the Ukrainian interface shows the English text, marked as English."""
    data = _data_copy(tmp_path)
    for name, twins in (
        ("clusters", ["founded_note_uk", "members_note_uk", "status_note_uk", "head_uk", "location_note_uk"]),
        ("relocations", ["from_city_uk", "note_uk"]),
        ("facts", ["subject_uk", "note_uk"]),
    ):
        if how == "column missing":
            _rewrite(data / f"{name}.csv", lambda f, t=twins: f.drop(columns=t))
        else:
            _rewrite(data / f"{name}.csv", lambda f, t=twins: f.assign(**dict.fromkeys(t, "")))
    result = load_dataset(data)
    assert result.problems == []
    clusters = result.dataset.clusters.set_index("id", drop=False)
    row = clusters.loc["mrpl-it-cluster"]
    with override("uk"):
        entries = profile.profile_facts(row, result.dataset.relocations, result.dataset.clusters)
    facts = dict(entries)
    status = facts["Примітка до статусу"]
    assert status.startswith("Members left Mariupol") and status.endswith(" (англ.)")
    assert facts["Керівник"] == "Andriy Gadashevych, Director and co-founder (англ.)"
    moves = [value for label, value in entries if label == "Релокація"]
    assert moves[0] == (
        "Mariupol (англ.) → Хмельницький (2022): Part of the team is based here; "
        "other members moved to cities in Ukraine and abroad. (англ.)"
    )
    with override("en"):
        facts = dict(profile.profile_facts(row, result.dataset.relocations, result.dataset.clusters))
    assert facts["Head"] == "Andriy Gadashevych, Director and co-founder"


def test_a_twin_without_its_original_is_a_problem(tmp_path):
    """Named with its file, row, column and value: a translation of nothing is a slip."""
    data = _data_copy(tmp_path)

    def change(frame):
        frame.loc[frame["id"] == "it-hub-kherson", "location_note_uk"] = "Десь на півдні"
        return frame

    _rewrite(data / "clusters.csv", change)
    result = load_dataset(data)
    assert result.dataset is None
    assert [str(p) for p in result.errors] == [
        "clusters.csv, row 21, column location_note_uk: 'Десь на півдні': must be empty when location_note "
        "is empty: it is the uk text of location_note"
    ]
