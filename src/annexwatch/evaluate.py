"""Scoring annexwatch's output against hand-made gold annotations, as `spec/README.md` says.

The scorer consumes export-format records (plain dicts with `kind` and `document`), so it
scores exactly what a user receives, whichever way the records were produced.

Decisions the spec leaves open, made here once (and tested):

- Text comparison is case-sensitive after normalisation (whitespace collapsed, curly
  quotes and guillemets -> ' or ", typographic dashes -> -): the spec says gold `text` is
  verbatim, so only typography may differ.
- Matching is a maximum bipartite matching (augmenting paths) between gold and system
  records, gold records taken in priority order: required gold first, then optional gold.
  Augmenting never unmatches a gold record, so the number of required matches is the
  largest possible and, within that, as many leftover system records as possible are
  absorbed by optional gold. Each optional gold record absorbs at most one system record:
  a second system record for the same optional event is a duplicate, i.e. a false
  positive, as the spec's "a second event for a second mention" rule says.
- Strict event scoring runs its own matching (not a filter of the lenient one). Its
  predicate adds "date right" for required gold only: the date of an optional record is
  not scored, so finding it never hurts, whatever date it was given.
- Quote overlap is the longest common substring of the normalised texts (a quote is one
  span, so overlap means one contiguous stretch), as a share of the gold's length.
- A claim's system numbers are `value` when given, else `low`/`high` (a range), else the
  single bound given. A gold single value needs a system single value; a gold range needs
  a system range, endpoint by endpoint; each within 2% of the gold number.
- P = matched / (found - absorbed by optional gold), R = matched / required gold; P, R and
  F1 are 0 when undefined, so a kind with neither gold nor output shows 0.00.
- An event without `modality` counts as asserted (only explicit non-asserted events are
  dropped, and counted as ignored). The same holds for gold: a gold event marked
  `modality: negated | hypothetical | future` is not scored (training corpora mark them so
  that a model can learn modality); a system that reports it as asserted makes a false positive.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from annexwatch.errors import AnnexwatchError
from annexwatch.models import DateInterval
from annexwatch.pack import Vocabulary, load_vocabulary

KINDS: tuple[str, ...] = ("event", "claim", "quote", "indicator")
CLAIM_TOLERANCE = 0.02  # "each number within 2% of the gold"
QUOTE_MIN_OVERLAP = 0.80  # "overlap in at least 80% of the gold's characters"


class GoldError(AnnexwatchError):
    """A gold file that cannot be read: names the file and what is wrong in it."""


# --------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------

# One character in, one character out, so offsets survive (see normalise_with_map).
# fmt: off
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "‹": "'", "›": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-", "―": "-",
    }
)
# fmt: on
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared: quotes and dashes unified, whitespace collapsed; case is kept."""
    return _WHITESPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset it came from.

    Used only to find where a missed gold text sits in the document, to print its sentence.
    """
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_TYPOGRAPHY)):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def _contains_any(evidence: Sequence[str], gold_texts: Sequence[str]) -> bool:
    """Does one (normalised) evidence span contain one (normalised) gold text?"""
    return any(g in e for g in gold_texts for e in evidence)


def longest_common_substring(a: str, b: str) -> int:
    """Length of the longest stretch of characters the two strings share."""
    if not a or not b:
        return 0
    # autojunk off: its heuristic would skip frequent characters and understate the overlap
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.find_longest_match(0, len(a), 0, len(b)).size


def quote_overlap(gold_text: str, system_text: str) -> float:
    """Share of the gold quote's characters covered by its longest common stretch with the system's."""
    gold_n, system_n = normalise(gold_text), normalise(system_text)
    if not gold_n:
        return 0.0
    return longest_common_substring(gold_n, system_n) / len(gold_n)


# --------------------------------------------------------------------------------------
# Gold records
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEvent:
    type: str
    symmetric: bool
    parties: frozenset[str]  # symmetric types
    source: str | None  # directed types
    target: str | None  # None: the gold does not name one, any system target agrees
    date: DateInterval | None
    texts: tuple[str, ...]  # normalised alternatives
    optional: bool
    raw: dict[str, Any]


@dataclass(frozen=True)
class GoldClaim:
    subject: str
    attribute: str
    values: tuple[float, ...]  # (value,) or (low, high)
    qualifier: str | None
    currency: str | None
    texts: tuple[str, ...]
    optional: bool
    raw: dict[str, Any]


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None
    actor: str
    texts: tuple[str, ...]
    optional: bool
    raw: dict[str, Any]


@dataclass(frozen=True)
class GoldIndicator:
    territory: str
    patron: str
    dimension: str
    texts: tuple[str, ...]
    optional: bool
    raw: dict[str, Any]


GoldRecord = GoldEvent | GoldClaim | GoldQuote | GoldIndicator


@dataclass
class GoldDocument:
    document: str  # the document's file name
    path: Path  # the gold file it was read from
    published: DateInterval | None
    events: list[GoldEvent] = field(default_factory=list)
    claims: list[GoldClaim] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    indicators: list[GoldIndicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # names outside the vocabulary
    # events the gold marks `modality: negated | hypothetical | future`: kept for training,
    # never scored (the spec scores asserted events only)
    non_asserted: list[GoldEvent] = field(default_factory=list)

    def records(self, kind: str) -> Sequence[GoldRecord]:
        return {
            "event": self.events,
            "claim": self.claims,
            "quote": self.quotes,
            "indicator": self.indicators,
        }[kind]


class _Malformed(ValueError):
    """Raised while parsing one gold file; load_gold adds the file name."""


def parse_date(value: Any) -> DateInterval | None:
    """A gold or export date: None, a YAML date, YYYY (int), a string form, or {start, end}."""
    if value is None:
        return None
    if isinstance(value, DateInterval):
        return value
    if isinstance(value, dict):
        return DateInterval.from_dict(value)
    if isinstance(value, dt.datetime):  # a datetime is a date too: test it first
        return DateInterval.day(value.year, value.month, value.day)
    if isinstance(value, dt.date):  # YAML reads an unquoted 2018-01-30 as a date
        return DateInterval.day(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):  # YAML reads 1992 as an int
        return DateInterval.year(value)
    if isinstance(value, str):
        return DateInterval.parse(value)
    raise ValueError(f"not a date: {value!r}")


def _gold_date(entry: Mapping[str, Any], key: str, where: str) -> DateInterval | None:
    try:
        return parse_date(entry.get(key))
    except (ValueError, TypeError, KeyError) as exc:
        raise _Malformed(f"{where}: bad {key} {entry.get(key)!r}: {exc}") from exc


def _required_str(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Malformed(f"{where}: '{key}' must be a non-empty string, got {value!r}")
    return value.strip()


def _optional_str(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Malformed(f"{where}: '{key}' must be a string or null, got {value!r}")
    return value.strip() or None


def _gold_texts(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """`text` is one string or a list of alternatives; any one of them will do."""
    value = entry.get("text")
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise _Malformed(f"{where}: 'text' must be a string or a non-empty list of strings")
    texts = []
    for item in items:
        if not isinstance(item, str) or not normalise(item):
            raise _Malformed(f"{where}: every 'text' must be a non-empty string, got {item!r}")
        texts.append(normalise(item))
    return tuple(texts)


def _is_optional(entry: Mapping[str, Any], where: str) -> bool:
    value = entry.get("optional", False)
    if not isinstance(value, bool):
        raise _Malformed(f"{where}: 'optional' must be true or false, got {value!r}")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed(f"{where}: 'value' must be a number or [low, high], got {value!r}")
    return float(value)


def _parse_event(entry: Mapping[str, Any], where: str, vocab: Vocabulary, warnings: list[str]) -> GoldEvent:
    event_type = _required_str(entry, "type", where)
    known = vocab.event_types.get(event_type)
    if known is None:
        # Not fatal: a held-out set may be ahead of this pack. The gold's shape decides.
        warnings.append(f"{where}: event type {event_type!r} is not in the vocabulary")
    symmetric = known.symmetric if known else "parties" in entry
    parties = entry.get("parties")
    if symmetric:
        if parties is None and entry.get("source") and entry.get("target"):
            parties = [entry["source"], entry["target"]]  # a symmetric event written as directed
        if not isinstance(parties, list) or not parties or not all(isinstance(p, str) for p in parties):
            raise _Malformed(f"{where}: symmetric type {event_type!r} needs 'parties', a list of codes")
        source = target = None
    else:
        source = _required_str(entry, "source", where)
        target = _optional_str(entry, "target", where)
    return GoldEvent(
        type=event_type,
        symmetric=symmetric,
        parties=frozenset(parties) if symmetric else frozenset(),
        source=source,
        target=target,
        date=_gold_date(entry, "date", where),
        texts=_gold_texts(entry, where),
        optional=_is_optional(entry, where),
        raw=dict(entry),
    )


def _parse_claim(entry: Mapping[str, Any], where: str, vocab: Vocabulary, warnings: list[str]) -> GoldClaim:
    attribute = _required_str(entry, "attribute", where)
    if attribute not in vocab.claim_attributes:
        warnings.append(f"{where}: claim attribute {attribute!r} is not in the vocabulary")
    value = entry.get("value")
    if isinstance(value, list):
        if len(value) != 2:
            raise _Malformed(f"{where}: a range 'value' must be [low, high], got {value!r}")
        values = (_number(value[0], where), _number(value[1], where))
    else:
        values = (_number(value, where),)
    currency = entry.get("currency")
    return GoldClaim(
        subject=_required_str(entry, "subject", where),
        attribute=attribute,
        values=values,
        qualifier=_optional_str(entry, "qualifier", where),
        currency=str(currency) if currency is not None else None,
        texts=_gold_texts(entry, where),
        optional=_is_optional(entry, where),
        raw=dict(entry),
    )


def _parse_quote(entry: Mapping[str, Any], where: str, vocab: Vocabulary, warnings: list[str]) -> GoldQuote:
    return GoldQuote(
        speaker=_optional_str(entry, "speaker", where),
        actor=_required_str(entry, "actor", where),
        texts=_gold_texts(entry, where),
        optional=_is_optional(entry, where),
        raw=dict(entry),
    )


def _parse_indicator(
    entry: Mapping[str, Any], where: str, vocab: Vocabulary, warnings: list[str]
) -> GoldIndicator:
    dimension = _required_str(entry, "dimension", where)
    if dimension not in vocab.indicator_dimensions:
        warnings.append(f"{where}: indicator dimension {dimension!r} is not in the vocabulary")
    return GoldIndicator(
        territory=_required_str(entry, "territory", where),
        patron=_required_str(entry, "patron", where),
        dimension=dimension,
        texts=_gold_texts(entry, where),
        optional=_is_optional(entry, where),
        raw=dict(entry),
    )


_SECTIONS: dict[str, tuple[str, Callable[..., GoldRecord]]] = {
    "events": ("event", _parse_event),
    "claims": ("claim", _parse_claim),
    "quotes": ("quote", _parse_quote),
    "indicators": ("indicator", _parse_indicator),
}


def _parse_gold(data: Any, path: Path, vocab: Vocabulary) -> GoldDocument:
    if not isinstance(data, dict):
        raise _Malformed("the file must hold a mapping with 'document', 'events', 'claims', ...")
    document = _required_str(data, "document", "top level")
    gold = GoldDocument(document=document, path=path, published=_gold_date(data, "published", "top level"))
    for section, (_, parse) in _SECTIONS.items():
        entries = data.get(section) or []  # `claims:` with nothing after it is an empty list
        if not isinstance(entries, list):
            raise _Malformed(f"'{section}' must be a list")
        parsed = getattr(gold, section)
        for i, entry in enumerate(entries):
            where = f"{section}[{i}]"
            if not isinstance(entry, dict):
                raise _Malformed(f"{where}: must be a mapping, got {entry!r}")
            record = parse(entry, where, vocab, gold.warnings)
            if section == "events" and (entry.get("modality") or "asserted") != "asserted":
                gold.non_asserted.append(record)
            else:
                parsed.append(record)
    return gold


def load_gold_file(path: Path, vocabulary: Vocabulary | None = None) -> GoldDocument:
    """One gold file; a GoldError names the file (and the entry) when it is malformed."""
    vocab = vocabulary or load_vocabulary()
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return _parse_gold(data, path, vocab)
    except _Malformed as exc:
        raise GoldError(f"{path}: malformed gold file: {exc}") from exc


def load_gold(gold_dir: Path, *, vocabulary: Vocabulary | None = None) -> dict[str, GoldDocument]:
    """Every `*.yaml`/`*.yml` gold file of a directory, keyed by its `document` file name."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a directory of gold files")
    gold: dict[str, GoldDocument] = {}
    for path in sorted(p for p in gold_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
        doc = load_gold_file(path, vocabulary)
        if doc.document in gold:
            raise GoldError(
                f"{path}: document {doc.document!r} is also annotated in {gold[doc.document].path}"
            )
        gold[doc.document] = doc
    return gold


# --------------------------------------------------------------------------------------
# Predicates: does a system record match a gold record?
# --------------------------------------------------------------------------------------


@dataclass
class _System:
    """A system record with what every comparison needs computed once."""

    raw: dict[str, Any]
    evidence: list[str]  # normalised evidence texts

    def get(self, key: str) -> Any:
        return self.raw.get(key)


def _evidence_texts(record: Mapping[str, Any], text: str | None) -> list[str]:
    """Normalised evidence span texts; a span without `text` is read from the document."""
    spans = record.get("evidence") or []
    out = []
    for span in spans if isinstance(spans, list) else []:
        if not isinstance(span, dict):
            continue
        span_text = span.get("text")
        if not isinstance(span_text, str) and text is not None:
            start, end = span.get("start"), span.get("end")
            span_text = text[start:end] if isinstance(start, int) and isinstance(end, int) else None
        if isinstance(span_text, str):
            out.append(normalise(span_text))
    return out


def system_date(record: Mapping[str, Any]) -> tuple[DateInterval | None, bool]:
    """The record's date and whether it could be read at all (an unreadable date is never right)."""
    try:
        return parse_date(record.get("date")), True
    except (ValueError, TypeError, KeyError):
        return None, False


def date_right(gold: DateInterval | None, system: DateInterval | None) -> bool:
    """Inside the gold interval (for a one-day gold that is equality); null only for null."""
    if gold is None:
        return system is None
    if system is None:
        return False
    return gold.contains(system)


def _actors_agree(gold: GoldEvent, record: _System) -> bool:
    if gold.symmetric:
        parties = record.get("parties")
        if not isinstance(parties, list):  # a system that coded it directed: its two actors
            parties = [record.get("source"), record.get("target")]
        return {p for p in parties if p} == gold.parties
    if record.get("source") != gold.source:
        return False
    return gold.target is None or record.get("target") == gold.target


def event_matches(gold: GoldEvent, record: _System) -> bool:
    return (
        record.get("type") == gold.type
        and _actors_agree(gold, record)
        and _contains_any(record.evidence, gold.texts)
    )


def _event_matches_strict(gold: GoldEvent, record: _System) -> bool:
    if not event_matches(gold, record):
        return False
    date, readable = system_date(record.raw)
    # an optional record's date is not scored: finding it never counts against the system
    return gold.optional or (readable and date_right(gold.date, date))


def _as_number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def system_numbers(record: Mapping[str, Any]) -> tuple[float, ...] | None:
    """(value,), (low, high), or the one bound given; None when the record has no number."""
    value = _as_number(record.get("value"))
    if value is not None:
        return (value,)
    low, high = _as_number(record.get("low")), _as_number(record.get("high"))
    if low is not None and high is not None:
        return (low, high)
    bound = low if low is not None else high
    return (bound,) if bound is not None else None


def within_tolerance(system: float, gold: float, tolerance: float = CLAIM_TOLERANCE) -> bool:
    # the tiny slack keeps 0.918 vs 0.9 (exactly 2%) from failing on float rounding
    return abs(system - gold) <= tolerance * abs(gold) * (1 + 1e-9) + 1e-12


def numbers_match(gold: Sequence[float], system: Sequence[float] | None) -> bool:
    if system is None or len(system) != len(gold):
        return False
    return all(within_tolerance(s, g) for s, g in zip(system, gold, strict=True))


def claim_matches(gold: GoldClaim, record: _System) -> bool:
    return (
        record.get("subject") == gold.subject
        and record.get("attribute") == gold.attribute
        and numbers_match(gold.values, system_numbers(record.raw))
        and _contains_any(record.evidence, gold.texts)
    )


def _quote_text(record: _System) -> str:
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        return text
    return " ".join(record.evidence)  # no quote text: what it cites is the best stand-in


def quote_matches(gold: GoldQuote, record: _System) -> bool:
    if record.get("actor") != gold.actor:
        return False
    system_text = _quote_text(record)
    return any(quote_overlap(g, system_text) >= QUOTE_MIN_OVERLAP for g in gold.texts)


def indicator_matches(gold: GoldIndicator, record: _System) -> bool:
    return (
        record.get("territory") == gold.territory
        and record.get("patron") == gold.patron
        and record.get("dimension") == gold.dimension
        and _contains_any(record.evidence, gold.texts)
    )


_PREDICATES: dict[str, Callable[[Any, _System], bool]] = {
    "event": event_matches,
    "claim": claim_matches,
    "quote": quote_matches,
    "indicator": indicator_matches,
}


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


def max_bipartite_matching(adjacency: Sequence[Sequence[int]], order: Iterable[int]) -> dict[int, int]:
    """Gold index -> system index, by augmenting paths (Kuhn), gold taken in `order`.

    An augmentation re-routes matched gold records but never unmatches one, so gold
    taken earlier (the required records) keep the largest number of matches possible.
    """
    system_to_gold: dict[int, int] = {}

    def augment(gold_index: int, visited: set[int]) -> bool:
        for system_index in adjacency[gold_index]:
            if system_index in visited:
                continue
            visited.add(system_index)
            holder = system_to_gold.get(system_index)
            if holder is None or augment(holder, visited):
                system_to_gold[system_index] = gold_index
                return True
        return False

    for gold_index in order:
        augment(gold_index, set())
    return {g: s for s, g in system_to_gold.items()}


@dataclass
class _Assignment:
    """One matching of one kind in one document."""

    pairs: list[tuple[int, int]]  # (gold index, system index) for required gold
    absorbed: list[tuple[int, int]]  # (optional gold index, system index): neither TP nor FP
    missed: list[int]  # required gold indices left unmatched
    unmatched: list[int]  # system indices that are false positives


def _assign(
    gold: Sequence[GoldRecord], system: Sequence[_System], predicate: Callable[[Any, _System], bool]
) -> _Assignment:
    adjacency = [[j for j, rec in enumerate(system) if predicate(g, rec)] for g in gold]
    required = [i for i, g in enumerate(gold) if not g.optional]
    optional = [i for i, g in enumerate(gold) if g.optional]
    matching = max_bipartite_matching(adjacency, required + optional)
    used = set(matching.values())
    return _Assignment(
        pairs=sorted((g, s) for g, s in matching.items() if not gold[g].optional),
        absorbed=sorted((g, s) for g, s in matching.items() if gold[g].optional),
        missed=[i for i in required if i not in matching],
        unmatched=[j for j in range(len(system)) if j not in used],
    )


# --------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class KindScore:
    """Counts for one record kind (summed over documents, or of one document)."""

    gold: int = 0  # required gold records
    optional_gold: int = 0
    found: int = 0  # system records scored (asserted events only)
    matched: int = 0  # system records matched to required gold
    absorbed: int = 0  # system records matched to optional gold: neither TP nor FP

    @property
    def false_positives(self) -> int:
        return self.found - self.matched - self.absorbed

    @property
    def misses(self) -> int:
        return self.gold - self.matched

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.found - self.absorbed)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: KindScore) -> None:
        self.gold += other.gold
        self.optional_gold += other.optional_gold
        self.found += other.found
        self.matched += other.matched
        self.absorbed += other.absorbed


