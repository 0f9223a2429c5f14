"""When a fact holds, stored as data (facts.csv: period_kind, period_date, period_end, frequency,
frequency_bound) and written in the reader's language: 'since 2022-02-24' / 'з 24.02.2022',
'as of 2024' / 'станом на 2024 рік', 'monthly' / 'щомісяця', 'at least every 2 weeks' /
'щонайменше раз на 2 тижні'.

English keeps the dates as the data writes them (ISO 8601: 2024, 2024-03, 2024-11-21), so its
text reads as the periods always have. Ukrainian writes a day as 21.11.2024 and a month in words,
and puts a year or a month in the case its phrase asks for ('з 2006 року', 'станом на 2024 рік').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel.dates import get_month_names

from .i18n import N_, _, language, ngettext, override
from .text import is_missing

# The phrase of each kind; "{date}" is the date in the case the Ukrainian phrase takes.
PHRASES = {
    "on": "{date}",  # one year, month or day; with period_end, a span
    "since": N_("since {date}"),
    "until": N_("until {date}"),
    "before": N_("before {date}"),
    "as_of": N_("as of {date}"),
    "early": N_("early {date}"),
    "late": N_("late {date}"),
    "first_half": N_("first half of {date}"),
}
# The grammatical case of the date after each phrase, in Ukrainian: 'з 2006 року' (genitive),
# 'станом на 2024 рік' (accusative), '2011' (nominative).
CASES = {
    "on": "nominative",
    "since": "genitive",
    "until": "genitive",
    "before": "genitive",
    "as_of": "accusative",
    "early": "genitive",
    "late": "genitive",
    "first_half": "genitive",
}
KINDS = tuple(PHRASES)
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
FREQUENCY = re.compile(r"P([1-9]\d{0,2})([DWMY])")
# Once per unit: 'per year' and 'monthly' as the data has always said them.
EVERY_ONE = {"Y": N_("per year"), "M": N_("monthly"), "W": N_("weekly"), "D": N_("daily")}


def _every_n(unit: str, n: int) -> str:
    """'every 2 weeks' / 'раз на 2 тижні', 'раз на 5 тижнів', 'раз на 21 тиждень'."""
    if unit == "Y":
        return ngettext("every {n} year", "every {n} years", n).format(n=n)
    if unit == "M":
        return ngettext("every {n} month", "every {n} months", n).format(n=n)
    if unit == "W":
        return ngettext("every {n} week", "every {n} weeks", n).format(n=n)
    return ngettext("every {n} day", "every {n} days", n).format(n=n)


@dataclass(frozen=True)
class Period:
    kind: str | None = None  # one of KINDS; None with no date
    date: str | None = None  # 2024, 2024-03 or 2024-11-21
    end: str | None = None  # the last year, month or day of a span (kind "on")
    frequency: str | None = None  # ISO 8601 duration: P1Y, P1M, P2W, P1D
    frequency_bound: str | None = None  # "exact" or "at_least"

    @classmethod
    def of(cls, row: object) -> Period:
        """The period of a facts row (a Series, a dict or a named tuple); an empty one where none."""

        def cell(name: str) -> str | None:
            value = row.get(name) if hasattr(row, "get") else getattr(row, name, None)
            return None if is_missing(value) or str(value) == "" else str(value)

        return cls(
            cell("period_kind"), cell("period_date"), cell("period_end"), cell("frequency"), cell("frequency_bound")
        )

    def __bool__(self) -> bool:
        return bool(self.date or self.frequency)


@cache
def _months(context: str) -> dict[int, str]:
    return get_month_names("wide", context=context, locale="uk")


def date_text(date: str, case: str = "nominative") -> str:
    """The date in the reader's language: ISO in English; in Ukrainian '21.11.2024', 'березень
    2024' (nominative), 'березня 2024 року' (genitive), '2024 рік' (accusative), '2006 року'."""
    match = DATE.fullmatch(date)
    if language() != "uk" or match is None:
        return date
    year, month, day = match.groups()
    if day:
        return f"{day}.{month}.{year}"
    if month:
        if case == "genitive":
            return f"{_months('format')[int(month)]} {year} року"
        suffix = " року" if case == "accusative" else ""  # 'станом на березень 2024 року'
        return f"{_months('stand-alone')[int(month)]} {year}{suffix}"
    return {"genitive": f"{year} року", "accusative": f"{year} рік"}.get(case, year)


