"""Names of the files the dashboard makes, in the reader's language.

A fixed name is a catalogue entry ("it-clusters.csv" is "іт-кластери.csv" in Ukrainian); a chart's
file is named after its title in the reader's language. English names are what they always were,
so links and scripts that name a file keep working. The published data file offered as a template
for an upload keeps its own name (clusters.csv).
"""

from __future__ import annotations

import re

from .i18n import DEFAULT, _, language

UNSAFE = re.compile(r"[^\w.-]+")  # what a file name keeps: letters (any script), digits, '.', '-', '_'


def slug(text: str) -> str:
    """'Компанії-учасниці за кластерами' -> 'компанії-учасниці-за-кластерами'."""
    return UNSAFE.sub("-", text.strip().lower()).strip("-.")[:80].strip("-.")


def chart_title(chart) -> str:
    """The chart's title as it reads (a title may be a string, a list of lines or {"text": ...})."""
    title = chart.to_dict().get("title", "") if hasattr(chart, "to_dict") else ""
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title)


def chart_stem(stem: str, chart) -> str:
    """A chart's file name without its extension: its English stem, or its title's words in the
    reader's language."""
    if language() == DEFAULT:
        return stem
    return slug(chart_title(chart)) or stem


def translated(name: str) -> str:
    """A fixed file name marked with N_ where it is defined, in the reader's language."""
    return _(name)
