"""The numbers and dates of the source, part by part, and what in the dataset accounts for each."""

from __future__ import annotations

import re

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
