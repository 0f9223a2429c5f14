"""The malformed-file corpus: each file gets exactly the messages a data editor needs."""

import csv
import io
import shutil

import pytest

from itclusters.data import load_dataset
from itclusters.schema import DATA_DIR
from itclusters.validation import MAX_COLUMNS, MAX_LINE_CHARS, MAX_PROBLEMS, NOTICE, Problem, decode, parse_table

from .conftest import TESTS

MALFORMED = TESTS / "malformed"

EXPECTED = {
    "missing_column.csv": ["clusters.csv, row 1, column status: the column is missing from the header"],
    "unknown_status.csv": [
        "clusters.csv, row 3, column status: 'closed': must be one of active, relocated, no_recent_info"
    ],
    "latitude_outside_ukraine.csv": ["clusters.csv, row 2, column lat: '55.7558': must be between 44 and 52.5"],
    "year_in_words.csv": ["clusters.csv, row 2, column founded_year: 'twenty': must be a whole number"],
    "duplicate_id.csv": ["clusters.csv, row 3, column id: 'lviv-it-cluster': duplicates row 2; must be unique"],
    "empty.csv": ["clusters.csv: the file is empty"],
    "header_only.csv": ["clusters.csv: has a header row but no data rows"],
    "ragged_rows.csv": ["clusters.csv, row 3: has 30 fields, the header has 29"],
    "bound_without_count.csv": [
        "clusters.csv, row 3, column member_companies_bound: 'at_least': must be empty when member_companies is empty"
    ],
    "count_without_bound.csv": [
        "clusters.csv, row 2, column member_companies_bound: '': is required when member_companies is given"
    ],
    "negative_count.csv": ["clusters.csv, row 3, column member_companies: '-5': must be at least 0"],
    "id_not_a_slug.csv": ["clusters.csv, row 2, column id: 'Lviv IT': must match the pattern ^[a-z0-9]+(-[a-z0-9]+)*$"],
    "name_missing.csv": ["clusters.csv, row 3, column name: '': is required"],
    "longitude_not_a_number.csv": ["clusters.csv, row 2, column lon: '24.0297.1': must be a number"],
    "duplicate_header_column.csv": [
        "clusters.csv, row 1, column city: the column appears more than once in the header"
    ],
    "several_problems.csv": [
        "clusters.csv, row 2, column lat: '60': must be between 44 and 52.5",
        "clusters.csv, row 2, column status: 'closed': must be one of active, relocated, no_recent_info",
        "clusters.csv, row 3, column founded_year: '2030': must be between 1991 and 2024",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_reports_exact_problems(name, package):
    parsed = parse_table((MALFORMED / name).read_bytes(), package.resource("clusters"))
    assert [str(p) for p in parsed.problems if p.severity == "error"] == EXPECTED[name]
    assert parsed.frame is None and not parsed.ok


def test_every_malformed_file_is_covered():
    covered = (
        set(EXPECTED) | set(READABLE) | {"unknown_oblast.csv", "broken_parent.csv", "relocation_unknown_cluster.csv"}
    )
    assert {p.name for p in MALFORMED.iterdir()} == covered


# Dialects people's spreadsheets produce: read correctly, with a notice where it helps.
READABLE = {
    "utf8_bom.csv": [],
    "cp1251.csv": ["clusters.csv: read as Windows-1251 (Cyrillic); save it as 'CSV UTF-8' to avoid this notice"],
    "semicolons_decimal_commas.csv": [
        "clusters.csv: read as semicolon-separated with decimal commas, as a Ukrainian-locale spreadsheet saves it"
    ],
    "extra_column.csv": ["clusters.csv, row 1, column comment: the column is not in the schema and is ignored"],
}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_readable_dialects_load_with_their_notices(name, package):
    parsed = parse_table((MALFORMED / name).read_bytes(), package.resource("clusters"))
    assert [str(p) for p in parsed.problems] == READABLE[name]
    frame = parsed.frame
    assert list(frame["id"]) == ["lviv-it-cluster", "it-dnipro-community"]
    assert list(frame["city_uk"]) == ["Львів", "Дніпро"]
    assert list(frame["lat"]) == [49.8397, 48.4647]
    assert frame["member_companies"].tolist() == [300, 60]


def _data_copy(tmp_path, **files):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for target, fixture in files.items():
        shutil.copy(MALFORMED / fixture, data / f"{target}.csv")
    return data


@pytest.mark.parametrize(
    ("target", "fixture", "message"),
    [
        (
            "clusters",
            "unknown_oblast.csv",
            "clusters.csv, row 2, column oblast_iso: 'UA-99': is not found in column iso of regions.csv",
        ),
        (
            "clusters",
            "broken_parent.csv",
            "clusters.csv, row 3, column parent_id: 'no-such-cluster': is not found in column id of clusters.csv",
        ),
        (
            "relocations",
            "relocation_unknown_cluster.csv",
            "relocations.csv, row 3, column cluster_id: 'no-such-cluster': is not found in column id of clusters.csv",
        ),
    ],
)
def test_broken_foreign_keys_are_reported(tmp_path, target, fixture, message):
    result = load_dataset(_data_copy(tmp_path, **{target: fixture}))
    assert message in [str(p) for p in result.errors]
    if target == "clusters":
        assert result.dataset is None
    else:  # an optional table: reported and left empty, the clusters still load
        assert result.dataset.relocations.empty and len(result.dataset.clusters) == 26


def test_missing_optional_file_leaves_its_table_empty(tmp_path):
    data = _data_copy(tmp_path)
    (data / "hubs.csv").unlink()
    result = load_dataset(data)
    assert [str(p) for p in result.errors] == ["hubs.csv: the file is missing"]
    assert result.dataset.hubs.empty and list(result.dataset.hubs.columns)[:2] == ["id", "name"]
    assert len(result.dataset.clusters) == 26


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.unlink(), "clusters.csv: the file is missing"),
        (lambda p: p.write_bytes(b""), "clusters.csv: the file is empty"),
        (lambda p: p.write_bytes(p.read_bytes()[:3000]), "clusters.csv, row 4: has 27 fields, the header has 34"),
    ],
)
def test_broken_clusters_file_gives_no_dataset_and_a_message(tmp_path, damage, message):
    data = _data_copy(tmp_path)
    damage(data / "clusters.csv")
    result = load_dataset(data)
    assert result.dataset is None
    assert [str(p) for p in result.errors] == [message]