@dataclass
class Miss:
    """A required gold record no system record matched."""

    kind: str
    document: str
    record: dict[str, Any]  # the gold entry as written
    sentence: str  # the sentence of the document that holds its text ('' if not found)


@dataclass
class FalsePositive:
    kind: str
    document: str
    record: dict[str, Any]  # the system record as exported
    sentence: str


@dataclass
class DateMismatch:
    """A lenient event match whose date is not right (so it fails the strict predicate)."""

    document: str
    gold: dict[str, Any]
    record: dict[str, Any]
    gold_date: DateInterval | None
    system_date: DateInterval | None
    sentence: str


@dataclass
class PublishedScore:
    document: str
    gold: DateInterval
    inferred: DateInterval | None

    @property
    def right(self) -> bool:
        """Inferred contains the gold day, or, for a gold interval, overlaps it."""
        if self.inferred is None:
            return False
        if self.gold.width_days == 1:
            return self.inferred.contains(self.gold)
        return self.inferred.overlaps(self.gold)

    @property
    def width_days(self) -> int | None:
        return self.inferred.width_days if self.inferred else None


@dataclass
class DocumentScore:
    document: str
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    events_strict: KindScore = field(default_factory=KindScore)
    dates_right: int = 0  # of the lenient event matches
    ignored_events: int = 0  # non-asserted events, not scored
    published: PublishedScore | None = None


