"""Stories in presentation mode: which slide shows, stepping through, and the reader's own story.

The slide lives in the address (`?present=1&story=overview&slide=3`, numbered from 1), so a
reload or a shared link shows the same slide. A slide's filters and layers are written into the
widgets' session state when the slide changes, so the pages need to know nothing about stories.
The reader's own story lives in this browser session only.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import replace

import streamlit as st

from itclusters import filters as flt
from itclusters import i18n
from itclusters.address import Address
from itclusters.i18n import _, language
from itclusters.stories import Slide, Story, check_story, load_stories, moved, to_json
from itclusters.text import escape, markdown_literal, renderable
from itclusters.validation import ERROR
from ui import address
from ui.address import Bounds

STORY, SLIDE = address.STORY_KEY, address.SLIDE_KEY  # the story and its slide (0-based) showing
APPLIED, OWN, OWN_ID = "slide_applied", address.OWN_KEY, address.OWN_ID
NEXT_KEYS, BACK_KEYS = ("PageDown", "Right", "Space"), ("PageUp", "Left")  # clickers send PageDown/Up
EXIT_KEY = "Esc"
# The same keys as the browser names them, with their key codes: the map's frame passes them on to
# the page after a click on the map (itclusters.leaflet.ForwardKeys).
STEP_KEY_CODES = {"PageDown": 34, "ArrowRight": 39, " ": 32, "PageUp": 33, "ArrowLeft": 37}
EXIT_KEY_CODES = {"Escape": 27}


def forwarded_keys(stepping: bool) -> dict[str, int]:
    """The keys the map passes on while presenting: Escape, and the stepping keys in a story."""
    return EXIT_KEY_CODES | (STEP_KEY_CODES if stepping else {})


@st.cache_resource(show_spinner=False, max_entries=4)
def shipped(vocabulary: flt.Vocabulary, fingerprint: tuple) -> tuple[dict[str, Story], list]:
    """data/stories/*.json, checked once per change of the data (the fingerprint)."""
    return load_stories(vocabulary)


def available(state: MutableMapping, vocabulary: flt.Vocabulary, fingerprint: tuple) -> dict[str, Story]:
    stories = dict(shipped(vocabulary, fingerprint)[0])
    if state.get(OWN) is not None:
        stories[OWN_ID] = state[OWN]
    return stories


def resolve(
    state: MutableMapping, stories: dict[str, Story], vocabulary: flt.Vocabulary, years: Bounds, members: Bounds
) -> tuple[Story | None, int, list[str]]:
    """The story and the (0-based) slide showing, with notices for an unknown story or slide.

    When the slide differs from the one last applied, its filters and layers are applied.
    """
    story_id = state.get(STORY)
    if not story_id:
        return None, 0, []
    story = stories.get(story_id)
    if story is None:
        state[STORY] = None
        known = ", ".join(sorted(stories)) or "-"
        notice = _("Unknown story {story}: the stories here are {known}.").format(
            story=repr(story_id[:40]), known=known
        )
        return None, 0, [notice]
    notices = []
    raw = state.get(SLIDE)
    index = min(max(raw if isinstance(raw, int) else 0, 0), len(story.slides) - 1)
    if isinstance(raw, int) and raw != index:  # an address beyond the story's end
        notices.append(
            _("There is no slide {slide} in this story: showing slide {shown} of {n}.").format(
                slide=repr(str(raw + 1)), shown=index + 1, n=len(story.slides)
            )
        )
    state[SLIDE] = index
    slide = story.slides[index]
    if state.get(APPLIED) != (story_id, index, slide):  # a new slide: its filters and layers
        filters = flt.from_query(slide.filters, vocabulary).filters
        address.change(state, years, members, filters=filters, layers=slide.layers, present=True)
        state[APPLIED] = (story_id, index, slide)
    return story, index, notices


def step(state: MutableMapping, count: int, by: int) -> None:
    state[SLIDE] = min(max(int(state.get(SLIDE) or 0) + by, 0), count - 1)


def leave(state: MutableMapping) -> None:
    state.update({STORY: None, address.PRESENT_KEY: False})


def story_bar(story: Story, index: int, summary: str) -> None:
    """The slim line of a story: caption, filters, back, 'n / N', next, exit. PageDown, Right
    and Space go on; PageUp and Left go back (hidden buttons carry the extra keys)."""
    state, count = st.session_state, len(story.slides)
    text, back, counter, forward, exit_ = st.columns([9, 1.6, 1.2, 1.6, 1], vertical_alignment="center")
    caption = story.slides[index].caption_in(language())
    text.html(
        f'<div class="itc-caption"><b>{escape(caption)}</b> <span class="itc-summary">· {escape(summary)}</span></div>'
    )
    back.button(
        "◀",
        key="story_back",
        help=_("Previous slide (PageUp)"),
        on_click=step,
        args=(state, count, -1),
        disabled=index == 0,
        shortcut=BACK_KEYS[0],
        width="stretch",
    )
    counter.html(f'<div class="itc-counter" data-testid="itc-counter">{index + 1} / {count}</div>')
    forward.button(
        "▶",
        key="story_next",
        help=_("Next slide (PageDown)"),
        on_click=step,
        args=(state, count, 1),
        disabled=index == count - 1,
        shortcut=NEXT_KEYS[0],
        width="stretch",
    )
    exit_.button(
        "✕",
        key="story_exit",
        help=_("Exit presentation (Esc)"),
        on_click=leave,
        args=(state,),
        shortcut=EXIT_KEY,
        width="stretch",
    )
    with st.container(key="story_keys"):  # display: none; their shortcuts still work
        for key in NEXT_KEYS[1:]:
            st.button(key, key=f"story_next_{key}", on_click=step, args=(state, count, 1), shortcut=key)
        for key in BACK_KEYS[1:]:
            st.button(key, key=f"story_back_{key}", on_click=step, args=(state, count, -1), shortcut=key)


# -- The reader's own story ---------------------------------------------------------------------

EDITS = "own_story_edits"  # bumped on every change of the list, so the caption boxes follow it


def _set_own(state: MutableMapping, slides: tuple[Slide, ...], title: dict | None = None) -> None:
    own = state.get(OWN)
    title = title or (own.title if own else {"en": "My story", "uk": "Моя історія"})
    state[OWN] = Story(OWN_ID, title, slides) if slides else None
    state[EDITS] = state.get(EDITS, 0) + 1


def own_slides(state: MutableMapping) -> tuple[Slide, ...]:
    return state[OWN].slides if state.get(OWN) is not None else ()


def add_slide(state: MutableMapping, page: str, view: Address, captions: Mapping[str, str]) -> None:
    """Record the current view (page, filters, the map's layers) as the last slide of the own story,
    its first caption in each language (the filters in words), and say so: the button's effect is on
    another page."""
    slide = Slide(page, dict(captions), flt.to_query(view.filters), view.layers)
    _set_own(state, (*own_slides(state), slide))
    i18n.set_language(state.get(address.LANG_KEY))  # a callback runs before the page sets the language
    st.toast(
        _("Added as slide {n} of your story: the Stories page captions and presents it.").format(
            n=len(own_slides(state))
        ),
        icon="🎞️",
    )


def present(state: MutableMapping, story_id: str) -> None:
    state.update({STORY: story_id, SLIDE: 0, address.PRESENT_KEY: True, APPLIED: None})


def _move(state: MutableMapping, index: int, by: int) -> None:
    _set_own(state, moved(own_slides(state), index, by))


def _remove(state: MutableMapping, index: int) -> None:
    slides = own_slides(state)
    _set_own(state, slides[:index] + slides[index + 1 :])


def _caption(state: MutableMapping, index: int, lang: str, key: str) -> None:
    slides = list(own_slides(state))
    slide = slides[index]
    slides[index] = replace(slide, caption={**slide.caption, lang: renderable(state[key])[:300]})
    state[OWN] = replace(state[OWN], slides=tuple(slides))


def _upload(state: MutableMapping, vocabulary: flt.Vocabulary) -> None:
    file = state.get("story_upload")
    state["story_upload_problems"] = []
    if file is None:
        return
    loaded, problems = check_story(file.getvalue(), file.name, vocabulary)
    state["story_upload_problems"] = [(p.severity, str(p)) for p in problems]
    if loaded is not None:
        _set_own(state, loaded.slides, loaded.title)


def own_story_editor(page_titles: dict[str, str], vocabulary: flt.Vocabulary) -> None:
    """The own story: captions, order, removal, download, upload and present."""
    state = st.session_state
    st.file_uploader(
        _("Upload a story (JSON)"), type=["json"], key="story_upload", on_change=_upload, args=(state, vocabulary)
    )
    for severity, problem in state.get("story_upload_problems", []):
        (st.error if severity == ERROR else st.warning)(markdown_literal(problem))
    slides = own_slides(state)
    if not slides:
        st.info(_("No slides yet. On any page, press **Add this view as a slide** in the sidebar."))
        return
    edits = state.get(EDITS, 0)
    for i, slide in enumerate(slides):
        with st.container(border=True):
            head, up, down, remove = st.columns([8, 1, 1, 1], vertical_alignment="center")
            where = flt.describe(flt.from_query(slide.filters, vocabulary).filters)
            head.markdown(f"**{i + 1}. {page_titles[slide.page]}** · " + markdown_literal(where))
            up.button(
                "↑", key=f"own_up_{i}_{edits}", on_click=_move, args=(state, i, -1), disabled=i == 0, help=_("Move up")
            )
            down.button(
                "↓",
                key=f"own_down_{i}_{edits}",
                on_click=_move,
                args=(state, i, 1),
                disabled=i == len(slides) - 1,
                help=_("Move down"),
            )
            remove.button(
                "✕", key=f"own_remove_{i}_{edits}", on_click=_remove, args=(state, i), help=_("Remove this slide")
            )
            for lang, label in (("en", _("Caption in English")), ("uk", _("Caption in Ukrainian"))):
                key = f"own_caption_{lang}_{i}_{edits}"
                st.text_input(
                    label,
                    value=slide.caption.get(lang, ""),
                    key=key,
                    max_chars=300,
                    on_change=_caption,
                    args=(state, i, lang, key),
                )
    if address.encoded_own(state) is None:
        st.caption(
            _(
                "This story is too long for the address, so a reload or a link will not bring it back: "
                "download it to keep it."
            )
        )
    go, download, _spacer = st.columns([1, 1, 2])
    go.button(_("Present this story"), on_click=present, args=(state, OWN_ID), type="primary")
    download.download_button(
        _("Download the story (JSON)"),
        data=to_json(state[OWN]),
        file_name=_("my-story.json"),
        mime="application/json",
        on_click="ignore",
    )
