"""What each dashboard page shows, as plain dicts: the JSON twin of the page *is* this data,
and the HTML template renders exactly it, so the two cannot drift apart.

Everything here reads. The store is opened read-only (`mode=ro` and `PRAGMA query_only`)
and every query is parameterised; the few SQL fragments built from strings are fixed
column lists and placeholder runs, never user input.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from annexwatch.errors import StoreError
from annexwatch.knowledge.events import MergedEvent, merged_event, merged_timeline
from annexwatch.knowledge.figures import figure_sets
from annexwatch.knowledge.scorecard import DIMENSIONS, LEVELS, Cell, Scorecard, scorecard, scorecard_all
from annexwatch.models import DateInterval
from annexwatch.pack import load_territories, load_vocabulary
from annexwatch.store import LATEST_VERSION, Store
from annexwatch.store.migrations import current_version

DEFAULT_LIMIT = 100
MAX_LIMIT = 200  # rows a page or an API call returns at most
MAX_QUERY = 200  # characters of a search query
CONTEXT_SENTENCES = 1  # sentences shown either side of a mention's sentence on the event page
RECOGNITION_TYPES = ("recognize", "withdraw_recognition")
KINDS = ("event", "claim", "quote", "indicator")


class NotFound(LookupError):
    """A page about something the store does not hold: the routes answer 404."""


# --- the read-only store ------------------------------------------------------------------
class ReadOnlyStore(Store):
    """A Store over a connection that cannot write: opened with `mode=ro` and `query_only`.

    Store's own constructor migrates (a write), so this one opens the file itself and
    refuses a database whose schema is not the one this annexwatch reads.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such database file")
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            version = current_version(conn)
        except (sqlite3.DatabaseError, StoreError) as exc:
            conn.close()
            raise StoreError(f"{self.path}: not an annexwatch database, or corrupt ({exc})") from exc
        if version != LATEST_VERSION:
            conn.close()
            raise StoreError(
                f"{self.path}: schema version {version}, this annexwatch reads {LATEST_VERSION}: "
                "open it once with `annexwatch stats` (or ingest) to upgrade it"
            )
        self._conn = conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]


# --- names ------------------------------------------------------------------------------
def actor_name(code: str | None) -> str:
    if not code:
        return ""
    return load_vocabulary().actors.get(code.upper(), code)


def event_types() -> list[str]:
    return list(load_vocabulary().event_types)


def known_actors() -> dict[str, str]:
    return dict(load_vocabulary().actors)


def territory_info(code: str) -> dict[str, Any]:
    territory = load_territories().get(code.upper())
    if territory is None:
        raise NotFound(f"no territory {code!r}: one of {', '.join(load_territories())}")
    return {
        "code": territory.code,
        "name": actor_name(territory.code),
        "patron": territory.patron,
        "patron_name": actor_name(territory.patron),
        "parent": territory.parent,
        "parent_name": actor_name(territory.parent),
        "url": f"/territories/{territory.code}",
    }


def parse_day(value: str | None, *, end: bool) -> dt.date | None:
    """'2008' as a lower bound is 2008-01-01, as an upper bound 2008-12-31. ValueError if not a date."""
    if value is None or not value.strip():
        return None
    interval = DateInterval.parse(value.strip())
    return interval.end if end else interval.start


def _date(interval: DateInterval | None) -> dict[str, str] | None:
    return interval.to_dict() if interval else None


def _label(interval: DateInterval | None) -> str:
    return str(interval) if interval else "undated"


class DocumentIds:
    """File name -> document id, for links from records that name their document only."""

    def __init__(self, store: Store) -> None:
        rows = store.connection.execute("SELECT id, name FROM documents ORDER BY id").fetchall()
        self._ids: dict[str, int] = {}
        for row in rows:
            self._ids.setdefault(row["name"], row["id"])

    def __call__(self, name: str | None) -> int | None:
        return self._ids.get(name or "")


