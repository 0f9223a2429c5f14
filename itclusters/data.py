"""Load the published dataset (or uploaded replacements) into typed, cross-checked DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .filters import Vocabulary
from .i18n import language
from .schema import Package, load_package
from .schema import data_dir as default_data_dir
from .style import MACRO_REGIONS, STATUSES
from .validation import ERROR, ParsedTable, Problem, ProblemLog, parse_table, typed_frame

TABLES = ("regions", "clusters", "relocations", "hubs", "facts")
# Without these the dashboard has nothing to show; without the others it shows less.
REQUIRED_TABLES = ("regions", "clusters")


@dataclass(frozen=True)
class Dataset:
    clusters: pd.DataFrame  # schema columns plus region names and macro_region
    relocations: pd.DataFrame
    hubs: pd.DataFrame
    regions: pd.DataFrame
    facts: pd.DataFrame  # long form: one row per fact beyond the clusters' columns

    def vocabulary(self) -> Vocabulary:
        """What an address, a story or the command line may name: the values this data can take."""
        return Vocabulary(MACRO_REGIONS, tuple(self.regions["iso"]), STATUSES)

    def oblast_names(self) -> dict[str, str]:
        """ISO code -> the oblast's name in the reader's language."""
        return dict(zip(self.regions["iso"], self.regions["name_uk" if language() == "uk" else "name_en"]))


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def read_bytes(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    try:
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(file, None, None, None, "the file is missing")]
    except OSError as e:
        return None, [Problem(file, None, None, None, f"cannot be read ({e.strerror})")]


def load_dataset(
    data_dir: Path | None = None, replacements: dict[str, bytes] | None = None, package: Package | None = None
) -> LoadResult:
    """Every table validated, then the foreign keys; all problems reported together.

    `replacements` maps a resource name to uploaded bytes that stand in for its file. A broken
    optional table (relocations, hubs, facts) is reported and left empty, so the clusters still show.
    """
    package = package or load_package()
    folder = Path(data_dir or default_data_dir())
    replacements = replacements or {}
    parsed: dict[str, ParsedTable] = {}
    problems: list[Problem] = []
    for name in TABLES:
        resource = package.resource(name)
        data = replacements.get(name)
        if data is None:
            data, read_problems = read_bytes(folder / resource.path, resource.path)
            problems += read_problems
            if data is None:
                continue
        parsed[name] = parse_table(data, resource, optional=name not in REQUIRED_TABLES)
        problems += parsed[name].problems

    usable = {name for name in TABLES if name in parsed and parsed[name].ok}
    if not set(REQUIRED_TABLES) <= usable:
        return LoadResult(None, problems)
    fk_problems = check_foreign_keys(parsed, package, usable)
    problems += fk_problems
    broken = {p.file for p in fk_problems}
    if any(package.resource(name).path in broken for name in REQUIRED_TABLES):
        return LoadResult(None, problems)

    def frame(name: str) -> pd.DataFrame:
        if name in usable and package.resource(name).path not in broken:
            return parsed[name].frame
        return typed_frame({f.name: [] for f in package.resource(name).fields}, package.resource(name))

    return LoadResult(
        Dataset(
            clusters=with_regions(frame("clusters"), frame("regions")),
            relocations=frame("relocations"),
            hubs=frame("hubs"),
            regions=frame("regions"),
            facts=frame("facts"),
        ),
        problems,
    )


def check_foreign_keys(parsed: dict[str, ParsedTable], package: Package, usable: set[str]) -> list[Problem]:
    found = []
    for name in TABLES:
        if name not in usable:
            continue
        resource = package.resource(name)
        table = parsed[name]
        problems = ProblemLog(resource.path)
        for fk in resource.foreign_keys:
            target_name = fk.resource or name
            if target_name not in usable:
                continue
            target = package.resource(target_name)
            allowed = set(parsed[target_name].frame[fk.reference_fields[0]].dropna())
            column = fk.fields[0]
            for row, value in zip(table.rows, table.frame[column]):
                if pd.notna(value) and value not in allowed:
                    problems.append(
                        Problem(
                            resource.path,
                            row,
                            column,
                            value,
                            f"is not found in column {fk.reference_fields[0]} of {target.path}",
                        )
                    )
        found += problems.listed()
    return found


def with_regions(clusters: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Clusters with their oblast's names and macro-region, which the filters and charts use."""
    lookup = regions.rename(columns={"iso": "oblast_iso", "name_en": "oblast_en", "name_uk": "oblast_uk"})
    return clusters.merge(lookup, on="oblast_iso", how="left", validate="many_to_one")
