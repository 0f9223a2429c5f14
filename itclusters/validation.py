"""Read one CSV against its Table Schema: every problem at once, never a traceback.

Each problem names the file, the row as a spreadsheet shows it (header = row 1), the column,
the bad value and the rule it breaks. Files come as bytes so that uploads and files on disk
take the same path, whatever encoding and dialect the spreadsheet program chose.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .periods import PERIOD_COLUMNS, period_cells
from .schema import Field, Resource
from .text import renderable, unsafe_characters

ERROR, NOTICE = "error", "notice"
_INTEGER = re.compile(r"[+-]?\d{1,16}")  # longer is beyond what a browser holds: reported, not parsed
MAX_SAFE_INTEGER = 2**53 - 1  # the largest whole number JavaScript (the browser) holds exactly
MAX_PROBLEMS = 1000  # per file; the rest are counted, so a broken file of a million rows stays small
_SIGNATURES = (  # files that are not text, by their first bytes, and what to do about them
    (b"PK\x03\x04", "is an Excel workbook (or another ZIP file), not CSV: save it as 'CSV UTF-8'"),
    (b"\xd0\xcf\x11\xe0", "is an old Excel workbook, not CSV: save it as 'CSV UTF-8'"),
)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        value = "" if self.value is None else f"{self.value!r}: "
        return f"{where}: {value}{self.rule}"

    def as_record(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
        }


MAX_FIELD_CHARS = 131_072  # longer cells are not data a person typed: reported, not parsed
# A file's shape is checked before it is parsed, so no upload costs more than its size: the
# schema's widest table has 34 columns, and a row of this data is a few hundred characters.
MAX_COLUMNS = 200
MAX_LINE_CHARS = 200_000


class ProblemLog(list):
    """The first MAX_PROBLEMS problems of a file, and a count of the rest."""

    def __init__(self, file: str, problems=()):
        super().__init__()
        self.file, self.left_out = file, 0
        self.extend(problems)

    def append(self, problem: Problem) -> None:
        if len(self) < MAX_PROBLEMS:
            super().append(problem)
        else:
            self.left_out += 1

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems):
        self.extend(problems)
        return self

    def listed(self) -> list[Problem]:
        """The problems, with one more line that says how many were not listed."""
        more = [Problem(self.file, None, None, None, f"has {self.left_out:,} more problems, not listed")]
        return list(self) + (more if self.left_out else [])


@dataclass
class ParsedTable:
    """A table's typed cells and where each row came from, before cross-table checks."""

    frame: pd.DataFrame | None
    rows: list[int]  # spreadsheet row number of each frame row
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not any(p.severity == ERROR for p in self.problems)

    @classmethod
    def failed(cls, problems: list[Problem]) -> ParsedTable:
        """No table: only the problems that say why."""
        return cls(None, [], problems)


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM); UTF-16 by its byte order mark and Windows-1251, as some
    spreadsheet programs save, with a notice; a workbook saved under a .csv name is named as such."""
    for signature, rule in _SIGNATURES:
        if data.startswith(signature):
            return None, [Problem(file, None, None, None, rule)]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            return None, [Problem(file, None, None, None, f"is not valid UTF-16 text (byte {e.start})")]
        notice = Problem(file, None, None, None, "read as UTF-16; save it as 'CSV UTF-8' to avoid this notice", NOTICE)
        return _text_or_empty(text, file, [notice])
    try:
        return _text_or_empty(data.decode("utf-8-sig"), file, [])
    except UnicodeDecodeError as e:
        if _mostly_utf8(data):  # a UTF-8 file with a few broken bytes: Windows-1251 would garble all of it
            return None, [_not_utf8(data, e.start, file)]
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as e:
        return None, [Problem(file, None, None, None, f"is not UTF-8 text (byte {e.start}); save it as 'CSV UTF-8'")]
    notice = Problem(
        file, None, None, None, "read as Windows-1251 (Cyrillic); save it as 'CSV UTF-8' to avoid this notice", NOTICE
    )
    return _text_or_empty(text, file, [notice])


def _mostly_utf8(data: bytes) -> bool:
    """More characters read as UTF-8 than bytes that are not: Windows-1251 Cyrillic is mostly
    invalid UTF-8, while a UTF-8 file with a stray byte (a lone surrogate written out) is mostly valid."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(ord(c) > 0x7F for c in text) - broken > broken


def _not_utf8(data: bytes, start: int, file: str) -> Problem:
    line = data[:start].count(b"\n") + 1
    begin = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    shown = data[begin : end if end >= 0 else len(data)].decode("utf-8", errors="replace")[:80]
    return Problem(
        file,
        line,
        None,
        shown,
        f"holds bytes that are not UTF-8 (byte {start + 1:,} of the file); save it as 'CSV UTF-8'",
    )


def _text_or_empty(text: str, file: str, notices: list[Problem]) -> tuple[str | None, list[Problem]]:
    """The text, unless there is nothing in it (a file of only a byte order mark or blank lines)."""
    if not text.strip():
        return None, [Problem(file, None, None, None, "the file is empty")]
    return text, notices


