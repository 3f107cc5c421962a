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

from components.database_setting import secrets_url
from storage import ClassError, Database, database_url, open_database


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
