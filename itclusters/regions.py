"""The clusters summed per oblast (all 27 units, zeros included) and per macro-region.

Sums are honest: a sum that includes a lower bound ("more than 300") is itself a lower bound, and
each sum says how many clusters do not state the value. A unit with no cluster sums to 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .i18n import _, language
from .style import MACRO_REGIONS, STATUSES, region_label, status_label
from .text import format_count

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
    return pd.DataFrame(rows).sort_values("name", key=lambda s: s.str.casefold()).reset_index(drop=True)


def by_macro_region(clusters: pd.DataFrame, regions: pd.DataFrame, relocations: pd.DataFrame | None) -> pd.DataFrame:
    """One row per macro-region, with the units that make it up (from regions.csv)."""
    moves = _moves_of(clusters, relocations)
    name = "name_uk" if language() == "uk" else "name_en"
    rows = []
    for macro in MACRO_REGIONS:
        units = regions[regions["macro_region"] == macro]
        part = clusters[clusters["oblast_iso"].isin(set(units["iso"]))]
        rows.append(
            {"macro_region": macro, "name": region_label(macro), "units": ", ".join(sorted(units[name]))}
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
    out = pd.DataFrame({_("Name"): table["name"]})
    if "units" in table:
        out[_("Oblasts")] = table["units"]
    out[_("Clusters")] = table["clusters"]
    for status in STATUSES:
        out[status_label(status)] = table[status]
    labels = {"member_companies": _("Member companies"), "professionals": _("Professionals")}
    for measure in SUMMED:
        out[labels[measure]] = sum_labels(table, measure)
    for column, label in (("founded_first", _("Earliest founded")), ("founded_last", _("Latest founded"))):
        out[label] = [
            NO_CLUSTER if n == 0 else (_("not stated") if pd.isna(y) else str(int(y)))
            for y, n in zip(table[column], table["clusters"])
        ]
    out[_("Relocations out")] = table["moves_out"]
    out[_("Relocations in")] = table["moves_in"]
    return out
