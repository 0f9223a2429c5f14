"""The frame every page shares: the data (cached), the filters (sidebar and URL) and the view.

`build()` runs once per script run in app.py, before navigation, and `finish()` after the page;
pages get the view through `ui.navigation.current_view()`. The choices in here (which dataset,
what the URL says) are pure functions, tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from itclusters import filters as flt
from itclusters import i18n
from itclusters.address import Address
from itclusters.assets import install_static_assets, publish_boundaries, static_url
from itclusters.data import Dataset, LoadResult, load_dataset
from itclusters.geo import OBLASTS_FILE, load_oblasts
from itclusters.i18n import _, ngettext, number
from itclusters.schema import PACKAGE_PATH, data_dir
from itclusters.stories import PAGES as SLIDE_PAGES
from itclusters.stories import Story
from itclusters.text import markdown_literal
from itclusters.validation import Problem
from ui import address, first_screen, story, uploads
from ui.address import Bounds
from ui.map_controls import ROOMS, TITLE_KEY
from ui.run_queue import SERVED
from ui.sidebar import draw_sidebar
from ui.streamlit_internals import asks_for_the_home_page, shut_down_closed_sessions

# A closed session gives back its uploads and files once Streamlit stops keeping it for a reconnect.
shut_down_closed_sessions()

VIEW_KEY = "view"
TOOLS_KEY = "frame_tools"  # presenting without a story: this run's slot in the slim line for the page's controls


@dataclass(frozen=True)
class View:
    """What every page gets: the data, the view's address, and the rows that pass its filters."""

    dataset: Dataset
    oblasts: dict | None  # the boundaries themselves, for files that must work offline
    boundaries: str | None  # URL the browser fetches them from, None when the file is unusable
    address: Address  # the whole view: filters, layers, profile, presentation, story, language
    clusters: pd.DataFrame  # filtered
    summary: str  # the active filters in one line, in the reader's language
    published: Dataset | None  # the files in data/, for the template download
    slider_bounds: tuple[Bounds, Bounds] = ((0, 1), (0, 1))  # founded, members: for the sidebar
    story: Story | None = None  # presenting a story: which, and the slide showing (0-based)
    slide: int = 0
    stories: dict = field(default_factory=dict)  # id -> Story: the shipped ones and the reader's own
    base_path: str = ""  # the server's base URL path, for URLs of files it serves (the map's)
    first_screen: bool = False  # this run is the session's first and opens on the map (ui/first_screen.py)

    @property
    def filters(self) -> flt.Filters:
        return self.address.filters

    @property
    def present(self) -> bool:
        return self.address.present


# -- Loading ---------------------------------------------------------------------------------


def fingerprint(folder: Path | None = None) -> tuple:
    """Changes when a data file changes, so an edited CSV is picked up without a restart."""
    folder = folder or data_dir()
    files = [*sorted(folder.glob("*.csv")), PACKAGE_PATH, folder / OBLASTS_FILE, *sorted(folder.glob("stories/*.json"))]
    return tuple((f.name, *_stamp(f)) for f in files)


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return stat.st_mtime_ns, stat.st_size


# cache_resource, not cache_data: one shared, read-only copy instead of unpickling the tables
# on every rerun (seconds at 100,000 rows). Nothing downstream modifies them in place.
@st.cache_resource(show_spinner=False, max_entries=4)
def load(fingerprint: tuple) -> tuple[LoadResult, dict | None, str | None, list[Problem]]:
    """The tables, the checked boundaries and their path in ./static (None when unusable)."""
    oblasts, geo_problems = load_oblasts()
    boundaries = publish_boundaries(data_dir() / OBLASTS_FILE) if oblasts else None
    return load_dataset(), oblasts, boundaries, geo_problems


