"""The numbers and dates of the source, part by part, and what in the dataset accounts for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

CLOSING_STARTS = "Also worth mentioning is the IT Ukraine Association"
# A number standing alone: "2,300", "68.1", "4th"; not a digit inside a word or link ("IT4Life", "4foj5WC").
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?!\w)")
SCALES = (1, 1_000_000, 1_000_000_000)  # "UAH 2 million" is stored as 2000000
NUMERIC_CLUSTER_COLUMNS = (
    "founded_year",
    "member_companies",
    "professionals",
    "educational_members",
    "partners",
    "sole_proprietors",
)


def parts(text: str) -> dict[str, str]:
    """'introduction', '1' .. '26' and 'closing': the source cut at its numbered headings."""
    pieces = re.split(r"^(\d{1,2})\. (?=\S)", text, flags=re.M)
    found = {"introduction": pieces[0]}
    for i in range(1, len(pieces) - 1, 2):
        found[pieces[i]] = pieces[i + 1]
    last, closing = found["26"].split(CLOSING_STARTS, 1)
    found["26"], found["closing"] = last, CLOSING_STARTS + closing
    return found


def numbers_in(text: str) -> set[float]:
    return {float(m.group(1).replace(",", "")) for m in NUMBER.finditer(text)}


def accounted_numbers(part: str, clusters: pd.DataFrame, relocations: pd.DataFrame, facts: pd.DataFrame) -> set[float]:
    """Every number the dataset holds for one part of the source: cluster columns, relocation
    years, and each fact's value and the numbers in its period ("since 2022-02-24")."""
    found: set[float] = set()
    if part.isdigit():
        for column in NUMERIC_CLUSTER_COLUMNS:
            found |= {float(v) for v in clusters.loc[clusters["source_section"] == int(part), column].dropna()}
        found |= {float(v) for v in relocations.loc[relocations["source_section"] == int(part), "year"].dropna()}
    mine = facts[facts["source_section"] == part]
    for value in mine["value"].dropna():
        found |= {round(float(value) / scale, 6) for scale in SCALES}
    for period in mine["period"].dropna():
        found |= {float(n) for n in re.findall(r"\d+", str(period))}
    return found


def unaccounted(text: str, clusters, relocations, facts, exclusions: pd.DataFrame) -> dict[str, list[float]]:
    """Per part of the source, the numbers that neither the dataset nor an exclusion accounts for."""
    missing = {}
    for part, body in parts(text).items():
        known = accounted_numbers(part, clusters, relocations, facts)
        known |= {float(n) for n in exclusions.loc[exclusions["source_section"] == part, "number"]}
        left = sorted(numbers_in(body) - known)
        if left:
            missing[part] = left
    return missing


# -- Numbers written in words, and frequencies ------------------------------------------------

