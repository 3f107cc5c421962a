"""The article header, as cached HTML."""

from __future__ import annotations

import streamlit as st

from components import data
from core.model import Bundle


def header(bundle: Bundle) -> None:
    st.html(data.header(bundle))
