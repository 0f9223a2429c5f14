"""Shown text: safe in HTML and JavaScript, and honest about what the source does not say."""

from __future__ import annotations

import html

import pandas as pd

from .i18n import _, number


def not_stated() -> str:
    """Shown for every value the source does not give: never zero, never blank."""
    return _("not stated")


# folium writes tooltip text raw into HTML inside JavaScript template literals, so besides
# HTML's own specials, a backtick, `${` and a backslash must not survive either; and branca
# compiles folium's rendered scripts as Jinja templates once more, so no brace either.
_JS_TEMPLATE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


def escape(value: object) -> str:
    """Text for HTML that folium embeds in JavaScript: displayed literally, never run."""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE)


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def format_count(value: object, bound: object = "exact") -> str:
    """'300+' for a lower bound, '72' for an exact count, 'not stated' for an unknown (never 0)."""
    if is_missing(value):
        return not_stated()
    text = number(value)
    return text + "+" if bound == "at_least" else text


def format_year(value: object, basis: object = "stated") -> str:
    if is_missing(value):
        return not_stated()
    if basis == "derived":
        return _("{year} (derived)").format(year=int(value))
    if basis == "hearsay":  # the source only repeats what is said in the market
        return _("{year} (hearsay)").format(year=int(value))
    return str(int(value))


def or_not_stated(value: object) -> str:
    return not_stated() if is_missing(value) or str(value).strip() == "" else str(value)


_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|:$~=^&\"'"})


def markdown_literal(value: object) -> str:
    """Text for st.markdown and friends that shows literally: no links, images, directives or math."""
    return str(value).translate(_MARKDOWN_SPECIALS)


def markdown_literal_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for st.table, which renders its cells and labels as Markdown: every one literal."""
    out = frame.map(markdown_literal)
    out.columns = [markdown_literal(c) for c in out.columns]
    out.index = [markdown_literal(i) for i in out.index]
    out.index.name = None if frame.index.name is None else markdown_literal(frame.index.name)
    return out


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """A spreadsheet must not read a downloaded cell as a formula: prefix such text with '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell, na_action="ignore")
    return out
