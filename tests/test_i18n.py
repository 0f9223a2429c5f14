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
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def msgid(message) -> str:
    """A message's key: its text, or a plural's singular form."""
    return message[0] if isinstance(message, tuple) else message


def forms(text) -> tuple:
    return text if isinstance(text, tuple) else (text,)


def interface_strings() -> set[str]:
    found = extract_from_dir(str(ROOT), METHOD_MAP, keywords=KEYWORDS)
    return {msgid(message) for _filename, _lineno, message, _comments, _context in found}


@pytest.fixture(scope="module")
def ukrainian():
    with CATALOGUE.open("rb") as f:
        return {msgid(m.id): m for m in read_po(f, locale="uk") if m.id}


def test_every_interface_string_has_a_ukrainian_translation(ukrainian):
    strings = interface_strings()
    assert len(strings) > 150
    missing = sorted(s for s in strings if s not in ukrainian or not all(forms(ukrainian[s].string)))
    assert missing == [], "untranslated (run `make translations`, then translate): " + repr(missing)
    fuzzy = sorted(s for s in strings if ukrainian[s].fuzzy)
    assert fuzzy == []


def test_no_stale_entries_in_the_catalogue(ukrainian):
    assert sorted(set(ukrainian) - interface_strings()) == []


def test_translations_keep_their_placeholders(ukrainian):
    for message in ukrainian.values():
        for source in forms(message.id):
            for translation in forms(message.string):
                assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), message.id


def test_counts_take_the_plural_form_of_their_language():
    def clusters(n):
        return i18n.ngettext("{n} cluster", "{n} clusters", n).format(n=n)

    assert [clusters(n) for n in (1, 2, 5)] == ["1 cluster", "2 clusters", "5 clusters"]
    with i18n.override("uk"):  # one; two to four; five and more, and the teens
        assert [clusters(n) for n in (1, 21, 3, 24, 5, 11, 12, 111)] == [
            "1 кластер",
            "21 кластер",
            "3 кластери",
            "24 кластери",
            "5 кластерів",
            "11 кластерів",
            "12 кластерів",
            "111 кластерів",
        ]


def test_formatting_follows_the_language(dataset):
    with i18n.override("uk"):
        assert format_count(None) == "не зазначено"
        assert format_count(100000, "at_least") == "100\u202f000+"
        assert format_year(2020, "derived") == "2020 (обчислено)"
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


def test_the_about_page_in_ukrainian_has_no_english_line():
    """Methodology, status rule, data dictionary and completeness come from the schema in the
    reader's language: no line of four or more Latin words (names and the source's title aside)."""
    from .latin import english_lines

    with i18n.override("uk"):
        at = new_app(lang="uk").run()
        at.switch_page("pages/about.py").run()
        assert not at.exception
        texts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.label for e in at.expander]
        for frame in (d.value for d in at.dataframe):
            texts += [str(c) for c in frame.columns]
            texts += [str(v) for column in frame.columns if column != "Стовпець" for v in frame[column]]
    assert len(texts) > 200
    assert english_lines(texts) == []
    rule = [t for t in texts if "→" in t]
    assert any(t.startswith("- описано лише до 2022 року → **Немає свіжої інформації**") for t in rule), rule


def test_every_select_box_passes_its_placeholder():
    """Streamlit's default placeholder ("Choose an option") is English: every select box and
    multiselect passes one in the reader's language."""
    import ast

    missing = []
    for path in [ROOT / "app.py", *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("selectbox", "multiselect"):
                if "placeholder" not in {k.arg for k in node.keywords}:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []
