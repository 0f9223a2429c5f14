"""The Table Schema of data/datapackage.json as small typed objects.

One schema drives validation, the data dictionary and the About page, so everything that
needs to know about a column asks here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PACKAGE_PATH = DATA_DIR / "datapackage.json"


DATA_FOLDER = "ITCLUSTERS_DATA_DIR"  # the environment variable naming another data folder


def data_dir() -> Path:
    """Where the data files are read from: ./data, or ITCLUSTERS_DATA_DIR (a staging copy, tests)."""
    return Path(os.environ.get(DATA_FOLDER) or DATA_DIR)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # "string", "integer" or "number"
    title: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    # Present exactly when this other field is present (e.g. a count's bound, a year's basis).
    required_with: str | None = None
    # A written rule: this field's value fixes another field's (e.g. status evidence -> status).
    determines: str | None = None
    rule: tuple[tuple[str, str], ...] = ()
    value_labels: tuple[tuple[str, str], ...] = ()  # each enum value in words, for the About page
    # A twin: this field holds the text of `translation_of` in `language` (x-translationOf,
    # x-language). A twin may be empty, or missing from a file's header; then the original shows.
    translation_of: str | None = None
    language: str | None = None
    # Given only where `only_with` holds one of `only_with_values` (x-onlyWith).
    only_with: str | None = None
    only_with_values: tuple[str, ...] = ()

    @classmethod
    def from_descriptor(cls, d: dict) -> Field:
        c = d.get("constraints", {})
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            title=d.get("title", d["name"]),
            description=d.get("description", ""),
            required=c.get("required", False),
            unique=c.get("unique", False),
            enum=tuple(c["enum"]) if "enum" in c else None,
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            pattern=c.get("pattern"),
            required_with=d.get("x-requiredWith"),
            determines=d.get("x-determines", {}).get("field"),
            rule=tuple(d.get("x-determines", {}).get("rule", {}).items()),
            value_labels=tuple(d.get("x-valueLabels", {}).items()),
            translation_of=d.get("x-translationOf"),
            language=d.get("x-language"),
            only_with=d.get("x-onlyWith", {}).get("field"),
            only_with_values=tuple(d.get("x-onlyWith", {}).get("values", ())),
        )

    def rules(self) -> list[str]:
        """The constraints in words, for the data dictionary."""
        out = []
        if self.required:
            out.append("required")
        if self.unique:
            out.append("unique")
        if self.enum:
            out.append("one of " + ", ".join(self.enum))
        if self.minimum is not None and self.maximum is not None:
            out.append(f"{self.minimum:g} to {self.maximum:g}")
        elif self.minimum is not None:
            out.append(f"at least {self.minimum:g}")
        if self.pattern:
            out.append(f"matches {self.pattern}")
        if self.required_with:
            out.append(f"given exactly when {self.required_with} is given")
        if self.determines:
            out.append(f"fixes {self.determines}: " + "; ".join(f"{k} -> {v}" for k, v in self.rule))
        if self.only_with:
            out.append(f"given only when {self.only_with} is " + " or ".join(self.only_with_values))
        if self.translation_of:
            out.append(
                f"the {self.language} text of {self.translation_of}: empty only when {self.translation_of} is, "
                f"or left empty (the column may be missing) to show {self.translation_of} as it is"
            )
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # "" refers to the same resource
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...] = ()
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def is_table(self) -> bool:
        return bool(self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def twin(self, name: str, language: str) -> str | None:
        """The field holding `name`'s text in `language`, if the schema has one."""
        return next((f.name for f in self.fields if f.translation_of == name and f.language == language), None)

    @property
    def twins(self) -> list[Field]:
        return [f for f in self.fields if f.translation_of]


@dataclass(frozen=True)
class Package:
    title: str
    description: str
    resources: tuple[Resource, ...]
    sources: tuple[dict, ...] = ()
    licenses: tuple[dict, ...] = ()
    methodology: tuple[str, ...] = field(default=())

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)

    @property
    def tables(self) -> list[Resource]:
        return [r for r in self.resources if r.is_table]

    def twins(self, language: str) -> dict[str, str]:
        """{column: its twin in `language`} over every table. A column name means one thing in every
        table ('note' is a note wherever it stands), so one name has one twin (tests check)."""
        return {f.translation_of: f.name for r in self.tables for f in r.twins if f.language == language}


def _resource(d: dict) -> Resource:
    schema = d.get("schema", {})
    return Resource(
        name=d["name"],
        path=d["path"],
        title=d.get("title", d["name"]),
        description=d.get("description", ""),
        fields=tuple(Field.from_descriptor(f) for f in schema.get("fields", [])),
        primary_key=tuple(schema.get("primaryKey", [])),
        foreign_keys=tuple(
            ForeignKey(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schema.get("foreignKeys", [])
        ),
    )


@cache
def load_package(path: Path = PACKAGE_PATH) -> Package:
    d = json.loads(Path(path).read_text(encoding="utf-8"))
    return Package(
        title=d["title"],
        description=d.get("description", ""),
        resources=tuple(_resource(r) for r in d["resources"]),
        sources=tuple(d.get("sources", [])),
        licenses=tuple(d.get("licenses", [])),
        methodology=tuple(d.get("x-methodology", [])),
    )
