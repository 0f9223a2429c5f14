"""The one owner of the view's state: the address bar and the widgets that hold the view.

The address (itclusters/address.py) is read once, when a session starts, into the widgets' state;
after that the widgets hold the view, and each run writes the address back from them, so a copied
link always reproduces what is on screen. Nothing else in the app touches `st.query_params`, and
code outside a widget changes the view only through `change()` (a click on the map, a story's
slide, a profile's "Compare" link). The adapters between widget values and an Address are pure
functions over a mapping, tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from itclusters import address as addr
from itclusters import filters as flt
from itclusters import i18n, stories
from itclusters.address import Address
from itclusters.i18n import _
from itclusters.stories import SHADING, Layers
from itclusters.text import escape

Bounds = tuple[int, int]
# The widgets that hold the view, by what they hold.
FILTER_KEYS = ("f_region", "f_oblast", "f_status", "f_founded", "f_members", "f_q", "f_unknown")
LAYER_KEYS = {"relocations": "map_relocations", "hubs": "map_hubs", "labels": "map_labels", "shading": "map_shading"}
BASEMAP_KEY, PROFILE_KEY, COMPARE_KEY = "map_online", "profile_id", "compare_ids"
PRESENT_KEY, STORY_KEY, SLIDE_KEY, LANG_KEY = "present", "story", "slide", "lang"
OWN_KEY, OWN_ID = "own_story", "mine"  # the reader's own story (a Story) and its id in the address
AT_KEY = "address_at"  # the map's own view from the address, kept until the view changes
WRITTEN_KEY = "address_view"  # the filters and layers the address last showed
NOTICES_KEY = "url_notices"


# -- Widgets <-> Address: pure ----------------------------------------------------------------


def slider_bounds(series: pd.Series, floor: int | None = None) -> Bounds:
    """A slider's (min, max) over the stated values. Never min == max (Streamlit refuses that
    slider), and a column with no stated value still gets a usable slider."""
    known = series.dropna()
    if known.empty:
        lo = 0 if floor is None else floor
        return lo, lo + 1
    lo = int(known.min()) if floor is None else floor
    return lo, max(int(known.max()), lo + 1)


def clamp(value: flt.Range, bounds: Bounds) -> Bounds:
    """An open or out-of-range range as the slider shows it."""
    lo, hi = value
    lo = bounds[0] if lo is None else min(max(lo, bounds[0]), bounds[1])
    hi = bounds[1] if hi is None else min(max(hi, bounds[0]), bounds[1])
    return lo, max(lo, hi)


def open_ends(value: tuple[int, int], bounds: Bounds) -> flt.Range:
    """A slider at its end means 'no limit' on that side, so the URL stays short and new data fits."""
    lo, hi = value
    return (None if lo <= bounds[0] else lo, None if hi >= bounds[1] else hi)


def clamped_notice(name: str, value: flt.Range, bounds: Bounds) -> str | None:
    """A notice when a range from the address lies beyond the data's (the slider cannot show it)."""
    lo, hi = value
    outside = (lo is not None and not bounds[0] <= lo <= bounds[1]) or (
        hi is not None and not bounds[0] <= hi <= bounds[1]
    )
    if not outside:
        return None
    shown = flt.format_range(open_ends(clamp(value, bounds), bounds))
    return _("{parameter} lies beyond the data ({low}–{high}): showing {name}={shown} instead.").format(
        parameter=f"{name}={flt.format_range(value)}", low=bounds[0], high=bounds[1], name=name, shown=shown
    )


def filter_state(filters: flt.Filters, years: Bounds, members: Bounds) -> dict:
    """The sidebar's widget values that show these filters."""
    return {
        "f_region": list(filters.regions),
        "f_oblast": list(filters.oblasts),
        "f_status": list(filters.statuses),
        "f_founded": clamp(filters.founded, years),
        "f_members": clamp(filters.members, members),
        "f_q": filters.q,
        "f_unknown": filters.include_unknown,
    }


def layer_state(layers: Layers) -> dict:
    return {key: getattr(layers, name) for name, key in LAYER_KEYS.items()}


def widget_state(address: Address, years: Bounds, members: Bounds) -> dict:
    """Every widget value that shows this address (the page aside: that is the path)."""
    return (
        filter_state(address.filters, years, members)
        | layer_state(address.layers)
        | {BASEMAP_KEY: address.basemap == "osm", PROFILE_KEY: address.cluster, COMPARE_KEY: list(address.compare)}
        | {PRESENT_KEY: address.present, STORY_KEY: address.story, SLIDE_KEY: address.slide - 1}
        | {LANG_KEY: address.lang}
    )


