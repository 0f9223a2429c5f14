"""The filtered data as files: CSV, Excel and GeoJSON, safe to open in a spreadsheet."""

from __future__ import annotations

import io
import json

import pandas as pd

from .schema import load_package
from .style import STATUS_LABELS
from .text import NOT_STATED, format_count, format_year, is_missing, neutralise_frame


def schema_columns(clusters: pd.DataFrame) -> pd.DataFrame:
    """The published columns only (the data contract), in schema order."""
    return clusters[load_package().resource("clusters").field_names]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # UTF-8 with BOM, so Excel opens Cyrillic text correctly; formulas neutralised.
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet: str = "clusters") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_frame(frame).to_excel(writer, index=False, sheet_name=sheet)
    return buffer.getvalue()


def geojson_bytes(clusters: pd.DataFrame) -> bytes:
    """One Point feature per cluster with its published columns as properties (empty -> null)."""
    features = []
    for _, row in schema_columns(clusters).iterrows():
        props = {k: (None if is_missing(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [props["lon"], props["lat"]]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode()


def readable_table(clusters: pd.DataFrame) -> pd.DataFrame:
    """The clusters as a reader sees them: 'not stated' for empties, '300+' for bounds."""

    def counts(column):
        return [format_count(v, b) for v, b in zip(clusters[column], clusters[f"{column}_bound"])]

    return pd.DataFrame(
        {
            "Cluster": clusters["name"],
            "City": clusters["city"] + " (" + clusters["city_uk"] + ")",
            "Oblast": clusters["oblast_en"],
            "Status": clusters["status"].map(STATUS_LABELS),
            "Founded": [format_year(y, b) for y, b in zip(clusters["founded_year"], clusters["founded_basis"])],
            "Member companies": counts("member_companies"),
            "Professionals": counts("professionals"),
            "Educational members": counts("educational_members"),
            "Head": clusters["head"].fillna(NOT_STATED),
            "Source section": clusters["source_section"],
        }
    ).reset_index(drop=True)


def problem_table(problems: list) -> pd.DataFrame:
    """Validation problems, one per row: what a data editor needs to find and fix each."""
    columns = ["severity", "file", "row", "column", "value", "rule"]
    return pd.DataFrame([p.as_record() for p in problems], columns=columns).astype({"row": "Int64"})


def problems_csv(problems: list) -> bytes:
    return csv_bytes(problem_table(problems))
