"""Small, accessible SVG charts drawn on the server: no JavaScript, no styles.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (``aria-labelledby`` both), so a screen reader announces it as one image and
moves on to the data table that always goes with it. Colours are set as presentation
attributes (the site's Content-Security-Policy allows no inline styles) and have at
least 3:1 contrast with the white background; series also differ by shape (bars and
marks, solid and dashed lines), never by colour alone. With ``rtl=True`` the chart is
mirrored: bars grow from the right and time runs from right to left.

A hidden value (None) draws nothing and is labelled with the same text as in the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Dark blue (8.6:1 on white), burnt orange (4.6:1), dark green (7.5:1), near black.
COLOURS = ("#1d4f91", "#b35900", "#1e5631", "#1b1b1b")
DASHES = ("", "6 4", "2 3", "10 3 2 3")
INK = "#1b1b1b"
GRID = "#6f777b"
WIDTH = 640
FONT = 'font-family="system-ui, sans-serif"'


@dataclass
class Series:
    label: str
    values: Sequence[float | None]


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _plain(value: float | None) -> str:
    """A value as the charts write it when not told otherwise ("" for a hidden one)."""
    return "" if value is None else _number(value)


class _Canvas:
    """Coordinates in a left-to-right frame; ``x`` mirrors them for right-to-left.
    Text anchors need no mirroring: the svg's ``direction`` makes "start" the right-hand
    end of a text in right-to-left charts."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, value: float) -> str:
        return _number(WIDTH - value if self.rtl else value)

    def text(self, x, y, content, *, anchor="start", size=15, weight="normal", fill=INK):
        self.parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" font-size="{}" font-weight="{}" '
                'fill="{}" {}>{}</text>',
                self.x(x),
                _number(y),
                anchor,
                size,
                weight,
                fill,
                mark_safe(FONT),  # noqa: S308 (a constant)
                content,
            )
        )

    def rect(self, x, y, width, height, fill):
        left = x + width if self.rtl else x
        self.parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                self.x(left),
                _number(y),
                _number(width),
                _number(height),
                fill,
            )
        )

    def line(self, x1, y1, x2, y2, stroke, *, width=1, dash=""):
        self.parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
                self.x(x1),
                _number(y1),
                self.x(x2),
                _number(y2),
                stroke,
                width,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
            )
        )

    def polyline(self, points, stroke, *, dash=""):
        coordinates = " ".join(f"{self.x(x)},{_number(y)}" for x, y in points)
        self.parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
                coordinates,
                stroke,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
            )
        )

    def circle(self, x, y, fill):
        self.parts.append(
            format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', self.x(x), _number(y), fill)
        )

    def svg(self, chart_id: str, title: str, description: str, height: float) -> SafeString:
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" role="img" '
            'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" '
            'height="{h}" direction="{direction}">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
            '<rect width="{w}" height="{h}" fill="#ffffff"/>{body}</svg>',
            id=chart_id,
            direction="rtl" if self.rtl else "ltr",
            w=WIDTH,
            h=_number(height),
            title=title,
            desc=description,
            body=mark_safe("".join(self.parts)),  # noqa: S308 (built with format_html)
        )