@dataclass
class EvalReport:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    events_strict: KindScore = field(default_factory=KindScore)
    dates_right: int = 0  # lenient event matches whose date is right
    qualifiers_agree: int = 0  # matched claims whose qualifier equals the gold's
    qualifiers_compared: int = 0  # matched claims whose gold names a qualifier
    ignored_events: int = 0
    documents: dict[str, DocumentScore] = field(default_factory=dict)
    published: list[PublishedScore] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    date_mismatches: list[DateMismatch] = field(default_factory=list)
    unscored_documents: list[str] = field(default_factory=list)  # records without a gold file
    warnings: list[str] = field(default_factory=list)

    @property
    def events(self) -> KindScore:
        return self.kinds["event"]

    @property
    def published_right(self) -> int:
        return sum(p.right for p in self.published)

    def summary_line(self) -> str:
        """The one line the spec fixes: lenient event P/R/F1, strict F1, F1 per kind, dates."""
        ev = self.events
        return (
            f"events P={ev.precision:.2f} R={ev.recall:.2f} F1={ev.f1:.2f} "
            f"strict_F1={self.events_strict.f1:.2f} | claims F1={self.kinds['claim'].f1:.2f} | "
            f"quotes F1={self.kinds['quote'].f1:.2f} | indicators F1={self.kinds['indicator'].f1:.2f} | "
            f"published {self.published_right}/{len(self.published)}"
        )