def test_replacement_bytes_stand_in_for_a_file(package):
    result = load_dataset(DATA_DIR, replacements={"clusters": (MALFORMED / "unknown_status.csv").read_bytes()})
    assert [str(p) for p in result.errors] == [
        "clusters.csv, row 3, column status: 'closed': must be one of active, relocated, no_recent_info"
    ]


def test_unparseable_csv_is_a_problem_not_a_traceback(package):
    huge = b"id,name\nx," + b"x" * 150_000 + b"\n"  # a cell beyond the csv module's limit, in a line within ours
    parsed = parse_table(huge, package.resource("clusters"))
    assert [str(p) for p in parsed.problems] == [
        "clusters.csv, row 2: is not valid CSV (field larger than field limit (131072))"
    ]


def test_binary_garbage_is_reported(package):
    parsed = parse_table(bytes(range(256)) * 4, package.resource("clusters"))
    assert parsed.frame is None and parsed.problems


# -- Files that are not what they claim, and values a page cannot show ------------------------


def clusters_with(package, column: str, value: str) -> list[str]:
    """clusters.csv with one cell replaced, and the error problems it gets."""
    text = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    cells = next(csv.reader([first]))
    cells[header.split(",").index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    parsed = parse_table(f"{header}\n{buffer.getvalue()}{rest}".encode(), package.resource("clusters"))
    return [str(p) for p in parsed.problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("lat", "nan", "must be a finite number"),
        ("lon", "inf", "must be a finite number"),
        ("member_companies", str(2**63), "must be at most 9,007,199,254,740,991"),
        ("member_companies", "9" * 5000, "must be at most 9,007,199,254,740,991"),
        ("member_companies", str(2**53), "must be at most 9,007,199,254,740,991"),
    ],
)
def test_values_no_page_could_show_are_refused(package, column, value, rule):
    [problem] = clusters_with(package, column, value)
    assert problem == f"clusters.csv, row 2, column {column}: {value!r}: {rule}"


