"""The chart of integration over time, drawn without a plotting library.

The chart is laid out once as a list of primitive shapes (rectangles, lines, text) in
points, y growing downwards; `to_svg` writes them as SVG (for HTML and Markdown) and the
PDF renderer turns the same shapes into reportlab graphics, so the three formats show
the same picture and nothing needs matplotlib or a network.

Two panels share the time axis: the overall score as a step line (it only ever rises:
the scorecard reads integration as a ratchet), and below it one bar per dimension,
coloured by its level over time, so a reader sees which rung moved when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from annexwatch.report.model import ChartData

XScale = Callable[[dt.date], float]

WIDTH = 480.0
LEFT = 122.0  # room for the dimension labels
RIGHT = 26.0  # room for the final score's label
TOP_PANEL = (44.0, 150.0)  # y of the score panel's top and bottom
ROW_HEIGHT = 12.0
ROW_GAP = 2.0
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

LEVEL_COLOURS: dict[str, str] = {
    "none": "#e6e6e6",
    "partial": "#fdcc8a",
    "extensive": "#f08a4b",
    "complete": "#b30000",
}
LINE_COLOUR = "#1f4e79"
GRID_COLOUR = "#d0d0d0"
TEXT_COLOUR = "#222222"
MUTED = "#666666"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 0.5


@dataclass(frozen=True)
class PolyLine:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.5


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    r: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 7.5
    anchor: str = "start"  # start | middle | end
    fill: str = TEXT_COLOUR
    bold: bool = False


Shape = Rect | Line | PolyLine | Dot | Text


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    title: str
    shapes: list[Shape]


def chart_title(data: ChartData) -> str:
    return f"Integration of {data.territory_name} with {data.patron_name}, {data.start.year}–{data.end.year}"


def layout(data: ChartData) -> Chart:
    """Lay the chart out: titles, the score panel, the dimension bars, the axis, a legend."""
    x_of = _x_scale(data.start, data.end)
    shapes: list[Shape] = [
        Text(0, 12, chart_title(data), size=10.5, bold=True),
        Text(
            0,
            26,
            "Score: mean level over all dimensions (0 = no evidence, 100 = all 'complete'),",
            7.5,
            fill=MUTED,
        ),
        Text(0, 36, "each dimension counted from the date its evidence holds.", 7.5, fill=MUTED),
    ]
    ticks = _year_ticks(data.start, data.end)
    shapes += _score_panel(data, x_of, ticks)
    rows_top = TOP_PANEL[1] + 34
    shapes.append(Text(0, rows_top - 8, "Level of each dimension", 8.5, bold=True))
    shapes += _dimension_rows(data, x_of, rows_top)
    rows_bottom = rows_top + len(data.dimensions) * (ROW_HEIGHT + ROW_GAP)
    shapes += _time_axis(x_of, ticks, rows_top - 2, rows_bottom)
    shapes += _legend(data.levels, rows_bottom + 30)
    return Chart(WIDTH, rows_bottom + 40, chart_title(data), shapes)


def _x_scale(start: dt.date, end: dt.date) -> XScale:
    span = max((end - start).days, 1)
    width = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        return LEFT + width * (day - start).days / span

    return x_of


def _year_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """1 January of every year, or every 2nd, 5th, 10th... so that there are at most ten."""
    years = end.year - start.year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 10)
    first = start.year + (-start.year % step)
    return [dt.date(y, 1, 1) for y in range(first, end.year + 1, step) if start <= dt.date(y, 1, 1) <= end]


def _score_panel(data: ChartData, x_of: XScale, ticks: list[dt.date]) -> list[Shape]:
    top, bottom = TOP_PANEL
    right = WIDTH - RIGHT

    def y_of(score: float) -> float:
        return bottom - (bottom - top) * score

    shapes: list[Shape] = []
    for pct in (0, 25, 50, 75, 100):
        y = y_of(pct / 100)
        shapes.append(Line(LEFT, y, right, y, GRID_COLOUR if pct else MUTED, 0.5))
        shapes.append(Text(LEFT - 5, y + 2.5, str(pct), 7, anchor="end", fill=MUTED))
    shapes.append(Text(LEFT - 24, (top + bottom) / 2, "score", 7, anchor="end", fill=MUTED))
    for tick in ticks:
        shapes.append(Line(x_of(tick), top, x_of(tick), bottom, GRID_COLOUR, 0.4))
        shapes.append(Text(x_of(tick), bottom + 10, str(tick.year), 7, anchor="middle", fill=MUTED))
    points: list[tuple[float, float]] = [(x_of(data.start), y_of(0.0))]
    level = 0.0
    for point in data.series:
        x = x_of(point.date)
        points += [(x, y_of(level)), (x, y_of(point.score))]
        level = point.score
    points.append((x_of(data.end), y_of(level)))
    shapes.append(PolyLine(tuple(points), LINE_COLOUR, 1.6))
    shapes += [Dot(x_of(p.date), y_of(p.score), 1.8, LINE_COLOUR) for p in data.series]
    shapes.append(Text(right + 3, y_of(level) + 2.5, f"{level * 100:.0f}", 7.5, fill=LINE_COLOUR, bold=True))
    return shapes


def _dimension_rows(data: ChartData, x_of: XScale, top: float) -> list[Shape]:
    shapes: list[Shape] = []
    for i, (label, steps) in enumerate(data.dimensions):
        y = top + i * (ROW_HEIGHT + ROW_GAP)
        shapes.append(Text(LEFT - 5, y + ROW_HEIGHT - 3, label, 7.5, anchor="end"))
        bounds = [data.start] + [s.date for s in steps] + [data.end]
        levels = ["none"] + [s.level for s in steps]
        for level, (begin, end) in zip(levels, pairwise(bounds), strict=True):
            if end > begin:
                shapes.append(Rect(x_of(begin), y, x_of(end) - x_of(begin), ROW_HEIGHT, LEVEL_COLOURS[level]))
    return shapes


def _time_axis(x_of: XScale, ticks: list[dt.date], top: float, bottom: float) -> list[Shape]:
    shapes: list[Shape] = []
    for tick in ticks:
        x = x_of(tick)
        shapes.append(Line(x, top, x, bottom + 3, "#ffffff", 0.6))  # year lines read across the bars
        shapes.append(Text(x, bottom + 12, str(tick.year), 7, anchor="middle", fill=MUTED))
    return shapes


def _legend(levels: list[str], y: float) -> list[Shape]:
    shapes: list[Shape] = []
    x = LEFT
    for level in levels:
        shapes.append(Rect(x, y - 7, 10, 8, LEVEL_COLOURS.get(level, "#999999")))
        shapes.append(Text(x + 13, y, level, 7.5))
        x += 13 + 5.2 * len(level) + 16
    return shapes


def to_svg(chart: Chart, standalone: bool = False) -> str:
    """The chart as SVG markup; `standalone` adds the XML namespace a separate file needs."""
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    head = (
        f'<svg{ns} viewBox="0 0 {chart.width:g} {chart.height:g}" width="{chart.width:g}" '
        f'height="{chart.height:g}" role="img" aria-label="{escape(chart.title)}" '
        f'font-family="{FONT}" class="chart">'
    )
    body = [f"<title>{escape(chart.title)}</title>"]
    if standalone:
        body.append(f'<rect x="0" y="0" width="{chart.width:g}" height="{chart.height:g}" fill="#ffffff"/>')
    body += [_svg_shape(s) for s in chart.shapes]
    return head + "\n".join(body) + "</svg>"


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}"' if shape.stroke else ""
        return (
            f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" height="{shape.h:.2f}" '
            f'fill="{shape.fill}"{stroke}/>'
        )
    if isinstance(shape, Line):
        return (
            f'<line x1="{shape.x1:.2f}" y1="{shape.y1:.2f}" x2="{shape.x2:.2f}" y2="{shape.y2:.2f}" '
            f'stroke="{shape.stroke}" stroke-width="{shape.width:g}"/>'
        )
    if isinstance(shape, PolyLine):
        points = " ".join(f"{x:.2f},{y:.2f}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" '
            f'stroke-width="{shape.width:g}" stroke-linejoin="round"/>'
        )
    if isinstance(shape, Dot):
        return f'<circle cx="{shape.cx:.2f}" cy="{shape.cy:.2f}" r="{shape.r:g}" fill="{shape.fill}"/>'
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{shape.x:.2f}" y="{shape.y:.2f}" font-size="{shape.size:g}" '
        f'text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>{escape(shape.text)}</text>'
    )


def series_rows(data: ChartData) -> list[tuple[str, str]]:
    """The score series as text, for a table beside the chart: (date, score out of 100)."""
    return [(p.date.isoformat(), f"{p.score * 100:.0f}") for p in data.series]