def document_url(doc_id: int | None, anchor: str = "") -> str | None:
    if doc_id is None:
        return None
    return f"/documents/{doc_id}" + (f"#{anchor}" if anchor else "")


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of a list: the items and where the list goes on."""
    chosen = items[offset : offset + limit]
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < len(items) else None,
        "items": chosen,
    }


# --- overview ---------------------------------------------------------------------------
def overview(store: Store, as_of: dt.date | None = None) -> dict[str, Any]:
    """Every territory of the pack: its scorecard as a row of the heat map, and counts."""
    day = as_of or dt.date.today()
    cards = {(c.territory.upper(), c.patron.upper()): c for c in scorecard_all(store, day)}
    ids = DocumentIds(store)
    vocabulary = load_vocabulary()
    rows = []
    for code in load_territories():
        info = territory_info(code)
        card = cards.get((code, info["patron"]))
        counts = _territory_counts(store, code)
        rows.append(
            {
                **info,
                **counts,
                "score": round(card.score, 4) if card else None,
                "cells": {c.dimension: _cell(c, ids, code) for c in card.cells} if card else {},
            }
        )
    stats = store.stats()
    return {
        "as_of": day.isoformat(),
        "levels": LEVELS,
        "dimensions": [{"name": d, "means": vocabulary.indicator_dimensions.get(d, "")} for d in DIMENSIONS],
        "territories": rows,
        "store": {
            k: stats[k] for k in ("documents", "sentences", "events", "claims", "quotes", "indicators")
        },
    }


def _territory_counts(store: Store, code: str) -> dict[str, int]:
    conn = store.connection
    events = conn.execute(
        "SELECT count(DISTINCT m.id) FROM merged_events m JOIN merged_event_actors a ON a.merged_id = m.id "
        "WHERE a.actor = ? AND m.modality = 'asserted'",
        (code,),
    ).fetchone()[0]
    documents = conn.execute(
        "SELECT count(DISTINCT document_id) FROM mentions WHERE actor = ?", (code,)
    ).fetchone()[0]
    figures = conn.execute(
        "SELECT count(*) FROM claims WHERE subject = ? COLLATE NOCASE", (code,)
    ).fetchone()[0]
    return {"event_count": int(events), "document_count": int(documents), "figure_count": int(figures)}


def _cell(cell: Cell, ids: DocumentIds, code: str) -> dict[str, Any]:
    data = cell.to_dict()
    pairs = [(data["set_by"], cell.set_by), *zip(data["evidence"], cell.evidence, strict=True)]
    for item, evidence in pairs:
        if item and evidence:
            doc_id = ids(item["document"])
            item["sentence"] = " ".join(item["sentence"].split())
            item["spans"] = [" ".join(text.split()) for text in evidence.spans]
            item["document_id"] = doc_id
            item["document_url"] = document_url(doc_id, f"indicator-{item['indicator_id']}")
    data["url"] = f"/territories/{code}#dim-{cell.dimension}"
    return data


# --- events -----------------------------------------------------------------------------
def event_item(event: MergedEvent, ids: DocumentIds) -> dict[str, Any]:
    doc_id = ids(event.document)
    return {
        "id": event.id,
        "url": f"/events/{event.id}",
        "type": event.type,
        "actors": event.actors.replace(" -> ", " → "),
        "source": event.source,
        "target": event.target,
        "parties": event.parties,
        "modality": event.modality,
        "date": _date(event.date),
        "date_label": _label(event.date),
        "date_conflict": event.conflict,
        "conflict_text": event.conflict_text,
        "mention_count": event.mention_count,
        "document_count": event.document_count,
        "sentence": " ".join(event.sentence.split()),
        "document": event.document,
        "document_id": doc_id,
        "document_url": document_url(doc_id),
    }


def timeline(
    store: Store,
    actor: str | None,
    types: Sequence[str] | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Merged events (asserted) in date order, one page of them, and the types the list holds
    before the type filter (the filter's checkboxes). Undated events come last, and only when
    no date bound is given: nothing places them inside one."""
    ids = DocumentIds(store)
    undated = date_from is None and date_to is None
    everything = merged_timeline(
        store, actor=actor, date_from=date_from, date_to=date_to, include_undated=undated
    )
    available: dict[str, int] = {}
    for event in everything:
        available[event.type] = available.get(event.type, 0) + 1
    chosen = [e for e in everything if not types or e.type in types]
    result = page([event_item(e, ids) for e in chosen], limit, offset)
    dated = [e.date for e in everything if e.date]
    result["types_available"] = [{"type": t, "count": n} for t, n in sorted(available.items())]
    result["filters"] = {
        "actor": actor,
        "types": list(types or []),
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
    }
    result["span"] = (
        {"start": min(d.start for d in dated).isoformat(), "end": max(d.end for d in dated).isoformat()}
        if dated
        else None
    )
    return result