def frequency_text(frequency: str, bound: str | None = "exact") -> str:
    """'monthly', 'per year', 'at least every 2 weeks'; in Ukrainian 'щомісяця', 'щороку',
    'щонайменше раз на 2 тижні'. A duration that is not P<n><unit> is shown as it is."""
    match = FREQUENCY.fullmatch(frequency)
    if match is None:
        return frequency
    n, unit = int(match.group(1)), match.group(2)
    text = _(EVERY_ONE[unit]) if n == 1 else _every_n(unit, n)
    return _("at least {frequency}").format(frequency=text) if bound == "at_least" else text


def period_text(period: Period, lang: str | None = None) -> str:
    """The whole period as a reader's phrase; '' for none."""
    with override(lang or language()):
        parts = []
        if period.frequency:
            parts.append(frequency_text(period.frequency, period.frequency_bound))
        if period.date:
            kind = period.kind if period.kind in PHRASES else "on"
            date = date_text(period.date, CASES[kind])
            if period.end and kind == "on":
                date = _("{start}-{end}").format(start=date, end=date_text(period.end, CASES[kind]))
            parts.append(date if kind == "on" else _(PHRASES[kind]).format(date=date))
        return ", ".join(parts)


def fact_period(fact: object, lang: str | None = None) -> str:
    """A facts row's period in the reader's language ('' where it has none)."""
    return period_text(Period.of(fact), lang)


PERIOD_COLUMNS = ("period_kind", "period_date", "period_end", "frequency", "frequency_bound")


def period_cells(text: str) -> dict[str, str] | None:
    """An older file's free-text period ('as of 2024') as the cells of PERIOD_COLUMNS; None if unknown."""
    period = parse_period(text)
    if period is None:
        return None
    values = (period.kind, period.date, period.end, period.frequency, period.frequency_bound)
    return {column: value or "" for column, value in zip(PERIOD_COLUMNS, values)}


_WRITTEN = re.compile(
    r"(?:(?P<bound>at least) )?"
    r"(?:(?P<one>per year|monthly|weekly|daily)|every (?P<n>\d+) (?P<unit>year|month|week|day)s?)"
)
_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D"}
_ONE = {"per year": "P1Y", "monthly": "P1M", "weekly": "P1W", "daily": "P1D"}


def parse_period(text: str) -> Period | None:
    """The structured period of an English phrase as period_text writes it ('since 2022-02-24',
    '2022-2023', 'at least every 2 weeks'): how the free-text periods of older files are read.
    None for a phrase it does not know."""
    text = text.strip()
    if not text:
        return Period()
    if frequency := _WRITTEN.fullmatch(text):
        every = _ONE.get(frequency["one"] or "") or f"P{frequency['n']}{_UNITS[frequency['unit'] or 'day']}"
        return Period(frequency=every, frequency_bound="at_least" if frequency["bound"] else "exact")
    if span := re.fullmatch(r"(\d{4}(?:-\d{2}){0,2})-(\d{4}(?:-\d{2}){0,2})", text):
        if DATE.fullmatch(span[1]) and DATE.fullmatch(span[2]) and len(span[1]) == len(span[2]):
            return Period("on", span[1], span[2])
    if DATE.fullmatch(text):
        return Period("on", text)
    for kind, phrase in PHRASES.items():
        head = phrase.replace("{date}", "")
        if kind != "on" and text.startswith(head) and DATE.fullmatch(text[len(head) :]):
            return Period(kind, text[len(head) :])
    return None