# --------------------------------------------------------------------------------------
# Sentences, for printing a miss or a false positive in context
# --------------------------------------------------------------------------------------

_SENTENCE_END = ".!?"
_CLOSERS = "\"')]”’»"  # may follow the full stop: 'security.” As the treaty'
_CONTEXT_LIMIT = 300  # characters either side: a footer-mangled "sentence" can be a page


def _ends_sentence(text: str, space_at: int) -> bool:
    """Is text[space_at] a space right after . ! ? (and any closing quotes or brackets)?"""
    if not text[space_at].isspace():
        return False
    i = space_at - 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i >= 0 and text[i] in _SENTENCE_END


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (bounded by . ! ? before a space, or a line break) holding [start, end)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = start
    while left > 0 and start - left < _CONTEXT_LIMIT:
        if text[left - 1] == "\n" or _ends_sentence(text, left - 1):
            break
        left -= 1
    right = end
    while right < len(text) and right - end < _CONTEXT_LIMIT:
        if text[right] == "\n" or _ends_sentence(text, right):
            break
        right += 1
    return _WHITESPACE.sub(" ", text[left:right]).strip()


def _sentence_of_gold(text: str | None, gold_texts: Sequence[str]) -> str:
    if not text:
        return ""
    norm, offsets = normalise_with_map(text)
    for gold_text in gold_texts:
        at = norm.find(gold_text)
        if at >= 0:
            return sentence_around(text, offsets[at], offsets[at + len(gold_text) - 1] + 1)
    return ""


