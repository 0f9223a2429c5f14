"""Load the published dataset (or uploaded replacements) into typed, cross-checked DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .schema import DATA_DIR, Package, load_package
from .validation import ERROR, ParsedTable, Problem, parse_table

TABLES = ("regions", "clusters", "relocations", "hubs")


@dataclass(frozen=True)
class Dataset:
    clusters: pd.DataFrame  # schema columns plus region names and macro_region
    relocations: pd.DataFrame
    hubs: pd.DataFrame
    regions: pd.DataFrame


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
    data_dir: Path = DATA_DIR, replacements: dict[str, bytes] | None = None, package: Package | None = None
) -> LoadResult:
    """Every table validated, then the foreign keys; all problems reported together.

    `replacements` maps a resource name to uploaded bytes that stand in for its file.
    """
    package = package or load_package()
    replacements = replacements or {}
    parsed: dict[str, ParsedTable] = {}
    problems: list[Problem] = []
    for name in TABLES:
        resource = package.resource(name)
        data = replacements.get(name)
        if data is None:
            data, read_problems = read_bytes(Path(data_dir) / resource.path, resource.path)
            if data is None:
                problems += read_problems
                continue
        parsed[name] = parse_table(data, resource)
        problems += parsed[name].problems

    if all(name in parsed and parsed[name].ok for name in TABLES):
        problems += check_foreign_keys(parsed, package)
    if any(p.severity == ERROR for p in problems):
        return LoadResult(None, problems)

    frames = {name: parsed[name].frame for name in TABLES}
    return LoadResult(
        Dataset(
            clusters=with_regions(frames["clusters"], frames["regions"]),
            relocations=frames["relocations"],
            hubs=frames["hubs"],
            regions=frames["regions"],
        ),
        problems,
    )


def check_foreign_keys(parsed: dict[str, ParsedTable], package: Package) -> list[Problem]:
    problems = []
    for name in TABLES:
        resource = package.resource(name)
        table = parsed[name]
        for fk in resource.foreign_keys:
            target_name = fk.resource or name
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
    return problems


def with_regions(clusters: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Clusters with their oblast's names and macro-region, which the filters and charts use."""
    lookup = regions.rename(columns={"iso": "oblast_iso", "name_en": "oblast_en", "name_uk": "oblast_uk"})
    return clusters.merge(lookup, on="oblast_iso", how="left", validate="many_to_one")
