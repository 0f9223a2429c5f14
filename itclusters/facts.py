"""The facts table (data/facts.csv) for people: its vocabularies in words, each fact as a line,
a cluster's facts grouped by topic, and the groups of facts that may share one axis."""

from __future__ import annotations

import pandas as pd

from .i18n import N_, _, language, number
from .text import is_missing

# In the order a profile lists them; the values are the schema's enums (a test checks both agree).
TOPIC_LABELS = {
    "members": N_("Members"),
    "membership_policy": N_("Who may join"),
    "fees": N_("Membership fees"),
    "legal_form": N_("Legal form"),
    "founders": N_("Founders"),
    "governance": N_("Leadership and plans"),
    "history": N_("History"),
    "communities": N_("Communities"),
    "workforce": N_("IT workforce"),
    "education": N_("Education"),
    "programmes": N_("Programmes"),
    "events": N_("Events"),
    "research": N_("Research"),
    "international": N_("International ties"),
    "defence": N_("Support for the defence forces"),
    "booking": N_("Deferment from mobilisation"),
    "market": N_("The IT market"),
}
UNIT_LABELS = {
    "companies": N_("companies"),
    "organisations": N_("organisations"),
    "institutions": N_("institutions"),
    "people": N_("people"),
    "clusters": N_("clusters"),
    "communities": N_("communities"),
    "brands": N_("brands"),
    "startups": N_("startups"),
    "programmes": N_("programmes"),
    "projects": N_("projects"),
    "events": N_("events"),
    "military_units": N_("military units"),
    "regions": N_("regions"),
    "years": N_("years"),
    "percent": "%",
    "UAH": N_("UAH"),
    "USD": N_("USD"),
}
SCOPE_LABELS = {
    "cluster": N_("the cluster"),
    "city": N_("the city"),
    "region": N_("the region"),
    "national": N_("Ukraine"),
}
BOUND_FORMATS = {
    "exact": "{n}",
    "at_least": N_("more than {n}"),
    "at_most": N_("up to {n}"),
    "approximately": N_("about {n}"),
}
MEASURE_LABELS = {
    "event_attendance": N_("People at one event"),
    "booked_specialists_share": N_("Share of IT specialists with a deferment"),
    "sub_communities": N_("Communities of its own"),
    "founders": N_("Founding organisations"),
    "it_specialists": N_("IT specialists"),
    "programme_participants": N_("People reached by a programme"),
}
# One axis holds only facts that agree on all of these.
COMPARABLE_BY = ("topic", "measure", "unit", "scope")


def topic_label(topic: str) -> str:
    return _(TOPIC_LABELS.get(topic, topic))


def unit_label(unit: str) -> str:
    # Validation admits only the schema's units, each labelled (tests/test_facts.py checks both
    # lists agree); "%" has no entry in the catalogue, so it stays "%".
    return _(UNIT_LABELS[unit])


def format_value(value: object, bound: object, unit: object) -> str:
    """'more than 5,500 people', 'about 10,000 people', 'UAH 2,000,000', '4%'; '' for no number."""
    if is_missing(value):
        return ""
    amount = number(value) if float(value).is_integer() else f"{float(value):g}"
    if unit == "percent":
        amount += "%"
    elif unit in ("UAH", "USD"):
        amount = f"{unit_label(str(unit))} {amount}"
    elif not is_missing(unit):
        amount = f"{amount} {unit_label(str(unit))}"
    return _(BOUND_FORMATS.get(str(bound), "{n}")).format(n=amount)  # "{n}" is not in the catalogue


def scope_phrase(scope: str, cluster: pd.Series | None) -> str:
    """Whose figure it is, named: 'Vinnytsia as a whole', 'Cherkasy Oblast as a whole', 'Ukraine'."""
    if scope == "city" and cluster is not None:
        return _("{place} as a whole").format(place=cluster["city_uk" if language() == "uk" else "city"])
    if scope == "region" and cluster is not None:
        return _("{place} as a whole").format(place=cluster["oblast_uk" if language() == "uk" else "oblast_en"])
    if scope == "national":
        return _("Ukraine as a whole")
    return _(SCOPE_LABELS[scope])  # the schema's scopes, each labelled