CARDINALS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
CARDINALS += " seventeen eighteen nineteen twenty"
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
ORDINALS += " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
WORD_VALUES = {w: float(i) for words in (CARDINALS, ORDINALS) for i, w in enumerate(words.split(), 1)}
# A quantity in words with no number in it: only an exclusion can account for one.
VAGUE = ("dozens", "hundreds", "thousands", "millions")
NUMBER_WORD = re.compile(r"\b(" + "|".join([*WORD_VALUES, *VAGUE]) + r")\b", re.I)
# How often: "monthly", "annual", "each year", "once a month", "every two weeks", "per year".
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
ADVERBS = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "biweekly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "annually": (1, "year"),
    "annual": (1, "year"),
    "yearly": (1, "year"),
}
FREQUENCY = re.compile(
    r"\b(?:(?P<adverb>" + "|".join(ADVERBS) + r")"
    r"|(?:(?:once|twice|\w+ times) (?:a|an|per|every|each) (?P<unit1>day|week|month|year))"
    r"|(?:(?:once |twice )?(?:per|every|each) (?:(?P<n>\d+|[a-z]+) )?(?P<unit2>day|week|month|year)s?))\b",
    re.I,
)
# Spans of a period that are calendar dates, whose month and day are not counts: 2024-11-21.
ISO_DATE = re.compile(r"\b(\d{4})-\d{2}(?:-\d{2})?\b")
SCALE_WORDS = {"million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Mention:
    """A number written in words, or a frequency, where it stands in a text."""

    start: int
    end: int
    words: str
    value: float | None = None  # the number; None for a frequency or a vague quantity
    every: tuple[float, str] | None = None  # a frequency: every (n, unit)


def frequency(match: re.Match) -> tuple[float, str] | None:
    if match["adverb"]:
        return ADVERBS[match["adverb"].lower()]
    if match["unit1"]:
        return (1.0, match["unit1"].lower())
    n = match["n"]
    if n is None:
        count = 1.0
    elif n.isdigit():
        count = float(n)
    elif n.lower() in WORD_VALUES:
        count = WORD_VALUES[n.lower()]
    else:
        return None  # "each other year"? not a frequency this scan knows
    return (count, match["unit2"].lower())


def frequencies_in(text: str) -> list[Mention]:
    found = []
    for m in FREQUENCY.finditer(text):
        every = frequency(m)
        if every is not None:
            found.append(Mention(m.start(), m.end(), m.group(0), every=every))
    return found


def words_in(text: str) -> list[Mention]:
    """Numbers written in words, except those that are part of a frequency ('every two weeks')."""
    taken = [(f.start, f.end) for f in frequencies_in(text)]
    found = []
    for m in NUMBER_WORD.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        word = m.group(1).lower()
        found.append(Mention(m.start(), m.end(), m.group(0), value=WORD_VALUES.get(word)))
    return found


def scaled_numbers_in(text: str) -> set[float]:
    """The numbers of a text in digits, each as much as it says: 'UAH 2 million' is 2000000."""
    found = set()
    for m in NUMBER.finditer(text):
        scale = re.match(r"\s+(million|billion)\b", text[m.end() :])
        value = float(m.group(1).replace(",", "")) * (SCALE_WORDS[scale.group(1)] if scale else 1)
        found.add(round(value, 6))
    return found


def period_numbers(period: object) -> list[float]:
    """The counts a period holds, in digits or words: the 2 of 'every 2 weeks', the first of 'first
    half of 2025', years; not the month and day of a date."""
    if not isinstance(period, str):
        return []
    text = ISO_DATE.sub(r"\1", period)
    return [float(n) for n in re.findall(r"\d+", text)] + [w.value for w in words_in(text) if w.value is not None]


def period_frequency(period: object) -> tuple[float, str] | None:
    if not isinstance(period, str):
        return None
    found = frequencies_in(period)
    return found[0].every if found else None


def excluded(mention: Mention, text: str, exclusions: pd.DataFrame) -> bool:
    """Whether one of a part's exclusions quotes the words around this mention, with its number
    (or without a number, for a frequency or a vague quantity)."""
    for row in exclusions.itertuples():
        start = text.find(row.quote)
        if 0 <= start <= mention.start and mention.end <= start + len(row.quote):
            if pd.isna(row.number) if mention.value is None else row.number == mention.value:
                return True
    return False


def unaccounted_words(text: str, clusters, relocations, facts, exclusions: pd.DataFrame) -> dict[str, list[str]]:
    """Per part of the source, the numbers written in words and the frequencies that neither the
    data nor an exclusion accounts for.

    Each mention needs its own account: a word's number is held by a cell or fact value of that
    part, or a number in a fact's period, one each, where digits elsewhere in the part do not
    already say the same number (one cell per number the digits say); a frequency is held by the
    period of one of the part's facts, one each. Numbers in words are never scaled: 'two' is 2.
    An exclusion quotes the words around its mention (see source_exclusions.csv)."""
    missing = {}
    for part, body in parts(text).items():
        mine = exclusions[exclusions["source_section"] == part]
        held: list[float] = []
        if part.isdigit():
            for column in NUMERIC_CLUSTER_COLUMNS:
                held += [float(v) for v in clusters.loc[clusters["source_section"] == int(part), column].dropna()]
            held += [float(v) for v in relocations.loc[relocations["source_section"] == int(part), "year"].dropna()]
        facts_here = facts[facts["source_section"] == part]
        held += [float(v) for v in facts_here["value"].dropna()]
        for period in facts_here["period"]:
            held += period_numbers(period)
        for number in scaled_numbers_in(body):  # the digits' own cell
            if number in held:
                held.remove(number)
        every = [f for f in map(period_frequency, facts_here["period"]) if f is not None]
        left = []
        for mention in sorted(words_in(body) + frequencies_in(body), key=lambda m: m.start):
            if excluded(mention, body, mine):
                continue
            pool = held if mention.every is None else every
            key = mention.value if mention.every is None else mention.every
            if key is not None and key in pool:
                pool.remove(key)
            else:
                left.append(mention.words)
        if left:
            missing[part] = left
    return missing
