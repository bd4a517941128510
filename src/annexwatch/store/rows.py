"""What Store queries return: small frozen records, so callers never touch sqlite3.Row."""

from __future__ import annotations

from dataclasses import dataclass, field

from annexwatch.models import DateInterval, Evidence


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document without its text (which `Store.document_text` returns)."""

    id: int
    name: str
    path: str
    format: str
    title: str | None
    url: str | None
    source: str | None
    language: str | None
    published: DateInterval | None
    published_cues: list[str]
    content_hash: str
    extractor_version: str
    ingested_at: str


@dataclass(frozen=True)
class TimelineRow:
    """One event on the timeline, with the sentence that states it."""

    event_id: int
    date: DateInterval | None
    type: str
    source: str | None
    target: str | None
    parties: list[str] | None
    modality: str
    sentence: str  # the sentence holding the first evidence span (else that span's text)
    evidence: list[Evidence]
    document: str  # file name
    title: str | None
    plover: str | None
    cameo: str | None
    persons: list[str] = field(default_factory=list)
    agreement: str | None = None
    date_text: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """A sentence matching a full-text query.

    `snippet` marks each match between STX and ETX (\x02word\x03), characters no article holds.
    """

    sentence_id: int
    document: str  # file name
    title: str | None
    published: DateInterval | None
    snippet: str
    rank: float  # FTS5 bm25 rank: lower is better
    start: int  # the sentence's offsets in the document text
    end: int


@dataclass(frozen=True)
class EvidenceSpan:
    """An evidence span and the sentence it starts in (None if it starts outside every sentence)."""

    start: int
    end: int
    text: str
    sentence_id: int | None
    sentence: str | None
    sentence_start: int | None

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.start, self.end, self.text)


@dataclass(frozen=True)
class EventDetail:
    """Everything stored about one event."""

    event_id: int
    type: str
    source: str | None
    target: str | None
    parties: list[str] | None
    date: DateInterval | None
    modality: str
    plover: str | None
    cameo: str | None
    persons: list[str]
    agreement: str | None
    date_text: str | None
    date_conflict: str | None
    rule: str
    evidence: list[EvidenceSpan]
    document: DocumentInfo

    def as_lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a plain two-column display; labels fit in 12 characters."""
        if self.parties is not None:
            actors = ", ".join(self.parties)
        else:
            actors = " -> ".join(a for a in (self.source, self.target) if a)
        doc = self.document
        lines = [
            ("id", str(self.event_id)),
            ("type", self.type),
            ("actors", actors or "-"),
            ("date", str(self.date) if self.date else "undated"),
            ("date text", self.date_text or "-"),
            ("modality", self.modality),
            ("plover", self.plover or "-"),
            ("cameo", self.cameo or "-"),
            ("persons", ", ".join(self.persons) or "-"),
            ("agreement", self.agreement or "-"),
            ("rule", self.rule or "-"),
        ]
        if self.date_conflict:
            lines.append(("date cues", self.date_conflict))
        lines += [
            ("document", doc.name),
            ("title", doc.title or "-"),
            ("url", doc.url or "-"),
            ("published", str(doc.published) if doc.published else "unknown"),
        ]
        for n, span in enumerate(self.evidence, 1):
            lines.append((f"evidence {n}", f"[{span.start}:{span.end}] {span.text}"))
            if span.sentence and span.sentence != span.text:
                lines.append((f"sentence {n}", span.sentence))
        return lines


__all__ = ["DocumentInfo", "EventDetail", "EvidenceSpan", "SearchHit", "TimelineRow"]