def test_the_largest_safe_integer_is_accepted(package):
    assert clusters_with(package, "professionals", str(2**53 - 1)) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbf", "clusters.csv: the file is empty"),
        (b"\xef\xbb\xbf\n \n", "clusters.csv: the file is empty"),
        (
            b"PK\x03\x04\x14\x00rest of a workbook",
            "clusters.csv: is an Excel workbook (or another ZIP file), not CSV: save it as 'CSV UTF-8'",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "clusters.csv: is an old Excel workbook, not CSV: save it as 'CSV UTF-8'",
        ),
    ],
)
def test_files_that_are_not_csv_text_are_named_for_what_they_are(package, data, message):
    parsed = parse_table(data, package.resource("clusters"))
    assert parsed.frame is None and [str(p) for p in parsed.problems] == [message]


def test_utf16_is_read_with_a_notice(package):
    text = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8")
    parsed = parse_table(text.encode("utf-16"), package.resource("clusters"))
    assert parsed.ok and len(parsed.frame) == 26
    assert [p.rule for p in parsed.problems] == ["read as UTF-16; save it as 'CSV UTF-8' to avoid this notice"]


def test_a_file_of_a_million_bad_rows_keeps_a_thousand_problems(package):
    header = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    parsed = parse_table((header + "\n" + "x\n" * 940_000).encode(), package.resource("clusters"))
    assert parsed.frame is None and len(parsed.problems) == MAX_PROBLEMS + 1
    assert str(parsed.problems[-1]) == "clusters.csv: has 939,000 more problems, not listed"


def test_an_optional_table_may_have_only_its_header(package):
    header_only = (DATA_DIR / "relocations.csv").read_text(encoding="utf-8").split("\n", 1)[0].encode()
    result = load_dataset(DATA_DIR, replacements={"relocations": header_only})
    assert result.errors == [] and result.dataset.relocations.empty and len(result.dataset.clusters) == 26
    assert not parse_table(header_only, package.resource("relocations")).ok  # a required table needs rows
    assert parse_table(header_only, package.resource("relocations"), optional=True).ok


def test_a_status_that_breaks_the_status_rule_is_a_problem(package):
    """The rule written in datapackage.json (status_evidence fixes status) is checked on every row."""
    published = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8")
    broken = published.replace(",no_recent_info,profile_only,", ",active,profile_only,", 1)
    assert broken != published
    parsed = parse_table(broken.encode(), package.resource("clusters"))
    assert [str(p) for p in parsed.problems] == [
        "clusters.csv, row 13, column status: 'active': must be no_recent_info when status_evidence is profile_only,"
        " by the rule in datapackage.json"
    ]


def test_decode_says_what_each_kind_of_file_is():

    assert decode(b"PK\x03\x04rest", "c.csv") == (
        None,
        [
            Problem(
                "c.csv", None, None, None, "is an Excel workbook (or another ZIP file), not CSV: save it as 'CSV UTF-8'"
            )
        ],
    )
    assert decode(b"\xd0\xcf\x11\xe0rest", "c.csv")[1][0].rule == (
        "is an old Excel workbook, not CSV: save it as 'CSV UTF-8'"
    )
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
        text, problems = decode(bom + "id,name\nx,Київ\n".encode(encoding), "c.csv")
        assert text == "id,name\nx,Київ\n"
        assert problems == [
            Problem("c.csv", None, None, None, "read as UTF-16; save it as 'CSV UTF-8' to avoid this notice", NOTICE)
        ]
    assert decode(b"\xff\xfe\x00\xd8", "c.csv") == (
        None,
        [Problem("c.csv", None, None, None, "is not valid UTF-16 text (byte 2)")],
    )
    text, problems = decode("id,name\nx,Київ\n".encode("cp1251"), "c.csv")
    assert text == "id,name\nx,Київ\n" and [p.severity for p in problems] == [NOTICE]
    assert problems[0].rule == CP1251
    assert decode(b"id\n\x98\n", "c.csv") == (
        None,
        [Problem("c.csv", None, None, None, "is not UTF-8 text (byte 3); save it as 'CSV UTF-8'")],
    )
    assert decode("\ufeff".encode(), "c.csv") == (None, [Problem("c.csv", None, None, None, "the file is empty")])
    # The whole published data in Windows-1251 is still read as such (its Cyrillic is mostly invalid UTF-8).
    for path in DATA_DIR.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        if text.encode("cp1251", errors="ignore").decode("cp1251") == text and not text.isascii():
            assert decode(text.encode("cp1251"), path.name) == (
                text,
                [Problem(path.name, None, None, None, CP1251, NOTICE)],
            )


