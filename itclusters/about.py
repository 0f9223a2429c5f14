"""The About page's tables, generated from data/datapackage.json and the data itself."""

from __future__ import annotations

import pandas as pd

from .i18n import _
from .schema import Resource
from .style import EVIDENCE_LABELS, status_label


def data_dictionary(resource: Resource) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                _("Column"): f.name,
                _("Title"): f.title,
                _("Type"): f.type,
                _("Description"): f.description,
                _("Rules"): "; ".join(f.rules()) or _("none"),
            }
            for f in resource.fields
        ]
    )


def completeness(frame: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    """For each column, how many rows have a value: what the source states and what it leaves open."""
    total = len(frame)
    return pd.DataFrame(
        [
            {
                _("Column"): f.name,
                _("Title"): f.title,
                _("Stated"): int(frame[f.name].notna().sum()),
                _("Not stated"): int(frame[f.name].isna().sum()),
                _("Share stated"): f"{frame[f.name].notna().sum() / total:.0%}" if total else "n/a",
            }
            for f in resource.fields
        ]
    )


def status_rule(resource: Resource) -> list[tuple[str, str, str]]:
    """The rule that maps status evidence to a status, from the schema: (evidence, status, what
    the evidence means), in the reader's language where the labels are translated."""
    evidence = next(f for f in resource.fields if f.determines == "status")
    meaning = dict(evidence.value_labels)
    return [
        (_(EVIDENCE_LABELS.get(value, value)), status_label(status), meaning.get(value, ""))
        for value, status in evidence.rule
    ]
