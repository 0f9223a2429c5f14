"""The filter model: URL round trips, bad values rejected with notices, and what passes."""

import pandas as pd
import pytest

from itclusters import filters as flt
from itclusters.i18n import override
from itclusters.style import MACRO_REGIONS, STATUSES

VOCAB = flt.Vocabulary(MACRO_REGIONS, ("UA-05", "UA-14", "UA-46", "UA-63"), STATUSES)


@pytest.mark.parametrize(
    "filters",
    [
        flt.Filters(),
        flt.Filters(oblasts=("UA-46", "UA-63")),
        flt.Filters(regions=("west", "east"), statuses=("relocated",), founded=(2015, 2020)),
        flt.Filters(members=(10, None), q="Львів", include_unknown=False),
        flt.Filters(founded=(None, 2017), members=(10, 100)),
    ],
)
def test_round_trip_through_the_query_string(filters):
    assert flt.from_query(flt.to_query(filters), VOCAB) == flt.Parsed(filters, [])


def test_issue_examples():
    parsed = flt.from_query({"oblast": "UA-46,UA-63", "members": "10-", "founded": "2015-2020"}, VOCAB)
    assert parsed.filters == flt.Filters(oblasts=("UA-46", "UA-63"), founded=(2015, 2020), members=(10, None))
    assert flt.to_query(parsed.filters) == {"oblast": "UA-46,UA-63", "founded": "2015-2020", "members": "10-"}


def test_defaults_make_an_empty_query():
    assert flt.to_query(flt.Filters()) == {}


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"oblast": "UA-99"}, "Ignored oblast='UA-99': not one of UA-05, UA-14, UA-46, UA-63."),
        ({"status": "closed"}, "Ignored status='closed': not one of active, relocated, no_recent_info."),
        ({"region": "mars"}, "Ignored region='mars': not one of west, north, centre, east, south."),
        ({"founded": "twenty"}, "Ignored founded='twenty': expected a range such as 2015-2020, 10- or -100."),
        ({"founded": "2020-2015"}, "Ignored founded='2020-2015': expected a range such as 2015-2020, 10- or -100."),
        ({"members": "-"}, "Ignored members='-': expected a range such as 2015-2020, 10- or -100."),
        ({"unknown": "maybe"}, "Ignored unknown='maybe': expected 0 or 1."),
        ({"q": "x" * 500}, "Shortened the search q to its first 100 characters."),
    ],
)
def test_bad_values_are_dropped_with_a_notice(params, notice):
    parsed = flt.from_query(params, VOCAB)
    assert parsed.notices == [notice]
    assert len(parsed.filters.q) <= 100


def test_valid_values_survive_beside_invalid_ones():
    parsed = flt.from_query({"oblast": ["ua-46,UA-99"], "status": "ACTIVE"}, VOCAB)
    assert parsed.filters.oblasts == ("UA-46",)
    assert parsed.filters.statuses == ("active",)
    assert len(parsed.notices) == 1


def test_very_long_values_are_quoted_short():
    parsed = flt.from_query({"oblast": "<script>" + "x" * 10_000}, VOCAB)
    assert len(parsed.notices[0]) < 200


def ids(frame):
    return set(frame["id"])


def test_oblast_and_status_filters(dataset):
    c = dataset.clusters
    assert ids(flt.apply(c, flt.Filters(oblasts=("UA-46",)))) == {"lviv-it-cluster"}
    assert ids(flt.apply(c, flt.Filters(oblasts=("UA-14",)))) == {
        "mrpl-it-cluster",
        "it-cluster-donbass",
        "east-ukrainian-technocluster",
    }
    relocated = flt.apply(c, flt.Filters(statuses=("relocated",)))
    assert ids(relocated) == {"mrpl-it-cluster", "east-ukrainian-technocluster"}


def test_filters_apply_to_the_home_city(dataset):
    # The technocluster moved to Lviv but is filtered by Kramatorsk, its home.
    assert "east-ukrainian-technocluster" not in ids(flt.apply(dataset.clusters, flt.Filters(oblasts=("UA-46",))))


def test_region_filter(dataset):
    west = flt.apply(dataset.clusters, flt.Filters(regions=("west",)))
    assert set(west["macro_region"]) == {"west"}
    assert {"lviv-it-cluster", "kolomyia-it-cluster", "it-cluster-transcarpathia"} <= ids(west)


def test_unknown_values_stay_under_a_range_unless_excluded(dataset):
    c = dataset.clusters
    with_unknown = flt.apply(c, flt.Filters(members=(100, None)))
    without = flt.apply(c, flt.Filters(members=(100, None), include_unknown=False))
    assert ids(without) == {"lviv-it-cluster", "kharkiv-it-cluster"}
    assert ids(with_unknown) == ids(without) | set(c.loc[c["member_companies"].isna(), "id"])
    # Without any range, unticking the box hides nothing.
    assert len(flt.apply(c, flt.Filters(include_unknown=False))) == 26


