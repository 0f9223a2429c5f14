"""Every URL parameter the app reads is documented in the README, and nothing else is."""

import re

from itclusters import filters as flt
from itclusters.style import MACRO_REGIONS, STATUSES

from .browser import ROOT

READ_IN_CODE = re.compile(r"query_params(?:\.get(?:_all)?\(|\[)\s*['\"](\w+)['\"]")
README_ROW = re.compile(r"^\| `(\w+)` \|(.+)\|(.+)\|$", re.M)


def parameters_read_by_the_code() -> set[str]:
    sources = [ROOT / "app.py", *ROOT.glob("itclusters/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py")]
    names = {name for path in sources for name in READ_IN_CODE.findall(path.read_text(encoding="utf-8"))}

    class Spy(dict):  # the filters read theirs from whatever mapping they are handed
        def get(self, key, default=None):
            names.add(key)
            return default

    flt.from_query(Spy(), flt.Vocabulary(MACRO_REGIONS, ("UA-46",), STATUSES))
    return names


def documented() -> dict[str, tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## URL parameters", 1)[1].split("\n## ", 1)[0]
    return {name: (values.strip(), example.strip()) for name, values, example in README_ROW.findall(section)}


def test_the_readme_documents_exactly_the_parameters_the_code_reads():
    read = parameters_read_by_the_code()
    assert {"lang", "present", "region", "oblast", "status", "founded", "members", "q", "unknown"} <= read
    assert set(documented()) == read


def test_each_documented_parameter_has_values_and_an_example_using_it():
    for name, (values, example) in documented().items():
        assert values, name
        assert re.search(rf"[?&]{name}=", example), (name, example)
