"""One cluster's facts as label/value pairs, and as escaped HTML for the panel beside the map."""

from __future__ import annotations

import pandas as pd

from .facts import facts_by_topic
from .i18n import N_, _, language
from .periods import Period, period_text
from .style import STATUS_COLOURS, status_with_evidence
from .text import escape, format_count, format_year, is_missing, localised, or_not_stated

COUNTS = (
    ("member_companies", N_("Member companies")),
    ("professionals", N_("Professionals")),
    ("educational_members", N_("Educational members")),
    ("partners", N_("Partners")),
    ("sole_proprietors", N_("Sole proprietors")),
)
# The counts' periods as periods (the overview dates from late 2024); 'at founding' is no date.
COUNTS_PERIOD = {"current": Period("late", "2024"), "at_founding": None, "before_2022": Period("before", "2022")}


def counts_period_text(code: str) -> str:
    """'late 2024', 'at founding', 'before 2022', in the reader's language."""
    period = COUNTS_PERIOD[code]
    return _("at founding") if period is None else period_text(period)


def pick_labels(clusters: pd.DataFrame) -> dict[str, str]:
    """How each cluster is named in a list to pick from: its name, with its id where names repeat,
    so every entry says which cluster it is."""
    names = clusters["name"].astype(str)
    repeated = set(names[names.duplicated(keep=False)])
    return {cid: f"{name} ({cid})" if name in repeated else name for cid, name in zip(clusters["id"], names)}


def both_names(row: pd.Series, english: str, ukrainian: str) -> str:
    """'Lviv (Львів)' in English, 'Львів (Lviv)' in Ukrainian."""
    first, second = (ukrainian, english) if language() == "uk" else (english, ukrainian)
    return f"{row[first]} ({row[second]})"


def profile_facts(
    cluster: pd.Series, relocations: pd.DataFrame, clusters: pd.DataFrame, more_facts: pd.DataFrame | None = None
) -> list[tuple[str, str]]:
    """Every fact of the cluster, 'not stated' where the source is silent; with `more_facts`, the facts
    table's rows too, one entry per topic (its lines separated by newlines)."""
    facts = [
        (_("City"), both_names(cluster, "city", "city_uk")),
        (_("Oblast"), both_names(cluster, "oblast_en", "oblast_uk")),
        (_("Wartime status"), status_with_evidence(cluster["status"], cluster.get("status_evidence"))),
        (_("Status note"), or_not_stated(localised(cluster, "status_note"))),
        (_("Founded"), format_year(cluster["founded_year"], cluster["founded_basis"])),
    ]
    if founded_note := localised(cluster, "founded_note"):
        facts.append((_("How the year is known"), founded_note))
    for column, label in COUNTS:
        facts.append((_(label), format_count(cluster[column], cluster[f"{column}_bound"])))
    if not is_missing(cluster["counts_period"]):
        facts.append((_("Counts refer to"), counts_period_text(cluster["counts_period"])))
    if members_note := localised(cluster, "members_note"):
        facts.append((_("About the members"), members_note))
    facts.append((_("Head"), or_not_stated(localised(cluster, "head"))))
    if not is_missing(cluster["parent_id"]):
        parent = clusters.loc[clusters["id"] == cluster["parent_id"], "name"]
        facts.append((_("Branch of"), parent.iloc[0] if len(parent) else cluster["parent_id"]))
    moves = relocations[relocations["cluster_id"] == cluster["id"]]
    for move in moves.itertuples():
        year = "" if is_missing(move.year) else f" ({int(move.year)})"
        note = "" if (text := localised(move, "note")) is None else f": {text}"
        destination = move.to_city_uk if language() == "uk" else move.to_city
        facts.append((_("Relocation"), f"{localised(move, 'from_city')} → {destination}{year}{note}"))
    if location_note := localised(cluster, "location_note"):
        facts.append((_("Location"), location_note))
    if more_facts is not None:
        facts += [(topic, "\n".join(lines)) for topic, lines in facts_by_topic(more_facts, cluster)]
    facts.append((_("Source"), _("section {n} of the overview").format(n=int(cluster["source_section"]))))
    return facts


def _value_html(value: str) -> str:
    """One value, or a list when it holds several facts (one per line)."""
    lines = value.split("\n")
    if len(lines) == 1:
        return escape(value)
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def profile_html(
    cluster: pd.Series, relocations: pd.DataFrame, clusters: pd.DataFrame, more_facts: pd.DataFrame | None = None
) -> str:
    """The profile as a list of terms, each label above its value: it reads in a narrow column
    beside the map at 1280x720 and on a phone, where a two-column table squeezes the values."""
    colour = STATUS_COLOURS[cluster["status"]]  # validated: one of the schema's statuses
    rows = "".join(
        f"<dt>{escape(label)}</dt><dd>{_value_html(value)}</dd>"
        for label, value in profile_facts(cluster, relocations, clusters, more_facts)
    )
    return (
        "<div class='itc-profile'>"
        f"<h3 style='margin:0 0 .3rem;border-left:6px solid {colour};padding-left:.5rem'>{escape(cluster['name'])}</h3>"
        f"<dl>{rows}</dl></div>"
        "<style>.itc-profile dl{margin:0;font-size:.92rem}.itc-profile dt{font-weight:600;margin-top:.45rem}"
        ".itc-profile dd{margin:0;padding-bottom:.35rem;border-bottom:1px solid rgba(128,128,128,.25);"
        "overflow-wrap:anywhere}.itc-profile ul{margin:0;padding-left:1.1rem}</style>"
    )
