"""Text no renderer can take (controls, line separators, noncharacters, lone surrogates) is taken
out where it comes in, with a notice, and can never reach vl-convert, Vega, python-pptx or a
spreadsheet: a control character in a link once aborted the whole server."""

import base64
import csv
import dataclasses
import datetime
import io
import json
import unicodedata
import zipfile
import zlib
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from itclusters import address as addr
from itclusters import filters as flt
from itclusters import outputs, stories, worker
from itclusters.data import load_dataset
from itclusters.geo import load_oblasts
from itclusters.maps import MapOptions
from itclusters.schema import DATA_DIR, load_package
from itclusters.stories import Slide, Story, check_story
from itclusters.style import MACRO_REGIONS, STATUSES
from itclusters.text import renderable, unsafe_characters

VOCABULARY = flt.Vocabulary(MACRO_REGIONS, ("UA-46", "UA-63", "UA-32"), STATUSES)
# Every kind the renderers choke on, and a few they take, in one string.
WORST = (
    "A\x00\x01\x0b\x0c\x1b\x7f\x85\x9f B\u2028C\u2029D\ufffe\uffff\ud800\udfff\U0001fffe\ufdd0 Ї\u0378\U000e0001 \t."
)
HOSTILE = st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Cn", "Lu", "Ll", "Zs"]), min_size=1, max_size=30)


def fine_for_renderers(text: str) -> bool:
    text.encode("utf-8")  # no lone surrogate
    for c in text:
        category = unicodedata.category(c)
        if category == "Cc" and c not in "\t\n\r" or category in ("Zl", "Zp", "Cs"):
            return False
        if (ord(c) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(c) <= 0xFDEF:  # noncharacters
            return False
    return True


@given(st.text())
def test_renderable_text_has_nothing_a_renderer_refuses_and_loses_nothing_else(text):
    clean = renderable(text)
    assert fine_for_renderers(clean)
    assert renderable(clean) == clean and unsafe_characters(clean) == []
    kept = [c for c in text if fine_for_renderers(c)]
    assert clean.replace(" ", "") == "".join(kept).replace(" ", "")
    assert bool(unsafe_characters(text)) == (clean != text)


def test_the_worst_string_keeps_its_letters_and_names_what_went():
    assert renderable(WORST) == "A B C D Ї\u0378\U000e0001 \t."
    assert unsafe_characters("a\x01b\u2028c\x01") == ["U+0001", "U+2028"]


def test_a_control_character_in_the_address_is_taken_out_with_a_notice():
    parsed = flt.from_query({"q": "a\x01b\u2028c"}, VOCABULARY)
    assert parsed.filters.q == "ab c"
    assert parsed.notices == ["Removed characters that cannot be shown (U+0001, U+2028) from the search q."]


@pytest.mark.parametrize("value", ["２０１５-", "٢٠١٥-", "2015-２０２０"])
def test_only_ascii_digits_are_numbers_in_the_address(value):
    parsed = flt.from_query({"founded": value}, VOCABULARY)
    assert parsed.filters.founded == (None, None) and len(parsed.notices) == 1


def test_an_upload_with_control_characters_is_cleaned_cell_by_cell_with_notices():
    text = (DATA_DIR / "clusters.csv").read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    name = first.split(",")[1]
    hostile = first.replace(name, name[:3] + "\x0b\u2028" + name[3:] + "\x01", 1)
    result = load_dataset(replacements={"clusters": "\n".join([header, hostile, rest]).encode()})
    assert result.errors == []
    row = result.dataset.clusters.iloc[0]
    assert row["name"] == name[:3] + " " + name[3:]
    [notice] = [p for p in result.problems if p.severity == "notice"]
    assert (notice.file, notice.row, notice.column) == ("clusters.csv", 2, "name")
    assert "U+000B, U+2028, U+0001" in notice.rule


def test_a_story_with_unshowable_text_is_used_without_it_and_says_so():
    slide = {"page": "map", "caption": {"en": "East\x0b\ud800", "uk": "Схід"}}
    raw = json.dumps({"id": "x", "title": {"en": "T\u2029", "uk": "Т"}, "slides": [slide]}).encode()
    story, notices = check_story(raw, "x.json", VOCABULARY)
    assert story.slides[0].caption["en"] == "East" and story.title["en"] == "T "
    where = [(n.severity, n.slide, n.field) for n in notices]
    assert where == [("notice", None, "title.en"), ("notice", 1, "caption.en")]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(slides=d["slides"] * 11), "field slides: "),
        (lambda d: d.update(slides=[]), "should be non-empty"),
        (lambda d: d["slides"][0]["caption"].update(en="x" * 301), "is too long"),
        (lambda d: d["slides"][0]["caption"].update(en=""), "should be non-empty"),
    ],
)
def test_every_story_problem_is_a_message(change, message):
    data = json.loads((DATA_DIR / "stories" / "overview.json").read_text(encoding="utf-8"))
    change(data)
    story, problems = check_story(json.dumps(data).encode(), "s.json", VOCABULARY)
    assert story is None and any(message in str(p) for p in problems), [str(p) for p in problems]


