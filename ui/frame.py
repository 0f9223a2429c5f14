"""The frame every page shares: the data (cached), the filters (sidebar and URL) and the view.

`build()` runs once per script run in app.py, before navigation, and `finish()` after the page;
pages get the view through `ui.navigation.current_view()`. The choices in here (which dataset,
what the URL says) are pure functions, tested without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from itclusters import filters as flt
from itclusters import i18n
from itclusters.assets import install_static_assets, publish_boundaries, static_url
from itclusters.data import Dataset, LoadResult, load_dataset
from itclusters.geo import OBLASTS_FILE, load_oblasts
from itclusters.i18n import _, ngettext
from itclusters.schema import PACKAGE_PATH, data_dir
from itclusters.stories import Story
from itclusters.text import markdown_literal
from itclusters.validation import Problem
from ui import first_screen, story, uploads
from ui.map_controls import ROOMS, TITLE_KEY
from ui.run_queue import SERVED
from ui.sidebar import Bounds, current_filters, draw_sidebar, filters_from_widgets

VIEW_KEY = "view"
PAGE_PARAMETERS = ("ids",)  # read by one page (Compare), kept while the frame rewrites the URL


@dataclass(frozen=True)
class View:
    """What every page gets: the data, the active filters and the rows that pass them."""

    dataset: Dataset
    oblasts: dict | None  # the boundaries themselves, for files that must work offline
    boundaries: str | None  # URL the browser fetches them from, None when the file is unusable
    filters: flt.Filters
    clusters: pd.DataFrame  # filtered
    summary: str  # the active filters in one line, in the reader's language
    published: Dataset | None  # the files in data/, for the template download
    present: bool = False  # presentation mode: large type, no sidebar
    slider_bounds: tuple[Bounds, Bounds] = ((0, 1), (0, 1))  # founded, members: for the sidebar
    story: Story | None = None  # presenting a story: which, and the slide showing (0-based)
    slide: int = 0
    tools: object = None  # presenting without a story: the bar's slot for the page's own controls
    stories: dict = field(default_factory=dict)  # id -> Story: the shipped ones and the reader's own
    base_path: str = ""  # the server's base URL path, for URLs of files it serves (the map's)
    first_screen: bool = False  # this run is the session's first and opens on the map (ui/first_screen.py)


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


def url_query(
    filters: flt.Filters, present: bool, language: str, story_id: str | None = None, slide: int = 0
) -> dict[str, str]:
    """The address that reproduces this view: filters, presentation mode, story slide and language."""
    query = flt.to_query(filters) | ({"present": "1"} if present else {})
    if story_id:
        query |= {"story": story_id, "slide": str(slide + 1)}
    if language != i18n.DEFAULT:
        query["lang"] = language
    return query


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
# text at most, so the map's height is known without measuring anything.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], .st-key-story_keys,
[data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h1), .st-key-__TITLE__ { display: none !important; }
html { font-size: clamp(14px, 1.05vw, 44px); }
[data-testid="stMain"] [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 3.6rem 1rem 1rem; }
.st-key-present_bar { position: fixed; top: 0; left: 0; right: 0; z-index: 100; height: 3.2rem;
  padding: .35rem 1rem; background: #fff; overflow: hidden; box-sizing: border-box; }
.st-key-present_bar p, .itc-caption { margin: 0; line-height: 1.25; font-size: 1rem; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.itc-summary { color: #52606d; font-weight: normal; }
.itc-counter { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
.st-key-present_bar button { min-height: 2.2rem; padding: 0 .5rem; }
.st-key-present_map { position: fixed; top: 3.2rem; left: .5rem; right: .5rem; bottom: .5rem; z-index: 50;
  width: auto !important; }
.st-key-present_map iframe { height: calc(100vh - 3.7rem) !important; width: 100% !important; }
.st-key-present_bar [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: .5rem; }
.st-key-present_bar [data-testid="stColumn"] { min-width: 0 !important; }
@media (max-width: 900px) { .st-key-present_bar kbd { display: none; } }  /* room for the arrows */
</style>""".replace("__TITLE__", TITLE_KEY)
MAP_KEY = "present_map"  # presenting, the map's container: fixed below the slim line, filling the screen


