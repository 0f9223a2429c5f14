"""Stories: ordered slides for presentation mode, read from JSON and checked like the data.

A slide names a page, the filters (as the address writes them), the map's layers and a caption
in English and Ukrainian. data/stories/story.schema.json is the one description of the format:
validation, the About page and anyone writing a story by hand read it. Every problem names the
file, the slide (numbered from 1), the field and the value.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator

from . import filters as flt
from .i18n import _
from .schema import DATA_DIR, data_dir
from .text import cleaned_notice, renderable
from .validation import ERROR, NOTICE

STORIES_DIR = DATA_DIR / "stories"
SCHEMA_PATH = STORIES_DIR / "story.schema.json"
MAX_STORY_BYTES = 200_000  # a story is a few KB; more is not a story
# The reader's own story in the address (own=): compressed JSON, base64url. Browsers, proxies and
# nginx's default header buffers (8 KB) all take an address of this many characters and more.
MAX_ADDRESS_CHARS = 4000
# The schema declares what a slide may hold; the app reads its choices from there.
_SLIDE_SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]["slide"]
_SLIDE = _SLIDE_SCHEMA["properties"]
PAGES = tuple(_SLIDE["page"]["enum"])  # the pages a slide can show: pages/<name>.py
CHARTS = _SLIDE_SCHEMA["x-charts"]  # a chart page -> its charts, the first shown by default


def chart_on(page: str, name: str | None) -> str | None:
    """The chart a page shows for `name`: that one if it is the page's, else the page's first;
    None on a page without charts (the map)."""
    names = CHARTS.get(page, [])
    return (name if name in names else names[0]) if names else None


SHADING = tuple(_SLIDE["layers"]["properties"]["shading"]["enum"])  # "none" first: the default


@dataclass(frozen=True)
class Layers:
    relocations: bool = True
    hubs: bool = False
    shading: str = "none"
    labels: bool = False


@dataclass(frozen=True)
class Slide:
    page: str
    caption: dict[str, str]  # language -> text
    filters: dict[str, str] = field(default_factory=dict)  # URL parameters
    layers: Layers = Layers()
    chart: str | None = None  # on a chart page, which chart (CHARTS[page]); None: its first

    def caption_in(self, language: str) -> str:
        return self.caption.get(language) or self.caption.get("en", "")


@dataclass(frozen=True)
class Story:
    id: str
    title: dict[str, str]
    slides: tuple[Slide, ...]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title.get("en", "")


@dataclass(frozen=True)
class StoryProblem:
    file: str
    slide: int | None  # numbered from 1, as the counter shows it
    field: str | None
    value: str | None
    rule: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.file + (f", slide {self.slide}" if self.slide else "")
        where += f", field {self.field}" if self.field else ""
        return f"{where}: " + (f"{self.value!r}: " if self.value is not None else "") + self.rule


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _short(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _schema_problem(file: str, error) -> StoryProblem:
    path = list(error.absolute_path)
    slide = None
    if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
        slide, path = path[1] + 1, path[2:]
    name = ".".join(str(p) for p in path) or None
    if error.validator in ("required", "additionalProperties"):  # the value is the whole object
        return StoryProblem(file, slide, name, None, error.message)
    if error.validator == "enum":
        rule = "expected one of " + ", ".join(map(str, error.validator_value))
    else:
        rule = error.message.replace(repr(error.instance), "").strip() or error.message
    return StoryProblem(file, slide, name, _short(error.instance), rule)


def _integer(digits: str) -> int:
    """A JSON integer, refused beyond 16 digits: no story needs more, and Python refuses to read
    numbers of more than 4,300 digits with an error of its own."""
    if len(digits.lstrip("-")) > 16:
        raise ValueError(f"holds a number of {len(digits):,} digits; a story needs none longer than 16")
    return int(digits)


def _renderable(data: object, file: str, path: tuple = ()) -> tuple[object, list[StoryProblem]]:
    """The story's JSON with every string renderable, and a notice for each string that changed:
    a control character, a line separator or a lone surrogate would break the slide, its deck or
    the page that lists it."""
    if isinstance(data, str):
        notice = cleaned_notice(_("this text"), data)
        if notice is None:
            return data, []
        slide = path[1] + 1 if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int) else None
        name = ".".join(str(p) for p in (path[2:] if slide else path)) or None
        return renderable(data), [StoryProblem(file, slide, name, _short(renderable(data)), notice, NOTICE)]
    notices: list[StoryProblem] = []
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            clean_key, _found = _renderable(key, file, path)
            out[clean_key], found = _renderable(value, file, (*path, clean_key))
            notices += found
        return out, notices
    if isinstance(data, list):
        items = []
        for i, value in enumerate(data):
            item, found = _renderable(value, file, (*path, i))
            items.append(item)
            notices += found
        return items, notices
    return data, []


def check_story(raw: bytes, file: str, vocabulary: flt.Vocabulary) -> tuple[Story | None, list[StoryProblem]]:
    """A story from JSON bytes, or None and every problem found. Text that cannot be shown is
    taken out with a notice (a StoryProblem whose severity is NOTICE) and the story is used."""
    if len(raw) > MAX_STORY_BYTES:
        return None, [StoryProblem(file, None, None, None, f"is larger than {MAX_STORY_BYTES:,} bytes")]
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_int=_integer)
    except UnicodeDecodeError:
        return None, [StoryProblem(file, None, None, None, "is not UTF-8 text")]
    except json.JSONDecodeError as e:
        rule = f"is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}"
        return None, [StoryProblem(file, None, None, None, rule)]
    except RecursionError:
        return None, [StoryProblem(file, None, None, None, "nests too deep")]
    except ValueError as e:  # _integer's refusal
        return None, [StoryProblem(file, None, None, None, str(e))]
    data, notices = _renderable(data, file)
    problems = [_schema_problem(file, e) for e in sorted(_validator().iter_errors(data), key=lambda e: list(e.path))]
    slides = data.get("slides") if isinstance(data, dict) and isinstance(data.get("slides"), list) else []
    for number, slide in enumerate(slides, start=1):
        query = slide.get("filters") if isinstance(slide, dict) else None
        if not isinstance(query, dict) or not all(isinstance(v, str) for v in query.values()):
            continue  # the schema has said what is wrong with it
        # A value the data cannot take (an unknown region, a broken range) is a problem here,
        # not a notice as in an address: a story is written once and shown many times.
        refused = flt.from_query(query, vocabulary).notices
        for name, value in query.items():
            for notice in (n for n in refused if f"{name}=" in n):
                problems.append(StoryProblem(file, number, f"filters.{name}", _short(value), notice.split(": ", 1)[-1]))
    for number, slide in enumerate(slides, start=1):
        chart, page = (slide.get("chart"), slide.get("page")) if isinstance(slide, dict) else (None, None)
        if isinstance(chart, str) and isinstance(page, str) and page in PAGES and chart not in CHARTS.get(page, ()):
            charts = ", ".join(CHARTS.get(page, ())) or "none: it is the map"
            problems.append(
                StoryProblem(file, number, "chart", _short(chart), f"not a chart of page {page} ({charts})")
            )
    if problems:
        return None, problems
    slides = [
        Slide(s["page"], dict(s["caption"]), dict(s.get("filters", {})), Layers(**s.get("layers", {})), s.get("chart"))
        for s in slides
    ]
    return Story(data["id"], dict(data["title"]), tuple(slides)), notices


def load_stories(vocabulary: flt.Vocabulary, folder: Path | None = None) -> tuple[dict[str, Story], list]:
    """The shipped stories by id (data/stories, or the staging copy's), and the problems of those
    that cannot be used."""
    folder = folder or data_dir() / "stories"
    stories, problems = {}, []
    for path in sorted(folder.glob("*.json")):
        if path.name == SCHEMA_PATH.name:
            continue
        story, found = check_story(path.read_bytes(), f"stories/{path.name}", vocabulary)
        problems += found
        if story is not None:
            stories[story.id] = story
    return stories, problems


def to_json(story: Story) -> bytes:
    """The story as a file that check_story reads back (download, then upload)."""
    slides = [
        {"page": s.page, **({"chart": s.chart} if s.chart else {}), "filters": s.filters, "layers": vars(s.layers)}
        | {"caption": s.caption}
        for s in story.slides
    ]
    data = {"$schema": "./story.schema.json", "id": story.id, "title": story.title, "slides": slides}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def moved(slides: tuple[Slide, ...], index: int, step: int) -> tuple[Slide, ...]:
    """The slides with one moved up (step -1) or down (+1); unchanged at either end."""
    target = index + step
    if not (0 <= index < len(slides) and 0 <= target < len(slides)):
        return slides
    items = list(slides)
    items[index], items[target] = items[target], items[index]
    return tuple(items)


# -- A story in the address ---------------------------------------------------------------------


def encode(story: Story) -> str:
    """The story as address-safe text: its JSON, compressed, in base64url without padding."""
    return base64.urlsafe_b64encode(zlib.compress(to_json(story), 9)).decode("ascii").rstrip("=")


def decode(text: str, vocabulary: flt.Vocabulary) -> tuple[Story | None, list[StoryProblem]]:
    """The story an address carries, checked like an uploaded file, or None and why."""
    where = "the story in the address (own=)"
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(packed, MAX_STORY_BYTES + 1)  # a few bytes must not unpack to gigabytes
    except (binascii.Error, ValueError, zlib.error):
        return None, [StoryProblem(where, None, None, _short(text), "is not a story this dashboard wrote")]
    if len(raw) > MAX_STORY_BYTES or unpacker.unconsumed_tail:
        return None, [StoryProblem(where, None, None, None, f"is larger than {MAX_STORY_BYTES:,} bytes")]
    return check_story(raw, where, vocabulary)