def test_founded_range_is_inclusive(dataset):
    shown = flt.apply(dataset.clusters, flt.Filters(founded=(2015, 2015), include_unknown=False))
    assert set(shown["founded_year"]) == {2015} and len(shown) == 5


def test_search_matches_name_and_both_city_spellings(dataset):
    c = dataset.clusters
    assert ids(flt.apply(c, flt.Filters(q="львів"))) == {"lviv-it-cluster"}
    assert ids(flt.apply(c, flt.Filters(q="KRAMATORSK"))) == {"it-cluster-donbass", "east-ukrainian-technocluster"}
    assert ids(flt.apply(c, flt.Filters(q="family"))) == {"odesa-it-family"}
    assert flt.apply(c, flt.Filters(q="(.*")).empty  # literal, not a pattern


def test_describe():
    text = flt.describe(
        flt.Filters(oblasts=("UA-46",), statuses=("relocated",), members=(10, None)), {"UA-46": "Lviv Oblast"}
    )
    assert text == "oblast: Lviv Oblast; status: Relocated; member companies 10-"
    assert flt.describe(flt.Filters()) == "all clusters"
    every = flt.Filters(
        regions=("east", "west"),
        oblasts=("UA-46", "UA-14"),
        statuses=("active", "no_recent_info"),
        founded=(2015, 2020),
        members=(None, 50),
        q="IT <b>",
        include_unknown=False,
    )
    assert flt.describe(every, {"UA-46": "Lviv Oblast"}) == (
        "region: East, West; oblast: Lviv Oblast, UA-14; status: Active, No recent information; founded 2015-2020;"
        " member companies -50; search: IT <b>; values not stated hidden"
    )
    assert flt.describe(flt.Filters(include_unknown=False)) == "all clusters"  # nothing to hide values from
    with override("uk"):
        assert flt.describe(flt.Filters(founded=(2015, None), q="x")) == "засновано 2015-; пошук: x"


VOCABULARY = flt.Vocabulary(MACRO_REGIONS, ("UA-46", "UA-14"), STATUSES)


def test_a_link_of_fifty_thousand_values_costs_nothing_and_says_so_once():
    parsed = flt.from_query({"region": ",".join(["x"] * 50_000)}, VOCABULARY)
    assert parsed.filters == flt.Filters()
    assert flt.shown_notices(parsed.notices) == ["Ignored region='x': not one of west, north, centre, east, south."]


def test_one_notice_per_parameter_names_a_few_values_and_counts_the_rest():
    parsed = flt.from_query({"region": ",".join(f"r{i}" for i in range(500)), "founded": "twenty"}, VOCABULARY)
    region, founded = parsed.notices  # values beyond the cap are not even read: 50, not 500
    assert region == "Ignored region='r0', 'r1', 'r2' and 47 more: not one of west, north, centre, east, south."
    assert founded.startswith("Ignored founded='twenty'")


def test_notices_are_capped_with_a_count_of_the_rest():
    notices = [f"notice {i}" for i in range(8)] + ["notice 0"]
    shown = flt.shown_notices(notices)
    assert shown == [*notices[:5], "…and 3 more notices about the address."]


@pytest.mark.parametrize("value", ["10-20abc", "abc10-20", "10-20-30", "1-2 3"])
def test_a_range_must_be_the_whole_value(value):
    parsed = flt.from_query({"members": value}, VOCABULARY)
    assert parsed.filters.members == (None, None) and len(parsed.notices) == 1


def test_range_filter_truth_table():
    """Each value against each kind of range, with and without the clusters whose value is unknown."""
    values = pd.Series([5, 10, 15, None], dtype="Int64")
    cases = {
        ((None, None), True): [True, True, True, True],
        ((None, None), False): [True, True, True, False],
        ((10, None), True): [False, True, True, True],
        ((10, None), False): [False, True, True, False],
        ((None, 10), False): [True, True, False, False],
        ((10, 10), False): [False, True, False, False],
        ((6, 14), True): [False, True, False, True],
    }
    for (r, unknown), expected in cases.items():
        assert flt._in_range(values, r, unknown).tolist() == expected, (r, unknown)