def filters_from_state(state: Mapping, years: Bounds, members: Bounds) -> flt.Filters:
    """The filters the sidebar's widgets show."""
    return flt.Filters(
        regions=tuple(state["f_region"]),
        oblasts=tuple(state["f_oblast"]),
        statuses=tuple(state["f_status"]),
        founded=open_ends(state["f_founded"], years),
        members=open_ends(state["f_members"], members),
        q=state["f_q"].strip()[: flt.MAX_QUERY_LENGTH],
        include_unknown=state["f_unknown"],
    )


def address_from_state(state: Mapping, years: Bounds, members: Bounds) -> Address:
    """The view the widgets hold, as an address."""
    shading = state.get(LAYER_KEYS["shading"], "none")
    slide = state.get(SLIDE_KEY)
    return Address(
        filters=filters_from_state(state, years, members),
        layers=Layers(
            relocations=bool(state.get(LAYER_KEYS["relocations"], True)),
            hubs=bool(state.get(LAYER_KEYS["hubs"], False)),
            shading=shading if shading in SHADING else "none",
            labels=bool(state.get(LAYER_KEYS["labels"], False)),
        ),
        basemap="osm" if state.get(BASEMAP_KEY) else "none",
        cluster=state.get(PROFILE_KEY) or None,
        compare=tuple(state.get(COMPARE_KEY) or ()),
        at=state.get(AT_KEY),
        present=bool(state.get(PRESENT_KEY)) or bool(state.get(STORY_KEY)),
        story=state.get(STORY_KEY) or None,
        slide=(slide + 1) if isinstance(slide, int) else 1,
        own=encoded_own(state),
        lang=state.get(LANG_KEY, i18n.DEFAULT),
    )


def encoded_own(state: Mapping) -> str | None:
    """The reader's own story as the address carries it, or None (none, or too long to carry)."""
    own = state.get(OWN_KEY)
    if own is None:
        return None
    text = stories.encode(own)
    return text if len(text) <= stories.MAX_ADDRESS_CHARS else None


def view_of(address: Address) -> tuple:
    """What the map's own view depends on: a new filter or layer fits the map again."""
    return address.filters, address.layers, address.basemap


# -- The session's side --------------------------------------------------------------------------


def language(state: MutableMapping) -> str:
    """The reader's language: from the address when a session starts, then the sidebar's switch."""
    if LANG_KEY not in state:
        state[LANG_KEY] = i18n.set_language(st.query_params.get("lang"))
    return i18n.set_language(state[LANG_KEY])


def seed(state: MutableMapping, vocabulary: flt.Vocabulary, cluster_ids: Sequence[str], years: Bounds, members: Bounds):
    """A new session: the address bar into the widgets, with a notice for each value dropped. New
    data (an upload, an edited file) may move the sliders' bounds: their values follow."""
    if "f_region" in state:
        # Streamlit forgets a widget's value after a run that does not draw it (the map's layers on
        # the Members page, the compared clusters on the map): set again, the values stay the view's.
        for key in (*FILTER_KEYS, *LAYER_KEYS.values(), BASEMAP_KEY, PROFILE_KEY, COMPARE_KEY):
            if key in state:
                state[key] = state[key]
        state.update({k: clamp(state[k], b) for k, b in (("f_founded", years), ("f_members", members))})
        return
    parsed = addr.parse({k: st.query_params.get_all(k) for k in st.query_params}, vocabulary, cluster_ids)
    notices = parsed.notices + [
        n
        for n in (
            clamped_notice("founded", parsed.address.filters.founded, years),
            clamped_notice("members", parsed.address.filters.members, members),
        )
        if n
    ]
    if parsed.address.own:  # the reader's own story, from a reload, a bookmark or a colleague
        own, problems = stories.decode(parsed.address.own, vocabulary)
        if own is not None:
            state[OWN_KEY] = replace(own, id=OWN_ID)
        notices += [str(p) for p in problems]
    state.update(widget_state(parsed.address, years, members))
    state[AT_KEY] = parsed.address.at
    state[WRITTEN_KEY] = view_of(parsed.address)
    state[NOTICES_KEY] = notices


def write(state: MutableMapping, address: Address) -> None:
    """The address bar shows `address`. The map's own view (`at`, written by the map's frame as the
    reader moves it) is kept while the filters and layers stay as they were."""
    at = address.at
    if state.get(WRITTEN_KEY) != view_of(address):
        at = state[AT_KEY] = None  # the map fits the new view again
    elif "at" in st.query_params:  # the frame moved it since: the browser sent its address with the run
        at = addr.parse({"at": st.query_params.get("at")}, flt.Vocabulary((), (), ()), ()).address.at or at
        state[AT_KEY] = at
    state[WRITTEN_KEY] = view_of(address)
    query = addr.to_query(replace(address, at=at))
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


