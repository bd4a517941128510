"""The dossier as plain data: what every renderer (Markdown, HTML, PDF) draws from.

Each statement the dossier makes is an item that carries the sources it rests on; the
footnote numbers are assigned once, in reading order, when the dossier is built (see
notes.py), so the three formats cite the same document with the same number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from annexwatch.knowledge.events import Source
from annexwatch.models import DateInterval


@dataclass(frozen=True)
class Statement:
    """A sentence of the summary: its text (without the closing full stop, so the footnote
    marks can sit before it) and the documents it rests on (none for a remark about the
    data itself, such as how many documents were read)."""

    text: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class TimelineRow:
    event_id: int
    date: DateInterval | None
    what: str  # the event in words: "Russia recognised South Ossetia"
    type: str
    source: str | None  # actor codes, for the summary's templates
    target: str | None
    parties: tuple[str, ...]
    sentence: str  # the best-dated source's sentence
    conflict: str | None  # each source's date, when the sources disagree
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ScoreRow:
    dimension: str
    label: str  # "Border with parent state"
    means: str  # what the dimension measures, from the vocabulary
    level: str
    since: dt.date | None
    sentence: str  # the evidence that set the level
    dated_by: str
    evidence_count: int  # how many indicators support the dimension up to the date
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FigureRow:
    shown: str  # "about 50,000"
    qualifier: str
    as_of: DateInterval | None
    sentence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FigureGroup:
    attribute: str
    label: str  # "Population", "Russian troops"
    about: str | None
    contested: bool
    range_text: str
    figures: list[FigureRow]
    disagreements: list[str]


@dataclass(frozen=True)
class RecognitionRow:
    event_id: int
    state: str  # code
    state_name: str
    withdrawn: bool  # a withdrawal of recognition rather than a recognition
    date: DateInterval | None
    conflict: str | None
    sentence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class KeyQuote:
    quote_id: int
    speaker: str
    actor: str | None
    actor_name: str | None
    text: str
    direct: bool
    sentence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SeriesPoint:
    date: dt.date
    score: float  # 0..1, the mean level over all dimensions


@dataclass(frozen=True)
class LevelStep:
    date: dt.date
    level: str


@dataclass(frozen=True)
class ChartData:
    """What the chart draws: the overall score over time and each dimension's rises."""

    territory_name: str
    patron_name: str
    start: dt.date
    end: dt.date
    series: list[SeriesPoint]
    levels: list[str]  # none .. complete
    dimensions: list[tuple[str, list[LevelStep]]]  # (label, rises in date order)


@dataclass(frozen=True)
class Note:
    number: int
    source: Source
    published_text: str  # "2015-03-18", or "between 2018-05-29 and 2022-05-24 (inferred)"


@dataclass
class Dossier:
    territory: str
    territory_name: str
    patron: str | None
    patron_name: str | None
    parent: str | None
    parent_name: str | None
    as_of: dt.date
    summary: list[Statement]
    timeline: list[TimelineRow]
    undated: list[TimelineRow]
    scorecard: list[ScoreRow]
    score: float | None
    chart: ChartData | None
    figures: list[FigureGroup]
    recognitions: list[RecognitionRow]
    quotes: list[KeyQuote]
    notes: list[Note] = field(default_factory=list)

    def cite(self, sources: tuple[Source, ...]) -> list[int]:
        """The footnote numbers of these sources, ascending, each once."""
        by_document = {note.source.document: note.number for note in self.notes}
        return sorted({by_document[s.document] for s in sources})

    @property
    def title(self) -> str:
        if self.patron_name:
            return f"{self.territory_name} and {self.patron_name}: how far has integration gone?"
        return f"{self.territory_name}: a dossier"
