"""The class's database for the views: one engine per process, made on first use.

Where it is: READING_ROOM_DATABASE_URL, else the app's secrets `[connections.participation]
url`, else a SQLite file in the state folder (storage/engine.py). The engine lives in
`st.cache_resource`, so every session of this server shares its pool; the class's data is
read live through storage/classes.py on every run, never through `st.connection(...).query()`,
which would cache results.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import exc
from streamlit.errors import StreamlitSecretNotFoundError

from storage import ClassError, Database, database_url, open_database

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


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    return open_database(url)


def database() -> Database:
    """This process's class database, migrated and purged of expired classes on first use.

    Raises ClassError('unavailable') when the database cannot be reached; Streamlit does not
    cache an exception, so the next run tries again."""
    try:
        return _database(database_url(secrets_url()))
    except ClassError:
        raise
    except Exception as error:  # a database down at start-up: a message, not a traceback
        if _is_unreachable(error):
            raise ClassError("unavailable") from error
        raise


def _is_unreachable(error: Exception) -> bool:
    return isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError)
