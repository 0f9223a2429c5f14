"""The pages, and the one call each page starts with: `view = current_view()`.

Why the guard: with a `pages/` folder beside app.py, Streamlit 1.67 sets a server-wide flag at
start-up (PagesManager.uses_pages_directory) and, until st.navigation has run once in the
process, answers a request for /members by running pages/members.py *instead of* app.py: no
data, no sidebar. A page that finds no frame therefore calls st.navigation (which clears the
flag for the whole server) and reruns, so app.py frames the same URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from itclusters.i18n import N_, _
from itclusters.stories import CHARTS
from ui import first_screen
from ui.frame import TOOLS_KEY, VIEW_KEY, View


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str  # marked with N_, translated when the page list is built
    icon: str


# Emoji, not ":material/...:" icons: those make Streamlit fetch a font from Google, and the
# dashboard must not make a request off the machine.
PAGE_KEY = "page"
PAGES = (
    PageSpec("pages/map.py", N_("Map"), "🗺️"),
    PageSpec("pages/members.py", N_("Members"), "📊"),
    PageSpec("pages/founding_years.py", N_("Founding years"), "📅"),
    PageSpec("pages/wartime_status.py", N_("Wartime status"), "🧭"),
    PageSpec("pages/regions.py", N_("Regions"), "🗂️"),
    PageSpec("pages/compare.py", N_("Compare"), "⚖️"),
    PageSpec("pages/stories.py", N_("Stories"), "🎞️"),
    PageSpec("pages/data.py", N_("Data"), "📋"),
    PageSpec("pages/about.py", N_("About"), "ℹ️"),
)


def pages() -> list[st.Page]:
    """The page list in the reader's language; the first page is the home page."""
    return [st.Page(p.file, title=_(p.title), icon=p.icon, default=i == 0) for i, p in enumerate(PAGES)]


def slug(page: PageSpec) -> str:
    return Path(page.file).stem


def navigate(view: View) -> None:
    """Run the page the URL asks for, or the page of the story's slide. Presenting, the links
    go on top (hidden behind the slim line: a presenter moves between pages with a story)."""
    try:
        position = "top" if view.present else "sidebar"
        if view.first_screen:
            # The map's first screen sends the map alone (ui/first_screen.py) and the page list
            # follows with the rest; an empty element keeps the sidebar's room so the map stays put.
            position = "hidden"
            st.sidebar.container(key=first_screen.KEY).empty()
        page = st.navigation(pages(), position=position)
        current = page.url_path or slug(PAGES[0])  # the home page's path is ""
        if view.story is not None:
            wanted = view.story.slides[view.slide].page
            if current != wanted:
                st.switch_page(f"pages/{wanted}.py")
        st.session_state[PAGE_KEY] = current  # for "Add this view as a slide"
        if view.story is not None:  # presenting a story: its chart slides are drawn ahead
            from ui import slide_chart  # presenting only: the chart modules come with it

            slide_chart.prefetch(view.story, view.dataset, view.dataset.vocabulary())
        if view.present and current in CHARTS:  # a chart page while presenting is a slide
            from ui import slide_chart

            slide_chart.show(view, current)
        else:
            page.run()
    finally:
        # The view lives for one run: a page run without app.py must not find last run's view.
        st.session_state.pop(VIEW_KEY, None)
        st.session_state.pop(TOOLS_KEY, None)


def hide_pages() -> None:
    """With no data there is no page to show. Without this, Streamlit would list the files in
    pages/ (and app.py) as a legacy multipage app."""
    st.navigation(pages(), position="hidden")


def current_view() -> View:
    """The frame app.py built in this run; on a fresh server's first deep link, build it first."""
    view = st.session_state.get(VIEW_KEY)
    if view is None:
        recover_frame()
    return view


def current_tools():
    """Presenting without a story: the slim line's slot for the page's own controls (else None)."""
    return st.session_state.get(TOOLS_KEY)


def recover_frame() -> None:
    """Clear Streamlit's pages-folder flag and rerun the same URL through app.py."""
    st.navigation(pages(), position="hidden")
    st.rerun()
