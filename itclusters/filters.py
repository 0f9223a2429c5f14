"""The shared filter state: parsed from and written to the URL, and applied to the clusters.

URL parameters (all optional): region, oblast (ISO codes), status (comma-separated each),
founded (2015-2020, 2015-, -2020), members (10-, 10-100), q (search on name and city),
unknown=0 (hide clusters whose filtered value is not stated). An invalid value is dropped
with a notice that names it; it never stops the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from .i18n import _
from .text import cleaned_notice, renderable

MAX_QUERY_LENGTH = 100
PARAMETERS = ("region", "oblast", "status", "founded", "members", "q", "unknown")  # what the filters read
# A shared link is untrusted: each parameter is read up to this many characters and values, so a
# link of 50,000 values costs the reader's tab nothing; at most MAX_NOTICES notices are shown.
MAX_PARAMETER_CHARS = 2_000
MAX_VALUES = 50
MAX_NOTICES = 5
Range = tuple[int | None, int | None]
_RANGE = re.compile(r"([0-9]{0,7})-([0-9]{0,7})")  # ASCII digits only: int() also reads '３' and '٣'


@dataclass(frozen=True)
class Vocabulary:
    """What the URL may name: the values the data can actually take."""

    regions: tuple[str, ...]
    oblasts: tuple[str, ...]
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    oblasts: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    founded: Range = (None, None)
    members: Range = (None, None)
    q: str = ""
    include_unknown: bool = True

    def __post_init__(self):
        # The search reaches charts, decks and file names: whatever typed it (the address, the search
        # box, a story), it holds only what a renderer can take. from_query says when this changed it.
        if self.q != renderable(self.q):
            object.__setattr__(self, "q", renderable(self.q).strip())


@dataclass
class Parsed:
    filters: Filters
    notices: list[str] = field(default_factory=list)


def _values(raw: str | list[str] | None) -> list[str]:
    """The distinct comma-separated values of a parameter (repeated or not), within the caps."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    text = ",".join(items)[:MAX_PARAMETER_CHARS]
    values = dict.fromkeys(v.strip() for v in text.split(",") if v.strip())  # distinct, in order
    return list(values)[:MAX_VALUES]


def shown_notices(notices: list[str], limit: int = MAX_NOTICES) -> list[str]:
    """Each distinct notice once, at most `limit` of them, and a line for the rest."""
    distinct = list(dict.fromkeys(notices))
    if len(distinct) <= limit:
        return distinct
    return [*distinct[:limit], _("…and {n} more notices about the address.").format(n=len(distinct) - limit)]


def _choice(name: str, raw, allowed: Iterable[str], notices: list[str]) -> tuple[str, ...]:
    """The allowed values named in `raw`, in any case ('ua-46' is UA-46), each once."""
    allowed = tuple(allowed)
    kept, ignored = [], []
    for value in _values(raw):
        canonical = next((a for a in allowed if a.casefold() == value.casefold()), None)
        if canonical is None:
            ignored.append(repr(value[:40]))
        elif canonical not in kept:
            kept.append(canonical)
    if ignored:  # one notice per parameter, however many values it ignores
        listed = ", ".join(ignored[:3]) + (_(" and {n} more").format(n=len(ignored) - 3) if len(ignored) > 3 else "")
        notices.append(
            _("Ignored {parameter}: not one of {allowed}.").format(
                parameter=f"{name}={listed}", allowed=", ".join(allowed)
            )
        )
    return tuple(kept)


def parse_range(text: str) -> Range | None:
    """'2015-2020' -> (2015, 2020); '10-' -> (10, None); '-2020' -> (None, 2020); None if invalid."""
    m = _RANGE.fullmatch(text.strip())
    if not m or m.group(1) == m.group(2) == "":
        return None
    lo, hi = (int(g) if g else None for g in m.groups())
    if lo is not None and hi is not None and lo > hi:
        return None
    return lo, hi


def format_range(r: Range) -> str:
    lo, hi = r
    return f"{'' if lo is None else lo}-{'' if hi is None else hi}"


def _range(name: str, raw, notices: list[str]) -> Range:
    values = _values(raw)
    if not values:
        return (None, None)
    parsed = parse_range(values[0])
    if parsed is None:
        notices.append(
            _("Ignored {parameter}: expected a range such as 2015-2020, 10- or -100.").format(
                parameter=f"{name}={values[0][:40]!r}"
            )
        )
        return (None, None)
    return parsed


