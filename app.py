"""Ukraine's IT clusters: the entry point.

Page config, the cached data load, the sidebar filters every page shares (kept in the URL),
and navigation. Pages read st.session_state["view"] and never open files themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from itclusters import exports, i18n
from itclusters import filters as flt
from itclusters.assets import install_static_assets, publish_boundaries
from itclusters.data import Dataset, LoadResult, load_dataset
from itclusters.geo import OBLASTS_FILE, load_oblasts
from itclusters.i18n import _
from itclusters.schema import PACKAGE_PATH, data_dir
from itclusters.style import MACRO_REGIONS, STATUSES, region_label, status_label
from itclusters.text import markdown_literal
from itclusters.validation import Problem
from ui import uploads

# The language comes first: every label below is drawn in it. A new session takes it from the URL.
if "lang" not in st.session_state:
    st.session_state["lang"] = i18n.set_language(st.query_params.get("lang"))
i18n.set_language(st.session_state["lang"])
st.set_page_config(page_title=_("Ukraine's IT clusters"), page_icon="🗺️", layout="wide")


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


def _fingerprint() -> tuple:
    """Changes when a data file changes, so an edited CSV is picked up without a restart."""
    folder = data_dir()
    files = [*sorted(folder.glob("*.csv")), PACKAGE_PATH, folder / OBLASTS_FILE]
    return tuple((f.name, *_stamp(f)) for f in files)


def _stamp(path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return stat.st_mtime_ns, stat.st_size


# cache_resource, not cache_data: one shared, read-only copy instead of unpickling the tables
# on every rerun (seconds at 100,000 rows). Nothing downstream modifies them in place.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(fingerprint: tuple) -> tuple[LoadResult, dict | None, str | None, list[Problem]]:
    """The tables, the checked boundaries and the URL they are served at (None when unusable)."""
    oblasts, geo_problems = load_oblasts()
    boundaries = publish_boundaries(data_dir() / OBLASTS_FILE) if oblasts else None
    return load_dataset(), oblasts, boundaries, geo_problems


@st.cache_resource
def _last_good() -> dict:
    """The last dataset that passed validation: a broken edit never takes the dashboard down."""
    return {}


@st.cache_resource
def _assets() -> None:
    install_static_assets()


def _slider_bounds(series: pd.Series, floor: int | None = None) -> tuple[int, int]:
    known = series.dropna()
    lo = int(known.min()) if floor is None else floor
    return (lo, int(known.max())) if len(known) else (lo, lo + 1)


def _widget_state(f: flt.Filters, years: tuple[int, int], members: tuple[int, int]) -> dict:
    def clamp(r, bounds):
        lo, hi = r
        lo = bounds[0] if lo is None else min(max(lo, bounds[0]), bounds[1])
        hi = bounds[1] if hi is None else min(max(hi, bounds[0]), bounds[1])
        return (lo, max(lo, hi))

    return {
        "f_region": list(f.regions),
        "f_oblast": list(f.oblasts),
        "f_status": list(f.statuses),
        "f_founded": clamp(f.founded, years),
        "f_members": clamp(f.members, members),
        "f_q": f.q,
        "f_unknown": f.include_unknown,
    }


def _filters_from_widgets(years: tuple[int, int], members: tuple[int, int]) -> flt.Filters:
    s = st.session_state

    def as_range(value, bounds):
        lo, hi = value
        return (None if lo <= bounds[0] else lo, None if hi >= bounds[1] else hi)

    return flt.Filters(
        regions=tuple(s.f_region),
        oblasts=tuple(s.f_oblast),
        statuses=tuple(s.f_status),
        founded=as_range(s.f_founded, years),
        members=as_range(s.f_members, members),
        q=s.f_q.strip()[: flt.MAX_QUERY_LENGTH],
        include_unknown=s.f_unknown,
    )


def sidebar_filters(dataset: Dataset) -> flt.Filters:
    clusters, regions = dataset.clusters, dataset.regions
    years = _slider_bounds(clusters["founded_year"])
    members = _slider_bounds(clusters["member_companies"], floor=0)
    vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(regions["iso"]), STATUSES)
    if "f_region" not in st.session_state:  # a new session starts from its URL
        parsed = flt.from_query({k: st.query_params.get_all(k) for k in st.query_params}, vocabulary)
        st.session_state.update(_widget_state(parsed.filters, years, members))
        st.session_state["url_notices"] = parsed.notices
        st.session_state["present"] = st.query_params.get("present") == "1"

    def reset():
        st.session_state.update(_widget_state(flt.Filters(), years, members))

    oblast_names = dataset.oblast_names()
    with st.sidebar:
        st.radio("Language · Мова", list(i18n.LANGUAGES), key="lang", format_func=i18n.LANGUAGES.get, horizontal=True)
        st.header(_("Filters"))
        choose = _("Choose options")
        st.multiselect(_("Macro-region"), MACRO_REGIONS, key="f_region", format_func=region_label, placeholder=choose)
        st.multiselect(
            _("Oblast"),
            sorted(oblast_names, key=oblast_names.get),
            key="f_oblast",
            format_func=oblast_names.get,
            placeholder=choose,
        )
        st.multiselect(_("Wartime status"), STATUSES, key="f_status", format_func=status_label, placeholder=choose)
        st.slider(_("Founded"), *years, key="f_founded", step=1)
        st.slider(
            _("Member companies"),
            *members,
            key="f_members",
            step=1,
            help=_("A count the source gives as 'more than N' is filtered as N."),
        )
        st.checkbox(
            _("Include clusters with values not stated"),
            key="f_unknown",
            help=_(
                "Keep clusters whose founding year or member count the source does not give "
                "when a range above is narrowed."
            ),
        )
        st.text_input(
            _("Search name or city"), key="f_q", max_chars=flt.MAX_QUERY_LENGTH, placeholder=_("e.g. Lviv or Львів")
        )
        st.button(_("Reset filters"), on_click=reset, width="stretch")
        st.divider()
        st.toggle(
            _("Presentation mode"),
            key="present",
            help=_("Large type, no sidebar, the map at full width. Also present=1 in the address."),
        )
    return _filters_from_widgets(years, members)


# For a projector: no sidebar or Streamlit chrome, larger type, the page at full width.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] { display: none !important; }
html { font-size: 19px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 3.2rem 2rem 1rem; }
h1 { font-size: 1.9rem !important; padding: 0 0 .3rem !important; }
</style>"""


