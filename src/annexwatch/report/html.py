"""The dossier as one self-contained HTML file: inline CSS, the chart as inline SVG, no
script, font or image fetched from anywhere, so it opens offline and prints on A4."""

from __future__ import annotations

from html import escape
from pathlib import Path

from annexwatch.knowledge.events import Source
from annexwatch.report import sections as sx
from annexwatch.report.chart import LEVEL_COLOURS, layout, to_svg
from annexwatch.report.model import Dossier, FigureGroup, Note
from annexwatch.report.phrases import short_date

CSS = """
:root { --ink: #1d1d1d; --muted: #5f5f5f; --rule: #d9d9d9; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; font-size: 15px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.byline { color: var(--muted); margin: 0 0 1rem; }
.method { color: var(--muted); font-size: .9rem; border-left: 3px solid var(--rule); padding-left: .8rem; }
.summary { font-size: 1.05rem; }
.intro { color: var(--muted); font-size: .92rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }
th { background: #f3f5f8; font-weight: 600; }
td.date { white-space: nowrap; }
td.refs { white-space: nowrap; }
.conflict { display: block; color: #8a4b00; font-style: italic; margin-top: .2rem; }
.flag { color: #8a4b00; font-size: .8rem; }
.level { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-weight: 600; }
sup.fn { font-size: .7em; line-height: 0; white-space: nowrap; }
sup.fn a { color: var(--accent); text-decoration: none; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 46rem; height: auto; }
figcaption { color: var(--muted); font-size: .88rem; }
.series { width: auto; }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 3px solid var(--accent); }
blockquote p { margin: .2rem 0; }
blockquote .who { color: var(--muted); font-size: .9rem; }
ol.notes { font-size: .88rem; padding-left: 2rem; }
ol.notes li { margin-bottom: .3rem; word-break: break-word; }
ol.notes li:target { background: #fff3c4; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  @page { size: A4; margin: 16mm; }
  h2 { break-after: avoid; }
  tr, blockquote, figure { break-inside: avoid; }
  a { color: inherit; }
}
"""
LEVEL_TEXT = {"none": "#444", "partial": "#333", "extensive": "#222", "complete": "#fff"}


def write_html(dossier: Dossier, target: Path) -> None:
    target.write_text(to_html(dossier), encoding="utf-8")