def event_page(store: Store, merged_id: int) -> dict[str, Any]:
    """One merged event; each mention with its sentence in its article's context."""
    event = merged_event(store, merged_id)
    if event is None:
        raise NotFound(f"no event {merged_id}")
    ids = DocumentIds(store)
    item = event_item(event, ids)
    item.update(
        {
            "plover": event.plover,
            "cameo": event.cameo,
            "agreement": event.agreement,
            "persons": event.persons,
            "actor_names": {
                code: actor_name(code)
                for code in [event.source, event.target, *(event.parties or [])]
                if code
            },
        }
    )
    mentions = []
    for m in event.mentions:
        doc_id = ids(m.source.document)
        row = store.connection.execute(
            "SELECT document_id FROM events WHERE id = ?", (m.event_id,)
        ).fetchone()
        doc_id = row["document_id"] if row else doc_id
        spans = [{"start": s, "end": e, "text": t} for (s, e), t in zip(m.spans, m.evidence, strict=False)]
        mentions.append(
            {
                "event_id": m.event_id,
                "document": m.source.document,
                "document_id": doc_id,
                "document_url": document_url(doc_id, f"event-{m.event_id}"),
                "title": m.source.title,
                "source_url": m.source.url,
                "published": _date(m.source.published),
                "published_label": str(m.source.published) if m.source.published else "unknown",
                "date": _date(m.date),
                "date_label": _label(m.date),
                "date_text": m.date_text,
                "date_agrees": m.date_agrees,
                "reason": m.reason,
                "sentence": " ".join(m.sentence.split()),
                "evidence": spans,
                "context": _context(store, doc_id, [(s["start"], s["end"]) for s in spans]),
            }
        )
    conflict = []
    for entry in event.conflict or []:
        interval = DateInterval.from_dict(entry.get("date"))
        doc_id = ids(entry.get("document"))
        conflict.append(
            {
                "document": entry.get("document"),
                "document_id": doc_id,
                "document_url": document_url(doc_id, f"event-{entry.get('event_id')}"),
                "event_id": entry.get("event_id"),
                "date": _date(interval),
                "date_label": _label(interval),
                "date_text": entry.get("date_text"),
                "agrees": bool(entry.get("agrees")),
            }
        )
    return {"event": item, "conflict": conflict, "mentions": mentions}


