"""How headway tables are shown: as cell texts, SVG charts, page sections and CSV
files, alike on the public page, the staff dashboard and each event's summary.

Every table is turned into cell texts once (``present``); the HTML table, the chart's
labels and the CSV are all written from those texts, so a download is exactly the
table on screen.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import formats
from django.utils.translation import gettext as _

from . import charts
from .perturbation import MAX_NOISE
from .tables import SECTIONS, Table

HIDDEN = "[c]"
NOT_AVAILABLE = "[x]"


def cell_text(values: dict, key: str, kind: str) -> str:
    """The text of one cell, on screen and in the CSV alike."""
    if key not in values:
        return NOT_AVAILABLE
    value = values[key]
    if value is None:
        return HIDDEN
    if kind == "count":
        return str(int(value))
    if kind == "ratio":
        return f"{value:.2f}"
    return f"{value:.1f}"


@dataclass
class PresentedRow:
    key: str
    label: str
    cells: list[str]
    flag: str = ""


@dataclass
class PresentedTable:
    table: Table
    header: list[str]
    rows: list[PresentedRow]
    total: PresentedRow | None
    chart: str

    def csv_rows(self) -> list[list[str]]:
        rows = [self.header]
        rows += [[row.label, *row.cells] for row in self.rows]
        if self.total:
            rows.append([self.total.label, *self.total.cells])
        return rows


def _flag_text(flag: str) -> str:
    return _("Under-represented") if flag == "under" else ""


def present(table: Table, *, rtl: bool = False, chart: bool = True) -> PresentedTable:
    with_notes = table.notes
    header = [str(table.row_heading), *(str(column.label) for column in table.columns)]
    if with_notes:
        header.append(_("Note"))

    def presented(row) -> PresentedRow:
        cells = [cell_text(row.values, column.key, column.kind) for column in table.columns]
        if with_notes:
            cells.append(_flag_text(row.flag))
        return PresentedRow(row.key, str(row.label), cells, row.flag)

    return PresentedTable(
        table=table,
        header=header,
        rows=[presented(row) for row in table.rows],
        total=presented(table.total) if table.total else None,
        chart=chart_for(table, rtl=rtl) if chart else "",
    )


def chart_for(table: Table, *, rtl: bool = False) -> str:
    """The table's chart as SVG (or "" for a table without one)."""
    spec = table.chart
    if spec is None or not table.rows:
        return ""
    columns = {column.key: column for column in table.columns}
    kind = columns[spec.series[0]].kind

    def text(value):
        return cell_text({"v": value}, "v", kind)

    def series(keys):
        return [
            charts.Series(str(columns[key].label), [row.values.get(key) for row in table.rows])
            for key in keys
        ]

    names = ", ".join(str(columns[key].label) for key in [*spec.series, *spec.markers])
    drawn = {
        "chart_id": f"chart-{table.name}",
        "title": str(table.title),
        "labels": [str(row.label) for row in table.rows],
        "series": series(spec.series),
        "text": text,
        "rtl": rtl,
    }
    if spec.kind == "line":
        return charts.line_chart(
            description=_(
                "Line chart of {names}, month by month. The same figures are in the table below."
            ).format(names=names),
            reference=spec.reference,
            reference_label=_("1.00 = in proportion") if spec.reference == 1.0 else "",
            **drawn,
        )
    return charts.bar_chart(
        description=_(
            "Bar chart of {names} for each row of the table below, which has the same "
            "figures. Hidden figures are marked {hidden}."
        ).format(names=names, hidden=HIDDEN),
        markers=series(spec.markers),
        **drawn,
    )


def sections(presented: list[PresentedTable]) -> list[dict]:
    return [
        {"key": key, "title": title, "tables": [p for p in presented if p.table.section == key]}
        for key, title in SECTIONS
        if any(p.table.section == key for p in presented)
    ]


ALL_TABLES = "all"


def csv_response(
    presented: list[PresentedTable],
    name: str | None,
    prefix: str,
    *,
    snapshot=None,
    period: str = "",
    filters: str = "",
) -> HttpResponse:
    """One table (or ``table=all``, every table) as CSV, or a 400 naming the tables.

    The file says, before the figures, what they are: the snapshot they come from, the
    period and filters, the legend of hidden and unavailable cells, and the source, so
    that it can go into a report on its own.
    """
    names = [p.table.name for p in presented]
    if name != ALL_TABLES and name not in names:
        return HttpResponseBadRequest(
            _("Unknown table. Use table= one of: %(names)s.")
            % {"names": ", ".join([ALL_TABLES, *names])},
            content_type="text/plain; charset=utf-8",
        )
    items = presented if name == ALL_TABLES else [presented[names.index(name)]]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{prefix}-{name}.csv"'
    response.write("\ufeff")  # so that spreadsheets read the labels as UTF-8
    writer = csv.writer(response)
    as_of = formats.date_format(snapshot.taken_at, "DATE_FORMAT") if snapshot else _("none yet")
    writer.writerows(
        [
            [_("Figures as of"), as_of],
            [_("Period"), period or _("Every event and activity")],
            [_("Filters"), filters or _("None")],
            [
                _("Legend"),
                _(
                    "%(hidden)s: hidden to protect privacy. %(na)s: not available. Counts "
                    "are moved at random by at most %(noise)s, always the same way for "
                    "the same people."
                )
                % {"hidden": HIDDEN, "na": NOT_AVAILABLE, "noise": MAX_NOISE},
            ],
        ]
    )
    for item in items:
        writer.writerows(
            [
                [],
                [str(item.table.title)],
                [_("Source"), str(item.table.source)],
                [_("Who the figures are of"), str(item.table.base)],
                *item.csv_rows(),
            ]
        )
    return response


def legend() -> dict:
    """What the page says about suppression, from the settings in force."""
    return {
        "hidden": HIDDEN,
        "na": NOT_AVAILABLE,
        "threshold": settings.SMALL_NUMBER_THRESHOLD,
        "min_base": settings.SMALL_BASE_THRESHOLD,
        "max_noise": MAX_NOISE,
    }