def measure_label(measure: str) -> str:
    return _(MEASURE_LABELS.get(measure, measure.replace("_", " ")))


def section_label(section: str) -> str:
    if section == "introduction":
        return _("the overview's introduction")
    if section == "closing":
        return _("the overview's closing part")
    return _("section {n} of the overview").format(n=section)


def fact_line(fact: pd.Series, cluster: pd.Series | None) -> str:
    """One fact as a plain sentence with its number, scope, period and section."""
    value = format_value(fact["value"], fact["value_bound"], fact["unit"])
    subject = "" if is_missing(fact["subject"]) else f"{fact['subject']}: "
    head = f"{subject}{value} — " if value else subject
    context = [scope_phrase(fact["scope"], cluster)] if fact["scope"] != "cluster" else []
    if not is_missing(fact["period"]):
        context.append(str(fact["period"]))
    context.append(section_label(str(fact["source_section"])))
    return f"{head}{fact['note']} ({'; '.join(context)})"


def facts_by_topic(facts: pd.DataFrame, cluster: pd.Series) -> list[tuple[str, list[str]]]:
    """The cluster's facts grouped by topic, in the vocabulary's order: [(topic label, [lines])]."""
    mine = facts[facts["cluster_id"] == cluster["id"]]
    order = list(TOPIC_LABELS)
    groups = []
    for topic, rows in sorted(mine.groupby("topic"), key=lambda g: order.index(g[0])):  # validated topics
        groups.append((topic_label(topic), [fact_line(row, cluster) for _i, row in rows.iterrows()]))
    return groups


def comparable_groups(facts: pd.DataFrame, at_least: int = 2) -> list[tuple[str, ...]]:
    """The (topic, measure, unit, scope) groups with enough numbers to compare: like with like."""
    numbers = facts.dropna(subset=["value", "measure"])
    sizes = numbers.groupby(list(COMPARABLE_BY)).size()
    large = sizes[sizes >= at_least].sort_index().sort_values(ascending=False, kind="stable")  # most first
    return [tuple(key) for key in large.index]


def comparable(facts: pd.DataFrame, group: tuple[str, ...]) -> pd.DataFrame:
    mask = pd.Series(True, index=facts.index)
    for column, value in zip(COMPARABLE_BY, group):
        mask &= facts[column] == value
    return facts[mask & facts["value"].notna()]


def shown_facts(facts: pd.DataFrame, clusters: pd.DataFrame, unfiltered: bool) -> pd.DataFrame:
    """The facts of the clusters shown; the national ones (no cluster) only when nothing is
    filtered, since they belong to no region."""
    mine = facts["cluster_id"].isin(set(clusters["id"]))
    return facts[mine | (facts["cluster_id"].isna() & unfiltered)]


def readable_facts(facts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The facts as a reader sees them: the cluster's name, the topic and scope in words, the
    number with its bound and unit."""
    by_id = clusters.set_index("id")
    rows = []
    for _i, fact in facts.iterrows():
        cluster = by_id.loc[fact["cluster_id"]] if fact["cluster_id"] in by_id.index else None
        rows.append(
            {
                _("Cluster"): _("Ukraine (national)") if cluster is None else cluster["name"],
                _("Topic"): topic_label(fact["topic"]),
                _("Value"): format_value(fact["value"], fact["value_bound"], fact["unit"]),
                _("Scope"): scope_phrase(fact["scope"], cluster),
                _("Period"): "" if is_missing(fact["period"]) else str(fact["period"]),
                _("Note"): fact["note"],
                _("Source"): section_label(str(fact["source_section"])),
            }
        )
    columns = [_("Cluster"), _("Topic"), _("Value"), _("Scope"), _("Period"), _("Note"), _("Source")]
    return pd.DataFrame(rows, columns=columns)


def group_label(group: tuple[str, ...]) -> str:
    """'People at one event (people; the cluster)': what a comparable group measures."""
    _topic, measure, unit, scope = group
    return f"{measure_label(measure)} ({unit_label(unit)}; {_(SCOPE_LABELS[scope])})"