def _context(store: Store, doc_id: int | None, spans: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The sentence holding the first (main) span, a sentence either side, widened to every
    other span of the record; the spans themselves are marked by `context_html`."""
    if doc_id is None or not spans:
        return None
    conn = store.connection

    def sentence_at(offset: int) -> sqlite3.Row | None:
        return conn.execute(
            'SELECT idx, start, "end" FROM sentences WHERE document_id = ? AND start <= ? '
            "ORDER BY start DESC LIMIT 1",
            (doc_id, offset),
        ).fetchone()

    main = sentence_at(spans[0][0])
    if main is None:
        return None
    first = sentence_at(min(s for s, _ in spans)) or main
    last = sentence_at(max(e for _, e in spans) - 1) or main
    low = min(main["idx"] - CONTEXT_SENTENCES, first["idx"])
    high = max(main["idx"] + CONTEXT_SENTENCES, last["idx"])
    around = conn.execute(
        'SELECT min(start), max("end") FROM sentences WHERE document_id = ? AND idx BETWEEN ? AND ?',
        (doc_id, low, high),
    ).fetchone()
    start = min(int(around[0]), min(s for s, _ in spans))
    end = max(int(around[1]), max(e for _, e in spans))
    text = conn.execute(
        "SELECT substr(text, ?, ?) FROM documents WHERE id = ?", (start + 1, end - start, doc_id)
    )
    return {
        "start": start,
        "end": end,
        "text": text.fetchone()[0],
        "sentence": {"start": main["start"], "end": main["end"]},
    }


def context_html(context: dict[str, Any] | None, spans: Iterable[dict[str, Any]]) -> Markup:
    """The context text, the mention's sentence wrapped in <span class="sentence">, its spans in <mark>."""
    if not context:
        return Markup("")
    base = context["start"]
    sentence = context["sentence"]
    marks = [{"start": s["start"], "end": s["end"], "classes": ["evidence"], "ids": []} for s in spans]
    marks.append(
        {"start": sentence["start"], "end": sentence["end"], "classes": ["focus-sentence"], "ids": []}
    )
    return highlight(context["text"], base, marks)


# --- documents --------------------------------------------------------------------------
def documents(store: Store, limit: int, offset: int) -> dict[str, Any]:
    conn = store.connection
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    counts = {
        kind: dict(conn.execute(f"SELECT document_id, count(*) FROM {kind}s GROUP BY document_id").fetchall())
        for kind in KINDS
    }
    rows = conn.execute(
        "SELECT id, name, format, title, url, source, published_start, published_end, published_precision "
        "FROM documents ORDER BY name, id LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    items = [
        {
            "id": r["id"],
            "url": f"/documents/{r['id']}",
            "name": r["name"],
            "format": r["format"],
            "title": r["title"],
            "source_url": r["url"],
            "source": r["source"],
            "published": _date(_interval(r)),
            "published_label": str(_interval(r)) if _interval(r) else "unknown",
            "counts": {kind: int(counts[kind].get(r["id"], 0)) for kind in KINDS},
        }
        for r in rows
    ]
    return {
        "total": int(total),
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
        "items": items,
    }


def _interval(r: sqlite3.Row, prefix: str = "published") -> DateInterval | None:
    start, end = r[f"{prefix}_start"], r[f"{prefix}_end"]
    if start is None or end is None:
        return None
    return DateInterval(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end), r[f"{prefix}_precision"] or "range"
    )


def find_document_id(store: Store, ref: str) -> int:
    """A document by id (digits) or file name."""
    conn = store.connection
    if ref.isdigit():
        row = conn.execute("SELECT id FROM documents WHERE id = ?", (int(ref),)).fetchone()
    else:
        row = conn.execute("SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 1", (ref,)).fetchone()
    if row is None:
        raise NotFound(f"no document {ref!r}")
    return int(row["id"])


