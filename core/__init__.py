"""The pure core of Reading Room: bundle loading, mentions, markup, timeline, URL state.

Nothing in this package imports Streamlit, so all of it can be tested without a server.
"""