def _sentence_of_record(text: str | None, record: Mapping[str, Any]) -> str:
    spans = [s for s in record.get("evidence") or [] if isinstance(s, dict)]
    if not spans:
        return ""
    span = spans[0]
    start, end = span.get("start"), span.get("end")
    if text and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return sentence_around(text, start, end)
    return normalise(str(span.get("text") or ""))


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------


def _is_asserted(record: Mapping[str, Any]) -> bool:
    return (record.get("modality") or "asserted") == "asserted"


@dataclass
class _DocRecords:
    published: Any = None
    has_document: bool = False
    by_kind: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in KINDS})
    ignored_events: int = 0


def _group(
    records: Iterable[dict[str, Any]], gold: Mapping[str, GoldDocument]
) -> tuple[dict[str, _DocRecords], list[str]]:
    """System records of the gold documents, by document and kind; other documents are set aside."""
    grouped = {name: _DocRecords() for name in gold}
    unscored: set[str] = set()
    for record in records:
        name = record.get("document")
        if name not in grouped and isinstance(name, str) and Path(name).name in grouped:
            name = Path(name).name  # a path where the file name was meant: same document
        if name not in grouped:
            unscored.add(str(name))
            continue
        kind = record.get("kind")
        slot = grouped[name]
        if kind == "document" and not slot.has_document:
            slot.published, slot.has_document = record.get("published"), True
        elif kind == "event" and not _is_asserted(record):
            slot.ignored_events += 1
        elif kind in slot.by_kind:
            slot.by_kind[kind].append(record)
    return grouped, sorted(unscored)


