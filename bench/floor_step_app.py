"""The floor for a step to the next slide: the simplest Streamlit app that steps a counter with
the clicker's key (a button with the PageDown shortcut) and shows one picture per step. No data,
no map, no chart: what any Streamlit app pays for a key press, a run and a picture drawn.

Run: streamlit run bench/floor_step_app.py  (bench/slide_steps.py starts it)
"""

import streamlit as st

SLIDES = 6
# One small SVG per slide, made once: the picture's cost without drawing a chart.
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="830"><text x="40" y="80">{n}</text></svg>'
PICTURES = [SVG.format(n=n) for n in range(1, SLIDES + 1)]
state = st.session_state
state.setdefault("slide", 0)


def step(by: int) -> None:
    state["slide"] = min(max(state["slide"] + by, 0), SLIDES - 1)


st.button("next", on_click=step, args=(1,), shortcut="PageDown")
st.button("back", on_click=step, args=(-1,), shortcut="PageUp")
st.html(f'<div data-testid="itc-counter">{state["slide"] + 1} / {SLIDES}</div>')
with st.container(key="slide_chart"):
    st.image(PICTURES[state["slide"]], width="stretch")