def test_a_number_of_thousands_of_digits_is_a_problem_not_pythons_error():
    raw = b'{"id": "x", "n": ' + b"9" * 4400 + b"}"
    story, [problem] = check_story(raw, "s.json", VOCABULARY)
    assert story is None and "4,400 digits" in str(problem)


# -- Through every export, hostile text put straight into the data (past the loader's cleaning) --


@pytest.fixture(scope="module")
def oblasts():
    return load_oblasts()[0]


def hostile_request(dataset, oblasts, text: str, q: str = "", story=None) -> outputs.Request:
    clusters = dataset.clusters.copy()
    text = "".join(c for c in text if unicodedata.category(c) != "Cs")  # Arrow's strings cannot hold one
    clusters.loc[clusters.index[0], ["name", "city", "members_note", "status_note"]] = [
        f"Name {text}",
        f"City {text}",
        text,
        text,
    ]
    hostile = dataclasses.replace(dataset, clusters=clusters)
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(dataset.regions["iso"]), STATUSES)
    filters = flt.Filters(q=q)
    story = story or outputs.view_story(filters, MapOptions())
    return outputs.Request(
        hostile, oblasts, filters, MapOptions(hubs=True), story, vocabulary, datetime.date(2026, 12, 6)
    )


def read_back(fmt: str, content: bytes) -> str:
    """The text a user's program would read from the file."""
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(content))
        shapes = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
        return "\n".join(shapes + [slide.notes_slide.notes_text_frame.text for slide in deck.slides])
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    if fmt == "zip":
        return "\n".join(zipfile.ZipFile(io.BytesIO(content)).namelist())
    if fmt == "png":
        return content[:8].decode("latin-1")
    return content.decode("utf-8")


def test_a_search_holds_only_renderable_text_however_it_was_made():
    assert flt.Filters(q=" a\x01b\ud800 ").q == "ab"


@pytest.mark.parametrize("fmt", list(outputs.FORMATS))
def test_the_worst_text_reaches_every_export_without_a_failure(dataset, oblasts, fmt):
    # A story made in code, past the checks a story file goes through: its captions reach the deck.
    slides = tuple(Slide(page, {"en": WORST, "uk": WORST}) for page in ("map", "members", "regions"))
    story = Story("worst", {"en": WORST, "uk": WORST}, slides)
    request = hostile_request(dataset, oblasts, WORST, q="Name", story=story)
    content = worker.call("itclusters.outputs:make", fmt, request, timeout=120)  # an abort would fail here
    text = read_back(fmt, content)
    if fmt in ("pptx", "xlsx", "csv"):
        assert "Name A B C D Ї" in text  # the name, as much of it as can be shown
        assert fine_for_renderers(text)
    if fmt == "svg":
        ElementTree.fromstring(content)  # well-formed XML


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE, q=HOSTILE)
def test_any_text_in_names_notes_and_the_search_reaches_the_exports(dataset, oblasts, text, q):
    q = renderable(flt.from_query({"q": q}, VOCABULARY).filters.q)  # as the address hands it on
    request = hostile_request(dataset, oblasts, text, q)
    for fmt in ("svg", "html", "csv", "xlsx", "geojson"):
        worker.call("itclusters.outputs:make", fmt, request, timeout=120)


# -- Any text in every text field of an upload, and in every value of an address --------------