def presentation_bar(filters_line: str, shown: int, total: int) -> object:
    """The slim line on top; returns the slot where a page puts its own controls (the map's layers)."""
    line, tools, leave = st.columns([10, 2, 2], vertical_alignment="center")
    line.markdown(
        markdown_literal(_("{shown} of {total} clusters").format(shown=shown, total=total) + f" · {filters_line}")
    )
    leave.button(_("Exit presentation"), on_click=story.leave, args=(st.session_state,), width="stretch")
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
    context = get_script_run_ctx()
    wanted = context.pages_manager if context else None
    return wanted is not None and not wanted.intended_page_script_hash and not wanted.intended_page_name


def build() -> View | None:
    """Load, choose and filter the data, draw the shared frame, and keep the URL in step.

    Returns None (after saying why) when there is no valid data at all.
    """
    install_assets()
    published, oblasts, boundaries_file, geo_problems = load(fingerprint())
    base_path = server_base_path()
    boundaries = static_url(boundaries_file, base_path) if boundaries_file else None
    active = uploads.active()
    upload = uploads.check(active) if active else None
    dataset, source = choose_dataset(published, upload, last_good())
    problems = published.problems + geo_problems
    first = (
        dataset is not None
        and opens_on_the_map(st.session_state)
        and first_screen.fits(st.context.headers.get("User-Agent", ""))
    )
    if first:  # once: whatever brings the next run, it draws everything
        st.session_state[first_screen.DONE] = True
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
        banner, button = st.columns([4, 1], vertical_alignment="center")
        n = len(dataset.clusters)
        banner.info(
            ngettext(
                "Using uploaded data ({n} cluster) in this browser session only.",
                "Using uploaded data ({n} clusters) in this browser session only.",
                n,
            ).format(n=n)
        )
        button.button(_("Revert to the published data"), on_click=uploads.revert)

    state = st.session_state
    filters, years, members = current_filters(dataset)
    vocabulary = story.vocabulary(dataset)
    stories = story.available(state, vocabulary, fingerprint())
    shown_story, slide, story_notices = story.resolve(state, stories, vocabulary, years, members)
    if shown_story is not None:  # the slide has just set the filters' widgets
        filters, state["present"] = filters_from_widgets(state, years, members), True
    shown = flt.apply(dataset.clusters, filters)
    present = bool(state.get("present", False))
    story_id = shown_story.id if shown_story else None
    query = url_query(filters, present, i18n.language(), story_id, slide)
    query |= {k: st.query_params[k] for k in PAGE_PARAMETERS if k in st.query_params}
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    if story_notices:  # kept with the address's other notices, shown on every run
        state["url_notices"] = state.get("url_notices", []) + story_notices
    for notice in flt.shown_notices(state.get("url_notices", [])):
        if present:  # nothing may sit between the slim line and the map: a toast, once
            if notice not in state.setdefault("toasted", set()):
                st.toast(markdown_literal(notice), icon="⚠️")
                state["toasted"].add(notice)
        else:
            st.warning(markdown_literal(notice), icon="⚠️")  # URL values are untrusted: shown literally
    summary = flt.describe(filters, dataset.oblast_names())
    tools = None
    if present:
        st.html(PRESENTATION_CSS)
        with st.container(key="present_bar"):
            if shown_story is not None:
                story.story_bar(shown_story, slide, summary)
            else:
                tools = presentation_bar(summary, len(shown), len(dataset.clusters))
    view = View(
        dataset,
        oblasts,
        boundaries,
        filters,
        shown,
        summary,
        published.dataset,
        present=present,
        slider_bounds=(years, members),
        story=shown_story,
        slide=slide,
        tools=tools,
        stories=stories,
        base_path=base_path,
        first_screen=first,
    )
    st.session_state[VIEW_KEY] = view
    return view


def finish(view: View) -> None:
    """What the frame draws after the page: the sidebar, sent last so the page's map or chart
    reaches the browser first; on the first screen (ui/first_screen.py), not at all."""
    if view.first_screen:
        return
    draw_sidebar(view.dataset, *view.slider_bounds, shown=len(view.clusters), filters=view.filters)
