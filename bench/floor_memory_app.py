"""The floor for server memory: the simplest Streamlit app that takes the same uploads and gives the
same download as bench/server_memory.py's sessions do on the dashboard.

One file uploader (its lines are counted, nothing is kept) and one download button whose file,
random bytes the size of the overview deck, is made when pressed, as the dashboard's are.

Run: streamlit run bench/floor_memory_app.py
"""

import os

import streamlit as st

DECK_BYTES = 770_000  # the overview deck's size

file = st.file_uploader("clusters.csv", type=["csv"])
if file is not None:
    lines = file.getvalue().count(b"\n")
    st.write(f"{lines} lines read")
st.download_button(
    "Slides (PowerPoint)",
    data=lambda: os.urandom(DECK_BYTES),
    file_name="slides.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    on_click="ignore",
)
