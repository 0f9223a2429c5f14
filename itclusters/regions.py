"""The clusters summed per oblast (all 27 units, zeros included) and per macro-region.

Sums are honest: a sum that includes a lower bound ("more than 300") is itself a lower bound, and
each sum says how many clusters do not state the value. A unit with no cluster sums to 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .i18n import _, language
from .style import MACRO_REGIONS, STATUSES, region_label, status_label
from .text import collation_key, format_count

SUMMED = ("member_companies", "professionals")
NO_CLUSTER = "–"  # a unit without clusters has no founding years: nothing to state, not unknown


def _summary(part: pd.DataFrame, relocations: pd.DataFrame, units: set[str]) -> dict:
    """The columns of one row: counts, status split, sums with bounds, years, moves out and in."""
    row = {"clusters": len(part)}
    row |= {status: int((part["status"] == status).sum()) for status in STATUSES}
    for measure in SUMMED:
        stated = part[part[measure].notna()]
        row[measure] = int(stated[measure].sum())
        row[f"{measure}_bound"] = "at_least" if (stated[f"{measure}_bound"] == "at_least").any() else "exact"
        row[f"{measure}_not_stated"] = len(part) - len(stated)
    years = part["founded_year"].dropna()
    row["founded_first"] = int(years.min()) if len(years) else None
    row["founded_last"] = int(years.max()) if len(years) else None
    ids = set(part["id"])
    row["moves_out"] = int(relocations["cluster_id"].isin(ids).sum())
    row["moves_in"] = int(relocations["to_oblast_iso"].isin(units).sum())
    return row


def _moves_of(clusters: pd.DataFrame, relocations: pd.DataFrame | None) -> pd.DataFrame:
    """The moves of the given clusters (the filters apply to moves through their clusters)."""
    if relocations is None or relocations.empty:
        return pd.DataFrame({"cluster_id": pd.Series(dtype=str), "to_oblast_iso": pd.Series(dtype=str)})
    return relocations[relocations["cluster_id"].isin(set(clusters["id"]))]


def by_oblast(clusters: pd.DataFrame, regions: pd.DataFrame, relocations: pd.DataFrame | None) -> pd.DataFrame:
    """One row per first-level unit, by name in the reader's language; units without clusters show 0."""
    moves = _moves_of(clusters, relocations)
    name = "name_uk" if language() == "uk" else "name_en"
    rows = []
    for unit in regions.itertuples():
        part = clusters[clusters["oblast_iso"] == unit.iso]
        rows.append(
            {"iso": unit.iso, "name": getattr(unit, name), "macro_region": unit.macro_region}
            | _summary(part, moves, {unit.iso})
        )
    return pd.DataFrame(rows).sort_values("name", key=lambda s: s.map(collation_key)).reset_index(drop=True)


def by_macro_region(clusters: pd.DataFrame, regions: pd.DataFrame, relocations: pd.DataFrame | None) -> pd.DataFrame:
    """One row per macro-region, with the units that make it up (from regions.csv)."""
    moves = _moves_of(clusters, relocations)
    name = "name_uk" if language() == "uk" else "name_en"
    rows = []
    for macro in MACRO_REGIONS:
        units = regions[regions["macro_region"] == macro]
        part = clusters[clusters["oblast_iso"].isin(set(units["iso"]))]
        rows.append(
            {
                "macro_region": macro,
                "name": region_label(macro),
                "units": ", ".join(sorted(units[name], key=collation_key)),
            }
            | _summary(part, moves, set(units["iso"]))
        )
    return pd.DataFrame(rows)


def named_by_filters(table: pd.DataFrame, oblasts: Sequence[str], macro_regions: Sequence[str]) -> list[bool]:
    """Which rows the region filters name: an oblast, or any row of a chosen macro-region."""
    isos = table["iso"] if "iso" in table else [None] * len(table)
    return [iso in oblasts or macro in macro_regions for iso, macro in zip(isos, table["macro_region"])]


def sum_label(total: int, bound: str, not_stated: int, clusters: int) -> str:
    """'672+ (2 not stated)': the dashboard's N+ for a lower bound, and the clusters left out;
    'not stated' when no cluster of the unit states the value (never a sum of 0)."""
    if clusters and not_stated == clusters:
        return _("not stated")
    text = format_count(total, bound)
    return _("{sum} ({n} not stated)").format(sum=text, n=not_stated) if not_stated else text


