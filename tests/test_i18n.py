"""Translations: every interface string has a Ukrainian one, and the interface uses them."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from itclusters import charts, i18n, maps
from itclusters.text import format_count, format_year

from .apptest import new_app

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("app.py", "python"), ("itclusters/**.py", "python"), ("pages/**.py", "python"), ("ui/**.py", "python")]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def interface_strings() -> set[str]:
    found = extract_from_dir(str(ROOT), METHOD_MAP, keywords={"_": None, "N_": None})
    strings = set()
    for _filename, _lineno, message, _comments, _context in found:
        strings.update(message if isinstance(message, tuple) else [message])
    return strings


@pytest.fixture(scope="module")
def ukrainian():
    with CATALOGUE.open("rb") as f:
        return {m.id: m for m in read_po(f, locale="uk") if m.id}


def test_every_interface_string_has_a_ukrainian_translation(ukrainian):
    strings = interface_strings()
    assert len(strings) > 150
    missing = sorted(s for s in strings if s not in ukrainian or not ukrainian[s].string)
    assert missing == [], "untranslated (run `make translations`, then translate): " + repr(missing)
    fuzzy = sorted(s for s in strings if ukrainian[s].fuzzy)
    assert fuzzy == []


def test_no_stale_entries_in_the_catalogue(ukrainian):
    assert sorted(set(ukrainian) - interface_strings()) == []


def test_translations_keep_their_placeholders(ukrainian):
    for message in ukrainian.values():
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def test_formatting_follows_the_language(dataset):
    with i18n.override("uk"):
        assert format_count(None) == "не зазначено"
        assert format_count(100000, "at_least") == "100\u202f000+"
        assert format_year(2020, "derived") == "2020 (виведено)"
        lviv = dataset.clusters.set_index("id", drop=False).loc["lviv-it-cluster"]
        tooltip = maps.tooltip_html(lviv)
        assert "Львів · Lviv" in tooltip and "понад 300" in tooltip and "Статус: Діє" in tooltip
        spec = charts.members_chart(dataset.clusters).to_dict()
        assert spec["title"] == "Компанії-учасниці за кластерами"
        assert "Статус під час війни" in str(spec)
    assert format_count(None) == "not stated"  # the override ends with its block


def test_languages_do_not_leak_between_concurrent_sessions():
    """Two sessions' script runs at the same time: each sets its language, then both translate
    only after both have set theirs (a barrier), so a language held anywhere shared would show."""
    import threading

    seen, barrier = {}, threading.Barrier(2, timeout=10)

    def worker(lang):
        i18n.set_language(lang)
        barrier.wait()
        seen[lang] = [i18n._("Members"), i18n.language()]

    threads = [threading.Thread(target=worker, args=(lang,)) for lang in ("uk", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"uk": ["Учасники", "uk"], "en": ["Members", "en"]}


PAGES = {
    None: "Регіональні ІТ-кластери України",
    "pages/members.py": "Учасники",
    "pages/founding_years.py": "Роки заснування",
    "pages/wartime_status.py": "Статус під час війни",
    "pages/data.py": "Дані",
    "pages/about.py": "Про дашборд",
    "pages/regions.py": "Регіони",
    "pages/compare.py": "Порівняння кластерів",
    "pages/stories.py": "Історії",
}


@pytest.mark.parametrize("page", list(PAGES), ids=lambda p: p or "map")
def test_ukrainian_interface_on_every_page(page):
    # AppTest replays widget values through their format_func in this thread, so it needs the
    # language the script ran in.
    with i18n.override("uk"):
        at = new_app(lang="uk", region="west").run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        assert at.title[0].value == PAGES[page]
        assert any("Показано 9 з 26 кластерів" in c.value for c in at.sidebar.caption)
        assert at.query_params["lang"] == "uk"
        assert at.sidebar.multiselect(key="f_region").label == "Макрорегіон"
        assert at.sidebar.multiselect(key="f_region").value == ["west"]


def test_switching_language_in_the_sidebar():
    at = new_app().run()
    assert at.title[0].value == "Ukraine's regional IT clusters"
    at.sidebar.radio(key="lang").set_value("uk").run()
    assert at.title[0].value == "Регіональні ІТ-кластери України"
    assert at.query_params["lang"] == "uk"
