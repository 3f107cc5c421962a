"""Thin Streamlit views: each takes plain data from the core, calls st.*, returns nothing."""
