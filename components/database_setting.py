"""Which database the app's servers share, if any: the setting alone, read without importing
a database library, so a reader on one computer (no database named) never loads one.

`READING_ROOM_DATABASE_URL`, else the app's secrets `[connections.participation] url`.
Without either, classes live in a SQLite file of this computer (storage/engine.py) and
published articles and drafts in folders; with one, all of them live in that database.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

# The same variable storage/engine.py reads (a test checks): this module must not import it.
DATABASE_URL_ENV = "READING_ROOM_DATABASE_URL"
SECRET_SECTION, SECRET_NAME = "participation", "url"


def secrets_url() -> str | None:
    """`[connections.participation] url` from the app's secrets, if set."""
    try:
        connections = st.secrets.get("connections", {})
        section = connections.get(SECRET_SECTION, {}) if hasattr(connections, "get") else {}
        url = section.get(SECRET_NAME) if hasattr(section, "get") else None
    except StreamlitSecretNotFoundError:  # no secrets file: nothing set there
        return None
    return str(url) if url else None


def configured() -> bool:
    """True when a database URL is given: published articles and drafts live there too."""
    return bool(os.environ.get(DATABASE_URL_ENV) or secrets_url())
