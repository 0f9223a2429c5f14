"""A story -> a PowerPoint deck (python-pptx, 16:9), and the images its slides show.

One slide per story slide: the map or chart as a picture, the caption and a source line, with
speaker notes holding the filters and the numbers behind the picture. A title slide comes first
and a source-and-method slide last. Everything is in the language in force when it is built.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import altair as alt
import pandas as pd
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from . import charts, native_charts
from . import filters as flt
from .data import Dataset
from .i18n import N_, _, language, number
from .maps import MapOptions
from .static_map import static_map
from .stories import Slide, Story
from .style import STATUSES, status_label
from .text import format_count, format_year, renderable

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, exactly (13.333 x 7.5 inches)
SOURCE = N_("Source: the overview of Ukraine's IT clusters (October 2024).")


@dataclass(frozen=True)
class View:
    """What one slide shows: its page, the filtered clusters, their filters and the map's layers."""

    page: str
    filters: flt.Filters
    clusters: pd.DataFrame
    options: MapOptions
    chart: str | None = None  # which of a chart page's charts (story.schema.json's x-charts)


def slide_view(slide: Slide, dataset: Dataset, vocabulary: flt.Vocabulary) -> View:
    filters = flt.from_query(slide.filters, vocabulary).filters
    shading = None if slide.layers.shading == "none" else slide.layers.shading
    options = MapOptions(relocations=slide.layers.relocations, hubs=slide.layers.hubs, choropleth=shading)
    return View(slide.page, filters, flt.apply(dataset.clusters, filters), options, slide.chart)


def still_map(
    clusters: pd.DataFrame,
    filters: flt.Filters,
    options: MapOptions,
    dataset: Dataset,
    oblasts: dict | None,
    today: datetime.date,
) -> alt.TopLevelMixin:
    """The still map of a view (a slide, or the page's PNG and SVG downloads)."""
    return static_map(
        clusters,
        oblasts=oblasts,
        relocations=dataset.relocations,
        hubs=dataset.hubs,
        options=options,
        units=flt.named_units(filters, dataset.regions),
        summary=summary_line(clusters, filters, dataset),
        source_date=today,
    )


def summary_line(clusters: pd.DataFrame, filters: flt.Filters, dataset: Dataset) -> str:
    shown = _("{shown} of {total} clusters").format(shown=number(len(clusters)), total=number(len(dataset.clusters)))
    return f"{shown} · {flt.describe(filters, dataset.oblast_names())}"


def numbers_behind(view: View) -> list[str]:
    """The figures a picture shows, as lines for the speaker notes: status counts, then each cluster."""
    clusters = view.clusters
    counts = clusters["status"].value_counts()
    lines = [", ".join(f"{status_label(s)}: {int(counts.get(s, 0))}" for s in STATUSES)]
    for row in clusters.sort_values("name").itertuples():
        members = format_count(row.member_companies, row.member_companies_bound)
        founded = format_year(row.founded_year, row.founded_basis)
        city = row.city_uk if language() == "uk" else row.city
        lines.append(
            _("{name} ({city}): member companies {members}; founded {founded}; {status}").format(
                name=row.name, city=city, members=members, founded=founded, status=status_label(row.status)
            )
        )
    return lines


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False, colour=None) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = renderable(text)  # python-pptx refuses what XML cannot hold (the last guard)
    run.font.size, run.font.bold = Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour


def _picture(slide, png: bytes, top, height) -> None:
    """The image, as large as fits under the caption, centred."""
    picture = slide.shapes.add_picture(io.BytesIO(png), 0, top, height=height)
    if picture.width > WIDTH - Inches(0.6):  # wide charts: fit the width instead
        ratio = (WIDTH - Inches(0.6)) / picture.width
        picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
    picture.left = Emu(int((WIDTH - picture.width) / 2))


def slides_filters(story: Story, dataset: Dataset, vocabulary: flt.Vocabulary) -> str:
    """The filters the story's slides use, for its title slide: once when they share them."""
    described = [
        flt.describe(flt.from_query(s.filters, vocabulary).filters, dataset.oblast_names()) for s in story.slides
    ]
    if len(set(described)) == 1:
        return _("Filters: {filters}").format(filters=described[0])
    listed = "; ".join(f"{n}. {d}" for n, d in enumerate(described, start=1))
    return _("Filters by slide: {slides}").format(slides=listed)


def build_deck(
    story: Story,
    dataset: Dataset,
    oblasts: dict | None,
    vocabulary: flt.Vocabulary,
    today: datetime.date,
    intro: str = "",
) -> bytes:
    """The deck as .pptx bytes: title, one slide per story slide, then source and method."""
    from pptx.dml.color import RGBColor

    grey = RGBColor(0x52, 0x60, 0x6D)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    source = _(SOURCE)

    title = deck.slides.add_slide(blank)
    _text(title, story.title_in(language()), Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.4), 40, bold=True)
    _text(
        title,
        _("Ukraine's IT clusters") + f" · {today.isoformat()}",
        Inches(0.8),
        Inches(3.9),
        Inches(11.7),
        Inches(0.6),
        20,
        colour=grey,
    )
    _text(
        title,
        intro or slides_filters(story, dataset, vocabulary),
        Inches(0.8),
        Inches(4.6),
        Inches(11.7),
        Inches(1.0),
        16,
        colour=grey,
    )

    for number_, slide in enumerate(story.slides, start=1):
        view = slide_view(slide, dataset, vocabulary)
        page = deck.slides.add_slide(blank)
        _text(page, slide.caption_in(language()), Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.9), 20, bold=True)
        # A chart page's chart is a native chart the presenter can restyle; the map a picture.
        box = (Inches(0.4), Inches(1.0), WIDTH - Inches(0.8), Inches(5.95))
        if not native_charts.add_chart(page, box, view.page, view.chart, view.clusters, dataset):
            still = still_map(view.clusters, view.filters, view.options, dataset, oblasts, today)
            _picture(page, charts.chart_png(still), Inches(0.95), Inches(6.0))
        _text(
            page,
            f"{source} {number_} / {len(story.slides)}",
            Inches(0.4),
            Inches(7.0),
            Inches(12.5),
            Inches(0.4),
            11,
            colour=grey,
        )
        notes = [
            _("Filters: {filters}").format(filters=summary_line(view.clusters, view.filters, dataset)),
            *numbers_behind(view),
        ]
        page.notes_slide.notes_text_frame.text = renderable("\n".join(notes))

    method = deck.slides.add_slide(blank)
    _text(method, _("Source and method"), Inches(0.8), Inches(0.6), Inches(11.7), Inches(0.9), 32, bold=True)
    lines = [
        source,
        _(
            "Every figure comes from one numbered section of the source; what it does not say is shown as "
            "'not stated', never as zero."
        ),
        _(
            "Wartime status follows one written rule: activity reported since 2022 (active), a move reported "
            "(relocated), otherwise no recent information."
        ),
        _("Boundaries: Natural Earth 1:10m admin-1 (public domain); Crimea and Sevastopol shown as part of Ukraine."),
        _("{n} clusters in the dataset. Made on {date}.").format(
            n=number(len(dataset.clusters)), date=today.isoformat()
        ),
    ]
    box = method.shapes.add_textbox(Inches(0.8), Inches(1.7), Inches(11.7), Inches(5)).text_frame
    box.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
        paragraph.text, paragraph.font.size = renderable(line), Pt(18)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