def document_page(store: Store, ref: str) -> dict[str, Any]:
    """A document's metadata, its cleaned text and every extraction with its spans."""
    doc_id = find_document_id(store, ref)
    conn = store.connection
    info = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    spans: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in conn.execute(
        'SELECT record_kind, record_id, start, "end", text FROM evidence WHERE document_id = ? ORDER BY id',
        (doc_id,),
    ):
        spans.setdefault((r["record_kind"], r["record_id"]), []).append(
            {"start": r["start"], "end": r["end"], "text": r["text"]}
        )
    extractions: list[dict[str, Any]] = []
    merged_of = dict(
        conn.execute(
            "SELECT x.event_id, x.merged_id FROM merged_event_mentions x JOIN events e ON e.id = x.event_id "
            "WHERE e.document_id = ?",
            (doc_id,),
        ).fetchall()
    )
    for r in conn.execute("SELECT * FROM events WHERE document_id = ? ORDER BY id", (doc_id,)):
        interval = _interval(r, "date")
        actors = (
            " + ".join(_loads_list(r["parties"]))
            if r["parties"]
            else f"{r['source'] or '?'} → {r['target'] or '–'}"
        )
        merged = merged_of.get(r["id"])
        extractions.append(
            {
                "kind": "event",
                "id": r["id"],
                "anchor": f"event-{r['id']}",
                "label": r["type"],
                "summary": f"{actors}, {_label(interval)}"
                + ("" if r["modality"] == "asserted" else f" ({r['modality']})"),
                "date": _date(interval),
                "modality": r["modality"],
                "merged_id": merged,
                "url": f"/events/{merged}" if merged else None,
                "rule": r["rule"],
                "evidence": spans.get(("event", r["id"]), []),
            }
        )
    for r in conn.execute("SELECT * FROM claims WHERE document_id = ? ORDER BY id", (doc_id,)):
        value = r["value"] if r["value"] is not None else f"{r['low']}-{r['high']}"
        extractions.append(
            {
                "kind": "claim",
                "id": r["id"],
                "anchor": f"claim-{r['id']}",
                "label": r["attribute"],
                "summary": f"{r['subject']}: {_figure(value)} {r['currency'] or r['unit']}"
                + (f" ({r['qualifier']})" if r["qualifier"] and r["qualifier"] != "exact" else "")
                + (f", as of {_interval(r, 'as_of')}" if _interval(r, "as_of") else ""),
                "url": f"/territories/{r['subject']}#figures" if r["subject"] in load_territories() else None,
                "rule": r["rule"],
                "evidence": spans.get(("claim", r["id"]), []),
            }
        )
    for r in conn.execute("SELECT * FROM quotes WHERE document_id = ? ORDER BY id", (doc_id,)):
        extractions.append(
            {
                "kind": "quote",
                "id": r["id"],
                "anchor": f"quote-{r['id']}",
                "label": r["speaker"] or r["actor"] or "unnamed speaker",
                "summary": ("said: " if r["direct"] else "said that ") + " ".join(r["text"].split()),
                "url": None,
                "rule": r["rule"],
                "evidence": spans.get(("quote", r["id"]), []),
            }
        )
    for r in conn.execute("SELECT * FROM indicators WHERE document_id = ? ORDER BY id", (doc_id,)):
        extractions.append(
            {
                "kind": "indicator",
                "id": r["id"],
                "anchor": f"indicator-{r['id']}",
                "label": r["dimension"],
                "summary": f"{r['territory']} ← {r['patron']}: {r['level']}",
                "url": f"/territories/{r['territory']}#dim-{r['dimension']}"
                if r["territory"] in load_territories()
                else None,
                "rule": r["rule"],
                "evidence": spans.get(("indicator", r["id"]), []),
            }
        )
    published = _interval(info)
    return {
        "document": {
            "id": doc_id,
            "url": f"/documents/{doc_id}",
            "name": info["name"],
            "format": info["format"],
            "title": info["title"],
            "source_url": info["url"],
            "source": info["source"],
            "language": info["language"],
            "published": _date(published),
            "published_label": str(published) if published else "unknown",
            "published_cues": _loads_list(info["published_cues"]),
            "ingested_at": info["ingested_at"],
            "extractor_version": info["extractor_version"],
        },
        "counts": {kind: sum(1 for x in extractions if x["kind"] == kind) for kind in KINDS},
        "extractions": extractions,
        "sentences": [
            {"id": r["id"], "start": r["start"], "end": r["end"]}
            for r in conn.execute(
                'SELECT id, start, "end" FROM sentences WHERE document_id = ? ORDER BY start', (doc_id,)
            )
        ],
        "text": info["text"],
    }


