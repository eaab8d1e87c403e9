"""The shape of every headway table, and the helpers that publish one.

A ``Table`` is what every door shows (the public page, the API, the staff dashboard,
each event's summary, every CSV): its figures are already published, a number or None
when hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import suppression
from .perturbation import ZERO, Cell


@dataclass
class Column:
    key: str
    label: str
    kind: str = "count"  # count, percent, ratio or days


@dataclass
class Row:
    key: str
    label: str
    # column key -> number, or None when hidden; a column left out is "not available".
    values: dict = field(default_factory=dict)
    flag: str = ""  # "under" for an under-represented group


@dataclass
class Chart:
    kind: str  # "bar" or "line"
    series: list[str]  # column keys drawn as bars or lines
    markers: list[str] = field(default_factory=list)  # column keys drawn as marks (baseline)
    reference: float | None = None  # a reference line (1.0 = parity)


@dataclass
class Table:
    name: str
    section: str
    title: str
    explanation: str
    row_heading: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    base: str = ""  # who the figures are of (the denominator)
    source: str = ""
    comparison: dict | None = None  # the baseline: area, dimension, sources, bases
    chart: Chart | None = None
    notes: bool = False  # a "Note" column marks under-represented groups

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)


def count_table(
    counts: dict,
    labels: dict,
    *,
    count_label: str,
    percent_label: str,
    suppressed: tuple[dict, int | None] | None = None,
    **table,
) -> Table:
    """A one-way table of ``Cell``s with their total, published (suppressed and
    perturbed) unless ``suppressed`` is given, with each count's share of the total."""
    shown, total = suppressed or suppression.publish_table(counts)
    return Table(
        columns=[Column("count", count_label), Column("percent", percent_label, "percent")],
        rows=[
            Row(
                key or "not_said",
                labels[key],
                {"count": shown[key], "percent": suppression.percentage(shown[key], total)},
            )
            for key in counts
        ],
        total=Row("total", _("Total"), {"count": total, "percent": 100.0 if total else None}),
        **table,
    )


SECTIONS = (
    ("reach", _("Reach")),
    ("funnel", _("From outreach to attendance")),
    ("participants", _("Who comes back")),
    ("representation", _("Who takes part, compared with London")),
    ("listening", _("Listening and answering")),
    ("trends", _("Month by month")),
)


def derived_sum(shown: dict, total: int | None, keys) -> int | None:
    """The sum of some cells of a suppressed one-way table, or None unless it could be
    worked out from what is shown anyway (all its cells shown, or all the others)."""
    keys = set(keys)
    inside = [shown[k] for k in shown if k in keys]
    outside = [shown[k] for k in shown if k not in keys]
    if all(v is not None for v in inside):
        return sum(inside)
    if total is not None and all(v is not None for v in outside):
        return total - sum(outside)
    return None


def publish_columns(rows: dict[str, dict], columns) -> dict:
    """Publish each column of {row: {column: Cell or int}} as its own one-way table:
    counts of records (``Cell``) suppressed and perturbed, estimates (int) suppressed."""
    shown = {}
    for column in columns:
        values = {r: rows[r].get(column, ZERO) for r in rows}
        if all(isinstance(v, Cell) for v in values.values()):
            shown[column] = suppression.publish_table(values)
        else:
            shown[column] = suppression.suppress_table({r: int(v) for r, v in values.items()})
    return shown


def table_by_name(tables: list[Table], name: str) -> Table | None:
    return next((table for table in tables if table.name == name), None)
