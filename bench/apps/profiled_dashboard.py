"""The dashboard's script under pyinstrument (bench/profiles.py): app.py, timed from inside.

Profiling starts once the session sets `profile`; the profiler adds up every run after that.
"""

import streamlit as st
from pyinstrument import Profiler

from bench.profiles import DASHBOARD_APP, dashboard_code

profiler = None
if st.session_state.get("profile"):
    profiler = st.session_state.setdefault("profiler", Profiler(interval=0.0002))
    profiler.start()
try:
    exec(dashboard_code(), {"__name__": "__main__", "__file__": str(DASHBOARD_APP)})
finally:
    if profiler is not None:
        profiler.stop()
