"""Every URL parameter the app reads is documented in the README, and nothing else is."""

import re

from itclusters import address
from itclusters import filters as flt
from itclusters.style import MACRO_REGIONS, STATUSES

from .browser import ROOT

README_ROW = re.compile(r"^\| `(\w+)` \|(.+)\|(.+)\|$", re.M)
QUERY_PARAMS = re.compile(r"\bquery_params\b")
VOCABULARY = flt.Vocabulary(MACRO_REGIONS, ("UA-46",), STATUSES)


def parameters_read_by_the_code() -> set[str]:
    """Every name the address asks a query string for."""
    names = set()

    class Spy(dict):
        def get(self, key, default=None):
            names.add(key)
            return default

    address.parse(Spy(), VOCABULARY, ())
    return names


def test_only_the_address_owner_touches_the_address_bar():
    sources = [ROOT / "app.py", *ROOT.glob("itclusters/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py")]
    touching = {p.relative_to(ROOT).as_posix() for p in sources if QUERY_PARAMS.search(p.read_text(encoding="utf-8"))}
    assert touching == {"ui/address.py"}


def documented() -> dict[str, tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## URL parameters", 1)[1].split("\n## ", 1)[0]
    return {name: (values.strip(), example.strip()) for name, values, example in README_ROW.findall(section)}


def test_the_readme_documents_exactly_the_parameters_the_code_reads():
    read = parameters_read_by_the_code()
    assert set(address.PARAMETERS) == read
    assert set(documented()) == read


def test_each_documented_parameter_has_values_and_an_example_using_it():
    for name, (values, example) in documented().items():
        assert values, name
        assert re.search(rf"[?&]{name}=", example), (name, example)
