"""A fact's period as data (period_kind, period_date, period_end, frequency, frequency_bound),
written in the reader's language: English as the periods always read, Ukrainian with its own
dates, cases and plural forms."""

import pandas as pd
import pytest

from itclusters import about, facts, profile
from itclusters.i18n import override
from itclusters.periods import KINDS, Period, fact_period, frequency_text, parse_period, period_text
from itclusters.validation import parse_table

# (period, English, Ukrainian): every kind, every precision of a date, every frequency in the data.
EXACT = [
    (Period("on", "2011"), "2011", "2011"),
    (Period("on", "2024-03"), "2024-03", "березень 2024"),
    (Period("on", "2024-11-21"), "2024-11-21", "21.11.2024"),
    (Period("on", "2022", "2023"), "2022-2023", "2022–2023"),
    (Period("since", "2006"), "since 2006", "з 2006 року"),
    (Period("since", "2022-02-24"), "since 2022-02-24", "з 24.02.2022"),
    (Period("since", "2024-03"), "since 2024-03", "з березня 2024 року"),
    (Period("until", "2022"), "until 2022", "до 2022 року"),
    (Period("before", "2022"), "before 2022", "до 2022 року"),
    (Period("before", "2022-02-24"), "before 2022-02-24", "до 24.02.2022"),
    (Period("as_of", "2024"), "as of 2024", "станом на 2024 рік"),
    (Period("as_of", "2024-03"), "as of 2024-03", "станом на березень 2024 року"),
    (Period("early", "2025"), "early 2025", "початок 2025 року"),
    (Period("late", "2024"), "late 2024", "кінець 2024 року"),
    (Period("first_half", "2025"), "first half of 2025", "перша половина 2025 року"),
    (Period(frequency="P1Y", frequency_bound="exact"), "per year", "щороку"),
    (Period(frequency="P1M", frequency_bound="exact"), "monthly", "щомісяця"),
    (Period(frequency="P1M", frequency_bound="at_least"), "at least monthly", "щонайменше щомісяця"),
    (Period(frequency="P2W", frequency_bound="at_least"), "at least every 2 weeks", "щонайменше раз на 2 тижні"),
    (Period(frequency="P1M", frequency_bound="exact", kind="since", date="2022"), "monthly, since 2022", None),
    (Period(), "", ""),
]


@pytest.mark.parametrize(("period", "english", "ukrainian"), EXACT)
def test_a_period_in_both_languages(period, english, ukrainian):
    assert period_text(period, "en") == english
    if ukrainian is not None:
        assert period_text(period, "uk") == ukrainian
    with override("uk"):
        assert period_text(period) == period_text(period, "uk")  # the reader's language by default


@pytest.mark.parametrize(
    ("n", "weeks", "months", "years"),
    [
        (1, "щотижня", "щомісяця", "щороку"),
        (2, "раз на 2 тижні", "раз на 2 місяці", "раз на 2 роки"),
        (5, "раз на 5 тижнів", "раз на 5 місяців", "раз на 5 років"),
        (21, "раз на 21 тиждень", "раз на 21 місяць", "раз на 21 рік"),
    ],
)
def test_frequencies_take_ukrainian_plural_forms(n, weeks, months, years):
    with override("uk"):
        assert [frequency_text(f"P{n}{unit}") for unit in "WMY"] == [weeks, months, years]
        assert frequency_text(f"P{n}D", "at_least").startswith("щонайменше ")
    with override("en"):
        expected = {1: "weekly", 21: "every 21 weeks"}.get(n, f"every {n} weeks")
        assert frequency_text(f"P{n}W") == expected


def test_every_period_in_the_data_reads_in_both_languages(dataset):
    """Each shipped period is one the phrases above cover, reads back to the same data from its
    English words (the words the periods had before they were data), and is Ukrainian in Ukrainian."""
    written = {english for _p, english, _u in EXACT}
    seen = set()
    for _i, fact in dataset.facts.iterrows():
        period = Period.of(fact)
        english, ukrainian = fact_period(fact, "en"), fact_period(fact, "uk")
        assert parse_period(english) == period, fact["fact_id"]
        if not period:
            assert english == ukrainian == ""
            continue
        seen.add(english)
        assert english != ukrainian or english.isdigit(), fact["fact_id"]  # a bare year reads alike
        assert not any(word in ukrainian for word in ("since", "as of", "before", "until", "monthly", "per year"))
    assert len(seen) == 28 and {"as of 2024", "monthly", "at least every 2 weeks", "before 2022-02-24"} <= seen
    assert written & seen >= {"2022-2023", "since 2006", "until 2022", "early 2025", "first half of 2025"}


