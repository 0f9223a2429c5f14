"""The lock files install what requirements*.txt ask for, every package pinned with its hashes."""

import re
import sys

import pytest

from .browser import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path) -> dict[str, str]:
    return {normal(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize(
    ("direct", "lock"),
    [
        (["requirements.txt"], "requirements.lock"),
        (["requirements.txt", "requirements-dev.txt"], "requirements-dev.lock"),
    ],
)
def test_each_direct_requirement_is_locked_at_its_pin(direct, lock):
    wanted = {}
    for name in direct:
        wanted |= pins(ROOT / name)
    locked = pins(ROOT / lock)
    assert {name: locked.get(name) for name in wanted} == wanted


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_hashes(lock):
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"))
    packages = [e for e in entries if PIN.match(e)]
    assert len(packages) > 20
    assert [e.split()[0] for e in packages if "--hash=sha256:" not in e] == []


def test_every_import_of_the_app_is_a_declared_requirement():
    """Packages the app imports directly are declared, not picked up as someone else's dependency."""
    imports = set()
    for path in [ROOT / "app.py", *ROOT.glob("itclusters/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py")]:
        imports |= set(re.findall(r"^(?:from|import) (\w+)", path.read_text(encoding="utf-8"), re.M))
    distribution = {
        "streamlit_folium": "streamlit-folium",
        "xstatic": "xstatic-leaflet",
        "vl_convert": "vl-convert-python",
        "pptx": "python-pptx",
    }
    local = {"itclusters", "ui", "__future__"}
    third_party = {distribution.get(i, i) for i in imports - local if i not in sys.stdlib_module_names}
    assert {normal(n) for n in third_party} <= set(pins(ROOT / "requirements.txt"))
