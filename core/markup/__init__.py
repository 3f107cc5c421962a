"""Every piece of HTML the app shows is built here, from plain data, escaped by construction.

- `escaping`: the `Html` type (text joined with it is escaped unless it is Html already), and
  text made safe for Markdown labels, Plotly and links.
- `style`: colours, underline styles, the stylesheet, `panel()` for one `st.html` block.
- `article`: header, draft banner, numbered paragraphs with mentions and margins, legend.
- `cards`, `panels`, `handout`: the cards beside the text, the classroom panels and
  presenter view, the printable handout.
- `script`: the app's one (constant) script and the share box.

Views never build HTML: core/page.py assembles each page part from these functions, and the
views pass the result to `st.html`. This package imports the model, the analysis and the view
state's links (below it), never the page assembly, the views or the drafting engine.
"""
