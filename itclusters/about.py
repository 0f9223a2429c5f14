"""The About page's tables, generated from data/datapackage.json and the data itself."""

from __future__ import annotations

import pandas as pd

from .schema import Package, Resource


def data_dictionary(resource: Resource) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Column": f.name,
                "Title": f.title,
                "Type": f.type,
                "Description": f.description,
                "Rules": "; ".join(f.rules()) or "none",
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
                "Column": f.name,
                "Title": f.title,
                "Stated": int(frame[f.name].notna().sum()),
                "Not stated": int(frame[f.name].isna().sum()),
                "Share stated": f"{frame[f.name].notna().sum() / total:.0%}" if total else "n/a",
            }
            for f in resource.fields
        ]
    )


def sources(package: Package) -> list[dict]:
    return [dict(s) for s in package.sources]
