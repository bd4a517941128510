"""Words every format shares: section titles, the byline, captions and cell texts.

The renderers differ in markup only; what the dossier says, and in which order, is here
(the order is also the footnotes' numbering order, see notes.cited_in_order).
"""

from __future__ import annotations

from annexwatch.models import DateInterval
from annexwatch.report.model import Dossier, KeyQuote, RecognitionRow, ScoreRow
from annexwatch.report.phrases import long_date, short_date

TITLES: dict[str, str] = {
    "summary": "Summary",
    "timeline": "Timeline",
    "undated": "Reported without a date",
    "scorecard": "Integration scorecard",
    "chart": "Integration over time",
    "figures": "Contested figures",
    "agreed": "Figures the sources agree on",
    "recognitions": "Recognitions",
    "quotes": "Key quotes",
    "notes": "Sources and notes",
}


def byline(dossier: Dossier) -> str:
    parts = [f"Dossier on {dossier.territory_name} ({dossier.territory})"]
    if dossier.patron_name:
        parts.append(f"patron state: {dossier.patron_name}")
    if dossier.parent_name:
        parts.append(f"parent state: {dossier.parent_name}")
    parts.append(f"as of {long_date(dossier.as_of)}")
    parts.append(f"{len(dossier.notes)} sources")
    return " · ".join(parts)


def method_note() -> str:
    return (
        "Written by annexwatch from the articles it has read: the summary by templates from the "
        "data below, no language model. Each statement cites the documents it rests on; the notes "
        "at the end give each document's title, publication date and address."
    )


def timeline_intro(dossier: Dossier) -> str:
    return (
        f"Events involving {dossier.territory_name}, merged across documents: one row however many "
        "articles report an event, dated with the narrowest interval all of them allow."
    )


def conflict_note(conflict: str | None) -> str:
    return f"Sources disagree on the date: {conflict}." if conflict else ""


DATES_DIFFER = "(dates differ)"


def date_cell(date: DateInterval | None, conflict: str | None) -> str:
    """The table's date, flagged when the sources disagree (the detail goes with the sentence)."""
    return short_date(date) + (f" {DATES_DIFFER}" if conflict else "")


def evidence_text(row: ScoreRow) -> str:
    if not row.sentence:
        return "no evidence"
    reports = f"{row.evidence_count} report{'s' if row.evidence_count != 1 else ''}"
    return f"{row.sentence} ({row.dated_by}; {reports})"


def sentence_case(text: str) -> str:
    """'troops of Russia' -> 'Troops of Russia' (str.capitalize would lower 'Russia')."""
    return text[:1].upper() + text[1:]


def scorecard_intro(dossier: Dossier) -> str:
    score = f" Overall score {dossier.score * 100:.0f} of 100." if dossier.score is not None else ""
    return (
        f"How far {dossier.territory_name} is integrated with {dossier.patron_name}, dimension by "
        f"dimension, as of {long_date(dossier.as_of)}: the highest level any evidence dated up to "
        f"then supports, and the evidence that first showed it.{score}"
    )


def chart_caption(dossier: Dossier) -> str:
    return (
        "The score is the mean level over all dimensions (none 0, partial 1, extensive 2, complete 3), "
        "scaled to 100; it rises on the day some dimension reaches a higher level. The bars below show "
        "each dimension's level over time."
    )


def no_chart_text(dossier: Dossier) -> str:
    return f"No dated evidence of integration with {dossier.patron_name or 'a patron'} is stored."


def figures_intro(dossier: Dossier) -> str:
    contested = [g for g in dossier.figures if g.contested]
    if not dossier.figures:
        return f"The sources give no figures for {dossier.territory_name}."
    if not contested:
        return (
            f"The sources disagree on none of the {len(dossier.figures)} figures they give for "
            f"{dossier.territory_name}, beyond each figure's tolerance."
        )
    return (
        f"Figures on which the sources disagree beyond tolerance ({len(contested)} of "
        f"{len(dossier.figures)}), each with every source's value."
    )


def recognition_what(row: RecognitionRow) -> str:
    return "withdrew recognition" if row.withdrawn else "recognised"


def recognitions_intro(dossier: Dossier) -> str:
    if not dossier.recognitions:
        return f"The sources report no recognition of {dossier.territory_name}."
    return f"States that recognised {dossier.territory_name}, or withdrew their recognition, in the sources."


def quote_attribution(quote: KeyQuote) -> str:
    side = f" ({quote.actor_name})" if quote.actor_name and quote.actor_name not in quote.speaker else ""
    how = "" if quote.direct else ", reported speech"
    return f"{quote.speaker}{side}{how}"


def quotes_intro(dossier: Dossier) -> str:
    if not dossier.quotes:
        return f"No quotes about {dossier.territory_name} are stored."
    return "Chosen for being in the speaker's own words, by named leaders of the sides concerned."
