"""The integration scorecard: for a territory and its patron, each dimension's level as of a date.

A dimension's level on a day is the highest level any evidence dated on or before that
day supports (integration is read as a ratchet: a later article that mentions passports
without figures does not undo an earlier one that counted them). Evidence is dated by
knowledge/refresh.py: by the event it reports where its sentence reports one ("Russia
recognised South Ossetia on 26 August 2008"), else by the latest day its document can
have been published. Every cell names the evidence that set it; the history of a
dimension lists each rise with its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from annexwatch.knowledge.events import Source, _interval
from annexwatch.pack import load_vocabulary
from annexwatch.store import Store


@dataclass(frozen=True)
class Evidence:
    """One indicator: a document's evidence for a dimension, and when it holds from."""

    indicator_id: int
    dimension: str
    level: str
    effective: dt.date | None
    dated_by: str
    rule: str
    source: Source
    sentence: str
    spans: list[str]


@dataclass(frozen=True)
class Step:
    """The day a dimension reached a level, and the evidence that showed it."""

    date: dt.date
    level: str
    evidence: Evidence


@dataclass(frozen=True)
class Cell:
    dimension: str
    level: str  # 'none' when no evidence yet
    since: dt.date | None  # when it reached this level
    set_by: Evidence | None  # the first evidence of this level
    evidence: list[Evidence] = field(default_factory=list)  # all evidence up to the date
    history: list[Step] = field(default_factory=list)  # every rise up to the date

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "level": self.level,
            "since": self.since.isoformat() if self.since else None,
            "set_by": _evidence_dict(self.set_by) if self.set_by else None,
            "history": [
                {"date": s.date.isoformat(), "level": s.level, "indicator_id": s.evidence.indicator_id}
                for s in self.history
            ],
            "evidence": [_evidence_dict(e) for e in self.evidence],
        }


@dataclass(frozen=True)
class Scorecard:
    territory: str
    patron: str
    as_of: dt.date
    cells: list[Cell]

    @property
    def score(self) -> float:
        """Mean level over all dimensions, none=0 ... complete=3, scaled to 0-1: a summary
        for charts and rankings, never a substitute for the cells."""
        return sum(LEVELS.index(c.level) for c in self.cells) / (3 * len(self.cells))

    def cell(self, dimension: str) -> Cell:
        return next(c for c in self.cells if c.dimension == dimension)

    def to_dict(self) -> dict[str, Any]:
        return {
            "territory": self.territory,
            "patron": self.patron,
            "as_of": self.as_of.isoformat(),
            "score": round(self.score, 4),
            "cells": [c.to_dict() for c in self.cells],
        }


LEVELS: list[str] = load_vocabulary().indicator_levels  # none, partial, extensive, complete
DIMENSIONS: list[str] = list(load_vocabulary().indicator_dimensions)


