"""Shown text: safe in HTML and JavaScript, and honest about what the source does not say."""

from __future__ import annotations

import html
import re

import pandas as pd

from .i18n import _, language, number, override
from .schema import load_package


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


# -- Text a renderer can take ---------------------------------------------------------------------
# Characters that no renderer should meet: vl-convert aborts the whole process on a control
# character in an SVG text (a Rust panic that cannot unwind), Vega's generated code breaks on a
# line or paragraph separator, python-pptx and every XML writer refuse controls and U+FFFE/FFFF,
# and a lone surrogate cannot be encoded at all. C0 and C1 controls other than tab, newline and
# carriage return, and Unicode's noncharacters, go; the two separators become a space.
_REMOVED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_UNSAFE = re.compile(f"[{_REMOVED}]")
_CHANGED = re.compile(f"[{_REMOVED}\u2028\u2029]")
_SEPARATORS = str.maketrans({"\u2028": " ", "\u2029": " "})


def unsafe_characters(text: str) -> list[str]:
    """The characters `renderable` would change, as U+XXXX names, each once, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in _CHANGED.findall(text)))


def renderable(text: str) -> str:
    """The text without what breaks a renderer (see _UNSAFE); everything else as it was."""
    return _UNSAFE.sub("", text).translate(_SEPARATORS)


def renderable_tree(value: object) -> object:
    """Every string in a JSON-like value (a chart's spec) made renderable, keys included."""
    if isinstance(value, str):
        return renderable(value)
    if isinstance(value, dict):
        return {renderable_tree(k): renderable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [renderable_tree(v) for v in value]
    return value


def cleaned_notice(what: str, text: str) -> str | None:
    """The notice for a value that `renderable` changes, naming the characters; None if it does not."""
    found = unsafe_characters(text)
    if not found:
        return None
    listed = ", ".join(found[:5]) + (_(" and {n} more").format(n=len(found) - 5) if len(found) > 5 else "")
    return _("Removed characters that cannot be shown ({characters}) from {what}.").format(characters=listed, what=what)


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, dict)) and bool(pd.isna(value)))


def _cell(row: object, column: str) -> object:
    """A row's value in `column`: a Series, a dict or a named tuple (itertuples); None if it has none."""
    if isinstance(row, (pd.Series, dict)):
        return row.get(column)
    return getattr(row, column, None)


def in_english(text: str, lang: str | None = None) -> str:
    """English text shown in another language, marked as such: 'Runs hackathons (англ.)'."""
    with override(lang or language()):
        return _("{text} (in English)").format(text=text)


def localised(row: object, column: str, lang: str | None = None) -> str | None:
    """A free-text column's text in the reader's language: its twin (the schema's x-translationOf)
    where the twin has text, else the text as written, marked as English when the reader reads
    another language. None where the column itself is empty."""
    original = _cell(row, column)
    if is_missing(original) or str(original) == "":
        return None
    lang = lang or language()
    twin = load_package().twins(lang).get(column)
    if twin is None:  # English, or a column without a twin (a name)
        return str(original)
    translated = _cell(row, twin)
    if is_missing(translated) or str(translated).strip() == "":
        return in_english(str(original), lang)
    return str(translated)


def localised_column(frame: pd.DataFrame, column: str, lang: str | None = None) -> pd.Series:
    """localised() for every row of a table, on its index (None where the column is empty)."""
    lang = lang or language()
    twin = load_package().twins(lang).get(column)
    original = frame[column].astype(object)
    present = original.notna() & (original.astype(str) != "")
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if twin is None:
        out[present] = original[present].astype(str)
        return out
    translated = frame[twin].astype(object) if twin in frame.columns else pd.Series(None, index=frame.index)
    has_twin = translated.notna() & (translated.astype(str).str.strip() != "")
    out[present & has_twin] = translated[present & has_twin].astype(str)
    out[present & ~has_twin] = original[present & ~has_twin].map(lambda text: in_english(str(text), lang))
    return out


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


_LEADING_NUMBER = re.compile(r"^[0-9][0-9,\u202f]*")
FIGURE_SPACE = "\u2007"  # as wide as a digit


def sortable_labels(labels: list[str]) -> list[str]:
    """Labels such as '70+', '600+' and '20+ (2 not stated)' padded on the left with figure spaces
    to the width of the widest number, so that a table that sorts text (the browser's
    localeCompare puts spaces before digits) sorts them as numbers, right-aligned, and a screen
    reader still reads '70+'. Labels without a number ('not stated') come after every number."""
    widths = [len(m.group()) if (m := _LEADING_NUMBER.match(label)) else None for label in labels]
    widest = max((w for w in widths if w is not None), default=0)
    return [label if w is None else FIGURE_SPACE * (widest - w) + label for label, w in zip(labels, widths)]


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """A spreadsheet must not read a downloaded cell as a formula: prefix such text with '. Text
    is also made renderable: openpyxl refuses control characters, and a spreadsheet shows none."""
    if not isinstance(value, str):
        return value
    value = renderable(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and every column name neutralised: a header made of cluster names (the
    comparison's) is as untrusted as a cell."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell, na_action="ignore")
    out.columns = [neutralise_cell(c) for c in out.columns]
    return out


UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_LETTER_RANK = {c: i for i, c in enumerate(UKRAINIAN_ALPHABET)}


def collation_key(text: str) -> tuple:
    """A sort key in alphabetical order for English and Ukrainian alike: 'Вінницька' before
    'Волинська' (Unicode puts і after о), case and the apostrophe ignored."""
    folded = str(text).casefold().replace("’", "").replace("'", "")
    return tuple((1, _LETTER_RANK[c]) if c in _LETTER_RANK else (0, ord(c)) for c in folded)
