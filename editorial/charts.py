"""A horizontal bar chart drawn as inline SVG: no chart library, nothing fetched.

The admin is used from government networks that often block third-party CDNs, and a
dozen bars need no JavaScript. The geometry is computed here; the template draws it.
"""

from dataclasses import dataclass

from django.utils.text import Truncator

# viewBox units: the SVG scales to the panel's width.
CHART_WIDTH = 600
ROW_HEIGHT = 44
LABEL_HEIGHT = 16
BAR_HEIGHT = 16
# Room at the right of the longest bar for its number.
VALUE_MARGIN = 60
LABEL_CHARACTERS = 80


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_height: int


def horizontal_bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, value), longest for the largest value, labels above the bars."""
    largest = max((value for _, value in rows), default=0) or 1
    room = CHART_WIDTH - VALUE_MARGIN
    bars = []
    for index, (label, value) in enumerate(rows):
        top = index * ROW_HEIGHT
        width = max(round(room * value / largest), 2)
        bars.append(
            Bar(
                label=Truncator(label).chars(LABEL_CHARACTERS),
                value=value,
                label_y=top + LABEL_HEIGHT - 4,
                bar_y=top + LABEL_HEIGHT,
                width=width,
                value_x=width + 6,
            )
        )
    return BarChart(
        bars=bars, width=CHART_WIDTH, height=len(rows) * ROW_HEIGHT, bar_height=BAR_HEIGHT
    )