def test_a_utf8_file_with_a_stray_byte_is_refused_at_its_row_not_read_as_windows_1251():
    # A lone surrogate written out by a careless tool: Windows-1251 would turn every Київ into mojibake.
    data = "id,name\nx,Київ\ny,Льві\ud800в\n".encode("utf-8", "surrogatepass")
    assert decode(data, "c.csv") == (
        None,
        [
            Problem(
                "c.csv",
                3,
                None,
                "y,Льві���в",
                "holds bytes that are not UTF-8 (byte 30 of the file); save it as 'CSV UTF-8'",
            )
        ],
    )
    for blank in (b"\xff\xfe" + " \n".encode("utf-16-le"), b"\xa0\n"):  # UTF-16; Windows-1251 (a no-break space)
        assert decode(blank, "c.csv") == (None, [Problem("c.csv", None, None, None, "the file is empty")])
    assert decode(b"\n \n", "c.csv")[0] is None
    assert decode("id\nКиїв\n".encode(), "c.csv") == ("id\nКиїв\n", [])


CP1251 = "read as Windows-1251 (Cyrillic); save it as 'CSV UTF-8' to avoid this notice"


def test_a_problem_says_where_and_what():
    assert str(Problem("c.csv", None, None, None, "the file is empty")) == "c.csv: the file is empty"
    assert str(Problem("c.csv", 3, None, None, "has 2 fields")) == "c.csv, row 3: has 2 fields"
    assert str(Problem("c.csv", 1, "name", None, "is missing")) == "c.csv, row 1, column name: is missing"
    assert str(Problem("c.csv", 4, "lat", "x", "must be a number")) == "c.csv, row 4, column lat: 'x': must be a number"
    assert str(Problem("c.csv", 4, "lat", "", "is required")) == "c.csv, row 4, column lat: '': is required"
    assert Problem("c.csv", 4, "lat", "x", "bad", "notice").as_record() == {
        "severity": "notice",
        "file": "c.csv",
        "row": 4,
        "column": "lat",
        "value": "x",
        "rule": "bad",
    }


def test_a_problem_log_keeps_the_first_thousand_and_counts_the_rest():
    from itclusters.validation import ProblemLog

    def problems(n):
        return [Problem("c.csv", i, None, None, "bad") for i in range(n)]

    exactly = ProblemLog("c.csv", problems(MAX_PROBLEMS))
    assert len(exactly.listed()) == MAX_PROBLEMS and exactly.left_out == 0
    over = ProblemLog("c.csv")
    over += problems(MAX_PROBLEMS + 1234)
    listed = over.listed()
    assert len(listed) == MAX_PROBLEMS + 1 and listed[-2].row == MAX_PROBLEMS - 1
    assert str(listed[-1]) == "c.csv: has 1,234 more problems, not listed"


def test_header_and_number_messages(package):
    from itclusters.validation import NOTICE

    regions = package.resource("regions")
    text = "iso,name_en,name_uk,macro_region,\nUA-05,Vinnytsia Oblast,Вінницька область,centre,\n"
    parsed = parse_table(text.encode(), regions)
    assert parsed.ok and parsed.problems == [
        Problem("regions.csv", 1, "(blank)", None, "the column is not in the schema and is ignored", NOTICE)
    ]
    clusters = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8").replace(",49.8397,", ',"49,8397",', 1)
    assert [str(p) for p in parse_table(clusters.encode(), package.resource("clusters")).problems] == [
        "clusters.csv, row 2, column lat: '49,8397': must be a number with a decimal point"
    ]


def test_semicolons_are_told_by_the_header_line_alone(package):
    from itclusters.validation import NOTICE

    regions = package.resource("regions")
    # A header with a space in its first name, and rows with more commas than semicolons (the
    # last row most of all): still semicolon-separated.
    text = (
        "my note;iso;name_en;name_uk;macro_region\n"
        "x;UA-05;Vinnytsia Oblast, a, b, c, d;Вінницька область;centre\n"
        "y;UA-07;Volyn Oblast, a, b, c, d, e, f, g, h;Волинська область;west\n"
    )
    parsed = parse_table(text.encode(), regions)
    assert parsed.ok and parsed.frame["name_en"].iloc[0] == "Vinnytsia Oblast, a, b, c, d"
    semicolons = [p for p in parsed.problems if "semicolon-separated" in p.rule]
    assert [p.severity for p in semicolons] == [NOTICE]