def presentation_bar(filters_line: str, shown: int, total: int) -> None:
    st.html(PRESENTATION_CSS)
    line, leave = st.columns([6, 1], vertical_alignment="center")
    line.markdown(
        markdown_literal(_("{shown} of {total} clusters").format(shown=shown, total=total) + f" · {filters_line}")
    )
    leave.button(_("Exit presentation"), on_click=lambda: st.session_state.update(present=False))


def show_problems(problems: list[Problem], using: str) -> None:
    """The problems as a table (text shown literally), with a line saying which data is in use."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        st.error(_("The data files have {n} problem(s), listed below.").format(n=len(errors)) + f" {using}")
    st.dataframe(exports.problem_table(problems), hide_index=True, width="stretch")


def choose_dataset(published: LoadResult) -> tuple[Dataset | None, str]:
    """This session's upload if any, else the published data, else the last data that passed.

    A published file with errors never replaces good data that is already being shown.
    """
    store = _last_good()
    if published.dataset is not None and not published.errors:
        store["dataset"] = published.dataset
    if uploads.active():
        uploaded = uploads.check(uploads.active())
        if uploaded.dataset is not None and not uploaded.errors:
            return uploaded.dataset, "upload"
    if not published.errors:
        return published.dataset, "published"
    if "dataset" in store:
        return store["dataset"], _("The dashboard keeps showing the last data that passed validation.")
    if published.dataset is not None:
        return published.dataset, _("The dashboard shows what it can: the broken tables are left out.")
    return None, _("No valid data is available: correct the files and reload.")


def main() -> None:
    _assets()
    published, oblasts, boundaries, geo_problems = _load(_fingerprint())
    dataset, source = choose_dataset(published)
    problems = published.problems + geo_problems
    if any(p.severity == "error" for p in problems):
        with st.expander(_("Data problems"), expanded=dataset is None, icon="⚠️"):
            show_problems(problems, source if source not in ("upload", "published") else "")
    if dataset is None:
        st.stop()
    if source == "upload":
        banner, button = st.columns([4, 1], vertical_alignment="center")
        banner.info(
            _("Using uploaded data ({n} clusters) in this browser session only.").format(n=len(dataset.clusters))
        )
        button.button(_("Revert to the published data"), on_click=uploads.revert)

    filters = sidebar_filters(dataset)
    shown = flt.apply(dataset.clusters, filters)
    st.sidebar.caption(
        "**" + _("{shown} of {total} clusters shown").format(shown=len(shown), total=len(dataset.clusters)) + "**"
    )
    present = st.session_state.get("present", False)
    query = flt.to_query(filters) | ({"present": "1"} if present else {})
    if i18n.language() != i18n.DEFAULT:
        query["lang"] = i18n.language()
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    for notice in st.session_state.get("url_notices", []):
        st.warning(markdown_literal(notice), icon="⚠️")  # URL values are untrusted: shown literally
    summary = flt.describe(filters, dataset.oblast_names())
    if present:
        presentation_bar(summary, len(shown), len(dataset.clusters))
    st.session_state["view"] = View(dataset, oblasts, boundaries, filters, shown, summary, published.dataset, present)

    # Emoji, not ":material/...:" icons: Streamlit fetches the Material Symbols font from Google
    # Fonts, and the dashboard must not make a request off the machine.
    page = st.navigation(
        [
            st.Page("views/map.py", title=_("Map"), icon="🗺️", default=True),
            st.Page("views/members.py", title=_("Members"), icon="📊"),
            st.Page("views/founding_years.py", title=_("Founding years"), icon="📅"),
            st.Page("views/wartime_status.py", title=_("Wartime status"), icon="🧭"),
            st.Page("views/data.py", title=_("Data"), icon="📋"),
            st.Page("views/about.py", title=_("About"), icon="ℹ️"),
        ],
        position="top" if present else "sidebar",  # the sidebar is hidden when presenting
    )
    page.run()


main()
