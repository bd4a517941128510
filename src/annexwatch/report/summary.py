"""The summary, written from the data by templates: recognition, key events, agreements,
the scorecard and how it moved, figures. A sentence is written only when its data exist,
and each cites the documents it rests on; nothing is inferred beyond what the sections
below it show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from annexwatch.knowledge.events import Source
from annexwatch.report.model import Dossier, FigureGroup, RecognitionRow, ScoreRow, Statement, TimelineRow
from annexwatch.report.notes import cited_in_order
from annexwatch.report.phrases import count_words, date_words, join_names, long_date, name, when

HIGH_LEVELS = ("extensive", "complete")
# Figures worth a sentence of their own when the sources agree on them.
HEADLINE_ATTRIBUTES = ("population", "patron_citizen_share", "patron_troops")
MAX_CONTESTED = 3
# Events that change a territory's status, each a sentence when dated.
STATUS_SENTENCES: dict[str, str] = {
    "declare_independence": "{source} declared independence from {target} {when}",
    "hold_referendum": "A referendum was held in {source} {when}",
    "annex": "{source} annexed {target} {when}",
}
REFERENDUM_ON_JOINING = "A referendum on joining {target} was held in {source} {when}"


@dataclass(frozen=True)
class Baseline:
    """The scorecard on an earlier day, for 'up from'."""

    day: dt.date
    rows: list[ScoreRow]
    years: int = 10


def write_summary(dossier: Dossier, baseline: Baseline | None = None) -> list[Statement]:
    statements: list[Statement] = []
    statements += recognition_statements(dossier)
    statements += status_statements(dossier)
    statements += agreement_statements(dossier)
    statements += scorecard_statements(dossier, baseline)
    statements += figure_statements(dossier)
    statements += coverage_statements(dossier)
    return statements


# --- recognition ------------------------------------------------------------------------
def recognition_statements(dossier: Dossier) -> list[Statement]:
    """The patron's recognition, other states' recognitions, withdrawals."""
    out = []
    by_state: dict[str, list[RecognitionRow]] = {}
    for row in dossier.recognitions:
        by_state.setdefault(row.state, []).append(row)
    patron_rows = [r for r in by_state.pop(dossier.patron or "", []) if not r.withdrawn]
    if patron_rows:
        row = patron_rows[0]
        text = f"{dossier.patron_name} recognised {dossier.territory_name} as an independent state"
        if row.date:
            text += f" {when(row.date)}" + (", the date most sources give" if row.conflict else "")
        out.append(Statement(text, row.sources))
    current, withdrawn = [], []
    for _state, rows in sorted(by_state.items()):
        recognised = [r for r in rows if not r.withdrawn]
        withdrawals = [r for r in rows if r.withdrawn]
        if recognised and withdrawals and not _withdrawal_precedes(withdrawals[-1], recognised[0]):
            withdrawn.append((recognised[0], withdrawals[-1]))
        elif recognised:
            current.append(recognised[0])
    if current:
        out.append(_others_statement(current, dossier.patron_name is not None and bool(patron_rows)))
    for recognition, withdrawal in withdrawn:
        text = f"{recognition.state_name} recognised it"
        text += f" {when(recognition.date)}" if recognition.date else ""
        text += " and withdrew its recognition" + (f" {when(withdrawal.date)}" if withdrawal.date else "")
        out.append(Statement(text, recognition.sources + withdrawal.sources))
    return out


def _withdrawal_precedes(withdrawal: RecognitionRow, recognition: RecognitionRow) -> bool:
    """A withdrawal dated before the recognition does not undo it (a re-recognition)."""
    return bool(withdrawal.date and recognition.date and withdrawal.date.end < recognition.date.start)


def _others_statement(rows: list[RecognitionRow], after_patron: bool) -> Statement:
    dated = sorted((r for r in rows if r.date), key=lambda r: r.date.start)  # type: ignore[union-attr]
    undated = sorted(r.state_name for r in rows if not r.date)
    parts = [f"{r.state_name} ({date_words(r.date)})" for r in dated if r.date]
    if undated:
        parts.append(join_names(undated) + " (no date given)")
    other = " other" if after_patron else ""
    noun = "state" if len(rows) == 1 else "states"
    text = f"The sources report recognition by {count_words(len(rows))}{other} {noun}: " + "; ".join(parts)
    return Statement(text, tuple(s for r in dated + [r for r in rows if not r.date] for s in r.sources))


# --- status and agreements ----------------------------------------------------------------
def status_statements(dossier: Dossier) -> list[Statement]:
    """Declarations of independence, referendums, annexation: the first dated one of each."""
    firsts: list[TimelineRow] = []
    for type_ in STATUS_SENTENCES:
        rows = [r for r in dossier.timeline if r.type == type_ and r.date]
        firsts += rows[:1]
    out = []
    for row in sorted(firsts, key=lambda r: r.date.start):  # type: ignore[union-attr]
        template = STATUS_SENTENCES[row.type]
        if row.type == "hold_referendum" and row.target:
            template = REFERENDUM_ON_JOINING
        assert row.date is not None
        text = template.format(source=name(row.source), target=name(row.target), when=when(row.date))
        out.append(Statement(text, row.sources))
    return out


def agreement_statements(dossier: Dossier) -> list[Statement]:
    """How many agreements the territory signed with its patron, the first and the latest."""
    if not dossier.patron:
        return []
    pair = {dossier.patron, dossier.territory}
    rows = [r for r in dossier.timeline if r.type == "sign_agreement" and pair <= set(r.parties)]
    if not rows:
        return []
    who = f"{dossier.patron_name} and {dossier.territory_name}"
    first, last = rows[0], rows[-1]
    assert first.date is not None and last.date is not None
    if len(rows) == 1:
        text = f"The sources report one agreement signed by {who}, {date_words(first.date)}"
    else:
        text = (
            f"The sources report {count_words(len(rows))} agreements signed by {who}, the first "
            f"{when(first.date)} and the latest {when(last.date)}"
        )
    return [Statement(text, _union(r.sources for r in rows))]


# --- scorecard --------------------------------------------------------------------------
def scorecard_statements(dossier: Dossier, baseline: Baseline | None) -> list[Statement]:
    rows = dossier.scorecard
    scored = [r for r in rows if r.level != "none"]
    if not scored:
        return []
    out = [_levels_statement(dossier, rows)]
    if baseline is not None and _has_evidence_before(dossier, baseline.day):
        out.append(_change_statement(rows, baseline))
    latest = max(scored, key=lambda r: (r.since or dt.date.min, r.dimension))
    if latest.since:
        out.append(
            Statement(
                f"The most recent rise came on {long_date(latest.since)}, when "
                f"{latest.label.lower()} reached '{latest.level}'",
                latest.sources,
            )
        )
    return out


def _levels_statement(dossier: Dossier, rows: list[ScoreRow]) -> Statement:
    total = len(rows)
    complete = [r for r in rows if r.level == "complete"]
    extensive = [r for r in rows if r.level == "extensive"]
    partial = [r for r in rows if r.level == "partial"]
    none = [r for r in rows if r.level == "none"]
    head = f"As of {long_date(dossier.as_of)}, integration with {dossier.patron_name} stands at "
    clauses = []
    if complete:
        clauses.append(f"'complete' on {len(complete)} of {total} dimensions ({_labels(complete)})")
    if extensive:
        more = " more" if complete else f" of {total} dimensions"
        clauses.append(f"'extensive' on {len(extensive)}{more}")
    if partial:
        clauses.append(f"'partial' on {len(partial)}" + ("" if clauses else f" of {total} dimensions"))
    text = head + _and(clauses)
    if none:
        text += f"; {len(none)} show no evidence ({_labels(none)})"
    return Statement(text, _union(r.sources for r in rows if r.level != "none"))


def _change_statement(rows: list[ScoreRow], baseline: Baseline) -> Statement:
    before = {r.dimension: r for r in baseline.rows}
    high_then = sum(1 for r in baseline.rows if r.level in HIGH_LEVELS)
    rank = {level: i for i, level in enumerate(("none", "partial", "extensive", "complete"))}
    risen = [r for r in rows if r.dimension in before and rank[r.level] > rank[before[r.dimension].level]]
    then = f"{count_words(baseline.years).capitalize()} years earlier, on {long_date(baseline.day)}"
    dimensions = "dimension was" if high_then == 1 else "dimensions were"
    text = f"{then}, {count_words(high_then)} {dimensions} at 'extensive' or above"
    if not risen:
        return Statement(text + "; no level has risen since", ())
    text += f"; since then {_labels(risen)} {'has' if len(risen) == 1 else 'have'} risen"
    return Statement(text, _union(r.sources for r in risen))


def _has_evidence_before(dossier: Dossier, day: dt.date) -> bool:
    """'Up from' means something only when the sources reach back before the baseline."""
    return bool(dossier.chart and dossier.chart.series and dossier.chart.series[0].date <= day)


def _labels(rows: list[ScoreRow]) -> str:
    return join_names([r.label.lower() for r in rows])


def _and(clauses: list[str]) -> str:
    return join_names(clauses)


# --- figures ----------------------------------------------------------------------------
def figure_statements(dossier: Dossier) -> list[Statement]:
    out = []
    contested = [g for g in dossier.figures if g.contested]
    for group in contested[:MAX_CONTESTED]:
        about = f" ({group.about})" if group.about else ""
        text = f"The sources disagree on the {group.label}{about}: {group.range_text}"
        out.append(Statement(text, _union(f.sources for f in group.figures)))
    agreed = {g.attribute: g for g in dossier.figures if not g.contested and not g.about}
    for attribute in HEADLINE_ATTRIBUTES:
        group = agreed.get(attribute)
        if group:
            text = f"The sources put the {group.label} at {_figure_words(group)}"
            out.append(Statement(text, _union(f.sources for f in group.figures)))
    return out


def _figure_words(group: FigureGroup) -> str:
    """'about 50,000' when the sources give one approximate value, '3,500 to 4,000' otherwise."""
    approximate = any(f.qualifier in ("approximate", "estimate") for f in group.figures)
    if " to " not in group.range_text and approximate:
        return "about " + group.range_text
    return group.range_text


# --- coverage ---------------------------------------------------------------------------
def coverage_statements(dossier: Dossier) -> list[Statement]:
    """How much the dossier rests on: a remark about the data, so it cites nothing."""
    sources = {s.document: s for s in cited_in_order(dossier)}
    if not sources:
        return []
    years = sorted(s.published.start.year for s in sources.values() if s.published)
    text = f"This dossier rests on {count_words(len(sources))} document{'s' if len(sources) != 1 else ''}"
    if years:
        text += f" published {years[0]}" if years[0] == years[-1] else f" published {years[0]}–{years[-1]}"
    return [Statement(text)]


def _union(groups: Iterable[tuple[Source, ...]]) -> tuple[Source, ...]:
    """Sources of several items, each document once, in first-seen order."""
    seen: dict[str, Source] = {}
    for sources in groups:
        for source in sources:
            seen.setdefault(source.document, source)
    return tuple(seen.values())
