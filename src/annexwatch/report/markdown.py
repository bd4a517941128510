"""The dossier as Markdown: footnotes in [^n] syntax (GitHub and Pandoc render them), the
chart as an SVG file beside the .md with the score series as a small table under it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annexwatch.knowledge.events import Source
from annexwatch.report import sections as sx
from annexwatch.report.chart import layout, series_rows, to_svg
from annexwatch.report.model import Dossier, FigureGroup
from annexwatch.report.notes import note_text
from annexwatch.report.phrases import short_date

Refs = Callable[[tuple[Source, ...]], str]


def chart_path(target: Path) -> Path:
    """XSO.md -> XSO.chart.svg, beside it."""
    return target.with_name(target.stem + ".chart.svg")


def write_markdown(dossier: Dossier, target: Path) -> None:
    svg = chart_path(target)
    if dossier.chart is not None:
        svg.write_text(to_svg(layout(dossier.chart), standalone=True), encoding="utf-8")
    target.write_text(to_markdown(dossier, svg.name), encoding="utf-8")


def to_markdown(dossier: Dossier, chart_file: str) -> str:
    def refs(sources: tuple[Source, ...]) -> str:
        return "".join(f"[^{n}]" for n in dossier.cite(sources))

    out: list[str] = [f"# {dossier.title}", "", f"*{sx.byline(dossier)}*", "", f"> {sx.method_note()}", ""]
    out += [f"## {sx.TITLES['summary']}", ""]
    out.append(" ".join(_sentence(s.text, refs(s.sources)) for s in dossier.summary))
    out.append("")

    out += [f"## {sx.TITLES['timeline']}", "", sx.timeline_intro(dossier), ""]
    out += _table(
        ["Date", "Event", "What the best-dated source says", "Sources"],
        [
            [
                sx.date_cell(r.date, r.conflict),
                r.what,
                _with_conflict(r.sentence, r.conflict),
                refs(r.sources),
            ]
            for r in dossier.timeline
        ],
    )
    if dossier.undated:
        out += [f"### {sx.TITLES['undated']}", ""]
        out += _table(
            ["Event", "What the source says", "Sources"],
            [[r.what, r.sentence, refs(r.sources)] for r in dossier.undated],
        )

    if dossier.scorecard:
        out += [f"## {sx.TITLES['scorecard']}", "", sx.scorecard_intro(dossier), ""]
        out += _table(
            ["Dimension", "Level", "Since", "Evidence that set the level", "Sources"],
            [
                [
                    r.label,
                    f"**{r.level}**",
                    r.since.isoformat() if r.since else "–",
                    sx.evidence_text(r),
                    refs(r.sources),
                ]
                for r in dossier.scorecard
            ],
        )
        out += [f"## {sx.TITLES['chart']}", ""]
        if dossier.chart is not None:
            out += [f"![{_cell(sx.TITLES['chart'])}]({chart_file})", "", sx.chart_caption(dossier), ""]
            out += _table(["Date", "Score (of 100)"], [list(row) for row in series_rows(dossier.chart)])
        else:
            out += [sx.no_chart_text(dossier), ""]

    out += [f"## {sx.TITLES['figures']}", "", sx.figures_intro(dossier), ""]
    for group in (g for g in dossier.figures if g.contested):
        out += _figure_group(group, refs)
    agreed = [g for g in dossier.figures if not g.contested]
    if agreed:
        out += [f"### {sx.TITLES['agreed']}", ""]
        for group in agreed:
            out += _figure_group(group, refs)

    out += [f"## {sx.TITLES['recognitions']}", "", sx.recognitions_intro(dossier), ""]
    if dossier.recognitions:
        out += _table(
            ["State", "", "Date", "What the source says", "Sources"],
            [
                [
                    r.state_name,
                    sx.recognition_what(r),
                    sx.date_cell(r.date, r.conflict),
                    _with_conflict(r.sentence, r.conflict),
                    refs(r.sources),
                ]
                for r in dossier.recognitions
            ],
        )

    out += [f"## {sx.TITLES['quotes']}", "", sx.quotes_intro(dossier), ""]
    for quote in dossier.quotes:
        out += [f"> “{quote.text}”{refs(quote.sources)}", ">", f"> — {sx.quote_attribution(quote)}", ""]

    out += [f"## {sx.TITLES['notes']}", ""]
    out += [f"[^{note.number}]: {note_text(note)}" for note in dossier.notes]
    return "\n".join(out) + "\n"


def _figure_group(group: FigureGroup, refs: Refs) -> list[str]:
    about = f" ({group.about})" if group.about else ""
    head = f"**{sx.sentence_case(group.label)}{about}**: {group.range_text}"
    lines = [head + (" — contested" if group.contested else ""), ""]
    lines += _table(
        ["Figure", "As of", "What the source says", "Sources"],
        [
            [f.shown, short_date(f.as_of) if f.as_of else "–", f.sentence, refs(f.sources)]
            for f in group.figures
        ],
    )
    lines += [f"- disagree: {d}" for d in group.disagreements]
    if group.disagreements:
        lines.append("")
    return lines


def _with_conflict(sentence: str, conflict: str | None) -> str:
    return f"{sentence} *{sx.conflict_note(conflict)}*" if conflict else sentence


def _sentence(text: str, marks: str) -> str:
    return f"{text}{marks}."


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _cell(text: str) -> str:
    """Table cells are one line, and a pipe would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")