def _score_kind(
    kind: str,
    gold_doc: GoldDocument,
    system: list[_System],
    text: str | None,
    report: EvalReport,
    doc_score: DocumentScore,
) -> _Assignment:
    gold = gold_doc.records(kind)
    assignment = _assign(gold, system, _PREDICATES[kind])
    counts = KindScore(
        gold=sum(not g.optional for g in gold),
        optional_gold=sum(g.optional for g in gold),
        found=len(system),
        matched=len(assignment.pairs),
        absorbed=len(assignment.absorbed),
    )
    doc_score.kinds[kind] = counts
    report.kinds[kind].add(counts)
    name = gold_doc.document
    report.misses += [
        Miss(kind, name, gold[i].raw, _sentence_of_gold(text, gold[i].texts)) for i in assignment.missed
    ]
    report.false_positives += [
        FalsePositive(kind, name, system[j].raw, _sentence_of_record(text, system[j].raw))
        for j in assignment.unmatched
    ]
    return assignment


def _score_event_dates(
    gold_doc: GoldDocument,
    system: list[_System],
    lenient: _Assignment,
    text: str | None,
    report: EvalReport,
    doc_score: DocumentScore,
) -> None:
    """Strict scoring (its own matching) and the date of every lenient match."""
    strict = _assign(gold_doc.events, system, _event_matches_strict)
    doc_score.events_strict = KindScore(
        gold=doc_score.kinds["event"].gold,
        optional_gold=doc_score.kinds["event"].optional_gold,
        found=len(system),
        matched=len(strict.pairs),
        absorbed=len(strict.absorbed),
    )
    report.events_strict.add(doc_score.events_strict)
    for g, s in lenient.pairs:
        gold_event, record = gold_doc.events[g], system[s]
        date, readable = system_date(record.raw)
        if readable and date_right(gold_event.date, date):
            doc_score.dates_right += 1
            continue
        report.date_mismatches.append(
            DateMismatch(
                gold_doc.document,
                gold_event.raw,
                record.raw,
                gold_event.date,
                date,
                _sentence_of_record(text, record.raw),
            )
        )
    report.dates_right += doc_score.dates_right


