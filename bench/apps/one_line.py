"""The baseline: an app that writes one line of text."""

import streamlit as st

st.write("Reading Room")
