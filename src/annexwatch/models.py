"""The records annexwatch extracts and stores: one definition each, used everywhere.

Every record that asserts something carries `evidence`: character spans into the
cleaned document text. Dates are always `DateInterval`s, never bare days that
pretend to a precision the text does not give.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["day", "week", "month", "season", "year", "decade", "range"]
Modality = Literal["asserted", "negated", "hypothetical", "future"]
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "year", "decade", "range")


@dataclass(frozen=True, order=True)
class DateInterval:
    """A closed interval of calendar days [start, end] and the precision the text gave."""

    start: dt.date
    end: dt.date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    # --- constructors -------------------------------------------------------------
    @classmethod
    def day(cls, year: int, month: int, day: int) -> DateInterval:
        d = dt.date(year, month, day)
        return cls(d, d, "day")

    @classmethod
    def month(cls, year: int, month: int) -> DateInterval:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> DateInterval:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def decade(cls, first_year: int) -> DateInterval:
        return cls(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), "decade")

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> DateInterval:
        """An interval that is not one calendar unit: precision 'range' (or 'day' if one day)."""
        return cls(start, end, "day" if start == end else "range")

    @classmethod
    def parse(cls, text: str) -> DateInterval:
        """Parse the gold/export notation: YYYY, YYYY-MM, YYYY-MM-DD, or A/B of those."""
        text = str(text).strip()
        if "/" in text:
            left, right = text.split("/", 1)
            a, b = cls.parse(left), cls.parse(right)
            return cls(a.start, b.end, "day" if a.start == b.end else "range")
        parts = text.split("-")
        if len(parts) == 1:
            return cls.year(int(parts[0]))
        if len(parts) == 2:
            return cls.month(int(parts[0]), int(parts[1]))
        if len(parts) == 3:
            return cls.day(int(parts[0]), int(parts[1]), int(parts[2]))
        raise ValueError(f"not a date: {text!r}")

    # --- relations ----------------------------------------------------------------
    @property
    def width_days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, other: DateInterval) -> bool:
        return self.start <= other.start and other.end <= self.end

    def contains_day(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: DateInterval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def intersect(self, other: DateInterval) -> DateInterval | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        if end < start:
            return None
        if (start, end) == (self.start, self.end):
            return self
        if (start, end) == (other.start, other.end):
            return other
        return DateInterval.between(start, end)

    # --- serialisation --------------------------------------------------------------
    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}

    @classmethod
    def from_dict(cls, data: dict[str, str] | None) -> DateInterval | None:
        if not data:
            return None
        return cls(
            dt.date.fromisoformat(data["start"]),
            dt.date.fromisoformat(data["end"]),
            data.get("precision", "range"),
        )

    def __str__(self) -> str:
        """Short human form: 2015-03-18, 2015-03, 2015, 2010s, or start/end."""
        if self.precision == "day" and self.start == self.end:
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "decade":
            return f"{self.start.year}s"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Evidence:
    """A span of the cleaned document text: [start, end) character offsets and the text there."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start, end, text[start:end])


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class ActorMention:
    """An actor named in the text: `actor` is a vocabulary code (RUS, XSO, ...)."""

    start: int
    end: int
    text: str
    actor: str
    person: str | None = None  # the person's canonical name, when a person was named
    wikidata: str | None = None
    kind: str = "name"  # name | adjective | capital | metonym | person | office


@dataclass
class Event:
    type: str
    source: str | None
    target: str | None
    parties: list[str] | None
    date: DateInterval | None
    modality: str
    plover: str | None
    cameo: str | None
    evidence: list[Evidence]
    persons: list[str] = field(default_factory=list)
    agreement: str | None = None  # the agreement's name, where given
    date_text: str | None = None  # the expression the date came from
    date_conflict: str | None = None  # disagreeing cues, explained
    rule: str = ""  # which rule produced it, for explanation


@dataclass
class Claim:
    subject: str
    attribute: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    currency: str | None
    qualifier: str
    evidence: list[Evidence]
    as_of: DateInterval | None = None
    about: str | None = None
    rule: str = ""


@dataclass
class Quote:
    speaker: str | None
    actor: str | None
    text: str
    direct: bool
    evidence: list[Evidence]
    rule: str = ""


@dataclass
class Indicator:
    territory: str
    patron: str
    dimension: str
    level: str
    evidence: list[Evidence]
    rule: str = ""


@dataclass
class Extraction:
    """Everything extracted from one document: a pure function of text, metadata and pack."""

    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Document:
    """One article after reading and cleaning. `text` is the cleaned text all offsets point into."""

    path: str  # where it was read from
    name: str  # the file name, as the spec's `document` field
    format: str  # txt | md | html | pdf
    text: str
    content_hash: str  # sha256 of the raw file bytes
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: DateInterval | None = None
    published_cues: list[str] = field(default_factory=list)  # which cue set each bound
    metadata: dict[str, Any] = field(default_factory=dict)  # every front-matter/sidecar field


def to_plain(record: Any) -> Any:
    """A record as plain JSON-ready data (dates as {start,end,precision})."""
    if isinstance(record, DateInterval):
        return record.to_dict()
    if hasattr(record, "__dataclass_fields__"):
        return {k: to_plain(getattr(record, k)) for k in record.__dataclass_fields__}
    if isinstance(record, list):
        return [to_plain(x) for x in record]
    if isinstance(record, dict):
        return {k: to_plain(v) for k, v in record.items()}
    if isinstance(record, dt.date):
        return record.isoformat()
    return record


__all__ = [
    "ActorMention",
    "Claim",
    "DateInterval",
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "Indicator",
    "Quote",
    "Sentence",
    "asdict",
    "to_plain",
]
