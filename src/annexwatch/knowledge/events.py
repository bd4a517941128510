"""Queries over merged events: the timeline every view shows, and one event with its mentions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annexwatch.knowledge.merge import conflict_text
from annexwatch.models import DateInterval
from annexwatch.store import Store


@dataclass(frozen=True)
class Source:
    """A document that reports something: what a footnote cites."""

    document: str
    title: str | None
    url: str | None
    published: DateInterval | None


@dataclass(frozen=True)
class MentionDetail:
    """One document's report of a merged event."""

    event_id: int
    source: Source
    date: DateInterval | None
    date_text: str | None
    date_agrees: bool
    reason: str  # why it joined the merged event
    sentence: str
    evidence: list[str]  # the spans that state it
    sentence_start: int | None = None  # offsets into the document's text, for highlighting
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class MergedEvent:
    id: int
    type: str
    source: str | None
    target: str | None
    parties: list[str] | None
    modality: str
    agreement: str | None
    date: DateInterval | None
    conflict: list[dict[str, Any]] | None
    persons: list[str]
    mention_count: int
    document_count: int
    sentence: str  # the sentence of its best-dated mention
    document: str  # that mention's document
    plover: str | None = None
    cameo: str | None = None
    mentions: list[MentionDetail] = field(default_factory=list)

    @property
    def actors(self) -> str:
        if self.parties:
            return " + ".join(self.parties)
        return f"{self.source or '?'} -> {self.target or '-'}"

    @property
    def conflict_text(self) -> str | None:
        return conflict_text(self.conflict)

    def to_dict(self) -> dict[str, Any]:
        """The export/API form (the spec's style: dates as {start, end, precision})."""
        return {
            "kind": "merged_event",
            "id": self.id,
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "parties": self.parties,
            "modality": self.modality,
            "agreement": self.agreement,
            "date": self.date.to_dict() if self.date else None,
            "date_conflict": self.conflict,
            "persons": self.persons,
            "plover": self.plover,
            "cameo": self.cameo,
            "mention_count": self.mention_count,
            "document_count": self.document_count,
            "sentence": self.sentence,
            "mentions": [
                {
                    "document": m.source.document,
                    "event_id": m.event_id,
                    "date": m.date.to_dict() if m.date else None,
                    "date_agrees": m.date_agrees,
                    "reason": m.reason,
                    "sentence": m.sentence,
                }
                for m in self.mentions
            ],
        }


