"""The About page's tables, generated from data/datapackage.json and the data itself."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .facts import section_anchor
from .i18n import N_, _, language
from .schema import Field, Resource, data_dir, load_package
from .style import EVIDENCE_LABELS, status_label
from .text import is_missing
from .validation import parse_table

TYPES = {"string": N_("text"), "integer": N_("whole number"), "number": N_("number")}


def rules(field: Field) -> list[str]:
    """The field's constraints in words, in the reader's language (the values are the schema's)."""
    out = []
    if field.required:
        out.append(_("required"))
    if field.unique:
        out.append(_("unique"))
    if field.enum:
        out.append(_("one of {values}").format(values=", ".join(field.enum)))
    if field.minimum is not None and field.maximum is not None:
        out.append(_("{low} to {high}").format(low=f"{field.minimum:g}", high=f"{field.maximum:g}"))
    elif field.minimum is not None:
        out.append(_("at least {low}").format(low=f"{field.minimum:g}"))
    if field.pattern:
        out.append(_("matches {pattern}").format(pattern=field.pattern))
    if field.required_with:
        out.append(_("given exactly when {field} is given").format(field=field.required_with))
    if field.determines:
        pairs = "; ".join(f"{k} -> {v}" for k, v in field.rule)
        out.append(_("fixes {field}: {pairs}").format(field=field.determines, pairs=pairs))
    if field.only_with:
        out.append(
            _("given only when {field} is {values}").format(
                field=field.only_with, values=_(" or ").join(field.only_with_values)
            )
        )
    if field.translation_of:
        out.append(
            _(
                "the {language} text of {field}: empty only when {field} is, or left empty (the column may be "
                "missing) to show {field} as it is"
            ).format(language=field.language, field=field.translation_of)
        )
    return out


def data_dictionary(resource: Resource) -> pd.DataFrame:
    """Each column of the table, its title, type, description and rules, in the reader's language."""
    lang = language()
    return pd.DataFrame(
        [
            {
                _("Column"): f.name,
                _("Title"): f.text("title", lang),
                _("Type"): _(TYPES.get(f.type, f.type)),
                _("Description"): f.text("description", lang),
                _("Rules"): "; ".join(rules(f)) or _("none"),
            }
            for f in resource.fields
        ]
    )


def completeness(frame: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    """For each column, how many rows have a value: what the source states and what it leaves open."""
    total, lang = len(frame), language()
    return pd.DataFrame(
        [
            {
                _("Column"): f.name,
                _("Title"): f.text("title", lang),
                _("Stated"): int(frame[f.name].notna().sum()),
                _("Not stated"): int(frame[f.name].isna().sum()),
                _("Share stated"): f"{frame[f.name].notna().sum() / total:.0%}" if total else _("n/a"),
            }
            for f in resource.fields
        ]
    )


def status_rule(resource: Resource) -> list[tuple[str, str, str]]:
    """The rule that maps status evidence to a status, from the schema: (evidence, status, what
    the evidence means), in the reader's language."""
    evidence = next(f for f in resource.fields if f.determines == "status")
    meaning = dict(evidence.text("value_labels", language()))
    return [
        (_(EVIDENCE_LABELS.get(value, value)), status_label(status), meaning.get(value, ""))
        for value, status in evidence.rule
    ]


def source_sections(folder: Path | None = None) -> pd.DataFrame:
    """data/source_sections.csv, checked against its schema: every part of the source the data
    cites, with its heading. Empty (with the schema's columns) when the file is missing or broken:
    the About page then lists no sections, and every other page is unaffected."""
    resource = load_package().resource("source_sections")
    path = Path(folder or data_dir()) / resource.path
    try:
        parsed = parse_table(path.read_bytes(), resource)
    except OSError:
        parsed = None
    if parsed is None or not parsed.ok:
        return pd.DataFrame(columns=resource.field_names)
    return parsed.frame


def section_title(section: str, heading: object) -> str:
    """'4 · Kharkiv IT cluster': the number and the source's own heading; the unnumbered parts,
    which have no heading in the source, named in the reader's language."""
    if section == "introduction":
        return _("Introduction")
    if section == "closing":
        return _("Closing part")
    return section if is_missing(heading) or not str(heading) else f"{section} · {heading}"


def section_list(sections: pd.DataFrame) -> list[tuple[str, str]]:
    """(anchor, title) for each section, in the file's order (the source's)."""
    return [(section_anchor(s), section_title(s, h)) for s, h in zip(sections["section"], sections["heading"])]


def in_columns(items: list, n: int) -> list[list]:
    """The items in n columns read top to bottom, left to right; the first columns take any extra."""
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (i < extra)
        out.append(items[start:end])
        start = end
    return out
