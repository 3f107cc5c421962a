"""The floor: the dashboard's elements (same kinds, same count) holding fixed content.

Nothing here is computed per run, so what this costs per rerun is what Streamlit charges for
the elements themselves; the dashboard cannot be cheaper than this.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
FIGURE = go.Figure(go.Scatter(x=list(range(40)), y=[n % 5 for n in range(40)], mode="markers"))
FIGURE.update_layout(template="none")
OPTIONS = [f"option-{n}" for n in range(60)]
PAGE = (
    '<div><p id="rr-p-1">first paragraph</p>'
    + "<p>paragraph text with <mark>marks</mark></p>" * 400
    + "</div>"
)

st.sidebar.markdown("## Actors\nChoose")
st.sidebar.text_input("Search", key="search")
for number, size in enumerate((6, 4, 47)):
    st.sidebar.pills(
        f"group {number}", OPTIONS[:size], key=f"pills-{number}", selection_mode="multi"
    )
st.sidebar.button("Clear", key="clear")
st.sidebar.button("Presenter", key="present")
st.sidebar.html("<div>legend and share link</div>")
st.html("<h1>Header</h1>")
slot = st.container()
st.pills("Show", OPTIONS[:6], key="panel")
st.html(PAGE)
with slot:
    st.segmented_control("Period", OPTIONS[:3], key="year")
    st.plotly_chart(FIGURE, key="chart", on_select="rerun", selection_mode="points")
    st.selectbox("Event", OPTIONS[:32], key="event")
