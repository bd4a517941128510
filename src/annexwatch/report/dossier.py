"""Build the dossier's data from the knowledge layer: no formatting here, only selection.

What the dossier holds "as of" a date follows the scorecard's reading: an event counts
from its own date (a 2015 article on the 2008 recognition puts it in 2008), a figure
from its as-of date, and anything undated from the day its article was published.
"""

from __future__ import annotations

import datetime as dt

from annexwatch.knowledge import scorecard as sc
from annexwatch.knowledge.events import MergedEvent, Source, merged_timeline
from annexwatch.knowledge.figures import Figure, FigureSet, figure_sets
from annexwatch.pack import load_territories, load_vocabulary
from annexwatch.report.model import (
    ChartData,
    Dossier,
    FigureGroup,
    FigureRow,
    LevelStep,
    RecognitionRow,
    ScoreRow,
    SeriesPoint,
    TimelineRow,
)
from annexwatch.report.notes import number_notes
from annexwatch.report.phrases import attribute_label, describe_event, dimension_label, name
from annexwatch.report.quotes import key_quotes
from annexwatch.report.summary import Baseline, write_summary
from annexwatch.store import Store

RECOGNITION_TYPES = ("recognize", "withdraw_recognition")
BASELINE_YEARS = 10  # the summary compares the scorecard with this many years earlier


def build_dossier(store: Store, territory: str, as_of: dt.date | None = None) -> Dossier | None:
    """Everything the report says about a territory, with its sources; None when the store
    holds nothing about it."""
    code = territory.upper()
    as_of = as_of or dt.date.today()
    patron, parent = _patron_and_parent(store, code)
    events = merged_timeline(store, actor=code, include_undated=True, with_mentions=True)
    events = [e for e in events if _known_by(e, as_of)]
    cards = sc.scorecard(store, code, as_of, patron=patron) if patron else []
    card = cards[0] if cards else None
    groups = _figures(store, code, patron, as_of)
    sides = {c for c in (code, patron, parent) if c}
    quotes = key_quotes(store, code, sides, as_of)
    if not (events or (card and any(c.level != "none" for c in card.cells)) or groups or quotes):
        return None
    dossier = Dossier(
        territory=code,
        territory_name=name(code),
        patron=patron,
        patron_name=name(patron) if patron else None,
        parent=parent,
        parent_name=name(parent) if parent else None,
        as_of=as_of,
        summary=[],
        timeline=[_timeline_row(e) for e in events if e.date is not None],
        undated=[_timeline_row(e) for e in events if e.date is None],
        scorecard=[_score_row(c) for c in card.cells] if card else [],
        score=card.score if card else None,
        chart=_chart(store, code, patron, as_of) if card else None,
        figures=groups,
        recognitions=[_recognition(e) for e in events if e.type in RECOGNITION_TYPES and e.target == code],
        quotes=quotes,
    )
    baseline = _baseline(store, code, patron, as_of) if card else None
    dossier.summary = write_summary(dossier, baseline)
    dossier.notes = number_notes(dossier, store)
    return dossier


def _patron_and_parent(store: Store, code: str) -> tuple[str | None, str | None]:
    """From the pack; a territory the pack does not list takes the patron its indicators name."""
    known = load_territories().get(code)
    if known:
        return known.patron, known.parent
    pairs = [p for t, p in sc.territories(store) if t.upper() == code]
    return (pairs[0] if pairs else None), None


def _known_by(event: MergedEvent, as_of: dt.date) -> bool:
    if event.date is not None:
        return event.date.start <= as_of
    published = [m.source.published.start for m in event.mentions if m.source.published]
    return not published or min(published) <= as_of


def _sources(event: MergedEvent) -> tuple[Source, ...]:
    """Each document that reports the event once, best-dated report first."""
    seen: dict[str, Source] = {}
    for mention in event.mentions:
        seen.setdefault(mention.source.document, mention.source)
    return tuple(seen.values())


def _clean(text: str) -> str:
    return " ".join(text.split())


def _timeline_row(event: MergedEvent) -> TimelineRow:
    return TimelineRow(
        event_id=event.id,
        date=event.date,
        what=describe_event(event.type, event.source, event.target, event.parties),
        type=event.type,
        source=event.source,
        target=event.target,
        parties=tuple(event.parties or ()),
        sentence=_clean(event.sentence),
        conflict=event.conflict_text,
        sources=_sources(event),
    )