def merged_timeline(
    store: Store,
    actor: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    types: Sequence[str] | None = None,
    include_undated: bool = False,
    modality: str | None = "asserted",
    with_mentions: bool = False,
) -> list[MergedEvent]:
    """Merged events in date order, filtered like `Store.timeline` (an interval overlapping
    [date_from, date_to] is in; undated events only on request)."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("m.id IN (SELECT merged_id FROM merged_event_actors WHERE actor = ?)")
        params.append(actor)
    if types:
        where.append(f"m.type IN ({', '.join('?' * len(types))})")
        params.extend(types)
    if modality is not None:
        where.append("m.modality = ?")
        params.append(modality)
    dated = ["m.date_start IS NOT NULL"]
    if date_from is not None:
        dated.append("m.date_end >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        dated.append("m.date_start <= ?")
        params.append(date_to.isoformat())
    clause = " AND ".join(dated)
    where.append(f"(({clause}) OR m.date_start IS NULL)" if include_undated else f"({clause})")
    rows = store.connection.execute(
        "SELECT m.* FROM merged_events m WHERE " + " AND ".join(where) + " "
        "ORDER BY m.date_start IS NULL, m.date_start, m.date_end, m.type, m.id",
        params,
    ).fetchall()
    return [_merged(store.connection, row, with_mentions) for row in rows]


def merged_event(store: Store, merged_id: int) -> MergedEvent | None:
    """One merged event with every mention, its document, its date and why it joined."""
    row = store.connection.execute("SELECT * FROM merged_events WHERE id = ?", (merged_id,)).fetchone()
    return _merged(store.connection, row, True) if row else None


def merged_id_of(store: Store, event_id: int) -> int | None:
    """The merged event an extracted event belongs to."""
    row = store.connection.execute(
        "SELECT merged_id FROM merged_event_mentions WHERE event_id = ?", (event_id,)
    ).fetchone()
    return int(row[0]) if row else None


def _merged(conn: sqlite3.Connection, row: sqlite3.Row, with_mentions: bool) -> MergedEvent:
    mentions = _mentions(conn, row["id"])
    best = min(mentions, key=_mention_rank) if mentions else None
    codes = conn.execute(
        "SELECT plover, cameo FROM events e JOIN merged_event_mentions x ON x.event_id = e.id "
        "WHERE x.merged_id = ? LIMIT 1",
        (row["id"],),
    ).fetchone()
    return MergedEvent(
        id=row["id"],
        type=row["type"],
        source=row["source"],
        target=row["target"],
        parties=json.loads(row["parties"]) if row["parties"] else None,
        modality=row["modality"],
        agreement=row["agreement"],
        date=_interval(row["date_start"], row["date_end"], row["date_precision"]),
        conflict=json.loads(row["date_conflict"]) if row["date_conflict"] else None,
        persons=json.loads(row["persons"] or "[]"),
        mention_count=row["mention_count"],
        document_count=row["document_count"],
        sentence=best.sentence if best else "",
        document=best.source.document if best else "",
        plover=codes["plover"] if codes else None,
        cameo=codes["cameo"] if codes else None,
        mentions=sorted(mentions, key=_mention_rank) if with_mentions else [],
    )


def _mention_rank(m: MentionDetail) -> tuple[Any, ...]:
    """Best first: a date that agrees, the most precise, then the earliest published."""
    width = m.date.width_days if m.date else 10**9
    published = m.source.published.start if m.source.published else dt.date.max
    return (not m.date_agrees, width, published, m.source.document, m.event_id)


def _mentions(conn: sqlite3.Connection, merged_id: int) -> list[MentionDetail]:
    rows = conn.execute(
        "SELECT e.id, e.date_start, e.date_end, e.date_precision, e.date_text, x.reason, x.date_agrees, "
        "d.name, d.title, d.url, d.published_start, d.published_end, d.published_precision "
        "FROM merged_event_mentions x JOIN events e ON e.id = x.event_id "
        "JOIN documents d ON d.id = e.document_id WHERE x.merged_id = ? ORDER BY e.id",
        (merged_id,),
    ).fetchall()
    spans = _evidence(conn, [r["id"] for r in rows])
    found = []
    for r in rows:
        evidence = spans.get(r["id"], [])
        found.append(
            MentionDetail(
                event_id=r["id"],
                source=Source(
                    r["name"],
                    r["title"],
                    r["url"],
                    _interval(r["published_start"], r["published_end"], r["published_precision"]),
                ),
                date=_interval(r["date_start"], r["date_end"], r["date_precision"]),
                date_text=r["date_text"],
                date_agrees=bool(r["date_agrees"]),
                reason=r["reason"],
                sentence=evidence[0]["sentence"] if evidence else "",
                evidence=[e["text"] for e in evidence],
                sentence_start=evidence[0]["sentence_start"] if evidence else None,
                spans=[(e["start"], e["end"]) for e in evidence],
            )
        )
    return found


def _evidence(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    if not event_ids:
        return found
    rows = conn.execute(
        'SELECT ev.record_id, ev.start, ev."end", ev.text, s.text AS sentence, s.start AS sentence_start '
        "FROM evidence ev LEFT JOIN sentences s ON s.id = ev.sentence_id "
        f"WHERE ev.record_kind = 'event' AND ev.record_id IN ({', '.join('?' * len(event_ids))}) "
        "ORDER BY ev.id",
        event_ids,
    )
    for r in rows:
        found.setdefault(r["record_id"], []).append(
            {
                "start": r["start"],
                "end": r["end"],
                "text": r["text"],
                "sentence": r["sentence"] or r["text"],
                "sentence_start": r["sentence_start"],
            }
        )
    return found


def _interval(start: str | None, end: str | None, precision: str | None) -> DateInterval | None:
    if start is None or end is None:
        return None
    return DateInterval(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision or "range")