def from_query(params: Mapping[str, str | list[str]], vocabulary: Vocabulary) -> Parsed:
    notices: list[str] = []
    raw_q = params.get("q")
    if isinstance(raw_q, list):
        raw_q = raw_q[0] if raw_q else ""
    q = (raw_q or "").strip()
    cleaned = cleaned_notice(_("the search q"), q)
    if cleaned:  # a control character in a search would reach every chart and file it names
        notices.append(cleaned)
        q = renderable(q).strip()
    if len(q) > MAX_QUERY_LENGTH:
        notices.append(_("Shortened the search q to its first {n} characters.").format(n=MAX_QUERY_LENGTH))
        q = q[:MAX_QUERY_LENGTH]
    unknown = _values(params.get("unknown"))
    if unknown and unknown[0] not in ("0", "1"):
        notices.append(_("Ignored {parameter}: expected 0 or 1.").format(parameter=f"unknown={unknown[0][:40]!r}"))
    filters = Filters(
        regions=_choice("region", params.get("region"), vocabulary.regions, notices),
        oblasts=_choice("oblast", params.get("oblast"), vocabulary.oblasts, notices),
        statuses=_choice("status", params.get("status"), vocabulary.statuses, notices),
        founded=_range("founded", params.get("founded"), notices),
        members=_range("members", params.get("members"), notices),
        q=q,
        include_unknown=not (unknown and unknown[0] == "0"),
    )
    return Parsed(filters, notices)


def to_query(filters: Filters) -> dict[str, str]:
    """Only what differs from the defaults, so the plain URL means 'everything'."""
    out = {}
    if filters.regions:
        out["region"] = ",".join(filters.regions)
    if filters.oblasts:
        out["oblast"] = ",".join(filters.oblasts)
    if filters.statuses:
        out["status"] = ",".join(filters.statuses)
    if filters.founded != (None, None):
        out["founded"] = format_range(filters.founded)
    if filters.members != (None, None):
        out["members"] = format_range(filters.members)
    if filters.q:
        out["q"] = filters.q
    if not filters.include_unknown:
        out["unknown"] = "0"
    return out


def _in_range(values: pd.Series, r: Range, include_unknown: bool) -> pd.Series:
    lo, hi = r
    known = values.notna()
    inside = pd.Series(True, index=values.index)
    if lo is not None:
        inside &= (values >= lo).fillna(False)
    if hi is not None:
        inside &= (values <= hi).fillna(False)
    if (lo, hi) == (None, None):
        return inside | ~known if include_unknown else known
    return (known & inside) | (~known & include_unknown)


def apply(clusters: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The clusters that pass every filter; each applies to the cluster's home city."""
    keep = pd.Series(True, index=clusters.index)
    if filters.regions:
        keep &= clusters["macro_region"].isin(filters.regions)
    if filters.oblasts:
        keep &= clusters["oblast_iso"].isin(filters.oblasts)
    if filters.statuses:
        keep &= clusters["status"].isin(filters.statuses)
    # "Not stated" stays visible under a range filter unless the user asks otherwise; without
    # a range, include_unknown=False hides nothing, so an idle checkbox never empties the map.
    if filters.founded != (None, None):
        keep &= _in_range(clusters["founded_year"], filters.founded, filters.include_unknown)
    if filters.members != (None, None):
        keep &= _in_range(clusters["member_companies"], filters.members, filters.include_unknown)
    if filters.q:
        needle = filters.q.casefold()
        text = clusters["name"] + " " + clusters["city"] + " " + clusters["city_uk"]  # all three required
        keep &= text.str.casefold().str.contains(needle, regex=False)
    return clusters[keep.astype(bool)]


def named_units(filters: Filters, regions: pd.DataFrame) -> set[str]:
    """The oblasts a geographic filter names, its macro-regions' oblasts included; empty without one."""
    in_regions = regions.loc[regions["macro_region"].isin(filters.regions), "iso"]
    return set(filters.oblasts) | set(in_regions)


def describe(filters: Filters, oblast_names: Mapping[str, str] | None = None) -> str:
    """The active filters in one line, for captions, exports and presentation mode."""
    from .style import region_label, status_label

    names = oblast_names or {}
    parts = []
    if filters.regions:
        parts.append(_("region: {values}").format(values=", ".join(region_label(r) for r in filters.regions)))
    if filters.oblasts:
        parts.append(_("oblast: {values}").format(values=", ".join(names.get(o, o) for o in filters.oblasts)))
    if filters.statuses:
        parts.append(_("status: {values}").format(values=", ".join(status_label(s) for s in filters.statuses)))
    if filters.founded != (None, None):
        parts.append(_("founded {range}").format(range=format_range(filters.founded)))
    if filters.members != (None, None):
        parts.append(_("member companies {range}").format(range=format_range(filters.members)))
    if filters.q:
        parts.append(_("search: {q}").format(q=filters.q))
    if parts and not filters.include_unknown:
        parts.append(_("values not stated hidden"))
    return "; ".join(parts) if parts else _("all clusters")
