"""The facts table (data/facts.csv) for people: its vocabularies in words, each fact as a line,
a cluster's facts grouped by topic, and the groups of facts that may share one axis."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlencode

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from .i18n import N_, _, language, ngettext, number
from .periods import PERIOD_COLUMNS, fact_period
from .schema import load_package
from .text import is_missing, localised, localised_column

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
    "days": N_("days"),
    "rank": N_("No."),  # a place in an order: "second in exports" is "No. 2"
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
# Every measure the published facts use (a test checks); an uploaded one reads as its slug in words.
MEASURE_LABELS = {
    "it_companies": N_("Active IT companies"),
    "export_earnings": N_("Export earnings"),
    "taxes_paid": N_("Taxes paid"),
    "it_clusters": N_("IT clusters"),
    "represented_it_professionals": N_("IT professionals represented"),
    "tech_events": N_("Tech events"),
    "event_attendance": N_("People at one event"),
    "science_conferences": N_("Science conferences"),
    "hackathons": N_("Hackathons"),
    "sub_communities": N_("Communities of its own"),
    "founders": N_("Founding organisations"),
    "programme_participants": N_("People reached by a programme"),
    "partner_brands": N_("Partner brands"),
    "startups_supported": N_("Startups supported"),
    "education_network_regions": N_("Regions of its education network"),
    "partner_universities": N_("Partner universities"),
    "degree_programmes": N_("Degree programmes"),
    "joint_projects": N_("Joint projects"),
    "it_specialists": N_("IT specialists"),
    "it_specialists_arrived": N_("IT specialists who moved in"),
    "registered_it_entrepreneurs": N_("Registered IT entrepreneurs"),
    "booked_specialists_share": N_("Share of IT specialists with a deferment"),
    "military_units_supported": N_("Military units supported"),
    "defence_funding_by_cluster": N_("Defence funding by the cluster"),
    "defence_donations_by_members": N_("Defence donations by members"),
    "defence_funding_by_industry": N_("Defence funding by the IT industry"),
    "humanitarian_funding_by_industry": N_("Humanitarian aid by the IT industry"),
    "veteran_support_by_industry": N_("Veteran support by the IT industry"),
    "firms_with_mobilised_staff": N_("Share of IT firms with mobilised staff"),
    "it_staff_in_forces": N_("IT staff in the Defence Forces"),
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
    """'more than 5,500 people', 'about 10,000 people', 'UAH 2,000,000', '4%', 'No. 2'; '' for no number."""
    if is_missing(value):
        return ""
    amount = number(value) if float(value).is_integer() else f"{float(value):g}"
    if unit == "percent":
        amount += "%"
    elif unit == "days" and float(value).is_integer():  # "1 day", "3 days": a length of one day occurs
        amount = ngettext("{n} day", "{n} days", int(float(value))).format(n=amount)
    elif unit in ("UAH", "USD", "rank"):
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


def scope_label(scope: str) -> str:
    """A scope as a filter names it: 'the cluster', 'the city', 'the region', 'Ukraine'."""
    return _(SCOPE_LABELS.get(scope, scope))


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
    subject = "" if (named := localised(fact, "subject")) is None else f"{named}: "
    head = f"{subject}{value} — " if value else subject
    context = [scope_phrase(fact["scope"], cluster)] if fact["scope"] != "cluster" else []
    if period := fact_period(fact):
        context.append(period)
    context.append(section_label(str(fact["source_section"])))
    return f"{head}{localised(fact, 'note')} ({'; '.join(context)})"


# A profile's lines per topic. The published data has at most 5; a valid upload can put 40,000 facts
# on one cluster, which as lines made a profile of megabytes that took seconds to build and send.
FACTS_PER_TOPIC = 20


def facts_by_topic(facts: pd.DataFrame, cluster: pd.Series, most: int = FACTS_PER_TOPIC) -> list[tuple[str, list[str]]]:
    """The cluster's facts grouped by topic, in the vocabulary's order: [(topic label, [lines])].
    A topic with more than `most` facts lists its first `most`, then says how many more the Data
    page and its download have."""
    mine = facts[facts["cluster_id"] == cluster["id"]]
    order = list(TOPIC_LABELS)
    groups = []
    for topic, rows in sorted(mine.groupby("topic"), key=lambda g: order.index(g[0])):  # validated topics
        lines = [fact_line(row, cluster) for _i, row in rows.head(most).iterrows()]
        if len(rows) > most:
            lines.append(more_facts_line(len(rows) - most))
        groups.append((topic_label(topic), lines))
    return groups


def more_facts_line(n: int) -> str:
    """'…and 2,198 more facts on this topic, on the Data page and in its download'."""
    return ngettext(
        "…and {n} more fact on this topic, on the Data page and in its download",
        "…and {n} more facts on this topic, on the Data page and in its download",
        n,
    ).format(n=number(n))


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


NATIONAL = ""  # the cluster filter's key for the facts of no cluster (a cluster id is never empty)


def what_text(fact: pd.Series) -> str:
    """What a fact is about: its subject and measure, 'IT Arena · People at one event'."""
    return _what(localised(fact, "subject"), fact["measure"])


def _what(subject: str | None, measure: object) -> str:
    parts = [] if subject is None else [subject]
    if not is_missing(measure):
        parts.append(measure_label(str(measure)))
    return " · ".join(parts)


def _plain(column: pd.Series) -> list:
    """A column's values as Python objects, None where missing (so that equal keys are equal:
    no two NaNs are)."""
    return column.astype(object).where(column.notna(), None).tolist()


def each_distinct(make: Callable[..., str], *columns: pd.Series) -> list[str]:
    """make(*values) for every row of the columns, worked out once per distinct combination of
    values (None for a missing one): a column of 40,000 facts costs what its few distinct values
    cost, and numpy's time for the rest."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:  # each row's combination as one number, renumbered from 0 (no overflow)
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        key = pd.factorize(key * (len(uniques) + 1) + codes)[0]
    _distinct, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    made = [make(*values) for values in zip(*(_plain(column.iloc[first]) for column in columns))]
    return np.asarray(made, dtype=object)[inverse].tolist()