@pytest.mark.parametrize(
    "header",
    [
        "iso,name_en,name_uk,macro_region,a;b",  # more commas than semicolons
        "iso,name_en,name_uk,macro_region,a;b;c;d;e",  # as many of each: commas, the standard
    ],
)
def test_the_header_s_majority_of_separators_decides(package, header):
    parsed = parse_table(
        f"{header}\nUA-05,Vinnytsia Oblast,Вінницька область,centre,x\n".encode(), package.resource("regions")
    )
    assert parsed.ok and parsed.frame["iso"].tolist() == ["UA-05"]
    assert not any("semicolon-separated" in p.rule for p in parsed.problems)


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written(package):
    text = 'iso,name_en,name_uk,macro_region\nUA-05,"Vinnytsia\r\nOblast",Вінницька область,centre\n'
    parsed = parse_table(text.encode(), package.resource("regions"))
    assert parsed.frame["name_en"].tolist() == ["Vinnytsia\r\nOblast"]


def test_every_column_takes_its_schema_type_even_when_all_of_it_is_missing(package):
    """Numbers that may be missing are nullable (missing is <NA>, never NaN or 0), blank columns too."""
    clusters = package.resource("clusters")
    rows = list(csv.reader(io.StringIO((DATA_DIR / "clusters.csv").read_text(encoding="utf-8"))))
    blank = {rows[0].index("professionals"), rows[0].index("professionals_bound")}
    buffer = io.StringIO()
    csv.writer(buffer).writerows([rows[0]] + [["" if i in blank else c for i, c in enumerate(row)] for row in rows[1:]])
    text = buffer.getvalue()
    frame = parse_table(text.encode(), clusters).frame
    assert frame["professionals"].isna().all()
    expected = {"integer": "Int64", "number": "Float64", "string": "string"}
    assert {f.name: str(frame[f.name].dtype) for f in clusters.fields} == {
        f.name: expected[f.type] for f in clusters.fields
    }


def test_the_count_of_unlisted_problems_names_its_file(package):
    rows = "\n".join(f"x{i},,,," for i in range(MAX_PROBLEMS + 5))
    text = ("iso,name_en,name_uk,macro_region\n" + rows + "\n").encode("cp1251")
    parsed = parse_table(text, package.resource("regions"), file="mine.csv")
    assert parsed.frame is None
    assert str(parsed.problems[-1]).startswith("mine.csv: has ") and "more problems, not listed" in str(
        parsed.problems[-1]
    )


def test_typed_columns_hold_missing_values_as_missing(dataset):
    clusters = dataset.clusters
    assert str(clusters["member_companies"].dtype) == "Int64" and str(clusters["lat"].dtype) == "Float64"
    assert str(clusters["name"].dtype) == "string"
    assert clusters["member_companies"].isna().sum() == 8  # not stated: missing, never 0 or NaN-as-float


def test_a_header_wider_than_any_spreadsheet_of_this_data_is_refused_before_parsing(package):
    header, body = (DATA_DIR / "clusters.csv").read_bytes().split(b"\n", 1)
    wide = header + b",x" * 263_842 + b"\n" + body  # a file that once took 21 minutes to check
    parsed = parse_table(wide, package.resource("clusters"))
    assert parsed.frame is None
    assert [str(p) for p in parsed.problems] == [
        "clusters.csv, row 1: has 263,876 columns in its header; the limit is 200, and the schema has far fewer"
    ]


def test_a_line_longer_than_any_row_of_this_data_is_refused_with_its_number(package):
    header, first, rest = (DATA_DIR / "clusters.csv").read_bytes().split(b"\n", 2)
    long = header + b"\n" + first + b"\n" + b'x,"' + b"y" * MAX_LINE_CHARS + b'"\n' + rest
    [problem] = parse_table(long, package.resource("clusters")).problems
    assert (problem.row, problem.rule) == (3, f"has a line of {MAX_LINE_CHARS + 4:,} characters; the limit is 200,000")


def test_extra_columns_within_the_limit_are_read_and_each_noted(package):
    header, body = (DATA_DIR / "clusters.csv").read_bytes().split(b"\n", 1)
    extra = b"".join(b",extra%d" % i for i in range(MAX_COLUMNS - header.count(b",") - 1))
    rows = [line + b"," * extra.count(b",") for line in body.splitlines()]
    parsed = parse_table(header + extra + b"\n" + b"\n".join(rows) + b"\n", package.resource("clusters"))
    assert parsed.ok and len(parsed.frame) == 26
    assert sum("is not in the schema" in p.rule for p in parsed.problems) == extra.count(b",")
