"""The chart floor: the one-line app plus one small Plotly chart.

How long a page takes to draw any Plotly chart: the browser loads and runs Plotly's code
(several megabytes) the first time a chart arrives.
"""

import plotly.graph_objects as go
import streamlit as st

st.write("Reading Room")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2], mode="markers")))