def server_base_path() -> str:
    """'' at the root; e.g. 'dashboards/clusters' when started with --server.baseUrlPath behind a
    proxy. Read on every run, never cached: ui/serve.py fills the caches before the command
    line's options are read."""
    return (st.get_option("server.baseUrlPath") or "").strip("/")


@st.cache_resource
def last_good() -> dict:
    """The last dataset that passed validation: a broken edit never takes the dashboard down."""
    return {}


@st.cache_resource
def install_assets() -> None:
    install_static_assets()


# -- Choosing what to show -------------------------------------------------------------------

UPLOAD, PUBLISHED, LAST_GOOD, PARTIAL, NOTHING = "upload", "published", "last_good", "partial", "nothing"


def choose_dataset(published: LoadResult, upload: LoadResult | None, store: dict) -> tuple[Dataset | None, str]:
    """This session's valid upload, else the published data, else the last data that passed,
    else whatever tables did load. Returns the dataset and which of these it is.

    `store` keeps the last published dataset without errors: a published file with errors never
    replaces good data that is already being shown.
    """
    if published.dataset is not None and not published.errors:
        store["dataset"] = published.dataset
    if upload is not None and upload.dataset is not None and not upload.errors:
        return upload.dataset, UPLOAD
    if not published.errors:
        return published.dataset, PUBLISHED
    if "dataset" in store:
        return store["dataset"], LAST_GOOD
    if published.dataset is not None:
        return published.dataset, PARTIAL
    return None, NOTHING


def source_notice(source: str) -> str:
    """The line under the problem list that says which data is in use."""
    return {
        LAST_GOOD: _("The dashboard keeps showing the last data that passed validation."),
        PARTIAL: _("The dashboard shows what it can: the broken tables are left out."),
        NOTHING: _("No valid data is available: correct the files and reload."),
    }.get(source, "")


def bounds(dataset: Dataset) -> tuple[Bounds, Bounds]:
    """The sliders' ranges over the data: founding years, and member companies from 0."""
    clusters = dataset.clusters
    return address.slider_bounds(clusters["founded_year"]), address.slider_bounds(clusters["member_companies"], floor=0)


def load_view(state: MutableMapping, dataset: Dataset, stories: dict[str, Story], **where) -> tuple[View, list[str]]:
    """The view the session's widgets hold, with a story's slide applied when one is showing, and
    the rows that pass its filters. Pure over `state` (a mapping of widget values): tested without
    Streamlit. `where` says where the files are (oblasts, boundaries, published, base_path, first_screen)."""
    years, members = bounds(dataset)
    shown_story, slide, notices = story.resolve(state, stories, dataset.vocabulary(), years, members)
    current = address.address_from_state(state, years, members)
    view = View(
        dataset=dataset,
        address=current,
        clusters=flt.apply(dataset.clusters, current.filters),
        summary=flt.describe(current.filters, dataset.oblast_names()),
        slider_bounds=(years, members),
        story=shown_story,
        slide=slide,
        stories=stories,
        **where,
    )
    return view, notices


# -- Drawing the frame -----------------------------------------------------------------------

# Streamlit fades captions to 60% opacity (3.9:1 on white); WCAG AA asks 4.5:1 for their size.
# An st.html block draws only once its code has loaded, the last of a page's: until then a focus
# showed no ring and captions were pale (flaky tests found both). The map's frame therefore adds
# these rules itself before it paints (pages/map.py); `--itc-frame` tells tests they are in.
FRAME_RULES = """
:root { --itc-frame: 1; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #595959 !important; }
.itc-map-table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.itc-map-table th, .itc-map-table td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #e5e7eb; }
/* Where the keyboard is, on every control: some of Streamlit's (the page links) show no ring. */
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible, summary:focus-visible {
  outline: 2px solid #0072B2 !important; outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important; scroll-behavior: auto !important; }
}
"""
FRAME_CSS = f"<style>{FRAME_RULES}</style>"

