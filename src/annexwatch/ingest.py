"""Ingesting documents: read, clean, date, extract, store — one transaction a document.

A bad document is reported (DocumentError names the file and the problem) and the
batch goes on; nothing already stored is lost or half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annexwatch.documents import iter_document_paths, load_document
from annexwatch.documents.published import infer_published
from annexwatch.errors import DocumentError, StoreError
from annexwatch.extract import extract_document, extractor_version, get_resolver
from annexwatch.knowledge import RefreshReport, refresh
from annexwatch.models import Document
from annexwatch.nlp.events import news_verbs
from annexwatch.nlp.pipeline import get_nlp
from annexwatch.store import Store


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[DocumentError] = field(default_factory=list)
    words: int = 0
    knowledge: RefreshReport | None = None  # what the knowledge-layer refresh recomputed
    knowledge_error: str | None = None  # why it could not run (the extractions are stored)

    @property
    def ok(self) -> bool:
        return not self.failed


def date_document(doc: Document, today: dt.date | None = None) -> Document:
    """Fill in the publication interval from the text where metadata does not give it."""
    if doc.published is not None:
        return doc
    resolver = get_resolver()
    inference = infer_published(
        doc.text,
        None,
        terms=resolver.office_terms(),
        today=today,
        entities=resolver.entity_floors(doc.text),
        title=doc.title,
        url=doc.url,
        news_verbs=news_verbs(),
    )
    doc.published = inference.interval
    doc.published_cues = inference.cues
    return doc


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    on_progress: Callable[[Path, str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    today: dt.date | None = None,
) -> IngestReport:
    """Ingest files and folders into `store`. Returns what happened to each file."""
    report = IngestReport()
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(iter_document_paths([path]))
        except DocumentError as err:
            report.failed.append(err)
    files = sorted(dict.fromkeys(p.resolve() for p in files))
    if on_start:
        on_start(len(files))
    for chunk_start in range(0, len(files), PARSE_BATCH):
        chunk = files[chunk_start : chunk_start + PARSE_BATCH]
        for path, status in _ingest_chunk(chunk, store, report, today):
            if on_progress:
                on_progress(path, status)
    # Merged events and scorecard dates follow in one transaction of their own: if it
    # fails, every document stays stored and the next ingest or `rebuild` catches up.
    try:
        report.knowledge = refresh(store)
    except StoreError as exc:
        report.knowledge_error = str(exc)
    return report


# Documents parsed together: nlp.pipe batches the model's work, which is most of the cost.
PARSE_BATCH = 16
# An unexpected problem in one file must not stop the batch: it becomes that file's error.
UNEXPECTED = (ValueError, UnicodeError, OSError)


def _fail(report: IngestReport, path: Path, err: Exception) -> str:
    if not isinstance(err, DocumentError):
        err = DocumentError(str(path), "E099", f"{type(err).__name__}: {err}")
    report.failed.append(err)
    return "failed"


def _ingest_chunk(
    paths: list[Path], store: Store, report: IngestReport, today: dt.date | None
) -> Iterator[tuple[Path, str]]:
    """Read and date each file, parse the changed ones together, then extract and store each
    in its own transaction."""
    pending: list[tuple[Path, Document]] = []
    for path in paths:
        try:
            doc = load_document(path)
            if store.is_unchanged(doc.path, doc.content_hash, extractor_version()):
                report.unchanged.append(doc.path)
                yield path, "unchanged"
                continue
            pending.append((path, date_document(doc, today)))
        except (DocumentError, *UNEXPECTED) as err:
            yield path, _fail(report, path, err)
    parsed = get_nlp().pipe([doc.text for _, doc in pending], batch_size=PARSE_BATCH)
    for (path, doc), spacy_doc in zip(pending, parsed, strict=True):
        try:
            status = store.save_document(doc, extract_document(doc, parsed=spacy_doc), extractor_version())
        except (DocumentError, *UNEXPECTED) as err:
            yield path, _fail(report, path, err)
            continue
        report.words += len(doc.text.split())
        getattr(report, status).append(doc.path)
        yield path, status
