"""English and Ukrainian: gettext catalogues in locales/, chosen per script run.

Strings are marked with _() where they are shown and with N_() where they are defined ahead of
use (labels in constants). The language of the current run lives in a ContextVar, so concurrent
sessions in other threads keep their own. English is the source language: its catalogue is the
msgids themselves. `pybabel extract` finds every marked string (see babel.cfg), and
tests/test_i18n.py fails when one lacks a Ukrainian translation.
"""

from __future__ import annotations

import contextvars
import gettext
import io
from contextlib import contextmanager
from functools import cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .schema import ROOT

LOCALES = ROOT / "locales"
DOMAIN = "messages"
LANGUAGES = {"en": "English", "uk": "Українська"}
DEFAULT = "en"
_current = contextvars.ContextVar("language", default=DEFAULT)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The catalogue, compiled from its .po file in memory on first use (no binary in git, no
    file written at run time)."""
    po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        messages = read_po(source, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def set_language(lang: str | None) -> str:
    lang = lang if lang in LANGUAGES else DEFAULT
    _current.set(lang)
    return lang


def language() -> str:
    return _current.get()


@contextmanager
def override(lang: str):
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    return catalogue(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for n: '1 cluster', '2 clusters'; Ukrainian has three forms, chosen by the
    catalogue's Plural-Forms rule."""
    return catalogue(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; _() translates it where it is shown."""
    return message


def number(n: int | float) -> str:
    """12,345 in English, 12 345 in Ukrainian (narrow no-break space)."""
    text = f"{int(n):,}"
    return text.replace(",", "\u202f") if language() == "uk" else text


__all__ = ["LANGUAGES", "N_", "_", "language", "ngettext", "number", "override", "set_language"]
