"""The SQLite knowledge base: one Store per database file.

Design notes:
- The connection runs in autocommit mode (isolation_level=None) and every write is an
  explicit BEGIN IMMEDIATE ... COMMIT, so "one transaction per document" is literally
  true and nothing depends on the sqlite3 module's implicit transaction rules.
- WAL lets a reader (Datasette, a second CLI) query while a loader writes; SQLite allows
  one writer, so callers funnel writes through one Store.
- A document's identity is its path. Replacing it deletes the document row (foreign
  keys cascade to everything extracted from it, triggers keep the FTS index in step)
  and re-inserts it under the same id, all inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from annexwatch.errors import StoreError
from annexwatch.models import DateInterval, Document, Event, Evidence, Extraction, Sentence, to_plain
from annexwatch.store.migrations import current_version, migrate
from annexwatch.store.rows import DocumentInfo, EventDetail, EvidenceSpan, SearchHit, TimelineRow

BUSY_TIMEOUT_MS = 10_000
_CHUNK = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit
_RECORD_TABLES = {"event": "events", "claim": "claims", "quote": "quotes", "indicator": "indicators"}

_DOCUMENT_COLUMNS = (
    "id, name, path, format, title, url, source, language, published_start, published_end, "
    "published_precision, published_cues, content_hash, extractor_version, ingested_at"
)


class InvalidRecordError(StoreError, ValueError):
    """A record the store refuses (a span outside the text, no evidence): an extractor bug
    in one document. Also a ValueError, so a batch that skips bad documents skips it."""


class Store:
    """The annexwatch database: documents, what was extracted from them, and the queries over it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn = _connect(self.path)

    # --- lifecycle ---------------------------------------------------------------------
    def close(self) -> None:
        if self._conn is None:
            return
        # PRAGMA optimize is cheap and keeps the planner's statistics fresh; closing must
        # not fail because of housekeeping, hence the suppress.
        with suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
        self._conn.close()
        self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for read-only ad-hoc queries (e.g. the eval scorer)."""
        return self._conn

    def optimize(self) -> None:
        """Merge the FTS index segments: worth running after a bulk load."""
        with self._write():
            self._conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')")

    def transaction(self) -> Any:
        """A write transaction for code outside the store (the knowledge layer): everything
        inside commits together or not at all."""
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write transaction: {exc}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: write failed and was rolled back: {exc}") from exc
            raise

    # --- writing -----------------------------------------------------------------------
    def is_unchanged(self, path: str, content_hash: str, extractor_version: str) -> bool:
        """Whether `path` is stored with this content and extractor: the caller can skip it."""
        row = self._conn.execute(
            "SELECT 1 FROM documents WHERE path = ? AND content_hash = ? AND extractor_version = ?",
            (str(path), content_hash, extractor_version),
        ).fetchone()
        return row is not None

    def save_document(self, doc: Document, extraction: Extraction, extractor_version: str) -> str:
        """Store one document and its extraction in one transaction: 'new' | 'replaced' | 'unchanged'.

        Whatever goes wrong, nothing of this document is written and what was stored
        before stays: InvalidRecordError for a record the store refuses (a span outside
        the text, a record without evidence), StoreError for a database error, and any
        other exception is re-raised as is after the rollback.
        """
        with self._write() as conn:
            old = conn.execute(
                "SELECT id, content_hash, extractor_version FROM documents WHERE path = ?", (str(doc.path),)
            ).fetchone()
            same = old and (old["content_hash"], old["extractor_version"]) == (
                doc.content_hash,
                extractor_version,
            )
            if same:
                return "unchanged"
            if old:
                conn.execute("DELETE FROM documents WHERE id = ?", (old["id"],))
            doc_id = self._insert_document(doc, extractor_version, old["id"] if old else None)
            writer = _RecordWriter(conn, doc, doc_id)
            writer.sentences(extraction.sentences)
            self._insert_mentions(writer, extraction)
            self._insert_events(writer, extraction)
            self._insert_claims(writer, extraction)
            self._insert_quotes(writer, extraction)
            self._insert_indicators(writer, extraction)
            return "replaced" if old else "new"

    def _insert_document(self, doc: Document, extractor_version: str, doc_id: int | None) -> int:
        # Re-using the old id on replace keeps links to the document (bookmarks, notes) valid.
        start, end, precision = _interval_columns(doc.published)
        cursor = self._conn.execute(
            "INSERT INTO documents (id, path, name, format, title, url, source, language, published_start, "
            "published_end, published_precision, published_cues, metadata, content_hash, text, "
            "extractor_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                str(doc.path),
                doc.name,
                doc.format,
                doc.title,
                doc.url,
                doc.source,
                doc.language,
                start,
                end,
                precision,
                _json(doc.published_cues),
                _json(doc.metadata),
                doc.content_hash,
                doc.text,
                extractor_version,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _insert_mentions(self, writer: _RecordWriter, extraction: Extraction) -> None:
        for m in extraction.mentions:
            writer.check_span("mention", m.start, m.end)
            self._conn.execute(
                'INSERT INTO mentions (document_id, sentence_id, start, "end", text, actor, person, '
                "wikidata, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    writer.doc_id,
                    writer.sentence_of(m.start, m.end),
                    m.start,
                    m.end,
                    m.text,
                    m.actor,
                    m.person,
                    m.wikidata,
                    m.kind,
                ),
            )

    def _insert_events(self, writer: _RecordWriter, extraction: Extraction) -> None:
        for ev in extraction.events:
            start, end, precision = _interval_columns(ev.date)
            cursor = self._conn.execute(
                "INSERT INTO events (document_id, type, source, target, parties, date_start, "
                "date_end, date_precision, date_text, date_conflict, modality, plover, cameo, persons, "
                "agreement, rule) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    writer.doc_id,
                    ev.type,
                    ev.source,
                    ev.target,
                    None if ev.parties is None else _json(ev.parties),
                    start,
                    end,
                    precision,
                    ev.date_text,
                    ev.date_conflict,
                    ev.modality,
                    ev.plover,
                    ev.cameo,
                    _json(ev.persons),
                    ev.agreement,
                    ev.rule,
                ),
            )
            event_id = int(cursor.lastrowid or 0)
            # OR IGNORE: an actor listed twice in parties is still one (actor, role) pair.
            self._conn.executemany(
                "INSERT OR IGNORE INTO event_actors (event_id, actor, role) VALUES (?, ?, ?)",
                [(event_id, actor, role) for actor, role in _event_actors(ev)],
            )
            writer.evidence("event", event_id, ev.evidence)

    def _insert_claims(self, writer: _RecordWriter, extraction: Extraction) -> None:
        for c in extraction.claims:
            start, end, precision = _interval_columns(c.as_of)
            cursor = self._conn.execute(
                "INSERT INTO claims (document_id, subject, attribute, value, low, high, unit, currency, "
                "qualifier, as_of_start, as_of_end, as_of_precision, about, rule) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    writer.doc_id,
                    c.subject,
                    c.attribute,
                    c.value,
                    c.low,
                    c.high,
                    c.unit,
                    c.currency,
                    c.qualifier,
                    start,
                    end,
                    precision,
                    c.about,
                    c.rule,
                ),
            )
            writer.evidence("claim", int(cursor.lastrowid or 0), c.evidence)

    def _insert_quotes(self, writer: _RecordWriter, extraction: Extraction) -> None:
        for q in extraction.quotes:
            cursor = self._conn.execute(
                "INSERT INTO quotes (document_id, speaker, actor, text, direct, rule) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (writer.doc_id, q.speaker, q.actor, q.text, int(bool(q.direct)), q.rule),
            )
            writer.evidence("quote", int(cursor.lastrowid or 0), q.evidence)

    def _insert_indicators(self, writer: _RecordWriter, extraction: Extraction) -> None:
        for i in extraction.indicators:
            cursor = self._conn.execute(
                "INSERT INTO indicators (document_id, territory, patron, dimension, level, rule) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (writer.doc_id, i.territory, i.patron, i.dimension, i.level, i.rule),
            )
            writer.evidence("indicator", int(cursor.lastrowid or 0), i.evidence)

    # --- reading -----------------------------------------------------------------------
    def document_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def iter_documents(self) -> Iterator[DocumentInfo]:
        """Every document (without its text), by file name then path."""
        cursor = self._conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY name, path")
        for row in cursor:
            yield _document_info(row)

    def document_text(self, name_or_id: str | int) -> str:
        """The cleaned text of a document given by id, file name or path."""
        row = self._find_document(name_or_id)
        return str(self._conn.execute("SELECT text FROM documents WHERE id = ?", (row["id"],)).fetchone()[0])

    def _find_document(self, name_or_id: str | int) -> sqlite3.Row:
        def by(column: str, value: str | int) -> list[sqlite3.Row]:
            sql = f"SELECT id, path FROM documents WHERE {column} = ?"
            return self._conn.execute(sql, (value,)).fetchall()

        # an int is an id; a string is a file name, else a path, else an id in digits
        if isinstance(name_or_id, int):
            rows = by("id", name_or_id)
        else:
            rows = by("name", name_or_id) or by("path", name_or_id)
            if not rows and name_or_id.isdigit():
                rows = by("id", int(name_or_id))
        if not rows:
            raise StoreError(f"no document {name_or_id!r} in {self.path}")
        if len(rows) > 1:
            paths = ", ".join(r["path"] for r in rows)
            raise StoreError(f"{name_or_id!r} names {len(rows)} documents ({paths}): give the path instead")
        return rows[0]

    def timeline(
        self,
        actor: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        types: Sequence[str] | None = None,
        include_undated: bool = False,
        modality: str | None = "asserted",
    ) -> list[TimelineRow]:
        """Events ordered by date_start, date_end (undated last, when included).

        An event is in [date_from, date_to] when its interval overlaps it. `actor`
        matches source, target or any party (case-insensitive). `modality=None` keeps all
        modalities. Undated events are included only on request, and then whatever the
        date bounds, since nothing says they fall outside them.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE actor = ?)")
            params.append(actor)
        if types:
            where.append(f"e.type IN ({_marks(len(types))})")
            params.extend(types)
        if modality is not None:
            where.append("e.modality = ?")
            params.append(modality)
        dated = ["e.date_start IS NOT NULL"]
        if date_from is not None:
            dated.append("e.date_end >= ?")
            params.append(_iso(date_from))
        if date_to is not None:
            dated.append("e.date_start <= ?")
            params.append(_iso(date_to))
        date_clause = " AND ".join(dated)
        where.append(f"(({date_clause}) OR e.date_start IS NULL)" if include_undated else f"({date_clause})")
        rows = self._conn.execute(
            "SELECT e.*, d.name AS doc_name, d.title AS doc_title FROM events e "
            "JOIN documents d ON d.id = e.document_id WHERE " + " AND ".join(where) + " "
            "ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id",
            params,
        ).fetchall()
        spans = self._evidence_for("event", [r["id"] for r in rows])
        return [_timeline_row(row, spans.get(row["id"], [])) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first, matches marked [like this].

        A query FTS5 cannot parse (an unbalanced quote, a stray operator) is retried as
        one quoted phrase, so users typing plain text never see a syntax error.
        """
        if not query.strip():
            return []
        try:
            return self._match(query, limit)
        except sqlite3.OperationalError:
            phrase = '"' + query.replace('"', '""') + '"'
            try:
                return self._match(phrase, limit)
            except sqlite3.OperationalError as exc:
                raise StoreError(f"cannot search for {query!r}: {exc}") from exc

    def _match(self, fts_query: str, limit: int) -> list[SearchHit]:
        rows = self._conn.execute(
            'SELECT s.id, s.start, s."end", d.name, d.title, d.published_start, d.published_end, '
            "d.published_precision, highlight(sentences_fts, 0, char(2), char(3)) AS snippet, "
            "sentences_fts.rank AS rank "
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.document_id "
            "WHERE sentences_fts MATCH ? ORDER BY sentences_fts.rank, s.id LIMIT ?",
            (fts_query, limit),
        ).fetchall()
        return [
            SearchHit(
                sentence_id=r["id"],
                document=r["name"],
                title=r["title"],
                published=_interval(r["published_start"], r["published_end"], r["published_precision"]),
                snippet=r["snippet"],
                rank=float(r["rank"]),
                start=r["start"],
                end=r["end"],
            )
            for r in rows
        ]

    def event_detail(self, event_id: int) -> EventDetail | None:
        """Everything about one event, or None if there is no such event."""
        row = self._conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        doc = self._conn.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (row["document_id"],)
        ).fetchone()
        return EventDetail(
            event_id=row["id"],
            type=row["type"],
            source=row["source"],
            target=row["target"],
            parties=_loads(row["parties"]),
            date=_interval(row["date_start"], row["date_end"], row["date_precision"]),
            modality=row["modality"],
            plover=row["plover"],
            cameo=row["cameo"],
            persons=_loads(row["persons"]) or [],
            agreement=row["agreement"],
            date_text=row["date_text"],
            date_conflict=row["date_conflict"],
            rule=row["rule"],
            evidence=self._evidence_for("event", [event_id]).get(event_id, []),
            document=_document_info(doc),
        )

    def stats(self) -> dict[str, Any]:
        """Counts of everything, the span of event dates and the database size.

        Keys: documents, sentences, mentions, events, events_by_type, events_by_modality,
        claims, quotes, indicators, event_dates ({start, end} ISO strings, or None),
        schema_version, db_bytes.
        """
        conn = self._conn

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        def grouped(column: str) -> dict[str, int]:
            sql = f"SELECT {column}, count(*) FROM events GROUP BY {column} ORDER BY count(*) DESC, {column}"
            return {r[0]: int(r[1]) for r in conn.execute(sql)}

        first, last = conn.execute("SELECT min(date_start), max(date_end) FROM events").fetchone()
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        return {
            "documents": count("documents"),
            "sentences": count("sentences"),
            "mentions": count("mentions"),
            "events": count("events"),
            "events_by_type": grouped("type"),
            "events_by_modality": grouped("modality"),
            "claims": count("claims"),
            "quotes": count("quotes"),
            "indicators": count("indicators"),
            "event_dates": {"start": first, "end": last} if first else None,
            "schema_version": current_version(conn),
            "db_bytes": int(page_count) * int(page_size),
        }

    def _evidence_for(self, kind: str, record_ids: Sequence[int]) -> dict[int, list[EvidenceSpan]]:
        """Evidence spans (with their sentences) of many records of one kind, in span order."""
        found: dict[int, list[EvidenceSpan]] = defaultdict(list)
        for i in range(0, len(record_ids), _CHUNK):
            chunk = list(record_ids[i : i + _CHUNK])
            rows = self._conn.execute(
                'SELECT ev.record_id, ev.start, ev."end", ev.text, ev.sentence_id, s.text AS sentence, '
                "s.start AS sentence_start FROM evidence ev LEFT JOIN sentences s ON s.id = ev.sentence_id "
                f"WHERE ev.record_kind = ? AND ev.record_id IN ({_marks(len(chunk))}) ORDER BY ev.id",
                [kind, *chunk],
            )
            for r in rows:
                found[r["record_id"]].append(
                    EvidenceSpan(
                        r["start"], r["end"], r["text"], r["sentence_id"], r["sentence"], r["sentence_start"]
                    )
                )
        return found

    # --- export ------------------------------------------------------------------------
    def export_records(self) -> Iterator[dict[str, Any]]:
        """The spec's export objects, streamed: each document, then its events, claims,
        quotes and indicators. Only one document's records are in memory at a time."""
        documents = self._conn.execute(
            "SELECT id, name, path, title, url, source, language, published_start, published_end, "
            "published_precision, published_cues, content_hash FROM documents ORDER BY name, path"
        )
        for doc in documents:
            yield _document_record(doc)
            evidence = self._document_evidence(doc["id"])
            for kind, builder in _RECORD_BUILDERS.items():
                rows = self._conn.execute(
                    f"SELECT * FROM {_RECORD_TABLES[kind]} WHERE document_id = ? ORDER BY id", (doc["id"],)
                )
                for row in rows:
                    record = {"kind": kind, "document": doc["name"], **builder(row)}
                    record["evidence"] = evidence.get((kind, row["id"]), [])
                    yield record

    def _document_evidence(self, doc_id: int) -> dict[tuple[str, int], list[dict[str, Any]]]:
        found: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        rows = self._conn.execute(
            'SELECT record_kind, record_id, start, "end", text FROM evidence '
            "WHERE document_id = ? ORDER BY id",
            (doc_id,),
        )
        for r in rows:
            span = {"start": r["start"], "end": r["end"], "text": r["text"]}
            found[(r["record_kind"], r["record_id"])].append(span)
        return found


# --- connection ------------------------------------------------------------------------
def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) and migrate; StoreError for anything that is not our database."""
    in_memory = str(path) == ":memory:"
    if not in_memory:
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        path.parent.mkdir(parents=True, exist_ok=True)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Identify the file before changing anything: another application's database must
        # not be switched to WAL or given our tables.
        current_version(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # durable enough under WAL, much faster
        migrate(conn)
    except StoreError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{path}: not an annexwatch database, or corrupt ({exc})") from exc
    return conn


# --- writing helpers -------------------------------------------------------------------
class _RecordWriter:
    """Inserts the span-bearing parts of one document: sentences, then evidence linked to them."""

    def __init__(self, conn: sqlite3.Connection, doc: Document, doc_id: int) -> None:
        self.conn = conn
        self.doc = doc
        self.doc_id = doc_id
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._ids: list[int] = []

    def sentences(self, sentences: Sequence[Sentence]) -> None:
        placed: list[tuple[int, int, int]] = []
        for idx, s in enumerate(sentences):
            self.check_span("sentence", s.start, s.end)
            cursor = self.conn.execute(
                'INSERT INTO sentences (document_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                (self.doc_id, idx, s.start, s.end, s.text),
            )
            placed.append((s.start, s.end, int(cursor.lastrowid or 0)))
        placed.sort()
        self._starts = [p[0] for p in placed]
        self._ends = [p[1] for p in placed]
        self._ids = [p[2] for p in placed]

    def sentence_of(self, start: int, end: int) -> int | None:
        """The sentence containing `start`; failing that (a span starting in the whitespace
        between sentences) the first sentence the span overlaps; else None."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and (start < self._ends[i] or start == self._starts[i]):
            return self._ids[i]
        j = i + 1
        if j < len(self._starts) and self._starts[j] < end:
            return self._ids[j]
        return None

    def check_span(self, what: str, start: Any, end: Any) -> None:
        """Offsets must be ints with 0 <= start <= end <= len(text): anything else is an
        extractor bug, refused here rather than stored as a citation that points nowhere."""
        n = len(self.doc.text)
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= n):
            raise InvalidRecordError(
                f"{self.doc.name}: {what} span [{start!r}, {end!r}) is not inside the text (length {n})"
            )

    def evidence(self, kind: str, record_id: int, spans: Sequence[Evidence]) -> None:
        if not spans:
            raise InvalidRecordError(f"{self.doc.name}: a {kind} without evidence cannot be stored")
        for ev in spans:
            self.check_span(f"{kind} evidence", ev.start, ev.end)
            self.conn.execute(
                'INSERT INTO evidence (document_id, record_kind, record_id, start, "end", text, sentence_id) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.doc_id, kind, record_id, ev.start, ev.end, ev.text, self.sentence_of(ev.start, ev.end)),
            )