def document_html(data: dict[str, Any], focus_sentence: int | None = None) -> Markup:
    """The cleaned text with every extraction's spans marked, one class a record kind; each
    sentence anchored (#s-ID) and the one a link points at (`focus_sentence`) outlined."""
    marks: list[dict[str, Any]] = [
        {
            "start": s["start"],
            "end": s["end"],
            "classes": ["focus-sentence"] if s["id"] == focus_sentence else [],
            "ids": [f"s-{s['id']}"],
        }
        for s in data["sentences"]
    ]
    for x in data["extractions"]:
        for n, span in enumerate(x["evidence"]):
            marks.append(
                {
                    "start": span["start"],
                    "end": span["end"],
                    "classes": [f"k-{x['kind']}"],
                    "ids": [x["anchor"]] if n == 0 else [],
                    "title": f"{x['kind']} #{x['id']}: {x['label']}",
                }
            )
    return highlight(data["text"], 0, marks)


def _loads_list(text: str | None) -> list[Any]:
    import json

    return list(json.loads(text)) if text else []


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if value < 1 else f"{value:,.0f}"
    return str(value)


def highlight(text: str, base: int, marks: list[dict[str, Any]]) -> Markup:
    """`text` (which starts at offset `base` of its document) with each mark's [start, end)
    wrapped. Marks may overlap: the text is cut at every boundary and each piece carries the
    classes of every mark covering it. Pieces covered by an 'evidence' or 'k-*' mark become
    <mark>; a piece covered only by other marks (the focused sentence) becomes a <span>; marks with no
    classes only place their anchors (id) at their start."""
    end_of_text = base + len(text)
    cuts = {base, end_of_text}
    for m in marks:
        for offset in (m["start"], m["end"]):
            if base <= offset <= end_of_text:
                cuts.add(offset)
    edges = sorted(cuts)
    out: list[str] = []
    for left, right in pairwise(edges):
        piece = str(escape(text[left - base : right - base]))
        covering = [m for m in marks if m["start"] <= left and right <= m["end"] and m["start"] < m["end"]]
        anchors = "".join(
            f'<span class="anchor" id="{escape(i)}"></span>'
            for m in covering
            if m["start"] == left
            for i in m.get("ids", [])
        )
        styled = [m for m in covering if m["classes"]]
        if not styled:
            out.append(anchors + piece)
            continue
        classes = sorted({c for m in styled for c in m["classes"]})
        titles = "; ".join(dict.fromkeys(m["title"] for m in styled if m.get("title")))
        is_mark = any(c == "evidence" or c.startswith("k-") for c in classes)
        tag = "mark" if is_mark else "span"
        title = f' title="{escape(titles)}"' if titles else ""
        out.append(f'{anchors}<{tag} class="{escape(" ".join(classes))}"{title}>{piece}</{tag}>')
    return Markup("".join(out))


