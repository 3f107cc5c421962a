"""The pure core of Reading Room: the bundle's model and vocabulary, its loader and validator,
mentions, the analysis, the markup, the timeline figure, the view state and page assembly.

Nothing here imports Streamlit, the views (components/) or the drafting engine (drafting/), so
all of it can be tested without a server and the reader starts without the drafting stack.
Inside, each module imports only those below it (tests/test_layers.py, CORE_RANKS):
vocabulary, problems, dates, text -> model, files, mentions -> checks, classroom, state ->
bundle, validate, analysis -> markup, timeline -> page.
"""