def _event_actors(ev: Event) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    if ev.source:
        pairs.append((ev.source, "source"))
    if ev.target:
        pairs.append((ev.target, "target"))
    pairs.extend((p, "party") for p in ev.parties or [] if p)
    return pairs


# --- conversions -----------------------------------------------------------------------
def _json(value: Any) -> str:
    # default=str: front matter may hold values YAML parsed into types JSON lacks
    return json.dumps(to_plain(value), ensure_ascii=False, default=str)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _iso(day: dt.date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


def _interval_columns(interval: DateInterval | None) -> tuple[str | None, str | None, str | None]:
    if interval is None:
        return None, None, None
    return interval.start.isoformat(), interval.end.isoformat(), interval.precision


def _interval(start: str | None, end: str | None, precision: str | None) -> DateInterval | None:
    if start is None or end is None:
        return None
    return DateInterval(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision or "range")


def _date_dict(start: str | None, end: str | None, precision: str | None) -> dict[str, str] | None:
    """The export's date shape, straight from the columns (already ISO text)."""
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "precision": precision or "range"}


def _document_info(row: sqlite3.Row) -> DocumentInfo:
    return DocumentInfo(
        id=row["id"],
        name=row["name"],
        path=row["path"],
        format=row["format"],
        title=row["title"],
        url=row["url"],
        source=row["source"],
        language=row["language"],
        published=_interval(row["published_start"], row["published_end"], row["published_precision"]),
        published_cues=_loads(row["published_cues"]) or [],
        content_hash=row["content_hash"],
        extractor_version=row["extractor_version"],
        ingested_at=row["ingested_at"],
    )


