"""Keeping the derived knowledge tables in step with the extractions.

`refresh` recomputes only what changed since the last refresh: groups of events (same
type, actors, modality) that gained a new mention or lost one, and the dates of new
indicators. `rebuild` throws the derived tables away and recomputes everything. Both end
in the same state, because merging is a pure function of a group's mentions: the
incremental path recomputes whole groups, never patches a merged event.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from annexwatch.knowledge.merge import (
    Cluster,
    Mention,
    cluster_mentions,
    conflict_summary,
    load_merge_rules,
    merge_key,
    merged_agreement,
    merged_persons,
)
from annexwatch.models import DateInterval
from annexwatch.pack import PACK_DIR, load_yaml
from annexwatch.store import Store


@dataclass(frozen=True)
class RefreshReport:
    groups: int  # event groups recomputed
    merged_events: int  # merged events written
    indicators_dated: int


def refresh(store: Store) -> RefreshReport:
    """Bring the knowledge layer up to date with what is stored, in one transaction."""
    with store.transaction() as conn:
        return _refresh(conn)


def rebuild(store: Store) -> RefreshReport:
    """Recompute the whole knowledge layer from the stored extractions, in one transaction."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM merged_events")
        conn.execute("DELETE FROM indicator_dates")
        conn.execute("UPDATE events SET merge_key = NULL")
        return _refresh(conn)


def _refresh(conn: sqlite3.Connection) -> RefreshReport:
    dirty = _assign_keys(conn)
    dirty |= {r[0] for r in conn.execute("SELECT DISTINCT merge_key FROM merged_events WHERE stale = 1")}
    written = 0
    rules = load_merge_rules()
    for key in sorted(dirty):
        conn.execute("DELETE FROM merged_events WHERE merge_key = ?", (key,))
        mentions = _mentions_of(conn, key)
        for cluster in sorted(cluster_mentions(mentions, rules), key=_cluster_order):
            _insert_cluster(conn, key, cluster)
            written += 1
    dated = _date_indicators(conn)
    return RefreshReport(groups=len(dirty), merged_events=written, indicators_dated=dated)


def _assign_keys(conn: sqlite3.Connection) -> set[str]:
    """Give every new event its merge key; return the keys that gained events."""
    rows = conn.execute(
        "SELECT id, type, source, target, parties, modality FROM events WHERE merge_key IS NULL"
    ).fetchall()
    keys: set[str] = set()
    updates = []
    for r in rows:
        key = merge_key(r["type"], r["source"], r["target"], _loads(r["parties"]), r["modality"])
        keys.add(key)
        updates.append((key, r["id"]))
    conn.executemany("UPDATE events SET merge_key = ? WHERE id = ?", updates)
    return keys


def _mentions_of(conn: sqlite3.Connection, key: str) -> list[Mention]:
    rows = conn.execute(
        "SELECT e.*, d.name AS doc_name, d.published_end FROM events e "
        "JOIN documents d ON d.id = e.document_id WHERE e.merge_key = ? ORDER BY e.id",
        (key,),
    ).fetchall()
    return [
        Mention(
            event_id=r["id"],
            document=r["doc_name"],
            type=r["type"],
            source=r["source"],
            target=r["target"],
            parties=tuple(_loads(r["parties"])) if r["parties"] else None,
            modality=r["modality"],
            date=_interval(r["date_start"], r["date_end"], r["date_precision"]),
            agreement=r["agreement"],
            persons=tuple(_loads(r["persons"]) or ()),
            date_text=r["date_text"],
            published_end=dt.date.fromisoformat(r["published_end"]) if r["published_end"] else None,
        )
        for r in rows
    ]


def _cluster_order(cluster: Cluster) -> tuple[Any, ...]:
    date = cluster.date
    first = min(m.event_id for m in cluster.mentions)
    return (date is None, date.start if date else None, date.end if date else None, first)


