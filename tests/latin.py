"""What counts as a line left in English in the Ukrainian interface: four or more Latin-script
words and no Cyrillic letter, once the names a translation keeps are taken out (the clusters' and
places' own names, the source's title and its sections' headings)."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

LATIN_WORD = re.compile(r"[A-Za-z]+(?:[-_'’][A-Za-z0-9]+)*")  # 'lviv-it-cluster' is one word: a code
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
WORDS = 4


@cache
def kept_names() -> tuple[str, ...]:
    """Names a Ukrainian page shows as they are, longest first (so a longer name goes before a
    name inside it)."""
    from itclusters.about import source_sections
    from itclusters.data import load_dataset
    from itclusters.schema import DATA_DIR, load_package

    dataset = load_dataset(DATA_DIR).dataset
    names = set(dataset.clusters["name"]) | set(dataset.hubs["name"])
    names |= {s["title"] for s in load_package().sources[:1]}  # the publication's own title
    names |= {str(h) for h in source_sections()["heading"] if not pd.isna(h)}
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def english(line: str, names: tuple[str, ...] | None = None) -> bool:
    """Whether `line` reads as English: no Cyrillic, and four or more Latin-script words once
    the kept names are removed."""
    if CYRILLIC.search(line):
        return False
    for name in kept_names() if names is None else names:
        line = line.replace(name, " ")
    return len(LATIN_WORD.findall(line)) >= WORDS


def english_lines(lines, names: tuple[str, ...] | None = None) -> list[str]:
    """The lines that read as English, each once, in order."""
    return [line for line in dict.fromkeys(str(x).strip() for x in lines) if line and english(line, names)]
