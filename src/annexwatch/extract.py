"""Extraction: a pure function of (document text, metadata, pack) -> records.

No database access here, so it runs the same in one process, in a pool or on a
cluster, and is testable on a string.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from annexwatch.models import DateInterval, Document, Event, Extraction, Sentence
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
    version = f"{EXTRACTOR_VERSION}+pack.{digest.hexdigest()[:10]}"
    models = models_version()
    return f"{version}+models.{models}" if models else version


def models_version() -> str | None:
    """The trained models' digest when the pack chooses them: retraining re-extracts too."""
    from annexwatch.learned.events import MODELS_DIR, models_available

    if active_event_extractor() != "learned" or not models_available(MODELS_DIR):
        return None
    digest = hashlib.sha256()
    for path in sorted(MODELS_DIR.glob("*.npz")) + sorted(MODELS_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@lru_cache(maxsize=1)
def event_extractor_name() -> str:
    """Which event extractor the pack's pipeline.yaml names (`learned` or `rules`)."""
    from annexwatch.pack import load_yaml

    return choose_event_extractor(load_yaml("pipeline.yaml") or {}, PACK_DIR / "pipeline.yaml")


def choose_event_extractor(config: dict, where: object) -> str:
    """The `events:` entry of a pipeline config, checked: an unknown name is an error, not a default."""
    name = str(config.get("events", "rules"))
    if name not in EVENT_EXTRACTORS:
        from annexwatch.errors import PackError

        raise PackError(f"{where}: events: unknown extractor {name!r} (known: {', '.join(EVENT_EXTRACTORS)})")
    return name


def _rule_events(ctx: ExtractionContext) -> list[Event]:
    from annexwatch.nlp.events import extract_events

    return extract_events(ctx)


def _learned_events(ctx: ExtractionContext) -> list[Event]:
    """The learned models decide, the rules' events their features; without models, the rules alone."""
    from annexwatch.learned.events import (
        MODELS_DIR,
        extract_learned_events,
        load_event_models,
        models_available,
    )

    rule_events = _rule_events(ctx)
    if not models_available(MODELS_DIR):
        return rule_events
    return extract_learned_events(ctx, rule_events, load_event_models(MODELS_DIR))


# Event extractors by the name pack/pipeline.yaml gives them.
EVENT_EXTRACTORS: dict[str, Callable[[ExtractionContext], list[Event]]] = {
    "rules": _rule_events,
    "learned": _learned_events,
}


def extract_events_with(ctx: ExtractionContext, name: str | None = None) -> list[Event]:
    return EVENT_EXTRACTORS[name or active_event_extractor()](ctx)


_chosen: list[str] = []  # a choice made for this process (use_event_extractor), over the pack's


def active_event_extractor() -> str:
    """The event extractor in force: one chosen for this run, else the pack's."""
    return _chosen[-1] if _chosen else event_extractor_name()


@contextmanager
def use_event_extractor(name: str) -> Iterator[None]:
    """Run the enclosed ingest with another event extractor than the pack names
    (`annexwatch eval --events rules` compares the rules with the learned models)."""
    choose_event_extractor({"events": name}, "--events")
    _chosen.append(name)
    extractor_version.cache_clear()
    try:
        yield
    finally:
        _chosen.pop()
        extractor_version.cache_clear()


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
    from annexwatch.nlp.indicators import extract_indicators
    from annexwatch.nlp.quotes import extract_quotes

    ctx = build_context(doc.text, doc.published, doc=parsed, nlp=nlp)
    claims = extract_claims(ctx)
    return Extraction(
        sentences=sentences_of(ctx.doc),
        mentions=ctx.mentions,
        events=extract_events_with(ctx),
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