# Which widget keys hold each field of an Address.
WIDGETS_OF = {
    "filters": FILTER_KEYS,
    "layers": tuple(LAYER_KEYS.values()),
    "basemap": (BASEMAP_KEY,),
    "cluster": (PROFILE_KEY,),
    "compare": (COMPARE_KEY,),
    "at": (AT_KEY,),
    "present": (PRESENT_KEY,),
    "story": (STORY_KEY,),
    "slide": (SLIDE_KEY,),
    "own": (),  # the story itself is the Stories page's (ui/story.py)
    "lang": (LANG_KEY,),
}


def change(state: MutableMapping, years: Bounds, members: Bounds, **fields) -> None:
    """Change the view from outside a widget (a click on the map, a story's slide, a link): the
    given fields of an Address, written into the widgets that hold them."""
    updated = replace(address_from_state(state, years, members), **fields)
    wanted = widget_state(updated, years, members) | {AT_KEY: updated.at}
    state.update({key: wanted[key] for name in fields for key in WIDGETS_OF[name]})


def notices(state: Mapping) -> list[str]:
    """The address's notices as shown (seed() set them when the session started)."""
    return flt.shown_notices(state[NOTICES_KEY])


def add_notices(state: MutableMapping, more: list[str]) -> None:
    state[NOTICES_KEY] = state[NOTICES_KEY] + more


# -- Copy link ------------------------------------------------------------------------------------

# Copies the address bar as it is when pressed (the map's own view included, which the map writes
# without a run). The clipboard API needs a secure page (https or localhost); a projector's laptop
# reaching the server over plain http on the LAN gets the older copy command instead.
_COPY_SCRIPT = """<script>
(function () {
  document.querySelectorAll(".itc-copy-link:not([data-ready])").forEach(function (button) {
    button.dataset.ready = "1";
    function said(text) {  // a toast, as Streamlit's own: bottom right, gone after four seconds
      var toast = document.createElement("div");
      toast.className = "itc-toast"; toast.setAttribute("role", "status"); toast.textContent = text;
      document.body.appendChild(toast);
      setTimeout(function () { toast.remove(); }, 4000);
    }
    function fallback(url) {
      var box = document.createElement("textarea");
      box.value = url; box.setAttribute("readonly", ""); box.style.position = "fixed"; box.style.opacity = "0";
      document.body.appendChild(box); box.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) {}
      box.remove();
      return done;
    }
    button.addEventListener("click", function () {
      var url = window.location.href;
      var copied = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(url).then(function () { return true; }, function () { return fallback(url); })
        : Promise.resolve(fallback(url));
      copied.then(function (done) { said(done ? button.dataset.done : button.dataset.failed); });
    });
  });
})();
</script>"""
_COPY_STYLE = """<style>
.itc-copy-link { width: 100%; min-height: 2.5rem; padding: .25rem .75rem; font: inherit; cursor: pointer;
  color: inherit; background: transparent; border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem; }
.itc-copy-link:hover { border-color: #ff4b4b; color: #ff4b4b; }
.itc-copy-link:focus-visible { outline: 2px solid #ff4b4b; outline-offset: 2px; }
.itc-toast { position: fixed; right: 1rem; bottom: 1rem; z-index: 100000; max-width: min(24rem, calc(100vw - 2rem));
  padding: .75rem 1rem; border-radius: .5rem; background: #fff; color: #1f2933; font-size: .95rem;
  box-shadow: 0 4px 16px rgba(0, 0, 0, .18); border-left: 4px solid #2e7d32; }
</style>"""


def copy_link_html() -> str:
    """The 'Copy link' button, in the reader's language; it says when the link is copied."""
    done, failed = escape(_("Link copied: paste it anywhere.")), escape(_("Could not copy: copy the address bar."))
    label = escape(_("Copy link to this view"))
    return (
        f'{_COPY_STYLE}<div class="itc-copy"><button type="button" class="itc-copy-link" data-done="{done}" '
        f'data-failed="{failed}">🔗 {label}</button></div>{_COPY_SCRIPT}'
    )


def copy_link_button() -> None:
    """The button, and with it the script that puts Streamlit's own words in the reader's language
    (ui/platform_texts.py): in the sidebar, it takes no room of the page's."""
    from ui import platform_texts

    st.html(copy_link_html() + platform_texts.script(), unsafe_allow_javascript=True)
