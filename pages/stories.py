"""Stories: present the shipped ones, and build your own from views you add as slides."""

import streamlit as st

from itclusters.i18n import _, language
from itclusters.maps import MapOptions
from itclusters.outputs import FORMATS
from itclusters.text import markdown_literal
from itclusters.validation import ERROR
from ui import story
from ui.frame import fingerprint
from ui.map_downloads import file_maker
from ui.navigation import PAGES, current_view, slug

view = current_view()
st.title(_("Stories"))
st.markdown(
    _(
        "A story is a list of slides, each a page with its filters, layers and a caption. Present one "
        "full screen and step with **PageDown** and **PageUp** (what presenter clickers send), the arrow "
        "keys or Space."
    )
)
page_titles = {slug(p): _(p.title) for p in PAGES}
vocabulary = view.dataset.vocabulary()
for problem in story.shipped(vocabulary, fingerprint())[1]:  # a broken story file: what and where
    (st.error if problem.severity == ERROR else st.warning)(markdown_literal(str(problem)), icon="⚠️")

for shown in view.stories.values():
    with st.container(border=True):
        head, start, slides = st.columns([4, 1, 1.4], vertical_alignment="center")
        head.header(markdown_literal(shown.title_in(language())), anchor=False)
        start.button(_("Present"), key=f"present_{shown.id}", on_click=story.present, args=(st.session_state, shown.id))
        deck_name = _("it-clusters-{story}.pptx").format(story=shown.id)
        slides.download_button(
            _("Slides (PowerPoint)"),
            data=file_maker(view, MapOptions(), "pptx", shown, what=deck_name),  # a failure names this file
            file_name=deck_name,
            mime=FORMATS["pptx"][1],
            on_click="ignore",
            key=f"deck_{shown.id}",
        )
        for n, slide in enumerate(shown.slides, start=1):
            st.markdown(f"{n}. **{page_titles[slide.page]}**: " + markdown_literal(slide.caption_in(language())))

st.header(_("Your story"), anchor=False)
story.own_story_editor(page_titles, vocabulary)
