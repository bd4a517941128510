"""The dossier as an A4 PDF with reportlab: title block, summary, sections, tables whose
cells wrap, the chart as vector graphics, page numbers, and the notes at the end.

The font is DejaVu Sans where the system has it, because the articles carry letters
outside WinAnsi (Chișinău, Tskhínvali) that the built-in Helvetica cannot draw; the
fallback is Helvetica, which covers the curly quotes and dashes of English text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect, String
from reportlab.graphics.shapes import Line as RLLine
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from annexwatch.knowledge.events import Source
from annexwatch.report import sections as sx
from annexwatch.report.chart import LEVEL_COLOURS, Chart, Dot, Line, Text, layout
from annexwatch.report.chart import PolyLine as ChartPolyLine
from annexwatch.report.chart import Rect as ChartRect
from annexwatch.report.model import Dossier, FigureGroup
from annexwatch.report.phrases import short_date

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#d9d9d9")
HEADER_BG = colors.HexColor("#eef1f6")
CONFLICT = colors.HexColor("#8a4b00")


# --- fonts and styles ---------------------------------------------------------------------
def register_fonts() -> tuple[str, str, str]:
    """(regular, bold, italic) font names: DejaVu Sans if installed, else Helvetica."""
    faces = {
        "DejaVuSans": "DejaVuSans.ttf",
        "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    }
    if not all((DEJAVU_DIR / f).is_file() for f in faces.values()):
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    for font_name, file_name in faces.items():
        if font_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(font_name, str(DEJAVU_DIR / file_name)))
    pdfmetrics.registerFontFamily(
        "DejaVuSans",
        normal="DejaVuSans",
        bold="DejaVuSans-Bold",
        italic="DejaVuSans-Oblique",
        boldItalic="DejaVuSans-Bold",
    )
    return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


class Styles:
    def __init__(self, regular: str, bold: str, italic: str) -> None:
        self.regular, self.bold, self.italic = regular, bold, italic

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": regular,
                "fontSize": 9.5,
                "leading": 13.5,
                "alignment": TA_LEFT,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.title = style("title", fontName=bold, fontSize=19, leading=23, textColor=ACCENT, spaceAfter=6)
        self.byline = style("byline", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=6)
        self.method = style(
            "method",
            fontSize=8.5,
            leading=11.5,
            textColor=MUTED,
            leftIndent=8,
            borderPadding=(2, 0, 2, 6),
            borderColor=RULE,
            borderWidth=0,
            spaceAfter=8,
        )
        self.h2 = style(
            "h2", fontName=bold, fontSize=13, leading=16, textColor=ACCENT, spaceBefore=12, spaceAfter=5
        )
        self.h3 = style("h3", fontName=bold, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3)
        self.body = style("body", spaceAfter=6)
        self.intro = style("intro", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=5)
        self.cell = style("cell", fontSize=8, leading=10.2)
        self.head = style("head", fontName=bold, fontSize=8, leading=10.2)
        self.quote = style("quote", fontSize=9.5, leading=13, leftIndent=12, spaceBefore=4)
        self.who = style("who", fontSize=8.5, leading=11, leftIndent=12, textColor=MUTED, spaceAfter=4)
        self.note = style(
            "note", fontSize=8, leading=10.5, leftIndent=14, firstLineIndent=-14, spaceAfter=2.5
        )


# --- page furniture -----------------------------------------------------------------------
def _numbered_canvas(footer: str, regular: str) -> type[Canvas]:
    """A canvas that knows the page count, for 'page 2 of 5' (drawn once all pages are laid out)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name, overridden
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(regular, 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.line(MARGIN, 12 * mm, A4[0] - MARGIN, 12 * mm)
            self.drawString(MARGIN, 8 * mm, footer)
            self.drawRightString(A4[0] - MARGIN, 8 * mm, f"page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


# --- the chart as reportlab graphics ------------------------------------------------------
def chart_drawing(chart: Chart, regular: str, bold: str) -> Drawing:
    """The chart's shapes in reportlab's coordinates (y grows upwards, hence the flip)."""
    drawing = Drawing(chart.width, chart.height)
    group = Group()
    height = chart.height
    for shape in chart.shapes:
        if isinstance(shape, ChartRect):
            group.add(
                Rect(
                    shape.x,
                    height - shape.y - shape.h,
                    shape.w,
                    shape.h,
                    fillColor=colors.HexColor(shape.fill),
                    strokeColor=None,
                )
            )
        elif isinstance(shape, Line):
            group.add(
                RLLine(
                    shape.x1,
                    height - shape.y1,
                    shape.x2,
                    height - shape.y2,
                    strokeColor=colors.HexColor(shape.stroke),
                    strokeWidth=shape.width,
                )
            )
        elif isinstance(shape, ChartPolyLine):
            points = [v for x, y in shape.points for v in (x, height - y)]
            group.add(PolyLine(points, strokeColor=colors.HexColor(shape.stroke), strokeWidth=shape.width,
                               strokeLineJoin=1))  # fmt: skip
        elif isinstance(shape, Dot):
            group.add(Circle(shape.cx, height - shape.cy, shape.r, fillColor=colors.HexColor(shape.fill),
                             strokeColor=None))  # fmt: skip
        elif isinstance(shape, Text):
            group.add(
                String(
                    shape.x,
                    height - shape.y,
                    shape.text,
                    fontName=bold if shape.bold else regular,
                    fontSize=shape.size,
                    fillColor=colors.HexColor(shape.fill),
                    textAnchor=shape.anchor,
                )
            )
    drawing.add(group)
    return drawing


# --- the document -------------------------------------------------------------------------
class _Builder:
    """Turns the dossier into flowables, section by section, in the notes' reading order."""

    def __init__(self, dossier: Dossier, styles: Styles) -> None:
        self.d = dossier
        self.s = styles

    def refs(self, sources: tuple[Source, ...], superscript: bool = True) -> str:
        """Footnote marks linked to their notes; in a table's Sources column they stand on the
        line (a superscript at the top of a cell rises into the rule above it)."""
        numbers = self.d.cite(sources)
        if not numbers:
            return ""
        links = ", ".join(f'<a href="#note{n}" color="#1f4e79">{n}</a>' for n in numbers)
        return f"<super>[{links}]</super>" if superscript else f"[{links}]"

    def cell_refs(self, sources: tuple[Source, ...]) -> str:
        return self.refs(sources, superscript=False)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of markup (callers escape the data they put in)."""
        return Paragraph(text, style or self.s.cell)

    def table(
        self,
        header: list[str],
        rows: list[list[Paragraph | str]],
        widths: list[float],
        extra_style: list[tuple[Any, ...]] | None = None,
    ) -> Table:
        data: list[list[Any]] = [[self.p(escape(h), self.s.head) for h in header]]
        data += [[c if isinstance(c, Flowable) else self.p(c) for c in row] for row in rows]
        table = Table(data, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    *(extra_style or []),
                ]
            )
        )
        return table

    def heading(self, key: str) -> list[Flowable]:
        # a heading never ends a page alone: ask for room for it and a few lines more
        return [CondPageBreak(60), Paragraph(escape(sx.TITLES[key]), self.s.h2)]

    def with_conflict(self, sentence: str, conflict: str | None) -> str:
        if not conflict:
            return escape(sentence)
        return (
            f'{escape(sentence)}<br/><font color="#8a4b00"><i>{escape(sx.conflict_note(conflict))}</i></font>'
        )

    def date(self, text: str, conflict: str | None) -> str:
        flag = f'<br/><font color="#8a4b00" size="7">{escape(sx.DATES_DIFFER)}</font>' if conflict else ""
        return escape(text) + flag

    # sections
    def title_block(self) -> list[Flowable]:
        return [
            Paragraph(escape(self.d.title), self.s.title),
            Paragraph(escape(sx.byline(self.d)), self.s.byline),
            Paragraph(escape(sx.method_note()), self.s.method),
        ]

    def summary(self) -> list[Flowable]:
        text = " ".join(f"{escape(st.text)}{self.refs(st.sources)}." for st in self.d.summary)
        return [*self.heading("summary"), Paragraph(text, self.s.body)]

    def timeline(self) -> list[Flowable]:
        out = [*self.heading("timeline"), self.p(escape(sx.timeline_intro(self.d)), self.s.intro)]
        out.append(
            self.table(
                ["Date", "Event", "What the best-dated source says", "Sources"],
                [
                    [
                        self.date(short_date(r.date), r.conflict),
                        escape(r.what),
                        self.with_conflict(r.sentence, r.conflict),
                        self.cell_refs(r.sources),
                    ]
                    for r in self.d.timeline
                ],
                [0.15, 0.2, 0.53, 0.12],
            )
        )
        if self.d.undated:
            out += [CondPageBreak(60), Paragraph(escape(sx.TITLES["undated"]), self.s.h3)]
            out.append(
                self.table(
                    ["Event", "What the source says", "Sources"],
                    [[escape(r.what), escape(r.sentence), self.cell_refs(r.sources)] for r in self.d.undated],
                    [0.25, 0.63, 0.12],
                )
            )
        return out

    def scorecard(self) -> list[Flowable]:
        if not self.d.scorecard:
            return []
        out = [*self.heading("scorecard"), self.p(escape(sx.scorecard_intro(self.d)), self.s.intro)]
        rows: list[list[Paragraph | str]] = []
        shading: list[tuple[Any, ...]] = []
        for i, r in enumerate(self.d.scorecard, 1):
            # the level cell takes the chart's colour for that level, so table and chart read alike
            shading.append(
                ("BACKGROUND", (1, i), (1, i), colors.HexColor(LEVEL_COLOURS.get(r.level, "#eeeeee")))
            )
            ink = "#ffffff" if r.level == "complete" else "#222222"
            level = f'<font color="{ink}"><b>{escape(r.level)}</b></font>'
            since = r.since.isoformat() if r.since else "–"
            rows.append(
                [escape(r.label), level, since, escape(sx.evidence_text(r)), self.cell_refs(r.sources)]
            )
        out.append(
            self.table(
                ["Dimension", "Level", "Since", "Evidence that set the level", "Sources"],
                rows,
                [0.16, 0.11, 0.11, 0.52, 0.10],
                shading,
            )
        )
        out += self.chart()
        return out

    def chart(self) -> list[Flowable]:
        heading = self.heading("chart")
        if self.d.chart is None:
            return [*heading, self.p(escape(sx.no_chart_text(self.d)), self.s.intro)]
        drawing = chart_drawing(layout(self.d.chart), self.s.regular, self.s.bold)
        caption = self.p(escape(sx.chart_caption(self.d)), self.s.intro)
        # the heading, the drawing and its caption stay on one page
        return [
            CondPageBreak(drawing.height + 80),
            KeepTogether([heading[1], drawing, Spacer(1, 4), caption]),
        ]

    def figures(self) -> list[Flowable]:
        out = [*self.heading("figures"), self.p(escape(sx.figures_intro(self.d)), self.s.intro)]
        for group in (g for g in self.d.figures if g.contested):
            out += self.figure_group(group)
        agreed = [g for g in self.d.figures if not g.contested]
        if agreed:
            out += [CondPageBreak(60), Paragraph(escape(sx.TITLES["agreed"]), self.s.h3)]
            for group in agreed:
                out += self.figure_group(group)
        return out

    def figure_group(self, group: FigureGroup) -> list[Flowable]:
        about = f" ({group.about})" if group.about else ""
        flag = ' <font color="#8a4b00"><b>contested</b></font>' if group.contested else ""
        head = f"<b>{escape(sx.sentence_case(group.label) + about)}</b>: {escape(group.range_text)}{flag}"
        table = self.table(
            ["Figure", "As of", "What the source says", "Sources"],
            [
                [
                    escape(f.shown),
                    escape(short_date(f.as_of)) if f.as_of else "–",
                    escape(f.sentence),
                    self.cell_refs(f.sources),
                ]
                for f in group.figures
            ],
            [0.16, 0.14, 0.58, 0.12],
        )
        items: list[Flowable] = [self.p(head, self.s.body), table]
        items += [self.p(f"Disagree: {escape(d)}", self.s.intro) for d in group.disagreements]
        return [KeepTogether(items[:2]), *items[2:], Spacer(1, 4)]

    def recognitions(self) -> list[Flowable]:
        out = [*self.heading("recognitions"), self.p(escape(sx.recognitions_intro(self.d)), self.s.intro)]
        if self.d.recognitions:
            out.append(
                self.table(
                    ["State", "", "Date", "What the source says", "Sources"],
                    [
                        [
                            escape(r.state_name),
                            escape(sx.recognition_what(r)),
                            self.date(short_date(r.date), r.conflict),
                            self.with_conflict(r.sentence, r.conflict),
                            self.cell_refs(r.sources),
                        ]
                        for r in self.d.recognitions
                    ],
                    [0.12, 0.12, 0.15, 0.49, 0.12],
                )
            )
        return out

    def quotes(self) -> list[Flowable]:
        out = [*self.heading("quotes"), self.p(escape(sx.quotes_intro(self.d)), self.s.intro)]
        for q in self.d.quotes:
            out.append(
                KeepTogether(
                    [
                        self.p(f"“{escape(q.text)}”{self.refs(q.sources)}", self.s.quote),
                        self.p(f"— {escape(sx.quote_attribution(q))}", self.s.who),
                    ]
                )
            )
        return out

    def notes(self) -> list[Flowable]:
        out = self.heading("notes")
        for note in self.d.notes:
            source = note.source
            title = escape(source.title or source.document)
            where = (
                f'<a href="{escape(source.url)}" color="#1f4e79">{escape(source.url)}</a>'
                if source.url
                else escape(source.document)
            )
            published = escape(note.published_text)
            text = f'<a name="note{note.number}"/>{note.number}.&nbsp;{title}, {published}, {where}'
            out.append(self.p(text, self.s.note))
        return out

    def story(self) -> list[Flowable]:
        return [
            *self.title_block(),
            *self.summary(),
            *self.timeline(),
            *self.scorecard(),
            *self.figures(),
            *self.recognitions(),
            *self.quotes(),
            *self.notes(),
        ]


def write_pdf(dossier: Dossier, target: Path) -> None:
    regular, bold, italic = register_fonts()
    styles = Styles(regular, bold, italic)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=dossier.title,
        author="annexwatch",
        subject=f"Dossier on {dossier.territory_name}",
    )
    footer = (
        f"annexwatch · {dossier.territory_name} ({dossier.territory}) · as of {dossier.as_of.isoformat()}"
    )
    doc.build(_Builder(dossier, styles).story(), canvasmaker=_numbered_canvas(footer, regular))
