"""The sidebar: the filters every page shares, and the adapters between its widgets and a Filters.

The adapters are pure (a mapping of widget values in, a Filters out, and back), so they are
tested without a running Streamlit; `sidebar_filters` only lays the widgets out.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from itclusters import filters as flt
from itclusters import i18n
from itclusters.data import Dataset
from itclusters.i18n import _
from itclusters.stories import PAGES as SLIDE_PAGES
from itclusters.style import MACRO_REGIONS, STATUSES, region_label, status_label

Bounds = tuple[int, int]
WIDGET_KEYS = ("f_region", "f_oblast", "f_status", "f_founded", "f_members", "f_q", "f_unknown")


def slider_bounds(series: pd.Series, floor: int | None = None) -> Bounds:
    """A slider's (min, max) over the stated values. Never min == max (Streamlit refuses that
    slider), and a column with no stated value still gets a usable slider."""
    known = series.dropna()
    if known.empty:
        lo = 0 if floor is None else floor
        return lo, lo + 1
    lo = int(known.min()) if floor is None else floor
    return lo, max(int(known.max()), lo + 1)


def _clamp(value: flt.Range, bounds: Bounds) -> Bounds:
    """An open or out-of-range URL range as the slider shows it."""
    lo, hi = value
    lo = bounds[0] if lo is None else min(max(lo, bounds[0]), bounds[1])
    hi = bounds[1] if hi is None else min(max(hi, bounds[0]), bounds[1])
    return lo, max(lo, hi)


def _open_ends(value: tuple[int, int], bounds: Bounds) -> flt.Range:
    """A slider at its end means 'no limit' on that side, so the URL stays short and new data fits."""
    lo, hi = value
    return (None if lo <= bounds[0] else lo, None if hi >= bounds[1] else hi)


def widget_state(filters: flt.Filters, years: Bounds, members: Bounds) -> dict:
    """The widget values that show these filters."""
    return {
        "f_region": list(filters.regions),
        "f_oblast": list(filters.oblasts),
        "f_status": list(filters.statuses),
        "f_founded": _clamp(filters.founded, years),
        "f_members": _clamp(filters.members, members),
        "f_q": filters.q,
        "f_unknown": filters.include_unknown,
    }


def filters_from_widgets(state: Mapping, years: Bounds, members: Bounds) -> flt.Filters:
    """The filters the widgets show."""
    return flt.Filters(
        regions=tuple(state["f_region"]),
        oblasts=tuple(state["f_oblast"]),
        statuses=tuple(state["f_status"]),
        founded=_open_ends(state["f_founded"], years),
        members=_open_ends(state["f_members"], members),
        q=state["f_q"].strip()[: flt.MAX_QUERY_LENGTH],
        include_unknown=state["f_unknown"],
    )


def current_filters(dataset: Dataset) -> tuple[flt.Filters, Bounds, Bounds]:
    """The filters the sidebar holds, read before it is drawn (a new session starts from its URL).

    The sidebar is drawn after the page (`draw_sidebar`), so the map goes out first; keyed widgets
    already hold their new values in session state when a run starts, so nothing is lost.
    """
    clusters, regions = dataset.clusters, dataset.regions
    years = slider_bounds(clusters["founded_year"])
    members = slider_bounds(clusters["member_companies"], floor=0)
    state = st.session_state
    if "f_region" not in state:
        vocabulary = flt.Vocabulary(MACRO_REGIONS, tuple(regions["iso"]), STATUSES)
        parsed = flt.from_query({k: st.query_params.get_all(k) for k in st.query_params}, vocabulary)
        state.update(widget_state(parsed.filters, years, members))
        state["url_notices"] = parsed.notices
        state["present"] = st.query_params.get("present") == "1"
        # A story's slide, as the address names it; ui/story.py reads and clamps it.
        state["story"], state["slide"] = st.query_params.get("story"), st.query_params.get("slide")
    else:  # new data (an upload, an edited file) may have moved the slider bounds
        state.update({k: _clamp(state[k], b) for k, b in (("f_founded", years), ("f_members", members))})
    return filters_from_widgets(state, years, members), years, members


def draw_sidebar(dataset: Dataset, years: Bounds, members: Bounds, shown: int, filters: flt.Filters) -> None:
    """The language switch, the filters, the count of clusters shown and presentation mode."""
    state = st.session_state

    def reset():
        state.update(widget_state(flt.Filters(), years, members))

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
        st.caption(
            "**" + _("{shown} of {total} clusters shown").format(shown=shown, total=len(dataset.clusters)) + "**"
        )
        st.divider()
        from ui import story  # (story imports this module)

        page = state.get("page")
        if page in SLIDE_PAGES:
            st.button(
                _("Add this view as a slide"),
                on_click=story.add_slide,
                args=(state, page, filters, flt.describe(filters, oblast_names)),
                width="stretch",
                help=_("Adds this page, with its filters and map layers, to your story (the Stories page)."),
            )
        st.toggle(
            _("Presentation mode"),
            key="present",
            help=_("Large type, no sidebar, the map at full width. Also present=1 in the address."),
        )
