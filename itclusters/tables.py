"""The clusters as the Data page's table shows them: numbers that sort as numbers and read as the
dashboard writes them ('300+', 'not stated'), column widths that fit a laptop, and a total row."""

from __future__ import annotations

import pandas as pd

from .i18n import _, language
from .regions import short_name, sum_label
from .style import STATUSES, status_label
from .text import format_count, format_year, localised_column

COUNTS = ("member_companies", "professionals", "educational_members")


def column_labels() -> dict[str, str]:
    return {
        "name": _("Cluster"),
        "city": _("City"),
        "oblast": _("Oblast"),
        "status": _("Status"),
        "founded": _("Founded"),
        "member_companies": _("Member companies"),
        "professionals": _("Professionals"),
        "educational_members": _("Educational members"),
        "head": _("Head"),
        "source_section": _("Section"),
    }


def short_labels() -> dict[str, tuple[str, str]]:
    """The count columns' headers in the table, short enough to read whole, with their full names."""
    names = column_labels()
    return {
        names["member_companies"]: (_("Companies"), names["member_companies"]),
        names["educational_members"]: (_("Education"), _("Educational members: universities, colleges and schools")),
    }


def widths() -> dict[str, int]:
    """In pixels: at 1366 x 768, beside the sidebar, the table fits without scrolling sideways
    (tests/test_tables_fit.py measures it in both languages)."""
    names = column_labels()
    sizes = {"name": 165, "city": 95, "oblast": 110, "status": 105, "founded": 110, "member_companies": 88}
    sizes |= {"professionals": 95, "educational_members": 88, "head": 88, "source_section": 55}
    return {names[k]: v for k, v in sizes.items()}


def short_status(status: str) -> str:
    return _("No recent info") if status == "no_recent_info" else status_label(status)


def screen(clusters: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The values (counts as numbers, empty where not stated) and the text each count shows."""
    names = column_labels()
    uk = language() == "uk"
    values = pd.DataFrame(
        {
            names["name"]: clusters["name"].astype(str).to_numpy(),
            names["city"]: clusters["city_uk" if uk else "city"].astype(str).to_numpy(),
            names["oblast"]: clusters["oblast_uk" if uk else "oblast_en"].astype(str).map(short_name).to_numpy(),
            names["status"]: clusters["status"].map(short_status).astype(str).to_numpy(),
            names["founded"]: [format_year(y, b) for y, b in zip(clusters["founded_year"], clusters["founded_basis"])],
        }
    )
    labels = {}
    for column in COUNTS:
        values[names[column]] = pd.array(clusters[column], dtype="Int64")
        labels[names[column]] = [format_count(v, b) for v, b in zip(clusters[column], clusters[f"{column}_bound"])]
    values[names["head"]] = localised_column(clusters, "head").fillna(_("not stated")).astype(str).to_numpy()
    values[names["source_section"]] = pd.array(clusters["source_section"], dtype="Int64")
    return values, labels


def total(clusters: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """One row over the clusters shown, in columns of its own: how many, where, by status, the
    years they span, and each count summed with its bound and the clusters it leaves out."""
    counts = clusters["status"].value_counts()
    years = clusters["founded_year"].dropna()
    values = pd.DataFrame(
        {
            _("Clusters"): [len(clusters)],
            _("Oblasts"): [clusters["oblast_iso"].nunique()],
            **{short_status(s): [int(counts.get(s, 0))] for s in STATUSES},
            _("Founded"): [f"{int(years.min())}–{int(years.max())}" if len(years) else _("not stated")],
        }
    )
    labels = {}
    names = column_labels()
    for column in COUNTS:
        stated = clusters[clusters[column].notna()]
        bound = "at_least" if (stated[f"{column}_bound"] == "at_least").any() else "exact"
        summed = int(stated[column].sum())
        values[names[column]] = pd.array([summed if len(stated) else None], dtype="Int64")
        labels[names[column]] = [sum_label(summed, bound, len(clusters) - len(stated), len(clusters))]
    return values, labels


def total_widths() -> dict[str, int]:
    names = column_labels()
    counts = {names[c]: 165 for c in COUNTS}
    return {_("Clusters"): 70, _("Oblasts"): 70, _("Founded"): 90} | {short_status(s): 95 for s in STATUSES} | counts