# For a projector: no sidebar or Streamlit chrome, type that grows with the screen, one slim line
# on top and the map filling the rest of the screen (pages/map.py). The line holds two lines of
# the caption at most (--itc-bar high: the caption is the slide's title, 1.3rem, 2.5 % of the
# screen's height), so the map's height is known without measuring anything.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stStatusWidget"], .st-key-story_keys,
[data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h1), .st-key-__TITLE__ { display: none !important; }
html { font-size: clamp(14px, 1.05vw, 44px); --itc-bar: 3.9rem; }
[data-testid="stMain"] [data-testid="stMainBlockContainer"] { max-width: 100%;
  padding: calc(var(--itc-bar) + .4rem) 1rem 1rem; }
.st-key-present_bar { position: fixed; top: 0; left: 0; right: 0; z-index: 100; height: var(--itc-bar);
  padding: .35rem 1rem; background: #fff; overflow: hidden; box-sizing: border-box; }
.st-key-present_bar p, .itc-caption { margin: 0; line-height: 1.2; font-size: 1.3rem; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.itc-summary { color: #52606d; font-weight: normal; font-size: .8em; }
.itc-counter { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
.st-key-present_bar button { min-height: 2.2rem; padding: 0 .5rem; }
.st-key-present_map { position: fixed; top: var(--itc-bar); left: .5rem; right: .5rem; bottom: .5rem; z-index: 50;
  width: auto !important; }
.st-key-present_map iframe { height: calc(100vh - var(--itc-bar) - .5rem) !important; width: 100% !important; }
.st-key-present_bar [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: .5rem; }
.st-key-present_bar [data-testid="stColumn"] { min-width: 0 !important; }
@media (max-width: 900px) { .st-key-present_bar kbd { display: none; } }  /* room for the arrows */
</style>""".replace("__TITLE__", TITLE_KEY)
MAP_KEY = "present_map"  # presenting, the map's container: fixed below the slim line, filling the screen


def presentation_bar(filters_line: str, shown: int, total: int) -> object:
    """The slim line on top; returns the slot where a page puts its own controls (the map's layers)."""
    line, tools, leave = st.columns([10, 2, 2], vertical_alignment="center")
    line.markdown(
        markdown_literal(
            _("{shown} of {total} clusters").format(shown=number(shown), total=number(total)) + f" · {filters_line}"
        )
    )
    leave.button(
        _("Exit presentation"),
        on_click=story.leave,
        args=(st.session_state,),
        shortcut=story.EXIT_KEY,
        width="stretch",
    )
    return tools


def show_problems(problems: list[Problem], using: str) -> None:
    """The problems as a table (text shown literally), with a line saying which data is in use."""
    from itclusters import exports  # only when there are problems: keeps Altair off the first screen

    errors = [p for p in problems if p.severity == "error"]
    if errors:
        st.error(_("The data files have {n} problem(s), listed below.").format(n=len(errors)) + f" {using}")
    st.dataframe(exports.problem_table(problems), hide_index=True, width="stretch")


def opens_on_the_map(state) -> bool:
    """Whether this is a session's first run and it asks for the home page, the map: its first
    screen (ui/first_screen.py). Asked before st.navigation, which sends the page list, resolves
    the page."""
    if state.get(SERVED, 1) > 1 or state.get(first_screen.DONE):
        return False
    return asks_for_the_home_page()


def build() -> View | None:
    """Load and choose the data, read the view from the address (a new session) or the widgets,
    draw the shared frame, and write the address back. Returns None (after saying why) when there
    is no valid data at all."""
    install_assets()
    published, oblasts, boundaries_file, geo_problems = load(fingerprint())
    base_path = server_base_path()
    boundaries = static_url(boundaries_file, base_path) if boundaries_file else None
    active = uploads.active()
    upload = uploads.check(active) if active else None
    dataset, source = choose_dataset(published, upload, last_good())
    problems = published.problems + geo_problems
    state = st.session_state
    first = (
        dataset is not None and opens_on_the_map(state) and first_screen.fits(st.context.headers.get("User-Agent", ""))
    )
    if first:  # once: whatever brings the next run, it draws everything
        state[first_screen.DONE] = True
    # Before anything it styles, the same block in every run, with the rooms above the map (Streamlit
    # keeps style blocks in a list of their own, by position: rooms sent in a block of their own
    # after it would be gone for a moment whenever this one came first only now). Not on the
    # map's first screen, where its code would delay the map: the map's frame adds the rooms to
    # the page before it asks for the rest (pages/map.py).
    if not first:
        st.html(FRAME_CSS + ROOMS)
    if any(p.severity == "error" for p in problems):
        with st.expander(_("Data problems"), expanded=dataset is None, icon="⚠️"):
            show_problems(problems, source_notice(source))
    if dataset is None:
        return None
    if source == UPLOAD:
        upload_banner(len(dataset.clusters))

    years, members = bounds(dataset)
    vocabulary = dataset.vocabulary()
    address.seed(state, vocabulary, list(dataset.clusters["id"]), years, members)
    stories = story.available(state, vocabulary, fingerprint())
    view, story_notices = load_view(
        state,
        dataset,
        stories,
        oblasts=oblasts,
        boundaries=boundaries,
        published=published.dataset,
        base_path=base_path,
        first_screen=first,
    )
    address.write(state, view.address)
    address.add_notices(state, story_notices)  # kept with the address's other notices, shown on every run
    for notice in address.notices(state):
        if view.present:  # nothing may sit between the slim line and the map: a toast, once
            if notice not in state.setdefault("toasted", set()):
                st.toast(markdown_literal(notice), icon="⚠️")
                state["toasted"].add(notice)
        else:
            st.warning(markdown_literal(notice), icon="⚠️")  # URL values are untrusted: shown literally
    state[TOOLS_KEY] = None
    if view.present:
        st.html(PRESENTATION_CSS)
        with st.container(key="present_bar"):
            if view.story is not None:
                story.story_bar(view.story, view.slide, view.summary)
            else:
                state[TOOLS_KEY] = presentation_bar(view.summary, len(view.clusters), len(dataset.clusters))
    state[VIEW_KEY] = view
    return view


def upload_banner(n: int) -> None:
    banner, button = st.columns([4, 1], vertical_alignment="center")
    banner.info(
        ngettext(
            "Using uploaded data ({n} cluster) in this browser session only.",
            "Using uploaded data ({n} clusters) in this browser session only.",
            n,
        ).format(n=n)
    )
    button.button(_("Revert to the published data"), on_click=uploads.revert)


def finish(view: View) -> None:
    """What the frame draws after the page: the sidebar, sent last so the page's map or chart
    reaches the browser first; on the first screen (ui/first_screen.py), not at all."""
    if view.first_screen:
        return
    draw_sidebar(view.dataset, *view.slider_bounds, shown=len(view.clusters), extra=lambda: sidebar_extras(view))


def sidebar_extras(view: View) -> None:
    """Below the filters: copy this view's link, and add it to the reader's story."""
    address.copy_link_button()
    slide_button(view)


def filters_in_words(view: View) -> dict[str, str]:
    """The view's filters described in each language: a new slide's first captions."""
    described = {}
    for lang in i18n.LANGUAGES:
        with i18n.override(lang):
            described[lang] = flt.describe(view.filters, view.dataset.oblast_names())
    return described


def slide_button(view: View) -> None:
    """'Add this view as a slide', on the pages a slide can show."""
    page = st.session_state.get("page")
    if page in SLIDE_PAGES:
        st.button(
            _("Add this view as a slide"),
            on_click=story.add_slide,
            args=(st.session_state, page, view.address, filters_in_words(view)),
            key="add_slide",
            width="stretch",
            help=_("Adds this page, with its filters and map layers, to your story (the Stories page)."),
        )
