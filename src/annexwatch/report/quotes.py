"""Key quotes: the few things said about the territory that a briefing would quote.

The store keeps every quote; a dossier wants at most a handful. A quote is a candidate
when it is about the territory (its speaker speaks for the territory, or for the patron
or parent state in an article about it, or its sentence names the territory) and is a
statement rather than a scare-quoted word. Candidates are ranked by what makes a quote
worth quoting: said in the speaker's own words, by a named person the pack knows (a
leader, not "officials"), on one of the three sides that matter, about an event that is
on the timeline.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from annexwatch.knowledge.events import Source, _interval
from annexwatch.report.model import KeyQuote
from annexwatch.report.phrases import name
from annexwatch.store import Store

MAX_QUOTES = 8
MIN_WORDS = 4  # "borderisation" in quotation marks is a label, not a statement


@dataclass(frozen=True)
class _Candidate:
    quote: KeyQuote
    rank: tuple[int, ...]
    published: dt.date


def key_quotes(
    store: Store,
    territory: str,
    sides: set[str],
    as_of: dt.date,
    limit: int = MAX_QUOTES,
) -> list[KeyQuote]:
    """At most `limit` quotes about the territory, best first by rank, shown in date order.

    `sides` are the actor codes whose voices count most: the territory, its patron and
    its parent state."""
    conn = store.connection
    about_documents = _documents_naming(conn, territory)
    naming_sentences = _sentences_naming(conn, territory)
    event_sentences = _event_sentences(conn, territory)
    people = _known_people(conn)
    candidates = []
    for row in _quote_rows(conn):
        published = dt.date.fromisoformat(row["published_start"]) if row["published_start"] else dt.date.max
        if published > as_of or len(row["text"].split()) < MIN_WORDS:
            continue
        on_side = (row["actor"] or "") in sides
        names_it = row["sentence_id"] in naming_sentences
        speaks_for_it = (row["actor"] or "").upper() == territory.upper()
        if not (speaks_for_it or names_it or (on_side and row["document_id"] in about_documents)):
            continue
        rank = (
            int(bool(row["direct"])),
            int(row["speaker"] in people),
            int(on_side),
            int(row["sentence_id"] in event_sentences),
        )
        candidates.append(_Candidate(_key_quote(row), rank, published))
    best = sorted(candidates, key=lambda c: (tuple(-r for r in c.rank), c.published, c.quote.quote_id))
    chosen = best[:limit]
    return [c.quote for c in sorted(chosen, key=lambda c: (c.published, c.quote.quote_id))]


def _quote_rows(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT q.id, q.speaker, q.actor, q.text, q.direct, q.document_id, "
        "d.name, d.title, d.url, d.published_start, d.published_end, d.published_precision, "
        "(SELECT ev.sentence_id FROM evidence ev WHERE ev.record_kind = 'quote' AND ev.record_id = q.id "
        " ORDER BY ev.id LIMIT 1) AS sentence_id, "
        "(SELECT s.text FROM evidence ev JOIN sentences s ON s.id = ev.sentence_id "
        " WHERE ev.record_kind = 'quote' AND ev.record_id = q.id ORDER BY ev.id LIMIT 1) AS sentence "
        "FROM quotes q JOIN documents d ON d.id = q.document_id ORDER BY q.id"
    ).fetchall()


def _key_quote(row: sqlite3.Row) -> KeyQuote:
    source = Source(
        row["name"],
        row["title"],
        row["url"],
        _interval(row["published_start"], row["published_end"], row["published_precision"]),
    )
    return KeyQuote(
        quote_id=row["id"],
        speaker=row["speaker"] or "unnamed",
        actor=row["actor"],
        actor_name=name(row["actor"]) if row["actor"] else None,
        text=" ".join(row["text"].split()),
        direct=bool(row["direct"]),
        sentence=" ".join((row["sentence"] or row["text"]).split()),
        sources=(source,),
    )


def _documents_naming(conn: sqlite3.Connection, territory: str) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT document_id FROM mentions WHERE actor = ? COLLATE NOCASE", (territory,)
    )
    return {r[0] for r in rows}


def _sentences_naming(conn: sqlite3.Connection, territory: str) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT sentence_id FROM mentions "
        "WHERE actor = ? COLLATE NOCASE AND sentence_id IS NOT NULL",
        (territory,),
    )
    return {r[0] for r in rows}


def _event_sentences(conn: sqlite3.Connection, territory: str) -> set[int]:
    """Sentences that state an event of the territory's merged timeline."""
    rows = conn.execute(
        "SELECT DISTINCT ev.sentence_id FROM merged_event_actors a "
        "JOIN merged_event_mentions x ON x.merged_id = a.merged_id "
        "JOIN evidence ev ON ev.record_kind = 'event' AND ev.record_id = x.event_id "
        "WHERE a.actor = ? AND ev.sentence_id IS NOT NULL",
        (territory,),
    )
    return {r[0] for r in rows}


def _known_people(conn: sqlite3.Connection) -> set[str]:
    """Names of people the pack knows (resolved person mentions): leaders, ministers."""
    return {r[0] for r in conn.execute("SELECT DISTINCT person FROM mentions WHERE person IS NOT NULL")}
