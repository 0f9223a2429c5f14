"""The Data page's facts: the filter widgets above the table, and the table with its widths and links."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from itclusters import facts as fact_table
from itclusters.filters import MAX_QUERY_LENGTH
from itclusters.i18n import N_, _
from itclusters.profile import pick_labels
from itclusters.text import renderable

# Widths that fit 1366 px beside the sidebar with no sideways scrolling (Streamlit shares out any
# room left): each wide enough for the longest word it holds in either language (a word that does
# not fit is cut mid-word), and the note the rest; rows hold four lines of it (the longest
# published notes), since Streamlit wraps text only in rows over 64 px.
WIDTHS = {
    N_("Cluster"): 110,
    N_("Topic"): 100,
    N_("What"): 120,
    N_("Value"): 115,
    N_("Scope"): 140,
    N_("Period"): 85,
    N_("Note"): 280,
}
SECTION_WIDTH = 60
ROW_HEIGHT = 80
VISIBLE_ROWS = 7
# The relocations below them, the same way: a note of up to three lines.
MOVE_WIDTHS = {N_("Cluster"): 170, N_("From"): 100, N_("To"): 190, N_("Year"): 55, N_("Note"): 360}
MOVE_ROW_HEIGHT = 66
PAGE_KEY = "facts_page"
PAGE_OF = "facts_page_of"  # the facts the page was picked among: the count and the filters in words


@dataclass(frozen=True)
class FactFilters:
    topics: list[str]
    cluster_ids: list[str]
    scopes: list[str]
    query: str
    cluster_labels: dict[str, str]  # every cluster the facts shown belong to, by id

    def described(self) -> list[str]:
        return fact_table.filters_text(
            self.topics, [self.cluster_labels[c] for c in self.cluster_ids], self.scopes, self.query
        )


def fact_filters(facts: pd.DataFrame, moves: pd.DataFrame, clusters: pd.DataFrame) -> FactFilters:
    """Topic, cluster and scope multiselects (the choices the facts and moves shown have) and a
    search box, in a row."""
    choose = _("Choose options")
    by_topic, by_cluster, by_scope, by_text = st.columns(4)
    topics = by_topic.multiselect(
        _("Topic"),
        fact_table.topic_choices(facts),
        key="facts_topic",
        format_func=fact_table.topic_label,
        placeholder=choose,
    )
    labels = fact_table.cluster_choices(facts, moves, pick_labels(clusters))
    cluster_ids = by_cluster.multiselect(
        _("Cluster"), list(labels), key="facts_cluster", format_func=labels.get, placeholder=choose
    )
    scopes = by_scope.multiselect(
        _("Scope"),
        fact_table.scope_choices(facts),
        key="facts_scope",
        format_func=fact_table.scope_label,
        placeholder=choose,
    )
    query = by_text.text_input(
        _("Search the facts"), key="facts_q", max_chars=MAX_QUERY_LENGTH, placeholder=_("a name, a word, a year")
    )
    return FactFilters(topics, cluster_ids, scopes, renderable(query), labels)


def facts_page(total: int, chosen_by: FactFilters) -> slice:
    """Which of the `total` facts `chosen_by` chose the table shows: all, up to a page (PAGE_ROWS);
    beyond, a page the reader picks here, with a line saying how many there are and that the
    download has them all. Other filters start again from the first rows."""
    starts, state = fact_table.page_starts(total), st.session_state
    if len(starts) == 1:
        return slice(None)
    chosen = (total, *chosen_by.described())
    if state.get(PAGE_KEY) not in starts or state.get(PAGE_OF) != chosen:
        state.pop(PAGE_KEY, None)
    state[PAGE_OF] = chosen
    picker, line = st.columns([1, 3], vertical_alignment="bottom")
    start = picker.selectbox(
        _("Rows shown"),
        starts,
        key=PAGE_KEY,
        format_func=lambda first: fact_table.rows_label(first, total),
        placeholder=_("Choose the rows"),
    )
    line.caption(fact_table.page_line(start, total))
    return slice(start, start + fact_table.PAGE_ROWS)


def show_facts(table: pd.DataFrame) -> None:
    """facts_table in a grid that fits the page: long text wraps, the section column explained."""
    if table.empty:  # an empty grid's own 'empty' row does not fit the height below
        st.info(_("No facts match these filters."))
        return
    config = {_(name): st.column_config.TextColumn(width=width) for name, width in WIDTHS.items()}
    config[_("Section")] = st.column_config.LinkColumn(
        width=SECTION_WIDTH,
        help=_("The section of the source the fact comes from: opens its heading on the About page."),
    )
    st.container(key="facts_table").dataframe(  # keyed: tests and styles find it by name
        fact_table.styled_facts_table(table),
        hide_index=True,
        width="stretch",
        row_height=ROW_HEIGHT,
        height=min(len(table), VISIBLE_ROWS) * ROW_HEIGHT + 38,  # the header row; no room for rows not there
        column_config=config,
    )


def show_moves(table: pd.DataFrame) -> None:
    """charts.relocation_table in a grid that fits the page like the facts above it."""
    config = {_(name): st.column_config.TextColumn(width=width) for name, width in MOVE_WIDTHS.items()}
    config[_("Source section")] = st.column_config.NumberColumn(width=100, format="%d")
    st.dataframe(table, hide_index=True, width="stretch", row_height=MOVE_ROW_HEIGHT, column_config=config)