def to_html(dossier: Dossier) -> str:
    body: list[str] = [
        f"<h1>{escape(dossier.title)}</h1>",
        f'<p class="byline">{escape(sx.byline(dossier))}</p>',
        f'<p class="method">{escape(sx.method_note())}</p>',
    ]
    body += _summary(dossier)
    body += _timeline(dossier)
    body += _scorecard(dossier)
    body += _figures(dossier)
    body += _recognitions(dossier)
    body += _quotes(dossier)
    body += _notes(dossier.notes)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(dossier.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _refs(dossier: Dossier, sources: tuple[Source, ...]) -> str:
    numbers = dossier.cite(sources)
    if not numbers:
        return ""
    links = ", ".join(f'<a href="#note-{n}">{n}</a>' for n in numbers)
    return f'<sup class="fn">[{links}]</sup>'


def _h2(key: str) -> str:
    return f'<h2 id="{key}">{escape(sx.TITLES[key])}</h2>'


def _intro(text: str) -> str:
    return f'<p class="intro">{escape(text)}</p>'


def _table(header: list[str], rows: list[list[str]], classes: list[str] | None = None) -> list[str]:
    """Cells are HTML already (escaped by the caller); `classes` style columns by position."""
    classes = classes or [""] * len(header)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="{c}">{cell}</td>' if c else f"<td>{cell}</td>"
            for c, cell in zip(classes, row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    return [*lines, "</tbody>", "</table>"]


def _date(date_text: str, conflict: str | None) -> str:
    flag = f'<br><span class="flag">{escape(sx.DATES_DIFFER)}</span>' if conflict else ""
    return escape(date_text) + flag


def _sentence(sentence: str, conflict: str | None) -> str:
    note = f'<span class="conflict">{escape(sx.conflict_note(conflict))}</span>' if conflict else ""
    return escape(sentence) + note


def _summary(dossier: Dossier) -> list[str]:
    text = " ".join(f"{escape(s.text)}{_refs(dossier, s.sources)}." for s in dossier.summary)
    return [_h2("summary"), f'<p class="summary">{text}</p>']


def _timeline(dossier: Dossier) -> list[str]:
    out = [_h2("timeline"), _intro(sx.timeline_intro(dossier))]
    out += _table(
        ["Date", "Event", "What the best-dated source says", "Sources"],
        [
            [
                _date(short_date(r.date), r.conflict),
                escape(r.what),
                _sentence(r.sentence, r.conflict),
                _refs(dossier, r.sources),
            ]
            for r in dossier.timeline
        ],
        ["date", "", "", "refs"],
    )
    if dossier.undated:
        out.append(f"<h3>{escape(sx.TITLES['undated'])}</h3>")
        out += _table(
            ["Event", "What the source says", "Sources"],
            [[escape(r.what), escape(r.sentence), _refs(dossier, r.sources)] for r in dossier.undated],
            ["", "", "refs"],
        )
    return out


def _level(level: str) -> str:
    style = f"background:{LEVEL_COLOURS.get(level, '#eee')};color:{LEVEL_TEXT.get(level, '#222')}"
    return f'<span class="level" style="{style}">{escape(level)}</span>'


def _scorecard(dossier: Dossier) -> list[str]:
    if not dossier.scorecard:
        return []
    out = [_h2("scorecard"), _intro(sx.scorecard_intro(dossier))]
    out += _table(
        ["Dimension", "Level", "Since", "Evidence that set the level", "Sources"],
        [
            [
                f'<span title="{escape(r.means)}">{escape(r.label)}</span>',
                _level(r.level),
                r.since.isoformat() if r.since else "–",
                escape(sx.evidence_text(r)),
                _refs(dossier, r.sources),
            ]
            for r in dossier.scorecard
        ],
        ["", "", "date", "", "refs"],
    )
    out.append(_h2("chart"))
    if dossier.chart is None:
        return [*out, _intro(sx.no_chart_text(dossier))]
    svg = to_svg(layout(dossier.chart))
    out.append(f"<figure>{svg}<figcaption>{escape(sx.chart_caption(dossier))}</figcaption></figure>")
    return out


def _figures(dossier: Dossier) -> list[str]:
    out = [_h2("figures"), _intro(sx.figures_intro(dossier))]
    for group in (g for g in dossier.figures if g.contested):
        out += _figure_group(dossier, group)
    agreed = [g for g in dossier.figures if not g.contested]
    if agreed:
        out.append(f"<h3>{escape(sx.TITLES['agreed'])}</h3>")
        for group in agreed:
            out += _figure_group(dossier, group)
    return out


def _figure_group(dossier: Dossier, group: FigureGroup) -> list[str]:
    about = f" ({group.about})" if group.about else ""
    flag = ' <span class="flag">contested</span>' if group.contested else ""
    label = escape(sx.sentence_case(group.label) + about)
    out = [f"<p><strong>{label}</strong>: {escape(group.range_text)}{flag}</p>"]
    out += _table(
        ["Figure", "As of", "What the source says", "Sources"],
        [
            [
                escape(f.shown),
                escape(short_date(f.as_of)) if f.as_of else "–",
                escape(f.sentence),
                _refs(dossier, f.sources),
            ]
            for f in group.figures
        ],
        ["date", "date", "", "refs"],
    )
    out += [f'<p class="intro">Disagree: {escape(d)}</p>' for d in group.disagreements]
    return out


def _recognitions(dossier: Dossier) -> list[str]:
    out = [_h2("recognitions"), _intro(sx.recognitions_intro(dossier))]
    if dossier.recognitions:
        out += _table(
            ["State", "", "Date", "What the source says", "Sources"],
            [
                [
                    escape(r.state_name),
                    escape(sx.recognition_what(r)),
                    _date(short_date(r.date), r.conflict),
                    _sentence(r.sentence, r.conflict),
                    _refs(dossier, r.sources),
                ]
                for r in dossier.recognitions
            ],
            ["", "", "date", "", "refs"],
        )
    return out


def _quotes(dossier: Dossier) -> list[str]:
    out = [_h2("quotes"), _intro(sx.quotes_intro(dossier))]
    for quote in dossier.quotes:
        out.append(
            f"<blockquote><p>“{escape(quote.text)}”{_refs(dossier, quote.sources)}</p>"
            f'<p class="who">— {escape(sx.quote_attribution(quote))}</p></blockquote>'
        )
    return out


def _notes(notes: list[Note]) -> list[str]:
    out = [_h2("notes"), '<ol class="notes">']
    for note in notes:
        source = note.source
        title = escape(source.title or source.document)
        where = (
            f'<a href="{escape(source.url)}">{escape(source.url)}</a>'
            if source.url
            else escape(source.document)
        )
        published = escape(note.published_text)
        out.append(f'<li id="note-{note.number}" value="{note.number}">{title}, {published}, {where}</li>')
    return [*out, "</ol>"]