def scope_phrases(facts: pd.DataFrame, clusters: pd.DataFrame) -> list[str]:
    """scope_phrase for every fact, each (scope, cluster) worded once."""
    by_id = clusters.drop_duplicates("id").set_index("id")
    return each_distinct(
        lambda scope, cid: scope_phrase(scope, by_id.loc[cid] if cid in by_id.index else None),
        facts["scope"],
        facts["cluster_id"],
    )


def fact_periods(facts: pd.DataFrame) -> list[str]:
    """fact_period for every fact, each distinct period worded once."""
    return each_distinct(
        lambda *cells: fact_period(dict(zip(PERIOD_COLUMNS, cells))), *(facts[c] for c in PERIOD_COLUMNS)
    )


def localised_each(facts: pd.DataFrame, column: str) -> pd.Series:
    """localised() for every fact, on the facts' index (None where the column is empty): each
    distinct text and its twin looked at once."""
    twin = load_package().twins(language()).get(column)
    names = [column] + ([twin] if twin in facts.columns else [])
    texts = each_distinct(lambda *cells: localised(dict(zip(names, cells)), column), *(facts[n] for n in names))
    return pd.Series(texts, index=facts.index, dtype=object)


def readable_facts(facts: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The facts as a reader sees them, on the facts' own index: the cluster's name, the topic in
    words, the subject and measure, the number with its bound and unit, whose figure it is (the
    scope), the period and the note. The search looks in exactly these. Each column is worked out
    once per distinct value (each_distinct), so the whole upload is searched in well under a second."""
    first = clusters.drop_duplicates("id")
    names = dict(zip(first["id"], first["name"].astype(str)))
    national = _("Ukraine (national)")
    columns = {
        _("Cluster"): [names.get(c, national) for c in _plain(facts["cluster_id"])],
        _("Topic"): each_distinct(topic_label, facts["topic"]),
        _("What"): each_distinct(_what, localised_each(facts, "subject"), facts["measure"]),
        _("Value"): each_distinct(format_value, facts["value"], facts["value_bound"], facts["unit"]),
        _("Scope"): scope_phrases(facts, clusters),
        _("Period"): fact_periods(facts),
        _("Note"): localised_each(facts, "note").fillna("").tolist(),
    }
    table = pd.DataFrame(columns, index=facts.index)
    return table if len(table) else table.astype(object)  # no rows: no numbers either


def matches(table: pd.DataFrame, query: str) -> pd.Series:
    """The rows whose text holds the query: ignoring case and the spaces around it, and literally
    (a '(' or '*' is a character, not a pattern)."""
    needle = query.strip().casefold()
    if table.empty:
        return pd.Series(True, index=table.index, dtype=bool)
    texts = table.astype(str)
    if "\n" in needle:  # it may span two cells: look in each row's cells joined as lines
        text = texts.iloc[:, 0].str.cat([texts[c] for c in texts.columns[1:]], sep="\n").str.casefold()
        return text.str.contains(needle, regex=False).astype(bool)
    found = np.zeros(len(texts), dtype=bool)
    for column in texts.columns:  # each distinct cell looked in once
        codes, cells = pd.factorize(texts[column], use_na_sentinel=False)
        found |= pd.Series(cells, dtype=object).str.casefold().str.contains(needle, regex=False).to_numpy(bool)[codes]
    return pd.Series(found, index=table.index, dtype=bool)


def filter_facts(
    facts: pd.DataFrame,
    clusters: pd.DataFrame,
    topics: Iterable[str] = (),
    cluster_ids: Iterable[str] = (),
    scopes: Iterable[str] = (),
    query: str = "",
) -> pd.DataFrame:
    """The facts that pass every filter that is set; an empty filter passes all. `cluster_ids`
    may hold NATIONAL for the facts of no cluster; the search looks in the text as shown
    (readable_facts)."""
    topics, cluster_ids, scopes = set(topics), set(cluster_ids), set(scopes)
    keep = pd.Series(True, index=facts.index, dtype=bool)
    if topics:
        keep &= facts["topic"].isin(topics)
    if cluster_ids:
        keep &= facts["cluster_id"].fillna(NATIONAL).isin(cluster_ids)
    if scopes:
        keep &= facts["scope"].isin(scopes)
    if query.strip():
        keep &= matches(readable_facts(facts[keep], clusters), query).reindex(facts.index, fill_value=False)
    return facts[keep]


def relocation_text(relocations: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The moves' text as their table shows it (charts.relocation_table): the cluster's name, from,
    to in both languages, the year and the note, on the relocations' own index."""
    names = dict(zip(clusters["id"], clusters["name"].astype(str)))
    return pd.DataFrame(
        {
            "cluster": relocations["cluster_id"].map(names).fillna(""),
            "from": localised_column(relocations, "from_city").fillna(""),
            "to": relocations["to_city"].fillna("") + " " + relocations["to_city_uk"].fillna(""),
            "year": [("" if is_missing(y) else str(int(y))) for y in relocations["year"]],
            "note": localised_column(relocations, "note").fillna(""),
        },
        index=relocations.index,
    )


def filter_relocations(
    relocations: pd.DataFrame, clusters: pd.DataFrame, cluster_ids: Iterable[str] = (), query: str = ""
) -> pd.DataFrame:
    """The moves of the clusters shown, narrowed by the facts' cluster filter and search. The topic
    and scope filters leave them be: a move has neither."""
    cluster_ids = set(cluster_ids)
    keep = relocations["cluster_id"].isin(set(clusters["id"]))
    if cluster_ids:
        keep &= relocations["cluster_id"].isin(cluster_ids)
    moves = relocations[keep]
    if query.strip():
        moves = moves[matches(relocation_text(moves, clusters), query)]
    return moves


def move_counts(facts: pd.DataFrame, relocations: pd.DataFrame) -> pd.Series:
    """How many moves each fact's cluster made (missing for none)."""
    per_cluster = relocations["cluster_id"].value_counts()
    return facts["cluster_id"].map(per_cluster).astype("Int64")


def with_moves(name: str, moves: object) -> str:
    """A cluster's name as a facts row shows it: 'EastUkrainian Technocluster · 1 move ↓' when it
    moved, pointing to its moves in the table below (a column of its own would be empty in
    nearly every row, and the table has no width to spare)."""
    if is_missing(moves):
        return name
    return ngettext("{name} · {n} move ↓", "{name} · {n} moves ↓", int(moves)).format(name=name, n=int(moves))


def section_anchor(section: object) -> str:
    """The id of a section's heading on the About page: 'section-4', 'section-introduction'."""
    return f"section-{section}"


def section_link(section: object, query: Mapping[str, str] | None = None) -> str:
    """The About page at a section's heading, in the reader's view: './about?lang=uk#section-4'.
    A table's link opens in a new tab, a new session: the address must carry the language and filters."""
    return f"./about{'?' + urlencode(query) if query else ''}#{section_anchor(section)}"


def section_short(section: object) -> str:
    """The section as a narrow table cell names it: '4', 'intro', 'closing' (translated)."""
    return {"introduction": _("intro"), "closing": _("closing")}.get(str(section), str(section))


def facts_table(
    facts: pd.DataFrame, clusters: pd.DataFrame, relocations: pd.DataFrame, query: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The facts table on screen: readable_facts, the cluster's moves beside its name, and the
    source section as a link to the section's heading on the About page."""
    table = readable_facts(facts, clusters)
    cluster = _("Cluster")
    table[cluster] = each_distinct(with_moves, table[cluster], move_counts(facts, relocations))
    table[_("Section")] = each_distinct(lambda section: section_link(section, query), facts["source_section"])
    return table.reset_index(drop=True)


def styled_facts_table(table: pd.DataFrame) -> Styler:
    """facts_table for st.dataframe: a section link shows its section ('4', or 'intro' in the
    reader's language), which a link column's pattern cannot translate."""
    return table.style.format({_("Section"): lambda link: section_short(link.rsplit("#section-", 1)[-1])})


def topic_choices(facts: pd.DataFrame) -> list[str]:
    """The topics the facts have, in the vocabulary's order (an uploaded topic outside it last)."""
    order = list(TOPIC_LABELS)
    present = set(facts["topic"].dropna().unique())
    return [t for t in order if t in present] + sorted(present - set(order))


def scope_choices(facts: pd.DataFrame) -> list[str]:
    present = set(facts["scope"].dropna().unique())
    return [s for s in SCOPE_LABELS if s in present]


def cluster_choices(facts: pd.DataFrame, relocations: pd.DataFrame, labels: Mapping[str, str]) -> dict[str, str]:
    """{key: label} for the clusters with facts or moves shown, by label; the national facts first.
    `labels` names each cluster id (profile.pick_labels: the name, with the id where names repeat)."""
    ids = set(facts["cluster_id"].dropna().unique()) | set(relocations["cluster_id"].dropna().unique())
    choices = {NATIONAL: _("Ukraine (national)")} if facts["cluster_id"].isna().any() else {}
    return choices | dict(sorted(((c, labels.get(c, c)) for c in ids), key=lambda item: item[1].casefold()))


def filters_text(topics: Iterable[str], cluster_labels: Iterable[str], scopes: Iterable[str], query: str) -> list[str]:
    """The facts' filters that are on, in words: ['topic: Events, Members', 'search: arena']."""
    on = []
    if topics := [topic_label(t) for t in topics]:
        on.append(_("topic: {values}").format(values=", ".join(topics)))
    if cluster_labels := list(cluster_labels):
        on.append(_("cluster: {values}").format(values=", ".join(cluster_labels)))
    if scopes := [scope_label(s) for s in scopes]:
        on.append(_("scope: {values}").format(values=", ".join(scopes)))
    if query.strip():
        on.append(_("search: {q}").format(q=query.strip()))
    return on


def count_line(shown: int, total: int, filters_on: list[str]) -> str:
    """'12 of 85 facts · topic: Events; search: arena', or '85 of 85 facts · no filters'."""
    count = ngettext("{shown} of {total} fact", "{shown} of {total} facts", total).format(
        shown=number(shown), total=number(total)
    )
    return f"{count} · " + ("; ".join(filters_on) if filters_on else _("no filters"))


# The facts table's rows at a time. The published data has 100 facts; a valid upload can have
# 40,000, which the grid took seconds to send (and pandas' Styler refused past 262,144 cells).
PAGE_ROWS = 500


def page_starts(total: int, size: int = PAGE_ROWS) -> list[int]:
    """Where each page of `size` rows starts: [0, 500, 1000, ...]; one page for up to `size` rows."""
    return list(range(0, max(total, 1), size))


def rows_label(start: int, total: int, size: int = PAGE_ROWS) -> str:
    """A page as a picker names it, by its rows counted from 1: '1–500', '37,501–37,716'."""
    return f"{number(start + 1)}–{number(min(start + size, total))}"


def page_line(start: int, total: int, size: int = PAGE_ROWS) -> str:
    """'Showing 1–500 of 37,716 facts; the download has them all. ...'"""
    return ngettext(
        "Showing {rows} of {total} fact; the download has them all. Narrow them with the filters and "
        "the search above, or choose other rows.",
        "Showing {rows} of {total} facts; the download has them all. Narrow them with the filters and "
        "the search above, or choose other rows.",
        total,
    ).format(rows=rows_label(start, total, size), total=number(total))


def moves_line(shown: int, total: int, cluster_labels: Iterable[str], query: str) -> str:
    """'1 of 3 moves · cluster: MRPL IT Cluster': the facts' filters that apply to moves, and only those."""
    count = ngettext("{shown} of {total} move", "{shown} of {total} moves", total).format(
        shown=number(shown), total=number(total)
    )
    on = filters_text((), cluster_labels, (), query)
    return f"{count} · " + ("; ".join(on) if on else _("no filters"))


def group_label(group: tuple[str, ...]) -> str:
    """'People at one event (people; the cluster)': what a comparable group measures."""
    _topic, measure, unit, scope = group
    return f"{measure_label(measure)} ({unit_label(unit)}; {_(SCOPE_LABELS[scope])})"