def _score_qualifiers(
    gold_doc: GoldDocument, system: list[_System], lenient: _Assignment, report: EvalReport
) -> None:
    """An extra figure: the spec does not make the qualifier a matching condition."""
    for g, s in lenient.pairs:
        gold_claim = gold_doc.claims[g]
        if gold_claim.qualifier is not None:
            report.qualifiers_compared += 1
            report.qualifiers_agree += system[s].get("qualifier") == gold_claim.qualifier


def _score_published(gold_doc: GoldDocument, records: _DocRecords, doc_score: DocumentScore) -> None:
    if gold_doc.published is None:
        return  # nothing to compare against
    try:
        inferred = parse_date(records.published)
    except (ValueError, TypeError, KeyError):
        inferred = None  # unreadable counts as not inferred: wrong
    doc_score.published = PublishedScore(gold_doc.document, gold_doc.published, inferred)


def score(
    gold: dict[str, GoldDocument], records: Iterable[dict[str, Any]], texts: Mapping[str, str]
) -> EvalReport:
    """Score export-format records against gold: only gold documents, only asserted events."""
    report = EvalReport()
    grouped, report.unscored_documents = _group(records, gold)
    for name in sorted(gold):
        gold_doc, doc_records, text = gold[name], grouped[name], texts.get(name)
        doc_score = DocumentScore(name, ignored_events=doc_records.ignored_events)
        report.ignored_events += doc_records.ignored_events
        report.warnings += [f"{gold_doc.path}: {w}" for w in gold_doc.warnings]
        for kind in KINDS:
            system = [_System(r, _evidence_texts(r, text)) for r in doc_records.by_kind[kind]]
            lenient = _score_kind(kind, gold_doc, system, text, report, doc_score)
            if kind == "event":
                _score_event_dates(gold_doc, system, lenient, text, report, doc_score)
            elif kind == "claim":
                _score_qualifiers(gold_doc, system, lenient, report)
        _score_published(gold_doc, doc_records, doc_score)
        if doc_score.published is not None:
            report.published.append(doc_score.published)
        report.documents[name] = doc_score
    return report


# --------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------

_KIND_TITLES = {"event": "events", "claim": "claims", "quote": "quotes", "indicator": "indicators"}


def _render(*tables: Table) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=140,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for table in tables:
        console.print(table)
    # rich pads titles to the table's width; trailing blanks only make diffs noisy
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


def _table(title: str, columns: Sequence[str]) -> Table:
    table = Table(title=title, box=box.ASCII, title_justify="left", safe_box=True)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    return table


def _score_row(label: str, counts: KindScore) -> list[Text]:
    cells = [
        label,
        str(counts.gold),
        str(counts.found),
        str(counts.matched),
        str(counts.optional_gold),
        str(counts.absorbed),
        str(counts.false_positives),
        f"{counts.precision:.2f}",
        f"{counts.recall:.2f}",
        f"{counts.f1:.2f}",
    ]
    return [Text(c) for c in cells]


def _scores_table(report: EvalReport) -> Table:
    table = _table(
        "Scores", ["kind", "gold", "found", "matched", "opt. gold", "opt. found", "FP", "P", "R", "F1"]
    )
    table.add_row(*_score_row("events (lenient)", report.events))
    table.add_row(*_score_row("events (strict)", report.events_strict))
    for kind in KINDS[1:]:
        table.add_row(*_score_row(_KIND_TITLES[kind], report.kinds[kind]))
    return table


def _documents_table(report: EvalReport) -> Table:
    columns = [
        "document",
        "events m/g/f",
        "strict m",
        "dates right",
        "claims m/g/f",
        "quotes m/g/f",
        "indicators m/g/f",
        "ignored events",
    ]
    table = _table("Per document (matched/gold/found)", columns)
    for name, doc in report.documents.items():
        cells = [name]
        for kind in KINDS:
            counts = doc.kinds[kind]
            cells.append(f"{counts.matched}/{counts.gold}/{counts.found}")
            if kind == "event":
                cells += [str(doc.events_strict.matched), f"{doc.dates_right}/{counts.matched}"]
        cells.append(str(doc.ignored_events))
        table.add_row(*[Text(c) for c in cells])
    return table


