"""Each Streamlit internal the dashboard leans on (ui/streamlit_internals.py) is still where it
expects it: after an upgrade, a failure here names the internal that moved."""

import dataclasses
import inspect
import re
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit

from ui import streamlit_internals as internals

from .browser import ROOT

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"
SELECTED = re.compile(r"""data-testid=\\?["']([A-Za-z]+)\\?["']""")


@pytest.fixture(scope="module")
def frontend() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in BUNDLE.glob("*.js"))


def test_streamlit_is_the_version_the_internals_were_checked_against():
    pinned = re.search(r"^streamlit==([\w.]+)", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert version("streamlit") == pinned == "1.67.0", "re-check ui/streamlit_internals.py against this version"


def test_every_test_id_the_page_selects_is_listed():
    sources = [ROOT / "app.py", *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("itclusters/*.py")]
    selected = {name for p in sources for name in SELECTED.findall(p.read_text(encoding="utf-8"))}
    ours = {name for name in selected if not name.startswith("st")}  # e.g. the story's counter
    assert selected - ours == set(internals.TEST_IDS)


@pytest.mark.parametrize("test_id", internals.TEST_IDS)
def test_each_test_id_is_still_in_streamlits_frontend(frontend, test_id):
    assert re.search(rf"""["'`]{test_id}["'`]""", frontend), f"Streamlit's frontend no longer names {test_id}"


def test_a_keyed_container_still_gets_its_class(frontend):
    assert internals.KEY_CLASS in frontend, "Streamlit no longer marks keyed containers st-key-<key>"


def test_the_run_context_still_says_which_page_was_asked_for():
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import ScriptRunContext

    assert "pages_manager" in {f.name for f in dataclasses.fields(ScriptRunContext)}, "ScriptRunContext.pages_manager"
    for name in ("intended_page_script_hash", "intended_page_name"):
        assert isinstance(getattr(PagesManager, name, None), property), f"PagesManager.{name}"


def test_the_pages_folder_flag_is_still_set_at_start_up():  # ui/navigation.py's guard answers it
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory"), "PagesManager.uses_pages_directory"


def test_the_download_handler_is_still_where_it_is_replaced():
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    assert inspect.iscoroutinefunction(DeferredFileHandler.handle) or DeferredFileHandler.handle is internals._handle
    original = inspect.signature(internals._handle)
    assert list(original.parameters) == ["self", "request", "session_id"]
    made_with = inspect.signature(DeferredFileHandler.__init__).parameters
    assert "get_media_file_mgr" in made_with, "DeferredFileHandler(get_media_file_mgr) and its _get_media_file_mgr"


def test_each_english_text_put_in_the_readers_language_is_still_streamlits(frontend):
    """ui/platform_texts.py rewrites Streamlit's own English words where it offers no parameter;
    a text Streamlit no longer uses would silently stay English in its new wording."""
    from ui import platform_texts

    gone = [text for text in platform_texts.TEXTS if f"`{text}`" not in frontend and f'"{text}"' not in frontend]
    assert gone == []
    assert "} per file`" in frontend, "the uploader's limit text ('3MB per file') changed"


def test_the_session_storage_still_forgets_sessions_in_a_cache_the_save_can_reap():
    import streamlit.web.server.server as server
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.caching.ttl_cache import TTLCache
    from streamlit.runtime.memory_session_storage import MemorySessionStorage

    assert "MemorySessionStorage(" in inspect.getsource(server), "the server no longer keeps sessions there"
    cache = MemorySessionStorage()._cache
    assert isinstance(cache, TTLCache), "MemorySessionStorage._cache"
    for name in ("expire", "popitem", "timer", "ttl", "maxsize"):
        assert hasattr(cache, name), f"TTLCache.{name}"
    assert "remove_session_files" in inspect.getsource(AppSession.shutdown), "AppSession.shutdown gives back uploads"
