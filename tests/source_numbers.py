"""The numbers and dates of the source, part by part, in digits and in words, its frequencies, and what
in the dataset accounts for each; and the numbers a note of the dataset may carry."""

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


def english_periods(facts: pd.DataFrame) -> pd.Series:
    """Each fact's period as its English phrase ('since 2022-02-24', 'monthly'), None where it has none:
    the words the source's numbers and frequencies are matched against."""
    from itclusters.periods import fact_period

    return pd.Series([fact_period(f, "en") or None for _i, f in facts.iterrows()], index=facts.index, dtype=object)


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
    for period in english_periods(mine).dropna():
        found |= {float(n) for n in re.findall(r"\d+", str(period))}
    return found


def unaccounted(text: str, clusters, relocations, facts, exclusions: pd.DataFrame) -> dict[str, list[float]]:
    """Per part of the source, the numbers that neither the dataset nor an exclusion accounts for."""
    missing = {}
    for part, body in parts(text).items():
        known = accounted_numbers(part, clusters, relocations, facts)
        known |= {float(n) for n in exclusions.loc[exclusions["source_section"] == part, "number"].dropna()}
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
# How often, as (times, every n, unit): "monthly" and "once a month" are (1, 1, "month"), "every two
# weeks" is (1, 2, "week"), "twice a year" (2, 1, "year"), "annual" and "each year" (1, 1, "year").
ADVERBS = {
    "daily": (1.0, 1.0, "day"),
    "weekly": (1.0, 1.0, "week"),
    "fortnightly": (1.0, 2.0, "week"),
    "biweekly": (1.0, 2.0, "week"),
    "monthly": (1.0, 1.0, "month"),
    "quarterly": (1.0, 3.0, "month"),
    "annually": (1.0, 1.0, "year"),
    "annual": (1.0, 1.0, "year"),
    "yearly": (1.0, 1.0, "year"),
}
FREQUENCY = re.compile(
    r"\b(?:(?P<adverb>" + "|".join(ADVERBS) + r")"
    r"|(?:(?P<times>once|twice|\w+ times) (?:a|an|per|every|each) (?P<unit1>day|week|month|year))"
    r"|(?:(?:once |twice )?(?:per|every|each) (?:(?P<n>\d+|[a-z]+) )?(?P<unit2>day|week|month|year)s?))\b",
    re.I,
)
TIMES = {"once": 1.0, "twice": 2.0}
# Spans of a period that are calendar dates, whose month and day are not counts: 2024-11-21.
ISO_DATE = re.compile(r"\b(\d{4})-\d{2}(?:-\d{2})?\b")
SCALE_WORDS = {"million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Mention:
    """A number (in digits or words) or a frequency, where it stands in a text."""

    start: int
    end: int
    words: str
    value: float | None = None  # the number; None for a frequency or a quantity without a number
    every: tuple[float, float, str] | None = None  # a frequency: (times, every n, unit)


def count_of(word: str) -> float | None:
    word = word.lower().removesuffix(" times")
    if word.isdigit():
        return float(word)
    return TIMES.get(word, WORD_VALUES.get(word))


def frequency(match: re.Match) -> tuple[float, float, str] | None:
    """A frequency's (times, every n, unit); None where it has no number ('several times a year'),
    which this scan leaves be. 'Every other week' is every 2 weeks."""
    if match["adverb"]:
        return ADVERBS[match["adverb"].lower()]
    if match["unit1"]:
        times = count_of(match["times"])
        return None if times is None else (times, 1.0, match["unit1"].lower())
    n = 1.0 if match["n"] is None else 2.0 if match["n"].lower() == "other" else count_of(match["n"])
    return None if n is None else (1.0, n, match["unit2"].lower())


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


def period_frequency(period: object) -> tuple[float, float, str] | None:
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
        for period in english_periods(facts_here):
            held += period_numbers(period)
        for number in scaled_numbers_in(body):  # the digits' own cell
            if number in held:
                held.remove(number)
        every = [f for f in map(period_frequency, english_periods(facts_here)) if f is not None]
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


def mentions(text: str) -> list[Mention]:
    """Every number of a text, in digits or words, and every frequency, in order."""
    digits = [
        Mention(m.start(), m.end(), m.group(0), value=float(m.group(1).replace(",", ""))) for m in NUMBER.finditer(text)
    ]
    return sorted(digits + words_in(text) + frequencies_in(text), key=lambda m: m.start)


def held_for(cluster_id: str | None, clusters, relocations, facts) -> tuple[set[float], set, set[str]]:
    """What the data holds for one cluster (None: the national facts): the numbers (its count and year
    columns, its facts' values in full, in millions and in billions, every number in their periods,
    the day and month of a date too, its relocations' years), its facts' frequencies, and the parts
    of the source all these cite."""
    numbers: set[float] = set()
    sections: set[str] = set()
    if cluster_id is None:
        mine = facts[facts["cluster_id"].isna()]
    else:
        mine = facts[facts["cluster_id"] == cluster_id]
        row = clusters[clusters["id"] == cluster_id]
        moves = relocations[relocations["cluster_id"] == cluster_id]
        for column in NUMERIC_CLUSTER_COLUMNS:
            numbers |= {float(v) for v in row[column].dropna()}
        numbers |= {float(v) for v in moves["year"].dropna()}
        sections |= {str(s) for s in [*row["source_section"], *moves["source_section"]]}
    for value in mine["value"].dropna():
        numbers |= {round(float(value) / scale, 6) for scale in SCALES}
    for period in english_periods(mine).dropna():
        numbers |= {float(n) for n in re.findall(r"\d+", str(period))} | set(period_numbers(period))
    every = {f for f in map(period_frequency, english_periods(mine)) if f is not None}
    return numbers, every, sections | set(mine["source_section"])


def strays(note: object, numbers: set[float], every: set[tuple[float, str]], quotes: pd.DataFrame) -> list[str]:
    """The numbers and frequencies of a note that are not among those given, nor inside the words
    of one of the exclusions given (a name like 'It 2.0' that the note repeats)."""
    if not isinstance(note, str):
        return []
    left = []
    for m in mentions(note):
        if (m.value in numbers) if m.every is None else (m.every in every):
            continue
        if not excluded(m, note.casefold(), quotes.assign(quote=quotes["quote"].str.casefold())):
            left.append(m.words)
    return left