def _timeline_row(row: sqlite3.Row, spans: list[EvidenceSpan]) -> TimelineRow:
    return TimelineRow(
        event_id=row["id"],
        date=_interval(row["date_start"], row["date_end"], row["date_precision"]),
        type=row["type"],
        source=row["source"],
        target=row["target"],
        parties=_loads(row["parties"]),
        modality=row["modality"],
        sentence=(spans[0].sentence or spans[0].text) if spans else "",
        evidence=[s.evidence for s in spans],
        document=row["doc_name"],
        title=row["doc_title"],
        plover=row["plover"],
        cameo=row["cameo"],
        persons=_loads(row["persons"]) or [],
        agreement=row["agreement"],
        date_text=row["date_text"],
    )


# --- export records --------------------------------------------------------------------
def _document_record(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "kind": "document",
        "document": row["name"],
        "published": _date_dict(row["published_start"], row["published_end"], row["published_precision"]),
        "title": row["title"],
        "url": row["url"],
        "source": row["source"],
        "language": row["language"],
        "published_cues": _loads(row["published_cues"]) or [],
        "content_hash": row["content_hash"],
        "path": row["path"],
    }


def _event_fields(row: sqlite3.Row) -> dict[str, Any]:
    parties = _loads(row["parties"])
    return {
        "id": row["id"],
        "type": row["type"],
        "source": row["source"],
        "target": row["target"],
        # the spec's symmetric form is the *sorted* list; sorting here guarantees it
        "parties": sorted(parties) if parties is not None else None,
        "date": _date_dict(row["date_start"], row["date_end"], row["date_precision"]),
        "modality": row["modality"],
        "plover": row["plover"],
        "cameo": row["cameo"],
        "evidence": [],
        "persons": _loads(row["persons"]) or [],
        "agreement": row["agreement"],
        "date_text": row["date_text"],
        "date_conflict": row["date_conflict"],
        "rule": row["rule"],
    }


def _claim_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "subject": row["subject"],
        "attribute": row["attribute"],
        "value": row["value"],
        "low": row["low"],
        "high": row["high"],
        "unit": row["unit"],
        "currency": row["currency"],
        "qualifier": row["qualifier"],
        "evidence": [],
        "as_of": _date_dict(row["as_of_start"], row["as_of_end"], row["as_of_precision"]),
        "about": row["about"],
        "rule": row["rule"],
    }


def _quote_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "speaker": row["speaker"],
        "actor": row["actor"],
        "text": row["text"],
        "direct": bool(row["direct"]),
        "evidence": [],
        "rule": row["rule"],
    }


def _indicator_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "territory": row["territory"],
        "patron": row["patron"],
        "dimension": row["dimension"],
        "level": row["level"],
        "evidence": [],
        "rule": row["rule"],
    }


# The order here is the export order within a document.
_RECORD_BUILDERS = {
    "event": _event_fields,
    "claim": _claim_fields,
    "quote": _quote_fields,
    "indicator": _indicator_fields,
}
