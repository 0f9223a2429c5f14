"""The sidebar: the language, the filters every page shares, and presentation mode. It only lays
the widgets out: what they hold, and the address that shows it, is ui/address.py's."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from itclusters import filters as flt
from itclusters import i18n
from itclusters.data import Dataset
from itclusters.i18n import _, number
from itclusters.style import MACRO_REGIONS, STATUSES, region_label, status_label
from ui import address
from ui.address import Bounds


def draw_sidebar(
    dataset: Dataset, years: Bounds, members: Bounds, shown: int, extra: Callable[[], None] | None = None
) -> None:
    """The language switch, the filters, the count of clusters shown, `extra` (the frame's "Add this
    view as a slide") and presentation mode."""
    state = st.session_state

    def reset():
        address.change(state, years, members, filters=flt.Filters())

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
            "**"
            + _("{shown} of {total} clusters shown").format(shown=number(shown), total=number(len(dataset.clusters)))
            + "**"
        )
        st.divider()
        if extra is not None:
            extra()
        st.toggle(
            _("Presentation mode"),
            key="present",
            help=_("Large type, no sidebar, the map at full width. Also present=1 in the address."),
        )
