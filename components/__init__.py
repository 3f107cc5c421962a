"""Thin Streamlit views: each takes plain data from the core, calls st.*, returns nothing.

`data` is file access and caching of what core/page.py assembles; `session` holds the view
state read once from the URL; `loading` is the one seam for a first page sent in steps. The
reader's views (everything app_pages/read.py imports) never import drafting/: a page that drafts
bundles (app_pages/prepare.py) has its own views, which may.
"""