def _recognition(event: MergedEvent) -> RecognitionRow:
    state = event.source or "?"
    return RecognitionRow(
        event_id=event.id,
        state=state,
        state_name=name(state),
        withdrawn=event.type == "withdraw_recognition",
        date=event.date,
        conflict=event.conflict_text,
        sentence=_clean(event.sentence),
        sources=_sources(event),
    )


def _score_row(cell: sc.Cell) -> ScoreRow:
    evidence = cell.set_by
    return ScoreRow(
        dimension=cell.dimension,
        label=dimension_label(cell.dimension),
        means=load_vocabulary().indicator_dimensions.get(cell.dimension, ""),
        level=cell.level,
        since=cell.since,
        sentence=_clean(evidence.sentence) if evidence else "",
        dated_by=_dated_by(evidence.dated_by) if evidence else "",
        evidence_count=len(cell.evidence),
        sources=(evidence.source,) if evidence else (),
    )


def _dated_by(dated_by: str) -> str:
    """'event #4 (recognize)' -> 'dated by the event it reports'; the raw id means nothing
    to a reader of the dossier."""
    if dated_by.startswith("event"):
        return "dated by the event it reports"
    if dated_by == "publication":
        return "dated by publication"
    return dated_by


def _figures(store: Store, code: str, patron: str | None, as_of: dt.date) -> list[FigureGroup]:
    """Every figure given for the territory known by the date, contested ones first."""
    groups = []
    for figure_set in figure_sets(store, code):
        kept = [f for f in figure_set.figures if _figure_known_by(f, as_of)]
        if not kept:
            continue
        disagreements = [d for d in figure_set.disagreements if d.a in kept and d.b in kept]
        narrowed = FigureSet(figure_set.subject, figure_set.attribute, figure_set.about, kept, disagreements)
        groups.append(
            FigureGroup(
                attribute=narrowed.attribute,
                label=attribute_label(narrowed.attribute, name(patron) if patron else None),
                about=narrowed.about,
                contested=narrowed.contested,
                range_text=narrowed.range_text,
                figures=[_figure_row(f) for f in kept],
                disagreements=[
                    f"{d.a.shown} ({d.a.source.title or d.a.source.document}) vs "
                    f"{d.b.shown} ({d.b.source.title or d.b.source.document})"
                    for d in disagreements
                ],
            )
        )
    return sorted(groups, key=lambda g: not g.contested)


def _figure_known_by(figure: Figure, as_of: dt.date) -> bool:
    if figure.as_of is not None:
        return figure.as_of.start <= as_of
    published = figure.source.published
    return published is None or published.start <= as_of


def _figure_row(figure: Figure) -> FigureRow:
    return FigureRow(
        shown=figure.shown,
        qualifier=figure.qualifier,
        as_of=figure.as_of,
        sentence=_clean(figure.sentence),
        sources=(figure.source,),
    )


def _chart(store: Store, code: str, patron: str | None, as_of: dt.date) -> ChartData | None:
    """The score over time and each dimension's rises, up to the dossier's date."""
    if not patron:
        return None
    series = [SeriesPoint(day, score) for day, score in sc.score_series(store, code, patron) if day <= as_of]
    if not series:
        return None
    dimensions = []
    for dimension in sc.DIMENSIONS:
        steps = [
            LevelStep(s.date, s.level)
            for s in sc.level_history(store, code, patron, dimension)
            if s.date <= as_of
        ]
        dimensions.append((dimension_label(dimension), steps))
    # a year of nothing before the first rise shows where the line starts from
    start = dt.date(series[0].date.year - 1, 1, 1)
    return ChartData(name(code), name(patron), start, as_of, series, list(sc.LEVELS), dimensions)


def _baseline(store: Store, code: str, patron: str | None, as_of: dt.date) -> Baseline | None:
    """The scorecard some years earlier, for the summary's 'up from'."""
    if not patron:
        return None
    try:
        day = as_of.replace(year=as_of.year - BASELINE_YEARS)
    except ValueError:  # 29 February
        day = as_of.replace(year=as_of.year - BASELINE_YEARS, day=28)
    cards = sc.scorecard(store, code, day, patron=patron)
    if not cards:
        return None
    return Baseline(day, [_score_row(c) for c in cards[0].cells])
