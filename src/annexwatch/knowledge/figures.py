"""Contested figures: every value of a subject's attribute, with its source, and where they disagree.

Each figure becomes a range of what it allows: "about 50,000" is 45,000-55,000 (the
qualifier's spread), "more than 200,000" is 200,000 and up, "30-40,000" is itself a range.
Two figures disagree when those ranges stay apart by more than the attribute's tolerance
(a fraction of the lower range's top) and their as-of dates can refer to the same moment (see
knowledge.yaml: figures of a vote or a year are compared only when both are dated and the
dates overlap; slow-moving ones, such as population, also when either is undated).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from annexwatch.knowledge.events import Source, _interval
from annexwatch.models import DateInterval
from annexwatch.pack import PACK_DIR, load_yaml
from annexwatch.store import Store


@dataclass(frozen=True)
class FigureRules:
    default_tolerance: float
    tolerance: dict[str, float]
    qualifier_spread: dict[str, float]
    series_attributes: frozenset[str]


@lru_cache(maxsize=2)
def load_figure_rules(pack_dir: Any = PACK_DIR) -> FigureRules:
    raw = load_yaml("knowledge.yaml", pack_dir)["claims"]
    return FigureRules(
        default_tolerance=float(raw["default_tolerance"]),
        tolerance={k: float(v) for k, v in raw.get("tolerance", {}).items()},
        qualifier_spread={k: float(v) for k, v in raw.get("qualifier_spread", {}).items()},
        series_attributes=frozenset(raw.get("series_attributes", [])),
    )


@dataclass(frozen=True)
class Figure:
    claim_id: int
    subject: str
    attribute: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    currency: str | None
    qualifier: str
    as_of: DateInterval | None
    about: str | None
    source: Source
    sentence: str
    evidence: str

    @property
    def shown(self) -> str:
        """The figure as a reader would write it: '50,000', '3,500-4,000', '90%'."""
        if self.value is not None:
            text = _number(self.value, self.unit)
        else:
            text = f"{_number(self.low, self.unit)}-{_number(self.high, self.unit)}"
        if self.currency:
            text += f" {self.currency}"
        marks = {
            "approximate": "about ",
            "estimate": "est. ",
            "upper_bound": "up to ",
            "lower_bound": "at least ",
        }
        return marks.get(self.qualifier, "") + text

    def bounds(self, rules: FigureRules) -> tuple[float, float]:
        """The values this figure allows. A point value is widened by its qualifier ("about
        50,000" is 45,000-55,000); a stated range ("30-40,000") already is its own spread."""
        low = self.low if self.value is None else self.value
        high = self.high if self.value is None else self.value
        low = low if low is not None else high
        high = high if high is not None else low
        assert low is not None and high is not None
        if self.value is not None:
            spread = rules.qualifier_spread.get(self.qualifier, 0.0)
            low, high = low * (1 - spread), high * (1 + spread)
        if self.qualifier == "lower_bound":
            high = math.inf
        elif self.qualifier == "upper_bound":
            low = 0.0
        return low, high


@dataclass(frozen=True)
class Disagreement:
    a: Figure
    b: Figure

    def __str__(self) -> str:
        return f"{self.a.shown} ({self.a.source.document}) vs {self.b.shown} ({self.b.source.document})"


@dataclass(frozen=True)
class FigureSet:
    """Every figure given for one subject's attribute (and, for a vote, one option)."""

    subject: str
    attribute: str
    about: str | None
    figures: list[Figure]
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def contested(self) -> bool:
        return bool(self.disagreements)

    @property
    def range(self) -> tuple[float, float]:
        """The lowest and highest value any source gives."""
        values = [v for f in self.figures for v in (f.value, f.low, f.high) if v is not None]
        return min(values), max(values)

    @property
    def range_text(self) -> str:
        low, high = self.range
        unit = self.figures[0].unit
        return _number(low, unit) if low == high else f"{_number(low, unit)} to {_number(high, unit)}"

    def to_dict(self) -> dict[str, Any]:
        low, high = self.range
        return {
            "subject": self.subject,
            "attribute": self.attribute,
            "about": self.about,
            "contested": self.contested,
            "range": {"low": low, "high": high},
            "figures": [
                {
                    "claim_id": f.claim_id,
                    "value": f.value,
                    "low": f.low,
                    "high": f.high,
                    "unit": f.unit,
                    "currency": f.currency,
                    "qualifier": f.qualifier,
                    "as_of": f.as_of.to_dict() if f.as_of else None,
                    "document": f.source.document,
                    "title": f.source.title,
                    "url": f.source.url,
                    "published": f.source.published.to_dict() if f.source.published else None,
                    "sentence": f.sentence,
                }
                for f in self.figures
            ],
            "disagreements": [
                {"a": d.a.claim_id, "b": d.b.claim_id, "text": str(d)} for d in self.disagreements
            ],
        }


def figure_sets(
    store: Store,
    subject: str | None = None,
    attribute: str | None = None,
    contested_only: bool = False,
) -> list[FigureSet]:
    """Figures grouped by subject, attribute (and option voted on), disagreements flagged."""
    rules = load_figure_rules()
    figures = _figures(store, subject, attribute)
    groups: dict[tuple[str, str, str | None, str | None], list[Figure]] = {}
    for figure in figures:
        about = _about_key(figure) if figure.attribute in rules.series_attributes else None
        groups.setdefault((figure.subject, figure.attribute, about, figure.currency), []).append(figure)
    sets = []
    for (subj, attr, about, _currency), members in sorted(groups.items(), key=lambda kv: _sort_key(kv[0])):
        members.sort(key=_figure_order)
        disagreements = [
            Disagreement(a, b)
            for a, b in combinations(members, 2)
            if _same_moment(a, b, rules) and _disagree(a, b, rules)
        ]
        shown_about = members[0].about if about else None
        figure_set = FigureSet(subj, attr, shown_about, members, disagreements)
        if figure_set.contested or not contested_only:
            sets.append(figure_set)
    return sets


def _sort_key(key: tuple[str, str, str | None, str | None]) -> tuple[str, str, str, str]:
    return (key[0], key[1], key[2] or "", key[3] or "")


def _about_key(figure: Figure) -> str | None:
    return " ".join(figure.about.lower().split()) if figure.about else None


def _figure_order(f: Figure) -> tuple[Any, ...]:
    published = f.source.published.start if f.source.published else dt.date.max
    return (published, f.source.document, f.claim_id)


def _same_moment(a: Figure, b: Figure, rules: FigureRules) -> bool:
    if a.as_of and b.as_of:
        return a.as_of.overlaps(b.as_of)
    return a.attribute not in rules.series_attributes


def _disagree(a: Figure, b: Figure, rules: FigureRules) -> bool:
    """Do the two ranges stay apart even when the gap is measured against the attribute's
    tolerance? Tolerance is applied once, to the gap, not to both sides: 40,000 and 45,000
    are 12 per cent apart, beyond a tolerance of 0.1."""
    tolerance = rules.tolerance.get(a.attribute, rules.default_tolerance)
    (_, lower_high), (upper_low, _) = sorted((a.bounds(rules), b.bounds(rules)))
    return lower_high * (1 + tolerance) < upper_low


def _figures(store: Store, subject: str | None, attribute: str | None) -> list[Figure]:
    where, params = [], []
    if subject:
        where.append("c.subject = ? COLLATE NOCASE")
        params.append(subject)
    if attribute:
        where.append("c.attribute = ?")
        params.append(attribute)
    rows = store.connection.execute(
        "SELECT c.*, d.name, d.title, d.url, d.published_start, d.published_end, d.published_precision, "
        "(SELECT ev.text FROM evidence ev WHERE ev.record_kind = 'claim' AND ev.record_id = c.id "
        " ORDER BY ev.id LIMIT 1) AS evidence_text, "
        "(SELECT s.text FROM evidence ev JOIN sentences s ON s.id = ev.sentence_id "
        " WHERE ev.record_kind = 'claim' AND ev.record_id = c.id ORDER BY ev.id LIMIT 1) AS sentence "
        "FROM claims c JOIN documents d ON d.id = c.document_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.id",
        params,
    ).fetchall()
    return [
        Figure(
            claim_id=r["id"],
            subject=r["subject"],
            attribute=r["attribute"],
            value=r["value"],
            low=r["low"],
            high=r["high"],
            unit=r["unit"],
            currency=r["currency"],
            qualifier=r["qualifier"] or "exact",
            as_of=_interval(r["as_of_start"], r["as_of_end"], r["as_of_precision"]),
            about=r["about"],
            source=Source(
                r["name"],
                r["title"],
                r["url"],
                _interval(r["published_start"], r["published_end"], r["published_precision"]),
            ),
            sentence=r["sentence"] or r["evidence_text"] or "",
            evidence=r["evidence_text"] or "",
        )
        for r in rows
        if r["value"] is not None or r["low"] is not None or r["high"] is not None
    ]


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "?"
    if unit == "fraction":
        return f"{value * 100:.4g}%"
    if unit == "km2":
        return f"{value:,.0f} km2"
    if value >= 1e9:
        return f"{value / 1e9:,.4g} billion"
    if value >= 1e6:
        return f"{value / 1e6:,.4g} million"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