FREE_TEXT = {  # resource -> its text fields that take any words (no vocabulary, no pattern)
    table.name: [f.name for f in table.fields if f.type == "string" and not f.enum and not f.pattern]
    for table in load_package().tables
    if table.name in ("clusters", "relocations", "hubs", "facts")
}
EVERY_TEXT = st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Cn", "Lu", "Ll"]), min_size=1, max_size=30)


def upload_with(text: str, errors: str = "surrogatepass") -> dict[str, bytes]:
    """The published files with `text` in every free-text cell of the first row, written as a
    careless tool would (a lone surrogate as its three bytes)."""
    files = {}
    for name, fields in FREE_TEXT.items():
        rows = list(csv.DictReader(io.StringIO((DATA_DIR / f"{name}.csv").read_text(encoding="utf-8"))))
        rows[0].update({field: f"X{text}Y" for field in fields})
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")  # as Excel: a CR in a cell quoted
        writer.writeheader()
        writer.writerows(rows)
        files[name] = out.getvalue().encode("utf-8", errors)
    return files


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=EVERY_TEXT)
def test_any_text_in_every_text_field_of_an_upload_reaches_every_export(oblasts, text):
    result = load_dataset(DATA_DIR, replacements=upload_with(text))
    if any(unicodedata.category(c) == "Cs" for c in text):  # not UTF-8: refused, naming file and row
        assert {(p.file, p.row) for p in result.errors} == {(f"{name}.csv", 2) for name in FREE_TEXT}
        assert all("not UTF-8" in p.rule for p in result.errors)
        result = load_dataset(DATA_DIR, replacements=upload_with(text, errors="ignore"))
    assert result.errors == [], [str(p) for p in result.errors]
    cleaned = renderable(text)
    first = result.dataset.clusters.iloc[0]
    assert [first[f] for f in FREE_TEXT["clusters"]] == [f"X{cleaned}Y"] * len(FREE_TEXT["clusters"])
    request = outputs.Request(
        result.dataset,
        oblasts,
        flt.Filters(),
        MapOptions(hubs=True, labels=True, choropleth="members"),
        outputs.view_story(flt.Filters(), MapOptions(hubs=True)),
        result.dataset.vocabulary(),
        datetime.date(2026, 12, 6),
    )
    for fmt in outputs.FORMATS:
        content = worker.call("itclusters.outputs:make", fmt, request, timeout=120)  # an abort fails here
        if fmt in ("pptx", "xlsx", "csv"):
            assert fine_for_renderers(read_back(fmt, content)), fmt


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=EVERY_TEXT)
def test_any_text_in_every_value_of_an_address_reaches_every_export(dataset, oblasts, text):
    story = json.loads((DATA_DIR / "stories" / "overview.json").read_text(encoding="utf-8"))
    story["title"] = {"en": f"T{text}", "uk": f"T{text}"}
    for slide in story["slides"]:
        slide["caption"] = {"en": f"C{text}", "uk": f"C{text}"}
    own = base64.urlsafe_b64encode(zlib.compress(json.dumps(story).encode("ascii"))).decode().rstrip("=")
    params = {name: text for name in addr.PARAMETERS} | {"own": own}
    vocabulary = dataset.vocabulary()
    parsed = addr.parse(params, vocabulary, tuple(dataset.clusters["id"]))
    assert all(fine_for_renderers(notice) for notice in parsed.notices)  # shown as they are, in toasts
    address = parsed.address
    assert address.own is not None  # a story the dashboard wrote is taken, its text cleaned
    decoded, problems = stories.decode(address.own, vocabulary)
    assert decoded is not None, [str(p) for p in problems]
    assert decoded.slides[0].caption["en"] == "C" + renderable(text)
    layers = address.layers
    options = MapOptions(layers.relocations, layers.hubs, layers.shading if layers.shading != "none" else None)
    request = outputs.Request(
        dataset, oblasts, address.filters, options, decoded, vocabulary, datetime.date(2026, 12, 6)
    )
    for fmt in outputs.FORMATS:
        content = worker.call("itclusters.outputs:make", fmt, request, timeout=120)
        if fmt in ("pptx", "xlsx", "csv"):
            assert fine_for_renderers(read_back(fmt, content)), fmt
