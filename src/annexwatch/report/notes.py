"""Footnotes: one number per source document, numbered by its first citation in reading order.

A think-tank comment cites "[3]" and lists "3. Title, 2015-03-18, https://...". The
renderers draw the sections in the order `cited_in_order` walks them, so the first
document cited anywhere is note 1, and every later citation of it reuses that number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from annexwatch.knowledge.events import Source
from annexwatch.models import DateInterval
from annexwatch.report.model import Dossier, Note
from annexwatch.store import Store

# Cues that mean the date was given, not worked out (front matter, sidecar, HTML meta).
GIVEN_CUES = {"metadata", "html-metadata"}


def cited_in_order(dossier: Dossier) -> Iterator[Source]:
    """Every source the dossier cites, in the order a reader meets the citations."""
    for statement in dossier.summary:
        yield from statement.sources
    for rows in (dossier.timeline, dossier.undated, dossier.scorecard):
        for row in rows:
            yield from row.sources
    for group in dossier.figures:
        for figure in group.figures:
            yield from figure.sources
    for recognition in dossier.recognitions:
        yield from recognition.sources
    for quote in dossier.quotes:
        yield from quote.sources


def number_notes(dossier: Dossier, store: Store) -> list[Note]:
    """One note per cited document, numbered by first citation."""
    seen: dict[str, Source] = {}
    for source in cited_in_order(dossier):
        seen.setdefault(source.document, source)
    cues = _published_cues(store, list(seen))
    return [
        Note(number, source, published_text(source.published, cues.get(source.document, [])))
        for number, source in enumerate(seen.values(), 1)
    ]


def published_text(published: DateInterval | None, cues: list[str]) -> str:
    """'2015-03-18'; an inferred date says so, an interval gives both ends."""
    if published is None:
        return "date unknown"
    if published.start == published.end:
        text = published.start.isoformat()
    else:
        text = f"between {published.start.isoformat()} and {published.end.isoformat()}"
    inferred = bool(cues) and not all(cue in GIVEN_CUES for cue in cues)
    return text + (" (inferred)" if inferred else "")


def note_text(note: Note) -> str:
    """The plain-text note: 'Title, 2015-03-18, https://...' (the file name when no url)."""
    source = note.source
    title = source.title or source.document
    where = source.url or source.document
    return f"{title}, {note.published_text}, {where}"


def marks(numbers: list[int]) -> str:
    """'[1][4]' for plain-text renderers."""
    return "".join(f"[{n}]" for n in numbers)


def _published_cues(store: Store, documents: list[str]) -> dict[str, list[str]]:
    if not documents:
        return {}
    rows = store.connection.execute(
        f"SELECT name, published_cues FROM documents WHERE name IN ({', '.join('?' * len(documents))})",
        documents,
    ).fetchall()
    return {row["name"]: json.loads(row["published_cues"] or "[]") for row in rows}