def parse_table(data: bytes, resource: Resource, file: str | None = None, optional: bool = False) -> ParsedTable:
    """The typed table, or None; and its problems. An optional table may have no rows."""
    file = file or resource.path
    text, decoded = decode(data, file)
    if text is None:
        return ParsedTable.failed(decoded)
    problems = ProblemLog(file, decoded)

    first_line = text.split("\n", 1)[0]
    semicolons = first_line.count(";") > first_line.count(",")
    if semicolons:
        problems.append(
            Problem(
                file,
                None,
                None,
                None,
                "read as semicolon-separated with decimal commas, as a Ukrainian-locale spreadsheet saves it",
                NOTICE,
            )
        )
    shape = _shape_problem(text, file)
    if shape is not None:  # refused before any parsing: the work stays linear and small
        problems.append(shape)
        return ParsedTable.failed(problems.listed())
    # The limit is process-wide and other libraries raise it (frictionless does on import): set ours.
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if semicolons else ",")
    try:
        records = list(reader)
    except csv.Error as e:  # e.g. a field longer than the csv module's limit, or a NUL byte
        problems.append(Problem(file, reader.line_num, None, None, f"is not valid CSV ({e})"))
        return ParsedTable.failed(problems.listed())

    header = [h.strip() for h in records[0]]
    body = [(n, r) for n, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if "period" in header and set(PERIOD_COLUMNS) <= set(resource.field_names) and PERIOD_COLUMNS[0] not in header:
        header, body = _periods_as_data(header, body, file, problems)
    problems += _check_header(header, resource, file)
    if not body and not optional:
        problems.append(Problem(file, None, None, None, "has a header row but no data rows"))
    if any(p.severity == ERROR for p in problems):
        return ParsedTable.failed(problems.listed())

    if unsafe_characters(text):  # rare: only then is each cell looked at
        body = [(n, _renderable_record(record, header, n, file, problems)) for n, record in body]
    # A twin's column may be missing (a file from before it existed): read as empty throughout.
    absent = {f.name: "" for f in resource.fields if f.name not in header}
    columns: dict[str, list] = {f.name: [] for f in resource.fields}
    rows: list[int] = []
    seen: dict[str, dict[str, int]] = {f.name: {} for f in resource.fields if f.unique}
    for n, record in body:
        if len(record) != len(header):
            problems.append(Problem(file, n, None, None, f"has {len(record)} fields, the header has {len(header)}"))
            continue
        cells = absent | {name: value.strip() for name, value in zip(header, record)}
        for f in resource.fields:
            value, problem = _convert(cells[f.name], f, decimal_comma=semicolons)
            if problem:
                problems.append(Problem(file, n, f.name, cells[f.name], problem))
            if f.required_with:
                problems += _check_required_with(cells, f, file, n)
            if f.determines and not problem:
                problems += _check_rule(cells, f, file, n)
            if f.translation_of and cells[f.name] and not cells[f.translation_of]:
                original = f.translation_of
                rule = f"must be empty when {original} is empty: it is the {f.language} text of {original}"
                problems.append(Problem(file, n, f.name, cells[f.name], rule))
            if f.only_with and cells[f.name] and cells[f.only_with] not in f.only_with_values:
                rule = f"must be empty unless {f.only_with} is " + " or ".join(f.only_with_values)
                problems.append(Problem(file, n, f.name, cells[f.name], rule))
            if f.unique and cells[f.name]:
                first = seen[f.name].setdefault(cells[f.name], n)
                if first != n:
                    problems.append(Problem(file, n, f.name, cells[f.name], f"duplicates row {first}; must be unique"))
            columns[f.name].append(value)
        rows.append(n)

    if any(p.severity == ERROR for p in problems) or problems.left_out:
        return ParsedTable.failed(problems.listed())
    return ParsedTable(typed_frame(columns, resource), rows, problems.listed())


def _periods_as_data(header: list[str], body: list, file: str, problems: ProblemLog) -> tuple[list[str], list]:
    """An older facts.csv, whose period was free text ('as of 2024'): its periods read into the
    structured columns, with a notice; a period it cannot read is a problem at its row."""
    rule = "its free-text period column was read into " + ", ".join(PERIOD_COLUMNS)
    problems.append(Problem(file, None, None, None, rule, NOTICE))
    at = header.index("period")
    out = []
    for n, record in body:
        text = record[at] if at < len(record) else ""
        cells = period_cells(text)
        if cells is None:
            rule = "is not a period this version reads (e.g. 2023, 2022-2023, since 2022-02-24, as of 2024, monthly)"
            problems.append(Problem(file, n, "period", text, rule))
            cells = period_cells("")
        out.append((n, [c for i, c in enumerate(record) if i != at] + list(cells.values())))
    return [h for h in header if h != "period"] + list(PERIOD_COLUMNS), out


def _renderable_record(record: list[str], header: list[str], row: int, file: str, problems: ProblemLog) -> list[str]:
    """The record with what no renderer can take removed (itclusters.text.renderable), and a
    notice for each cell that changed: a control character pasted into a name would blank the
    charts and break every export that shows it."""
    out = []
    for name, value in zip(header, record):
        found = unsafe_characters(value)
        if found:
            value = renderable(value)
            rule = "characters that cannot be shown were removed: " + ", ".join(found[:5])
            problems.append(Problem(file, row, name, value, rule, NOTICE))
        out.append(value)
    return out + record[len(header) :]


def _shape_problem(text: str, file: str) -> Problem | None:
    """A file no spreadsheet of this data has: a header of more than MAX_COLUMNS columns, or a
    line of more than MAX_LINE_CHARS characters. Found in one pass over the text."""
    header_end = text.find("\n")
    header = text if header_end < 0 else text[:header_end]
    columns = max(header.count(","), header.count(";")) + 1
    if columns > MAX_COLUMNS:
        rule = f"has {columns:,} columns in its header; the limit is {MAX_COLUMNS:,}, and the schema has far fewer"
        return Problem(file, 1, None, None, rule)
    start = 0
    for number, end in enumerate(_line_ends(text), start=1):
        if end - start > MAX_LINE_CHARS:
            rule = f"has a line of {end - start:,} characters; the limit is {MAX_LINE_CHARS:,}"
            return Problem(file, number, None, None, rule)
        start = end + 1
    return None


def _line_ends(text: str):
    """Where each line ends, found by str.find (in C), not character by character."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield end
        start = end + 1
    yield len(text)


def _check_header(header: list[str], resource: Resource, file: str) -> list[Problem]:
    problems = []
    counts = Counter(header)
    for name in sorted(h for h, n in counts.items() if n > 1):
        problems.append(Problem(file, 1, name, None, "the column appears more than once in the header"))
    for f in resource.fields:
        if f.name not in counts and not f.translation_of:  # a twin may be missing: the original shows
            problems.append(Problem(file, 1, f.name, None, "the column is missing from the header"))
    known = set(resource.field_names)
    for name in header:
        if name not in known:
            problems.append(
                Problem(file, 1, name or "(blank)", None, "the column is not in the schema and is ignored", NOTICE)
            )
    return problems


def _convert(raw: str, f: Field, decimal_comma: bool) -> tuple[object, str | None]:
    """The typed value of one cell and the rule it breaks, if any."""
    if raw == "":
        return None, "is required" if f.required else None
    if f.type == "integer":
        if not _INTEGER.fullmatch(raw):
            too_long = re.fullmatch(r"[+-]?\d+", raw) is not None
            return None, f"must be at most {MAX_SAFE_INTEGER:,}" if too_long else "must be a whole number"
        value: object = int(raw)
        if abs(value) > MAX_SAFE_INTEGER:
            return None, f"must be at most {MAX_SAFE_INTEGER:,}"
    elif f.type == "number":
        try:
            value = float(raw.replace(",", ".") if decimal_comma else raw)
        except ValueError:
            return None, "must be a number" + (" with a decimal point" if "," in raw else "")
        if not math.isfinite(value):  # 'nan' and 'inf' parse, and NaN passes every comparison
            return None, "must be a finite number"
    else:
        value = raw
    if f.enum and value not in f.enum:
        return None, "must be one of " + ", ".join(f.enum)
    if f.pattern and not re.fullmatch(f.pattern, raw):
        return None, f"must match the pattern {f.pattern}"
    if f.minimum is not None and value < f.minimum or f.maximum is not None and value > f.maximum:
        return (
            None,
            f"must be between {f.minimum:g} and {f.maximum:g}"
            if f.maximum is not None
            else f"must be at least {f.minimum:g}",
        )
    return value, None


def _check_required_with(cells: dict[str, str], f: Field, file: str, row: int) -> list[Problem]:
    own, other = cells[f.name], cells.get(f.required_with, "")
    if other and not own:
        return [Problem(file, row, f.name, own, f"is required when {f.required_with} is given")]
    if own and not other:
        return [Problem(file, row, f.name, own, f"must be empty when {f.required_with} is empty")]
    return []


def _check_rule(cells: dict[str, str], f: Field, file: str, row: int) -> list[Problem]:
    """The written rule (x-determines): the value of `f` fixes the value of another field."""
    expected, actual = dict(f.rule).get(cells[f.name]), cells[f.determines]  # both columns are in the header
    if expected is None or actual == expected or actual not in dict(f.rule).values():
        return []  # an empty or unknown value is for the required and enum checks to report
    why = f"must be {expected} when {f.name} is {cells[f.name]}, by the rule in datapackage.json"
    return [Problem(file, row, f.determines, actual, why)]


def typed_frame(columns: dict[str, list], resource: Resource) -> pd.DataFrame:
    dtypes = {"integer": "Int64", "number": "Float64", "string": "string"}
    return pd.DataFrame({f.name: pd.array(columns[f.name], dtype=dtypes[f.type]) for f in resource.fields})