def test_the_facts_and_the_profile_give_the_period_in_the_readers_language(dataset):
    fact = dataset.facts.set_index("fact_id", drop=False).loc["lviv-defence"]
    lviv = dataset.clusters.set_index("id", drop=False).loc["lviv-it-cluster"]
    assert facts.fact_line(fact, lviv).endswith("(since 2022-02-24; section 1 of the overview)")
    with override("uk"):
        line = facts.fact_line(fact, lviv)
        table = facts.readable_facts(dataset.facts, dataset.clusters).set_index(dataset.facts["fact_id"])
        counts = dict(profile.profile_facts(lviv, dataset.relocations, dataset.clusters))["Кількості стосуються"]
    assert line == (
        "Після повномасштабного вторгнення започаткував низку проєктів на підтримку Сил оборони. "
        "(з 24.02.2022; розділ 1 огляду)"
    )
    assert table.loc["chernivtsi-activities", "Період"] == "щонайменше раз на 2 тижні"
    assert table.loc["odesa-hackathons", "Примітка"] == "Загальнонаціональні хакатони, які вона провела."
    assert counts == "кінець 2024 року"
    assert [profile.counts_period_text(c) for c in ("current", "at_founding", "before_2022")] == [
        "late 2024",
        "at founding",
        "before 2022",
    ]


def test_the_schema_holds_every_kind_and_checks_the_period(package):
    resource = package.resource("facts")
    assert resource.field("period_kind").enum == KINDS
    header = ",".join(resource.field_names)
    cells = dict.fromkeys(resource.field_names, "")
    cells |= {"fact_id": "x", "topic": "events", "scope": "cluster", "note": "n", "source_section": "1"}
    rows = [
        cells | {"period_kind": "since", "period_date": "2022", "period_end": "2023"},  # an end needs 'on'
        cells | {"period_kind": "as_of"},  # a kind needs its date
        cells | {"period_date": "2024-13"},  # no thirteenth month
        cells | {"frequency": "monthly", "frequency_bound": "exact"},  # an ISO 8601 duration
        cells | {"frequency": "P1M"},  # and its bound
    ]
    rows = [row | {"fact_id": f"x{n}"} for n, row in enumerate(rows)]
    body = "\n".join(",".join(row[f] for f in resource.field_names) for row in rows)
    problems = [str(p) for p in parse_table(f"{header}\n{body}\n".encode(), resource).problems]
    assert problems == [
        "facts.csv, row 2, column period_end: '2023': must be empty unless period_kind is on",
        "facts.csv, row 3, column period_kind: 'as_of': must be empty when period_date is empty",
        "facts.csv, row 4, column period_kind: '': is required when period_date is given",
        "facts.csv, row 4, column period_date: '2024-13': must match the pattern "
        + resource.field("period_date").pattern,
        "facts.csv, row 5, column frequency: 'monthly': must match the pattern ^P[1-9][0-9]{0,2}[DWMY]$",
        "facts.csv, row 6, column frequency_bound: '': is required when frequency is given",
    ]


def test_the_data_dictionary_lists_the_twins_and_the_period(package):
    """The About page's dictionary comes from the schema: the new fields are there, with their rules."""
    clusters = about.data_dictionary(package.resource("clusters")).set_index("Column")
    assert clusters.loc["status_note_uk", "Title"] == "Status: note (Ukrainian)"
    assert "the uk text of status_note" in clusters.loc["status_note_uk", "Rules"]
    table = about.data_dictionary(package.resource("facts")).set_index("Column")
    assert {"note_uk", "subject_uk", "period_kind", "period_date", "period_end", "frequency"} <= set(table.index)
    assert "period" not in table.index
    assert table.loc["period_end", "Rules"].endswith("given only when period_kind is on")
    relocations = about.data_dictionary(package.resource("relocations"))
    assert {"from_city_uk", "note_uk"} <= set(relocations["Column"])
    assert isinstance(relocations, pd.DataFrame)


def test_an_older_facts_file_with_a_free_text_period_still_loads(package):
    """A facts.csv from before the periods were data: each period read into the new columns, with
    a notice; one that is not a period this version knows is named at its row."""
    from itclusters.periods import PERIOD_COLUMNS
    from itclusters.schema import DATA_DIR

    published = pd.read_csv(DATA_DIR / "facts.csv", dtype=str, keep_default_na=False)
    periods = [fact_period(fact, "en") for _i, fact in published.iterrows()]
    before = published.drop(columns=[*PERIOD_COLUMNS, "note_uk", "subject_uk"])
    before.insert(before.columns.get_loc("unit") + 1, "period", periods)  # as the file was written
    old = before.to_csv(index=False).encode()
    resource = package.resource("facts")
    parsed = parse_table(old, resource)
    assert parsed.ok and [p.rule for p in parsed.problems] == [
        "its free-text period column was read into period_kind, period_date, period_end, frequency, frequency_bound"
    ]
    read = parsed.frame.set_index("fact_id")
    assert fact_period(read.loc["chernivtsi-activities"], "uk") == "щонайменше раз на 2 тижні"
    assert fact_period(read.loc["intro-active-it-companies"], "en") == "2022-2023"
    broken = parse_table(old.replace(b",as of 2024,", b",around 2024,", 1), resource)
    assert not broken.ok and str(broken.problems[-1]) == (
        "facts.csv, row 8, column period: 'around 2024': is not a period this version reads "
        "(e.g. 2023, 2022-2023, since 2022-02-24, as of 2024, monthly)"
    )