def territories(store: Store) -> list[tuple[str, str]]:
    """Every (territory, patron) pair with indicator evidence, in code order."""
    rows = store.connection.execute(
        "SELECT DISTINCT territory, patron FROM indicators ORDER BY territory, patron"
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def scorecard(
    store: Store, territory: str, as_of: dt.date | None = None, patron: str | None = None
) -> list[Scorecard]:
    """The territory's scorecard with each patron it has evidence for (usually one)."""
    as_of = as_of or dt.date.today()
    pairs = [p for p in territories(store) if p[0].upper() == territory.upper()]
    if patron:
        pairs = [p for p in pairs if p[1].upper() == patron.upper()]
    return [_scorecard(store, t, p, as_of) for t, p in pairs]


def scorecard_all(store: Store, as_of: dt.date | None = None) -> list[Scorecard]:
    as_of = as_of or dt.date.today()
    return [_scorecard(store, t, p, as_of) for t, p in territories(store)]


def level_history(store: Store, territory: str, patron: str, dimension: str) -> list[Step]:
    """Each day the dimension's level rose, with the evidence that showed it."""
    return _rises(_evidence(store, territory, patron, dimension))


def score_series(store: Store, territory: str, patron: str) -> list[tuple[dt.date, float]]:
    """The overall score after each day some dimension rose: the chart of integration over time."""
    evidence = _evidence(store, territory, patron)
    best = dict.fromkeys(DIMENSIONS, 0)
    series: list[tuple[dt.date, float]] = []
    for item in sorted((e for e in evidence if e.effective), key=lambda e: e.effective):  # type: ignore[arg-type,return-value]
        dimension = item.dimension
        rank = LEVELS.index(item.level)
        if rank > best.get(dimension, 0):
            best[dimension] = rank
            score = sum(best.values()) / (3 * len(DIMENSIONS))
            assert item.effective is not None
            if series and series[-1][0] == item.effective:
                series[-1] = (item.effective, score)
            else:
                series.append((item.effective, score))
    return series


def _scorecard(store: Store, territory: str, patron: str, as_of: dt.date) -> Scorecard:
    evidence = _evidence(store, territory, patron)
    by_dimension: dict[str, list[Evidence]] = {d: [] for d in DIMENSIONS}
    for item in evidence:
        if item.effective is not None and item.effective <= as_of:
            by_dimension.setdefault(item.dimension, []).append(item)
    cells = []
    for dimension, items in by_dimension.items():
        rises = _rises(items)
        top = rises[-1] if rises else None
        cells.append(
            Cell(
                dimension=dimension,
                level=top.level if top else "none",
                since=top.date if top else None,
                set_by=top.evidence if top else None,
                evidence=sorted(items, key=_evidence_order),
                history=rises,
            )
        )
    return Scorecard(territory, patron, as_of, cells)


def _rises(items: list[Evidence]) -> list[Step]:
    steps: list[Step] = []
    best = 0
    for item in sorted((i for i in items if i.effective), key=_evidence_order):
        rank = LEVELS.index(item.level)
        if rank > best:
            best = rank
            assert item.effective is not None
            steps.append(Step(item.effective, item.level, item))
    return steps


def _evidence_order(e: Evidence) -> tuple[Any, ...]:
    return (e.effective or dt.date.max, -LEVELS.index(e.level), e.source.document, e.indicator_id)


def _evidence(store: Store, territory: str, patron: str, dimension: str | None = None) -> list[Evidence]:
    params: list[Any] = [territory, patron]
    extra = ""
    if dimension:
        extra = " AND i.dimension = ?"
        params.append(dimension)
    rows = store.connection.execute(
        "SELECT i.id, i.dimension, i.level, i.rule, x.effective, x.dated_by, d.name, d.title, d.url, "
        "d.published_start, d.published_end, d.published_precision "
        "FROM indicators i JOIN indicator_dates x ON x.indicator_id = i.id "
        "JOIN documents d ON d.id = i.document_id "
        "WHERE i.territory = ? COLLATE NOCASE AND i.patron = ? COLLATE NOCASE" + extra + " ORDER BY i.id",
        params,
    ).fetchall()
    spans = _spans(store, [r["id"] for r in rows])
    return [
        Evidence(
            indicator_id=r["id"],
            dimension=r["dimension"],
            level=r["level"],
            effective=dt.date.fromisoformat(r["effective"]) if r["effective"] else None,
            dated_by=r["dated_by"],
            rule=r["rule"],
            source=Source(
                r["name"],
                r["title"],
                r["url"],
                _interval(r["published_start"], r["published_end"], r["published_precision"]),
            ),
            sentence=spans.get(r["id"], ("", []))[0],
            spans=spans.get(r["id"], ("", []))[1],
        )
        for r in rows
    ]


def _spans(store: Store, indicator_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
    found: dict[int, tuple[str, list[str]]] = {}
    for i in range(0, len(indicator_ids), 500):
        chunk = indicator_ids[i : i + 500]
        rows = store.connection.execute(
            "SELECT ev.record_id, ev.text, s.text AS sentence FROM evidence ev "
            "LEFT JOIN sentences s ON s.id = ev.sentence_id WHERE ev.record_kind = 'indicator' "
            f"AND ev.record_id IN ({', '.join('?' * len(chunk))}) ORDER BY ev.id",
            chunk,
        )
        for r in rows:
            sentence, texts = found.get(r["record_id"], (r["sentence"] or r["text"], []))
            texts.append(r["text"])
            found[r["record_id"]] = (sentence, texts)
    return found


def _evidence_dict(e: Evidence) -> dict[str, Any]:
    return {
        "indicator_id": e.indicator_id,
        "dimension": e.dimension,
        "level": e.level,
        "effective": e.effective.isoformat() if e.effective else None,
        "dated_by": e.dated_by,
        "rule": e.rule,
        "document": e.source.document,
        "title": e.source.title,
        "url": e.source.url,
        "sentence": e.sentence,
    }
