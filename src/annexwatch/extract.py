"""Extraction: a pure function of (document text, metadata, pack) -> records.

No database access here, so it runs the same in one process, in a pool or on a
cluster, and is testable on a string.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from annexwatch.models import DateInterval, Document, Extraction, Sentence
from annexwatch.nlp.context import ExtractionContext
from annexwatch.pack import PACK_DIR, load_vocabulary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from annexwatch.nlp.actors import ActorResolver

# Bumped whenever extraction code changes, so a re-ingest re-extracts unchanged files.
EXTRACTOR_VERSION = "0.2.0"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The code version plus a digest of the pack's YAML: editing a trigger or an actor in
    the pack is a change of rules too, and must re-extract documents already stored."""
    digest = hashlib.sha256()
    for path in sorted(PACK_DIR.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}+pack.{digest.hexdigest()[:10]}"


@lru_cache(maxsize=1)
def get_resolver() -> ActorResolver:
    from annexwatch.nlp.actors import ActorResolver

    return ActorResolver.from_pack()


def build_context(
    text: str, published: DateInterval | None, doc: Doc | None = None, nlp: Language | None = None
) -> ExtractionContext:
    """Parse (unless a parsed Doc is given) and resolve actors and dates of one text."""
    from annexwatch.nlp.periods import find_period_anchors
    from annexwatch.nlp.pipeline import get_nlp
    from annexwatch.nlp.timex import find_timexes

    if doc is None:
        doc = (nlp or get_nlp())(text)
    resolver = get_resolver()
    timexes = find_timexes(text, published)
    periods = find_period_anchors(text, timexes)
    # the timexes stay non-overlapping: a named period replaces a length inside its name
    timexes = [t for t in timexes if not any(p.start < t.end and t.start < p.end for p in periods)]
    return ExtractionContext(
        text=text,
        doc=doc,
        mentions=resolver.find(text, published),
        timexes=timexes + periods,
        published=published,
        vocabulary=load_vocabulary(),
        resolver=resolver,
    )


def sentences_of(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents]


def extract_document(doc: Document, nlp: Language | None = None, parsed: Doc | None = None) -> Extraction:
    """Every record of one document. `parsed` lets a caller batch parsing with nlp.pipe."""
    from annexwatch.nlp.claims import extract_claims
    from annexwatch.nlp.events import extract_events
    from annexwatch.nlp.indicators import extract_indicators
    from annexwatch.nlp.quotes import extract_quotes

    ctx = build_context(doc.text, doc.published, doc=parsed, nlp=nlp)
    claims = extract_claims(ctx)
    return Extraction(
        sentences=sentences_of(ctx.doc),
        mentions=ctx.mentions,
        events=extract_events(ctx),
        claims=claims,
        quotes=extract_quotes(ctx),
        indicators=extract_indicators(ctx, claims),
    )


def extract_text(text: str, published: DateInterval | None = None) -> Extraction:
    """Convenience for tests and notebooks: extract from a bare string."""
    doc = Document(
        path="<text>", name="<text>", format="txt", text=text, content_hash="", published=published
    )
    return extract_document(doc)
