"""Two to four clusters side by side: which ones (from the URL), and their facts aligned by row."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .i18n import _
from .profile import profile_facts
from .text import not_stated

MAX_COMPARED = 4
MAX_ID_LENGTH = 80


def parse_ids(raw: str | None, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """The valid ids of `ids=a,b,c` in their order, and a notice for each thing left out."""
    wanted = [part.strip() for part in (raw or "").split(",") if part.strip()]
    known_ids, kept, unknown, repeated = set(known), [], [], []
    for cluster_id in wanted:
        if cluster_id not in known_ids:
            short = cluster_id[:MAX_ID_LENGTH]
            unknown.append(short if short.isprintable() else repr(short))  # a control character, as \x1b
        elif cluster_id in kept:
            repeated.append(cluster_id)
        else:
            kept.append(cluster_id)
    notices = []
    if unknown:
        notices.append(_("Ignored ids that name no cluster: {ids}.").format(ids=", ".join(unknown[:10])))
    if repeated:
        notices.append(_("Ignored repeated ids: {ids}.").format(ids=", ".join(repeated[:10])))
    if len(kept) > MAX_COMPARED:
        notices.append(
            _("Up to {n} clusters can be compared; left out: {ids}.").format(
                n=MAX_COMPARED, ids=", ".join(kept[MAX_COMPARED:])
            )
        )
        kept = kept[:MAX_COMPARED]
    return kept, notices


def comparison(selected: pd.DataFrame, relocations: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per fact, one column per cluster, in the order chosen. A fact one cluster has and
    another lacks reads 'not stated' for the other; several relocations share one row."""
    names = selected["name"].astype(str)
    repeated = set(names[names.duplicated(keep=False)]) | {_("Fact")}  # a header must name one column
    labels: list[str] = []
    columns: list[tuple[str, dict[str, str]]] = []
    for (_index, cluster), name in zip(selected.iterrows(), names):
        facts: dict[str, str] = {}
        for label, value in profile_facts(cluster, relocations, clusters):
            facts[label] = f"{facts[label]}; {value}" if label in facts else str(value)
            if label not in labels:
                labels.append(label)
        columns.append((f"{name} ({cluster['id']})" if name in repeated else name, facts))
    table = pd.DataFrame({_("Fact"): labels})
    for header, facts in columns:
        table[header] = [facts.get(label, not_stated()) for label in labels]
    return table
