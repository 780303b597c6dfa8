"""Charts drawn by the server: the geometry of bars and lines computed here, the SVG markup written by the
templates in templates/dashboard/includes/ (as listings/maps.py does for maps).

The charts are narrow (360 units wide, the width of a phone) and scale down from there, so their text stays
readable on a phone. Colours come from classes (static/css/dashboard.css: `.series-0`, `.series-1`), never
from style attributes, which the Content-Security-Policy forbids. Every chart is shown next to a table of
the same numbers, which is what screen readers read: the SVG is hidden from them.
"""

import math
from dataclasses import dataclass, field

WIDTH = 360
LABEL_HEIGHT = 16
BAR_HEIGHT = 13
BAR_GAP = 3
ROW_GAP = 10
VALUE_ROOM = 56  # room right of the longest bar for its number
LEGEND_HEIGHT = 24


def text_width(text, size=13):
    """About how wide `text` is drawn: a Chinese or Korean character is twice as wide as a Latin letter."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.55 for char in text)


def nice_ceiling(value):
    """The round number at or above `value` an axis would end at: 1, 2, 5, 10, 20, 50, …"""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    series: int
    value: int


@dataclass
class Bar:
    segments: list
    total: int
    text_x: float
    text_y: float


@dataclass
class Row:
    label: str
    label_y: float
    bars: list


@dataclass
class LegendItem:
    label: str
    series: int
    x: float
    text_x: float


@dataclass
class HorizontalBarChart:
    """Rows of labelled bars: one bar per series side by side (grouped) or one bar of stacked segments."""

    title: str
    series: list
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    stacked: bool = False
    table: list = field(default_factory=list)  # [(label, [values])] for the table beside the chart


def horizontal_bars(title, series, data, stacked=False):
    """`series`: the names of the values; `data`: [(row label, [one value per series])]."""
    totals = [sum(v or 0 for v in row) for _label, row in data] if stacked else []
    largest = max(totals or [value or 0 for _label, row in data for value in row] or [0])
    scale = (WIDTH - VALUE_ROOM) / largest if largest else 0
    chart = HorizontalBarChart(title=title, series=list(series), stacked=stacked, table=list(data))
    x = 0.0
    for index, name in enumerate(series):
        chart.legend.append(LegendItem(str(name), index, x, x + 16))
        x += 16 + text_width(str(name)) + 16
    y = LEGEND_HEIGHT if len(series) > 1 else 0
    for label, row in data:
        top = y + LABEL_HEIGHT
        bars = []
        groups = [list(enumerate(row))] if stacked else [[(i, value)] for i, value in enumerate(row)]
        for group in groups:
            left, segments = 0.0, []
            for index, value in group:
                width = round((value or 0) * scale, 1)
                segments.append(Segment(left, top, width, BAR_HEIGHT, index, value or 0))
                left += width
            known = [value for _index, value in group if value is not None]
            total = sum(known) if known else None  # None: not recorded, written "—"
            bars.append(Bar(segments, total, round(left + 4, 1), top + BAR_HEIGHT - 2))
            top += BAR_HEIGHT + BAR_GAP
        chart.rows.append(Row(str(label), y + LABEL_HEIGHT - 4, bars))
        y = top + ROW_GAP
    chart.height = max(round(y), 1)
    return chart


@dataclass
class Column:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass
class Tick:
    y: float
    value: int


@dataclass
class AxisLabel:
    x: float
    text: str


@dataclass
class ColumnChart:
    """Vertical bars over time, with a value axis on the left and a date every week below."""

    title: str
    columns: list
    ticks: list
    labels: list
    width: int = WIDTH
    height: int = 180
    plot_left: int = 40
    plot_bottom: int = 156
    table: list = field(default_factory=list)


def columns_over_time(title, points, label_every=7):
    """`points`: [(date, value)], oldest first."""
    chart = ColumnChart(title=title, columns=[], ticks=[], labels=[], table=list(points))
    top, bottom, left = 8, chart.plot_bottom, chart.plot_left
    ceiling = nice_ceiling(max([value for _day, value in points] or [0]))
    plot_height = bottom - top
    slot = (WIDTH - left) / max(len(points), 1)
    for index, (day, value) in enumerate(points):
        height = round(value / ceiling * plot_height, 1)
        x = round(left + index * slot + 0.5, 1)
        chart.columns.append(Column(x, round(bottom - height, 1), round(max(slot - 1.5, 1), 1), height, value, ""))
        if (len(points) - 1 - index) % label_every == 0:  # label today and every week before it
            chart.labels.append(AxisLabel(round(x + slot / 2, 1), f"{day.month}/{day.day}"))
    for fraction in (0, 0.5, 1):
        value = ceiling * fraction
        if value == int(value):
            chart.ticks.append(Tick(round(bottom - fraction * plot_height, 1), int(value)))
    return chart


@dataclass
class Sparkline:
    """A listing's views per day as a small line, with the last day marked."""

    points: str
    last_x: float
    last_y: float
    width: int = 240
    height: int = 48
    total: int = 0
    table: list = field(default_factory=list)


def sparkline(points, width=240, height=48):
    """`points`: [(date, value)], oldest first."""
    ceiling = max([value for _day, value in points] or [0]) or 1
    step = (width - 4) / max(len(points) - 1, 1)
    coords = [
        (round(2 + index * step, 1), round(height - 2 - value / ceiling * (height - 4), 1))
        for index, (_day, value) in enumerate(points)
    ]
    last_x, last_y = coords[-1] if coords else (0, height)
    return Sparkline(
        points=" ".join(f"{x},{y}" for x, y in coords),
        last_x=last_x,
        last_y=last_y,
        width=width,
        height=height,
        total=sum(value for _day, value in points),
        table=list(points),
    )
