"""Reading Room's entry point: it only routes, to the page the address names.

The reader (app_pages/read.py) is the default page; the Prepare page (app_pages/prepare.py)
exists only when the authoring setting allows it (components/navigation.py).

Layers, each importing only those below it (tests/test_layers.py checks): app.py and
app_pages/, then components/ (thin Streamlit views), then drafting/, then core/ (no Streamlit).
"""

from components import navigation

navigation.run()