def _legend(canvas: _Canvas, items: list[tuple[str, str, str]], y: float) -> float:
    """Swatches along the top: (kind, colour or dash, label). Returns the next y."""
    x = 10.0
    for kind, style, label in items:
        if kind == "bar":
            canvas.rect(x, y - 10, 14, 12, style)
        elif kind == "mark":
            canvas.rect(x + 5, y - 13, 4, 18, INK)
        else:
            colour, dash = style
            canvas.line(x, y - 4, x + 24, y - 4, colour, width=3, dash=dash)
        canvas.text(x + 30, y, label)
        x += 48 + 8.5 * len(str(label))
        if x > WIDTH - 120:
            x, y = 10.0, y + 26
    return y + 30


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    markers: Sequence[Series] = (),
    text: Callable[[float | None], str] = _plain,
    rtl: bool = False,
) -> SafeString:
    """Horizontal bars, one group per label (written above its bars, so long and
    translated labels fit); ``markers`` are drawn as upright marks (a baseline)."""
    canvas = _Canvas(rtl)
    y = _legend(
        canvas,
        [("bar", COLOURS[i], s.label) for i, s in enumerate(series)]
        + [("mark", INK, m.label) for m in markers],
        20,
    )
    values = [v for s in (*series, *markers) for v in s.values if v is not None]
    top = max(values, default=0) or 1
    left, span = 10.0, WIDTH - 90.0
    bar = 18
    for i, label in enumerate(labels):
        canvas.text(left, y + 15, label, weight="bold")
        y += 22
        group_top = y
        for j, s in enumerate(series):
            value = s.values[i]
            width = 0 if value is None else span * value / top
            if width:
                canvas.rect(left, y, width, bar, COLOURS[j % len(COLOURS)])
            canvas.text(left + width + 6, y + bar - 4, text(value))
            y += bar + 4
        for m in markers:
            value = m.values[i]
            if value is not None:
                x = left + span * value / top
                canvas.rect(x - 2, group_top - 4, 4, y - group_top + 4, INK)
        canvas.line(left, group_top - 2, left, y - 2, GRID)
        y += 10
    return canvas.svg(chart_id, title, description, y + 4)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    reference: float | None = None,
    reference_label: str = "",
    text: Callable[[float | None], str] = _plain,
    rtl: bool = False,
) -> SafeString:
    """Lines over time (``labels`` in order); a hidden value breaks the line. Only 0 and
    the largest value are written on the axis, both taken from the table."""
    canvas = _Canvas(rtl)
    legend = [
        ("line", (COLOURS[i], DASHES[i % len(DASHES)]), s.label) for i, s in enumerate(series)
    ]
    if reference is not None:
        legend.append(("line", (GRID, "4 4"), reference_label))
    top_y = _legend(canvas, legend, 20) + 10
    plot_height = 200.0
    bottom = top_y + plot_height
    left, right = 70.0, WIDTH - 60.0
    values = [v for s in series for v in s.values if v is not None]
    top = max([*values, reference or 0], default=0) or 1
    count = max(len(labels), 1)
    step = (right - left) / max(count - 1, 1)

    def point(i: int, value: float) -> tuple[float, float]:
        x = left + (step * i if count > 1 else (right - left) / 2)
        return x, bottom - plot_height * value / (top * 1.1)

    canvas.line(left, bottom, right, bottom, GRID)
    canvas.line(left, top_y, left, bottom, GRID)
    canvas.text(left - 8, bottom + 4, text(0), anchor="end", size=13)
    largest = max(values, default=None)
    if largest:
        canvas.text(left - 8, point(0, largest)[1] + 4, text(largest), anchor="end", size=13)
        canvas.line(left - 4, point(0, largest)[1], left, point(0, largest)[1], GRID)
    if reference is not None:
        y = point(0, reference)[1]
        canvas.line(left, y, right, y, GRID, width=2, dash="4 4")
    for j, s in enumerate(series):
        colour, dash = COLOURS[j % len(COLOURS)], DASHES[j % len(DASHES)]
        run: list[tuple[float, float]] = []
        for i, value in enumerate([*s.values, None]):
            if value is None:
                if len(run) > 1:
                    canvas.polyline(run, colour, dash=dash)
                run = []
                continue
            run.append(point(i, value))
            canvas.circle(*point(i, value), colour)
    # Month labels: the first, the last and a few between, so they never overlap.
    every = max(1, -(-count // 6))
    for i, label in enumerate(labels):
        if i % every == 0 or i == count - 1:
            canvas.text(point(i, 0)[0], bottom + 20, label, anchor="middle", size=13)
    return canvas.svg(chart_id, title, description, bottom + 34)