def sum_labels(table: pd.DataFrame, measure: str) -> list[str]:
    columns = (table[measure], table[f"{measure}_bound"], table[f"{measure}_not_stated"], table["clusters"])
    return [sum_label(*values) for values in zip(*columns)]


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader sees it: labelled columns, sums with their bounds, years or a dash."""
    values, labels = screen(table)
    out = values.astype(object)
    for column, texts in labels.items():
        out[column] = texts
    return out


def column_labels() -> dict[str, str]:
    """Each column's header on screen: short enough for the table to fit a laptop's width."""
    return {
        "name": _("Name"),
        "clusters": _("Clusters"),
        "active": status_label("active"),
        "relocated": status_label("relocated"),
        "no_recent_info": _("No recent info"),
        "member_companies": _("Member companies"),
        "professionals": _("Professionals"),
        "founded": _("Founded"),
        "moves_out": _("Moved out"),
        "moves_in": _("Moved in"),
    }


def short_name(name: str) -> str:
    """'Lviv' for 'Lviv Oblast', 'Львівська' for 'Львівська область': the table's heading says it."""
    for suffix in (" Oblast", " область"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def founded_range(first: object, last: object, clusters: int) -> str:
    """'2015–2020', '2015', 'not stated'; a dash for a unit without clusters (nothing to state)."""
    if clusters == 0:
        return NO_CLUSTER
    if pd.isna(first):
        return _("not stated")
    return str(int(first)) if first == last else f"{int(first)}–{int(last)}"


def screen(table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The values to show and sort by (counts and sums as numbers, so '600+' sorts as 600), and
    the text each sum shows instead ('672+ (2 not stated)'); a sum no cluster states is empty
    (shown as 'not stated'), never 0. The founding years are a range of text."""
    names = column_labels()
    values = pd.DataFrame({names["name"]: table["name"].map(short_name)})
    values[names["clusters"]] = table["clusters"]
    for status in STATUSES:
        values[names[status]] = table[status]
    labels = {}
    for measure in SUMMED:
        none_stated = (table["clusters"] > 0) & (table[f"{measure}_not_stated"] == table["clusters"])
        values[names[measure]] = pd.array(table[measure].where(~none_stated), dtype="Int64")
        labels[names[measure]] = sum_labels(table, measure)
    values[names["founded"]] = [
        founded_range(*row) for row in zip(table["founded_first"], table["founded_last"], table["clusters"])
    ]
    values[names["moves_out"]] = table["moves_out"]
    values[names["moves_in"]] = table["moves_in"]
    return values.reset_index(drop=True), labels


def total(
    clusters: pd.DataFrame, regions: pd.DataFrame, relocations: pd.DataFrame | None, units: set[str]
) -> pd.DataFrame:
    """One row over every cluster shown, in the columns of by_oblast: the sums keep their bounds
    and say how many clusters they leave out ('670+ (2 not stated)')."""
    moves = _moves_of(clusters, relocations)
    return pd.DataFrame([{"iso": None, "name": _("Total"), "macro_region": None} | _summary(clusters, moves, units)])


def in_units(table: pd.DataFrame, units: set[str]) -> pd.DataFrame:
    """The rows of the units a geographic filter names (all rows without one): a unit the filter
    leaves out would show 0 clusters that the data does not say."""
    return table if not units else table[table["iso"].isin(units)].reset_index(drop=True)


def analysis(table: pd.DataFrame) -> pd.DataFrame:
    """The table for a spreadsheet: every count and year a number, each sum's bound and the
    clusters it leaves out in columns of their own, empty where nothing is stated."""
    names = column_labels()
    out = pd.DataFrame({names["name"]: table["name"]})
    if "iso" in table and table["iso"].notna().any():
        out[_("ISO code")] = table["iso"]
    if "units" in table:
        out[_("Oblasts")] = table["units"]
    out[names["clusters"]] = table["clusters"]
    for status in STATUSES:
        out[status_label(status)] = table[status]
    for measure in SUMMED:
        label = names[measure]
        none_stated = (table["clusters"] > 0) & (table[f"{measure}_not_stated"] == table["clusters"])
        out[label] = pd.array(table[measure].where(~none_stated), dtype="Int64")
        out[bound_column(label)] = [bound_word(b) for b in table[f"{measure}_bound"]]
        out[_("{column}: clusters not stating it").format(column=label)] = table[f"{measure}_not_stated"]
    out[_("Earliest founded")] = pd.array(table["founded_first"], dtype="Int64")
    out[_("Latest founded")] = pd.array(table["founded_last"], dtype="Int64")
    out[names["moves_out"]] = table["moves_out"]
    out[names["moves_in"]] = table["moves_in"]
    return out


def bound_columns() -> dict[str, str]:
    """In the analysis table: each sum's column and the column that says whether it is a lower bound."""
    names = column_labels()
    return {names[m]: bound_column(names[m]) for m in SUMMED}


def bound_column(label: str) -> str:
    """The header of the column that says whether `label`'s number is exact or a lower bound."""
    return _("{column}: bound").format(column=label)


def bound_word(bound: str) -> str:
    return _("more than") if bound == "at_least" else _("exact")
