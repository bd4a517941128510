"""What every extractor sees of one document: the parse, the actors, the dates.

Built once a document by `annexwatch.extract`, then handed to the event, claim, quote
and indicator extractors, so none of them re-parses or re-resolves anything.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from annexwatch.models import ActorMention, DateInterval

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from annexwatch.nlp.actors import ActorResolver
    from annexwatch.nlp.timex import Timex
    from annexwatch.pack import Vocabulary

class _Span(Protocol):
    start: int
    end: int


SpanT = TypeVar("SpanT", bound=_Span)


def _spans_inside(items: list[SpanT], starts: list[int], start: int, end: int) -> list[SpanT]:
    """Items (sorted by start, with `starts` their start offsets) lying wholly in [start, end)."""
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(items) and items[i].start < end:
        if items[i].end <= end:
            out.append(items[i])
        i += 1
    return out


# Codes of territories whose integration we track; their patron is looked up in the pack.
DE_FACTO_PREFIX = "X"


@dataclass
class ExtractionContext:
    text: str
    doc: Doc
    mentions: list[ActorMention]
    timexes: list[Timex]
    published: DateInterval | None
    vocabulary: Vocabulary
    resolver: ActorResolver
    _mention_starts: list[int] = field(init=False, repr=False)
    _timex_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.timexes.sort(key=lambda t: t.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._timex_starts = [t.start for t in self.timexes]

    # --- lookups by character range --------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying wholly inside [start, end)."""
        return _spans_inside(self.mentions, self._mention_starts, start, end)

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        """Time expressions lying wholly inside [start, end)."""
        return _spans_inside(self.timexes, self._timex_starts, start, end)

    def mention_at(self, start: int, end: int) -> ActorMention | None:
        """The mention overlapping [start, end), if any (first one)."""
        i = bisect.bisect_right(self._mention_starts, start) - 1
        for j in range(max(i, 0), len(self.mentions)):
            m = self.mentions[j]
            if m.start >= end:
                break
            if m.end > start:
                return m
        return None

    @cached_property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    def sentence_of(self, offset: int) -> Span:
        """The sentence holding a character offset (the last one before it, at worst)."""
        starts = [s.start_char for s in self.sentences]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.sentences[i]

    # --- the territory a stretch of text is about -------------------------------------
    def territories_in(self, start: int, end: int) -> list[str]:
        return [m.actor for m in self.mentions_in(start, end) if m.actor.startswith(DE_FACTO_PREFIX)]

    @cached_property
    def main_territory(self) -> str | None:
        """The de facto territory the document mentions most (ties: the first named)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.actor.startswith(DE_FACTO_PREFIX):
                counts[m.actor] = counts.get(m.actor, 0) + 1
        if not counts:
            return None
        best = max(counts.values())
        for m in self.mentions:
            if counts.get(m.actor) == best:
                return m.actor
        return None

    def focus_territory(self, offset: int) -> str | None:
        """The territory a sentence is about: named in it, else the last named before, else the main one."""
        sent = self.sentence_of(offset)
        named = self.territories_in(sent.start_char, sent.end_char)
        if named:
            return named[0]
        i = bisect.bisect_left(self._mention_starts, sent.start_char) - 1
        while i >= 0:
            if self.mentions[i].actor.startswith(DE_FACTO_PREFIX):
                return self.mentions[i].actor
            i -= 1
        return self.main_territory