# --- the territory page -----------------------------------------------------------------
def territory_page(
    store: Store,
    code: str,
    *,
    types: Sequence[str] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    info = territory_info(code)
    code = info["code"]
    return {
        "territory": {**info, **_territory_counts(store, code)},
        "timeline": timeline(store, code, types, date_from, date_to, limit, offset),
        "scorecard": territory_scorecard(store, code, as_of),
        "figures": territory_figures(store, code),
        "recognitions": recognitions(store, code),
        "quotes": territory_quotes(store, code),
    }


def territory_scorecard(store: Store, code: str, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    ids = DocumentIds(store)
    vocabulary = load_vocabulary()
    cards: list[Scorecard] = scorecard(store, code, as_of)
    result = []
    for card in cards:
        data = card.to_dict()
        data["cells"] = [
            {**_cell(c, ids, code), "means": vocabulary.indicator_dimensions.get(c.dimension, "")}
            for c in card.cells
        ]
        result.append(data)
    return result


def territory_figures(store: Store, code: str) -> list[dict[str, Any]]:
    ids = DocumentIds(store)
    sets = []
    for figure_set in figure_sets(store, code):
        data = figure_set.to_dict()
        data["range_text"] = figure_set.range_text
        for figure, shown in zip(data["figures"], figure_set.figures, strict=True):
            doc_id = ids(figure["document"])
            figure["shown"] = shown.shown
            figure["as_of_label"] = str(shown.as_of) if shown.as_of else None
            figure["document_id"] = doc_id
            figure["document_url"] = document_url(doc_id, f"claim-{figure['claim_id']}")
            figure["contested"] = any(figure["claim_id"] in (d["a"], d["b"]) for d in data["disagreements"])
        sets.append(data)
    return sets


def recognitions(store: Store, code: str) -> list[dict[str, Any]]:
    """Who recognised the territory (or withdrew it), each a merged event with its sources."""
    ids = DocumentIds(store)
    events = merged_timeline(store, actor=code, types=list(RECOGNITION_TYPES), include_undated=True)
    return [event_item(e, ids) for e in events if (e.target or "").upper() == code]


def territory_quotes(store: Store, code: str) -> list[dict[str, Any]]:
    """Quotes by the territory's people, or whose sentence names the territory."""
    conn = store.connection
    rows = conn.execute(
        'SELECT q.id, q.speaker, q.actor, q.text, q.direct, q.document_id, d.name, ev.start, ev."end", '
        "s.text AS sentence FROM quotes q JOIN documents d ON d.id = q.document_id "
        "JOIN evidence ev ON ev.record_kind = 'quote' AND ev.record_id = q.id "
        "AND ev.id = (SELECT min(id) FROM evidence WHERE record_kind = 'quote' AND record_id = q.id) "
        "LEFT JOIN sentences s ON s.id = ev.sentence_id "
        "WHERE q.actor = ? COLLATE NOCASE "
        "OR EXISTS (SELECT 1 FROM evidence e2 JOIN mentions mn ON mn.sentence_id = e2.sentence_id "
        "           WHERE e2.record_kind = 'quote' AND e2.record_id = q.id AND mn.actor = ?) "
        "ORDER BY d.published_start IS NULL, d.published_start, q.id",
        (code, code),
    ).fetchall()
    return [
        {
            "id": r["id"],
            "speaker": r["speaker"],
            "actor": r["actor"],
            "text": " ".join(r["text"].split()),
            "direct": bool(r["direct"]),
            "sentence": " ".join((r["sentence"] or "").split()),
            "document": r["name"],
            "document_id": r["document_id"],
            "document_url": document_url(r["document_id"], f"quote-{r['id']}"),
        }
        for r in rows
    ]


def scorecard_rows(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The scorecard flattened for CSV: one row a cell, with the evidence that set it."""
    rows = []
    for card in cards:
        for cell in card["cells"]:
            set_by = cell["set_by"] or {}
            rows.append(
                {
                    "territory": card["territory"],
                    "patron": card["patron"],
                    "as_of": card["as_of"],
                    "dimension": cell["dimension"],
                    "level": cell["level"],
                    "since": cell["since"],
                    "evidence_count": len(cell["evidence"]),
                    "sentence": set_by.get("sentence"),
                    "document": set_by.get("document"),
                    "dated_by": set_by.get("dated_by"),
                    "indicator_id": set_by.get("indicator_id"),
                }
            )
    return rows


def figure_rows(sets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures flattened for CSV: one row a figure, with its set's attribute and contest flag."""
    return [
        {
            "subject": s["subject"],
            "attribute": s["attribute"],
            "about": s["about"],
            "set_contested": s["contested"],
            **{k: v for k, v in f.items() if k not in {"document_url"}},
        }
        for s in sets
        for f in s["figures"]
    ]


# --- search -----------------------------------------------------------------------------
MATCH_START, MATCH_END = "\x02", "\x03"


def search(
    store: Store,
    q: str,
    *,
    actor: str | None = None,
    event_type: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> dict[str, Any]:
    """Sentences matching an FTS5 query (best first), narrowed to sentences naming `actor`,
    stating an event of `event_type`, in documents published within [from, to]. With no
    query but some filter, the matching sentences in document order."""
    q = q.strip()
    filters = {
        "q": q,
        "actor": actor,
        "type": event_type,
        "from": date_from.isoformat() if date_from else None,
        "to": date_to.isoformat() if date_to else None,
    }
    empty = {
        "total": 0,
        "limit": limit,
        "offset": offset,
        "next_offset": None,
        "items": [],
        "filters": filters,
    }
    if not q and not (actor or event_type or date_from or date_to):
        return empty
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("s.id IN (SELECT sentence_id FROM mentions WHERE actor = ?)")
        params.append(actor.upper())
    if event_type:
        where.append(
            "s.id IN (SELECT ev.sentence_id FROM evidence ev JOIN events e ON ev.record_kind = 'event' "
            "AND e.id = ev.record_id WHERE e.type = ?)"
        )
        params.append(event_type)
    if date_from:
        where.append("d.published_end >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("d.published_start <= ?")
        params.append(date_to.isoformat())
    try:
        total, rows = _search_rows(store, q, where, params, limit, offset)
    except sqlite3.OperationalError:
        # what FTS5 cannot parse (an unbalanced quote, a stray operator) is searched as a phrase
        total, rows = _search_rows(store, '"' + q.replace('"', '""') + '"', where, params, limit, offset)
    items = []
    for r in rows:
        sentence, matches = _unmark(r["snippet"])
        items.append(
            {
                "sentence_id": r["id"],
                "sentence": sentence,
                "matches": matches,
                "start": r["start"],
                "end": r["end"],
                "document": r["name"],
                "document_id": r["document_id"],
                "document_url": f"/documents/{r['document_id']}?sentence={r['id']}#s-{r['id']}",
                "title": r["title"],
                "published": _date(_interval(r)),
                "published_label": str(_interval(r)) if _interval(r) else "unknown",
            }
        )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
        "items": items,
        "filters": filters,
    }


def _search_rows(
    store: Store, fts: str, where: list[str], params: list[Any], limit: int, offset: int
) -> tuple[int, list[sqlite3.Row]]:
    conn = store.connection
    columns = (
        's.id, s.start, s."end", s.document_id, d.name, d.title, d.published_start, d.published_end, '
        "d.published_precision"
    )
    if fts:
        base = (
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.document_id WHERE sentences_fts MATCH ?"
            + "".join(" AND " + w for w in where)
        )
        args = [fts, *params]
        total = conn.execute("SELECT count(*) " + base, args).fetchone()[0]
        rows = conn.execute(
            f"SELECT {columns}, highlight(sentences_fts, 0, char(2), char(3)) AS snippet "
            + base
            + " ORDER BY sentences_fts.rank, s.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
    else:
        base = "FROM sentences s JOIN documents d ON d.id = s.document_id WHERE " + " AND ".join(where)
        total = conn.execute("SELECT count(*) " + base, params).fetchone()[0]
        rows = conn.execute(
            f"SELECT {columns}, s.text AS snippet " + base + " ORDER BY d.name, s.idx LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    return int(total), rows


def _unmark(snippet: str) -> tuple[str, list[list[int]]]:
    """The sentence without its STX/ETX match marks, and the [start, end) of each match in it."""
    text: list[str] = []
    matches: list[list[int]] = []
    position = 0
    opened: int | None = None
    for char in snippet:
        if char == MATCH_START:
            opened = position
        elif char == MATCH_END and opened is not None:
            matches.append([opened, position])
            opened = None
        else:
            text.append(char)
            position += 1
    return "".join(text), matches


def mark_spans(sentence: str, spans: Iterable[str]) -> Markup:
    """The sentence with each evidence text found in it marked (a cell's evidence names its
    spans by text; the first occurrence of each is the one meant)."""
    marks = []
    for text in spans:
        at = sentence.find(text) if text else -1
        if at >= 0:
            marks.append({"start": at, "end": at + len(text), "classes": ["evidence"], "ids": []})
    return highlight(sentence, 0, marks)


def search_html(item: dict[str, Any]) -> Markup:
    marks = [{"start": s, "end": e, "classes": ["evidence"], "ids": []} for s, e in item["matches"]]
    return highlight(item["sentence"], 0, marks)
