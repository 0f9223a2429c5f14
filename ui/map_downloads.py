"""The map's downloads: the live map as one offline HTML file, the still map (PNG, SVG), the
slides (PowerPoint) and the presentation pack, all made by itclusters/outputs.py.

The files are made only when asked for, possibly outside the script run, so they carry the run's
language; the chart, deck and export modules are imported then too, keeping them off the first screen.
"""

from __future__ import annotations

import datetime

import streamlit as st

from itclusters.i18n import _
from itclusters.maps import MapOptions
from itclusters.stories import Story
from ui import address
from ui.downloads import made_by
from ui.frame import View

DEFAULT_STORY = "overview"  # the deck follows the shipped story


def deck_story(view: View) -> Story | None:
    """The story the map page's slides and pack follow: the one being presented, else the
    reader's own, else the shipped overview."""
    return view.story or view.stories.get(address.OWN_ID) or view.stories.get(DEFAULT_STORY)


def file_maker(view: View, options: MapOptions, fmt: str, story: Story | None = None, *, what: str):
    """A function that makes the file when the button is pressed (in a worker, in this run's
    language); the slides follow `story`, or deck_story's. `what` names it in a failure."""
    from itclusters import outputs

    story = story or deck_story(view) or outputs.view_story(view.filters, options)
    request = outputs.Request(
        view.dataset, view.oblasts, view.filters, options, story, view.dataset.vocabulary(), datetime.date.today()
    )
    return made_by(what, "itclusters.outputs:make", fmt, request)


def map_downloads(view: View, options: MapOptions) -> None:
    from itclusters.outputs import FORMATS  # a dict of names: cheap

    story = deck_story(view)
    own = story is not None and story.id == address.OWN_ID
    deck = (
        _("Your story as a 16:9 deck, with speaker notes.")
        if own
        else _("The overview story as a 16:9 deck, with speaker notes.")
    )
    labels = {
        "html": (_("Map as HTML (works offline)"), None),
        "png": (_("Map as PNG"), _("A still image for slides, 1920 x 1080, with legend, title and source.")),
        "svg": (_("Map as SVG"), _("The still image as vector graphics, for print or further editing.")),
        "pptx": (_("Slides (PowerPoint)"), deck),
        "zip": (
            _("Presentation pack (zip)"),
            _("The map as HTML, PNG and SVG, the slides, every chart as PNG, the filtered data as CSV, and a note."),
        ),
    }
    for column, (fmt, (label, hint)) in zip(st.columns(len(labels)), labels.items()):
        name, mime = FORMATS[fmt]
        column.download_button(
            label,
            data=file_maker(view, options, fmt, what=label),
            file_name=_(name),
            mime=mime,
            on_click="ignore",
            help=hint,
        )