def _insert_cluster(conn: sqlite3.Connection, key: str, cluster: Cluster) -> None:
    first = cluster.mentions[0]
    date = cluster.date
    conflict = conflict_summary(cluster)
    cursor = conn.execute(
        "INSERT INTO merged_events (merge_key, type, source, target, parties, modality, agreement, "
        "date_start, date_end, date_precision, date_conflict, persons, mention_count, document_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            first.type,
            first.source,
            first.target,
            json.dumps(sorted(first.parties)) if first.parties else None,
            first.modality,
            merged_agreement(cluster),
            date.start.isoformat() if date else None,
            date.end.isoformat() if date else None,
            date.precision if date else None,
            json.dumps(conflict) if conflict else None,
            json.dumps(merged_persons(cluster)),
            len(cluster.members),
            len({m.document for m in cluster.mentions}),
        ),
    )
    merged_id = cursor.lastrowid
    conn.executemany(
        "INSERT INTO merged_event_mentions (event_id, merged_id, reason, date_agrees) VALUES (?, ?, ?, ?)",
        [(j.mention.event_id, merged_id, j.reason, int(j.date_agrees)) for j in cluster.members],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO merged_event_actors (merged_id, actor, role) VALUES (?, ?, ?)",
        [(merged_id, actor, role) for actor, role in _roles(first)],
    )


def _roles(mention: Mention) -> list[tuple[str, str]]:
    if mention.parties:
        return [(p, "party") for p in mention.parties]
    roles = []
    if mention.source:
        roles.append((mention.source, "source"))
    if mention.target:
        roles.append((mention.target, "target"))
    return roles


# --- indicator dates ----------------------------------------------------------------------
@lru_cache(maxsize=2)
def _dating_events(pack_dir: Any = PACK_DIR) -> dict[str, tuple[str, ...]]:
    raw = load_yaml("knowledge.yaml", pack_dir)["scorecard"]["dating_events"]
    return {dimension: tuple(types) for dimension, types in raw.items()}


def _date_indicators(conn: sqlite3.Connection) -> int:
    """Date each indicator not dated yet: by a matching event in its sentence, else by its
    document's latest possible publication day."""
    rows = conn.execute(
        "SELECT i.id, i.document_id, i.territory, i.patron, i.dimension, d.published_end "
        "FROM indicators i JOIN documents d ON d.id = i.document_id "
        "LEFT JOIN indicator_dates x ON x.indicator_id = i.id WHERE x.indicator_id IS NULL"
    ).fetchall()
    dating = _dating_events()
    values = []
    for r in rows:
        event = _dating_event(conn, r, dating.get(r["dimension"], ()))
        if event is not None:
            values.append((r["id"], event["date_end"], f"event #{event['id']} ({event['type']})"))
        elif r["published_end"]:
            values.append((r["id"], r["published_end"], "publication"))
        else:
            values.append((r["id"], None, "undated"))
    conn.executemany(
        "INSERT INTO indicator_dates (indicator_id, effective, dated_by) VALUES (?, ?, ?)", values
    )
    return len(values)


def _dating_event(conn: sqlite3.Connection, indicator: sqlite3.Row, types: tuple[str, ...]) -> Any:
    """The earliest dated, asserted event of a dating type between the indicator's territory
    and patron whose evidence shares a sentence with the indicator's evidence."""
    if not types:
        return None
    marks = ", ".join("?" * len(types))
    return conn.execute(
        f"SELECT e.id, e.type, e.date_end FROM events e "
        f"WHERE e.document_id = ? AND e.type IN ({marks}) AND e.modality = 'asserted' "
        "AND e.date_end IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.actor = ?) "
        "AND EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.actor = ?) "
        "AND EXISTS (SELECT 1 FROM evidence ev JOIN evidence iv ON iv.sentence_id = ev.sentence_id "
        "  WHERE ev.record_kind = 'event' AND ev.record_id = e.id "
        "  AND iv.record_kind = 'indicator' AND iv.record_id = ?) "
        "ORDER BY e.date_end, e.id LIMIT 1",
        (indicator["document_id"], *types, indicator["territory"], indicator["patron"], indicator["id"]),
    ).fetchone()


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def _interval(start: str | None, end: str | None, precision: str | None) -> DateInterval | None:
    if start is None or end is None:
        return None
    return DateInterval(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision or "range")
