"""A gold-annotated corpus made ready for training and scoring: parsed once, aligned once.

A corpus folder holds `docs/` and `gold/` side by side, or sub-folders that do (the training
corpus keeps one folder per writer's batch). Each document is read, dated and parsed exactly
as ingest does, the rules run over it, and each gold record's `text` key is found in the
cleaned text so that it can be tied to the sentence that states it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.evaluate import GoldDocument, GoldError, GoldEvent, load_gold_file, normalise_with_map
from annexwatch.learned.triggers import key_root
from annexwatch.models import Claim, Event, Indicator, Quote

if TYPE_CHECKING:
    from annexwatch.models import Document
    from annexwatch.nlp.context import ExtractionContext

# "b03-007-xab-investment-protests.md": the writer's brief put the territory in the name
TERRITORY_IN_NAME = re.compile(r"^b\d+-\d+-(x[a-z]{2})-")


@dataclass
class PreparedDocument:
    """One gold document with its parse, the rules' records, and its gold tied to sentences."""

    name: str
    territory: str | None
    document: Document
    ctx: ExtractionContext
    gold: GoldDocument
    rule_events: list[Event]
    claims: list[Claim]
    quotes: list[Quote]
    indicators: list[Indicator]
    # sentence index -> the gold events with a text key in that sentence
    events_by_sentence: dict[int, list[GoldEvent]] = field(default_factory=dict)
    # token index of a key's syntactic head (its trigger) -> the gold events keyed there
    events_by_trigger: dict[int, list[GoldEvent]] = field(default_factory=dict)
    unaligned: list[str] = field(default_factory=list)  # gold keys not found in the cleaned text

    @property
    def sentences(self) -> list[Any]:
        return list(self.ctx.doc.sents)


def corpus_folders(root: Path) -> list[Path]:
    """Every folder under `root` (itself included) that holds both docs/ and gold/."""
    found = [root] if (root / "docs").is_dir() and (root / "gold").is_dir() else []
    for child in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if child.name not in {"docs", "gold"}:
            found += corpus_folders(child)
    return found


def gold_pairs(root: Path) -> Iterator[tuple[Path, Path]]:
    """(document path, gold path) for every gold file of the corpus, in a fixed order.

    A malformed gold file, or one whose document is missing, is reported on stderr with its
    name and skipped: one bad file must not stop a training run over hundreds.
    """
    for folder in corpus_folders(root):
        for gold_path in sorted((folder / "gold").glob("*.yaml")):
            try:
                gold = load_gold_file(gold_path)
            except GoldError as exc:
                print(f"skipped: {exc}", file=sys.stderr)
                continue
            doc_path = folder / "docs" / gold.document
            if doc_path.is_file():
                yield doc_path, gold_path
            else:
                print(
                    f"skipped: {gold_path}: its document {gold.document} is not in {folder / 'docs'}",
                    file=sys.stderr,
                )


def territory_of(name: str, gold: GoldDocument) -> str | None:
    """The territory a document is about: from the brief's file name, else the gold's most named territory."""
    match = TERRITORY_IN_NAME.match(name)
    if match:
        return match.group(1).upper()
    counts: dict[str, int] = {}
    for ev in gold.events:
        for code in (ev.source, ev.target, *ev.parties):
            if code and code.startswith("X"):
                counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _sentence_index(starts: list[int], offset: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, offset) - 1, 0)


def align_events(prepared: PreparedDocument) -> None:
    """Tie each gold event to the sentences where one of its text keys occurs."""
    text = prepared.ctx.text
    norm, offsets = normalise_with_map(text)
    starts = [s.start_char for s in prepared.ctx.doc.sents]
    for ev in [*prepared.gold.events, *prepared.gold.non_asserted]:
        hits: set[int] = set()
        for key in ev.texts:
            at = norm.find(key)
            while at >= 0:
                start, end = offsets[at], offsets[at + len(key) - 1] + 1
                hits.add(_sentence_index(starts, start))
                root = key_root(prepared.ctx.doc, start, end)
                if root is not None and ev not in prepared.events_by_trigger.get(root.i, []):
                    prepared.events_by_trigger.setdefault(root.i, []).append(ev)
                at = norm.find(key, at + 1)
        if not hits:
            prepared.unaligned.append(ev.texts[0])
        for index in sorted(hits):
            prepared.events_by_sentence.setdefault(index, []).append(ev)


def prepare(doc_path: Path, gold_path: Path) -> PreparedDocument:
    """Read, date, parse and extract one document as ingest does, and align its gold."""
    from annexwatch.documents import load_document
    from annexwatch.extract import build_context
    from annexwatch.ingest import date_document
    from annexwatch.nlp.claims import extract_claims
    from annexwatch.nlp.events import extract_events
    from annexwatch.nlp.indicators import extract_indicators
    from annexwatch.nlp.quotes import extract_quotes

    gold = load_gold_file(gold_path)
    document = date_document(load_document(doc_path))
    ctx = build_context(document.text, document.published)
    claims = extract_claims(ctx)
    prepared = PreparedDocument(
        name=gold.document,
        territory=territory_of(gold.document, gold),
        document=document,
        ctx=ctx,
        gold=gold,
        rule_events=extract_events(ctx),
        claims=claims,
        quotes=extract_quotes(ctx),
        indicators=extract_indicators(ctx, claims),
    )
    align_events(prepared)
    return prepared


def prepare_corpus(root: Path, progress: bool = False) -> list[PreparedDocument]:
    """Every gold document of the corpus, prepared; one that cannot be read is reported and skipped."""
    from annexwatch.errors import DocumentError

    out = []
    for i, (doc_path, gold_path) in enumerate(gold_pairs(root)):
        try:
            out.append(prepare(doc_path, gold_path))
        except DocumentError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        if progress and (i + 1) % 25 == 0:
            print(f"  prepared {i + 1} documents", flush=True)
    return out