def test_filters_combine_each_narrowing_the_others(dataset):
    """Every filter applies on top of the others (a cluster must pass all of them)."""

    def ids(**kwargs):
        return sorted(flt.apply(dataset.clusters, flt.Filters(**kwargs))["id"])

    assert ids(regions=("east",), statuses=("active",)) == ["it-dnipro-community", "kharkiv-it-cluster"]
    assert ids(statuses=("no_recent_info",), oblasts=("UA-14", "UA-12")) == [
        "it-cluster-donbass",
        "kryvyi-rih-it-cluster",
    ]
    # Founded in 2015, in the west; the clusters without a year stay unless asked otherwise.
    assert ids(regions=("west",), founded=(2015, 2015)) == [
        "chernivtsi-it-cluster",
        "ivano-frankivsk-it-cluster",
        "khmelnytskyi-it-cluster",
        "lutsk-it-cluster",
        "rivne-it-cluster",
    ]
    assert ids(regions=("west",), founded=(2015, 2015), include_unknown=False) == [
        "ivano-frankivsk-it-cluster",
        "lutsk-it-cluster",
    ]
    assert ids(regions=("west",), members=(10, None), include_unknown=False) == [
        "chernivtsi-it-cluster",
        "it-cluster-transcarpathia",
        "khmelnytskyi-it-cluster",
        "lviv-it-cluster",
        "rivne-it-cluster",
        "ternopil-it-cluster",
    ]
    assert ids(regions=("west",), q="lviv") == ["lviv-it-cluster"]
    # The search reads the name, the city and its Ukrainian name as one text, a space apart.
    assert ids(q="cluster lviv") == ["lviv-it-cluster"] and ids(q="LVIV львів") == ["lviv-it-cluster"]
    assert ids(q="cluster  lviv") == []


def test_the_search_and_unknown_parameters_from_the_url():
    parsed = flt.from_query({"q": ["  Lviv  ", "second"], "unknown": "0"}, VOCABULARY)
    assert (parsed.filters.q, parsed.filters.include_unknown, parsed.notices) == ("Lviv", False, [])
    assert flt.from_query({"q": []}, VOCABULARY).filters.q == ""
    assert flt.from_query({"unknown": "1"}, VOCABULARY).filters.include_unknown is True
    long = "x" * flt.MAX_QUERY_LENGTH
    assert flt.from_query({"q": long}, VOCABULARY).notices == []
    parsed = flt.from_query({"q": long + "y"}, VOCABULARY)
    assert parsed.filters.q == long and len(parsed.notices) == 1
    parsed = flt.from_query({"unknown": "maybe" + "z" * 60}, VOCABULARY)
    assert parsed.notices == [f"Ignored unknown={'maybe' + 'z' * 35!r}: expected 0 or 1."]
    assert parsed.filters.include_unknown is True
    assert flt.from_query({"oblast": "ua-46"}, VOCABULARY).filters.oblasts == ("UA-46",)  # codes in any case


def test_url_notices_name_values_shortly_and_count_the_rest():
    assert flt.from_query({"region": ["east", "west"]}, VOCABULARY).filters.regions == ("east", "west")
    assert flt.from_query({"unknown": "1"}, VOCABULARY).notices == []
    oblast = flt.from_query({"oblast": "ua-46"}, VOCABULARY)
    assert oblast.filters.oblasts == ("UA-46",) and oblast.notices == []
    long = "y" * 60
    assert flt.from_query({"region": long}, VOCABULARY).notices[0].startswith(f"Ignored region={'y' * 40!r}:")
    assert flt.from_query({"founded": long}, VOCABULARY).notices == [
        f"Ignored founded={'y' * 40!r}: expected a range such as 2015-2020, 10- or -100."
    ]
    three = flt.from_query({"status": "a,b,c"}, VOCABULARY).notices[0]
    assert three.startswith("Ignored status='a', 'b', 'c': not one of")
    four = flt.from_query({"status": "a,b,c,d"}, VOCABULARY).notices[0]
    assert four.startswith("Ignored status='a', 'b', 'c' and 1 more: not one of")
    five = [f"notice {i}" for i in range(flt.MAX_NOTICES)]
    assert flt.shown_notices(five) == five
    assert flt.shown_notices([*five, "notice 5", "notice 5"])[-1] == "…and 1 more notices about the address."


def test_each_filter_applies_on_top_of_the_one_before(dataset):
    def ids(**kwargs):
        return sorted(flt.apply(dataset.clusters, flt.Filters(**kwargs))["id"])

    assert ids(regions=("west",), oblasts=("UA-46", "UA-14")) == ["lviv-it-cluster"]
    assert ids(regions=("west",), q="kharkiv") == []
    assert ids(q="(") == [] and ids(q="it.") == []  # the search is plain text, never a pattern


def test_the_units_a_geographic_filter_names(dataset):
    assert flt.named_units(flt.Filters(), dataset.regions) == set()
    east = flt.named_units(flt.Filters(regions=("east",)), dataset.regions)
    assert east == {"UA-09", "UA-12", "UA-14", "UA-63"}
    both = flt.named_units(flt.Filters(regions=("east",), oblasts=("UA-46",)), dataset.regions)
    assert both == east | {"UA-46"}  # an oblast and a macro-region: either one's units