def _published_table(report: EvalReport) -> Table:
    table = _table("Publication date", ["document", "gold", "inferred", "right?", "width (days)"])
    for item in report.published:
        width = "" if item.width_days is None else str(item.width_days)
        cells = [
            item.document,
            str(item.gold),
            str(item.inferred or "-"),
            "yes" if item.right else "NO",
            width,
        ]
        table.add_row(*[Text(c) for c in cells])
    return table


def _figures(report: EvalReport) -> list[str]:
    matched = report.events.matched
    lines = [
        f"event dates right: {report.dates_right}/{matched} of lenient matches"
        f" ({_ratio(report.dates_right, matched):.2f})",
        f"claim qualifiers agree: {report.qualifiers_agree}/{report.qualifiers_compared} of matched claims",
        f"non-asserted events ignored: {report.ignored_events}",
    ]
    if report.unscored_documents:
        lines.append(f"documents without gold, not scored: {', '.join(report.unscored_documents)}")
    return lines


def _actors(record: Mapping[str, Any]) -> str:
    parties = record.get("parties")
    if isinstance(parties, list) and parties:
        return "+".join(sorted(str(p) for p in parties))
    return f"{record.get('source')}->{record.get('target')}"


def _value(record: Mapping[str, Any]) -> str:
    value = record.get("value")
    if isinstance(value, list):
        return f"{value[0]}-{value[1]}"
    if value is None and (record.get("low") is not None or record.get("high") is not None):
        return f"{record.get('low')}-{record.get('high')}"
    return str(value)


def _first_text(record: Mapping[str, Any]) -> str:
    text = record.get("text")
    if isinstance(text, list):
        return " | ".join(str(t) for t in text)
    if isinstance(text, str):
        return text
    spans = record.get("evidence") or []
    return " ... ".join(str(s.get("text", "")) for s in spans if isinstance(s, dict))


def _date_str(value: Any) -> str:
    try:
        interval = parse_date(value)
    except (ValueError, TypeError, KeyError):
        return f"invalid {value!r}"
    return str(interval) if interval else "null"


def describe(kind: str, record: Mapping[str, Any]) -> str:
    """One line for a gold or system record: what it says and the text it rests on."""
    if kind == "event":
        head = f"{record.get('type')} {_actors(record)} date={_date_str(record.get('date'))}"
    elif kind == "claim":
        head = f"{record.get('subject')} {record.get('attribute')}={_value(record)}"
    elif kind == "quote":
        head = f"{record.get('actor')} ({record.get('speaker')})"
    else:
        head = f"{record.get('territory')}<-{record.get('patron')} {record.get('dimension')}"
    return f'{head}: "{normalise(_first_text(record))}"'


def _listing(report: EvalReport) -> list[str]:
    lines = [f"\nMISSES ({len(report.misses)}: required gold records not found)"]
    for miss in report.misses:
        lines.append(f"  [{miss.kind}] {miss.document}: {describe(miss.kind, miss.record)}")
        lines.append(f"      sentence: {miss.sentence or '(gold text not found in the document)'}")
    lines.append(f"\nFALSE POSITIVES ({len(report.false_positives)})")
    for fp in report.false_positives:
        lines.append(f"  [{fp.kind}] {fp.document}: {describe(fp.kind, fp.record)}")
        lines.append(f"      sentence: {fp.sentence}")
    lines.append(f"\nEVENT DATES WRONG ({len(report.date_mismatches)}: lenient matches that fail strict)")
    for dm in report.date_mismatches:
        lines.append(f"  {dm.document}: {describe('event', dm.gold)}")
        lines.append(f"      system date {dm.system_date or 'null'} vs gold date {dm.gold_date or 'null'}")
        lines.append(f"      sentence: {dm.sentence}")
    if report.warnings:
        lines.append(f"\nGOLD WARNINGS ({len(report.warnings)})")
        lines += [f"  {w}" for w in report.warnings]
    return lines


def format_report(report: EvalReport, *, verbose: bool = True) -> str:
    """Tables, then (verbose) every miss and false positive, then the spec's one summary line."""
    parts = [
        _render(_scores_table(report)),
        *_figures(report),
        "",
        _render(_documents_table(report), _published_table(report)),
    ]
    if verbose:
        parts += _listing(report)
    parts += ["", report.summary_line()]
    return "\n".join(parts)


__all__ = [
    "DateMismatch",
    "DocumentScore",
    "EvalReport",
    "FalsePositive",
    "GoldClaim",
    "GoldDocument",
    "GoldError",
    "GoldEvent",
    "GoldIndicator",
    "GoldQuote",
    "KindScore",
    "Miss",
    "PublishedScore",
    "format_report",
    "load_gold",
    "load_gold_file",
    "normalise",
    "score",
]
