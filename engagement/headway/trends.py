"""Month by month: the counts, and representation against the baseline."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ..models import AttendanceStatus
from ..models.baseline import TREND_SHARES, baseline_shares, choose_published_scheme
from . import suppression
from .perturbation import ZERO, cell_sum
from .representation import share_and_ratio
from .tables import Chart, Column, Row, Table, publish_columns


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("2025-01"), so that a trend has no gaps."""
    year, month = (int(part) for part in first.split("-"))
    months = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        months.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(key: str) -> str:
    year, month = (int(part) for part in key.split("-"))
    return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


def _merge(comparisons: list[dict]) -> dict | None:
    if not comparisons:
        return None
    return {
        "area_code": comparisons[0]["area_code"],
        "area_name": comparisons[0]["area_name"],
        "dimension": ", ".join(c["dimension"] for c in comparisons),
        "sources": sorted({s for c in comparisons for s in c["sources"]}),
        "bases": sorted({b for c in comparisons for b in c["bases"]}),
        "confidence": sorted({x for c in comparisons for x in c["confidence"]}),
        "derived": any(c["derived"] for c in comparisons),
    }


class TrendTables:
    """The month by month tables of ``_Figures``."""

    def trends(self, attendance: Table) -> Table:
        columns = ("activities", "reach", "registrations", "attendance", "responses", "insights")
        per_month: dict[str, dict] = defaultdict(
            lambda: {c: (0 if c == "reach" else ZERO) for c in columns}
        )
        for month, _channel, n, reach in self.outreach:
            per_month[month]["activities"] += n
            per_month[month]["reach"] += reach
        for month, status, _channel, n in self.registrations:
            per_month[month]["registrations"] += n
            if status == AttendanceStatus.ATTENDED:
                per_month[month]["attendance"] += n
        for month, n in self.walk_ins.items():
            per_month[month]["attendance"] += n
        for month, n in self.responses_by_month.items():
            per_month[month]["responses"] += n
        for month, row in self.insights_by_month.items():
            per_month[month]["insights"] += row["n"]
        months = month_range(min(per_month), max(per_month)) if per_month else []
        grid = {m: dict(per_month[m]) for m in months}
        shown = publish_columns(grid, columns)
        rows = []
        for m in months:
            values = {c: shown[c][0][m] for c in columns}
            values["rate"] = suppression.percentage(values["responses"], values["attendance"])
            rows.append(Row(m, month_label(m), values))
        totals = {c: shown[c][1] for c in columns}
        if self.insights_total_hidden:
            totals["insights"] = None
        if self.same_events:
            totals["rate"] = suppression.percentage(totals["responses"], totals["attendance"])
        return Table(
            name="trends",
            section="trends",
            title=_("Month by month"),
            explanation=_(
                "Outreach, registrations, attendance, monitoring forms and insights in each "
                "month (events by the month they were held). A hidden month is hidden with "
                "at least one other, so it cannot be worked out from the total."
            ),
            row_heading=_("Month"),
            columns=[
                Column("activities", _("Outreach activities")),
                Column("reach", _("Estimated reach")),
                Column("registrations", _("Registrations")),
                Column("attendance", _("Attendance")),
                Column("responses", _("Monitoring forms")),
                Column("rate", _("Response rate (%)"), "percent"),
                Column("insights", _("Insights recorded")),
            ],
            rows=rows,
            total=Row("total", _("Total"), totals),
            base=_("Everything in the period, by month."),
            source=_("Outreach log, registrations, attendance, monitoring forms and insights"),
            chart=Chart("line", ["attendance", "responses"]),
        )

    def trend_shares(self, monitoring: list[Table]) -> Table:
        by_name = {table.name: table for table in monitoring}
        months = sorted(self.responses_by_month)
        columns: list[Column] = []
        values: dict[str, dict] = {m: {} for m in months}
        comparisons = []
        for dimension, group_key in TREND_SHARES:
            table = by_name[f"monitoring_{dimension}"]
            scheme, area = choose_published_scheme(dimension, self.baseline, self.filters.area_code)
            group = next((g for g in scheme.groups if g.key == group_key), None)
            if group is None or not area:
                continue
            shares, details = baseline_shares(scheme, self.baseline, area)
            comparisons.append(details)
            others = [g.key for g in scheme.groups if g.key != group_key]
            grid = {}
            for m in months:
                counts = self.dimension_counts(dimension, scheme, m)
                grid[m] = {"in": counts[group_key], "out": cell_sum(counts[k] for k in others)}
            overall = {row.key: row.values.get("count") for row in table.rows}
            protect = ["in"] if overall.get(group_key) is None else []
            if any(overall.get(k) is None for k in others):
                protect.append("out")
            # A month in which everyone who answered was in (or out of) the group says
            # what each of them answered: it is hidden like a small one.
            unanimous = [m for m in months if bool(grid[m]["in"].n) != bool(grid[m]["out"].n)]
            shown = suppression.publish_rows(grid, protect_columns=protect, also_hide=unanimous)
            share_key, ratio_key = f"{dimension}_share", f"{dimension}_ratio"
            columns += [
                Column(share_key, _("%(group)s: share (%%)") % {"group": group.label}, "percent"),
                Column(ratio_key, _("%(group)s: representation") % {"group": group.label}, "ratio"),
            ]
            for m in months:
                row = shown[m]
                if row is None:
                    values[m][share_key] = values[m][ratio_key] = None
                    continue
                values[m][share_key], values[m][ratio_key] = share_and_ratio(
                    row["in"], row["in"] + row["out"], shares.get(group_key)
                )
        ratio_columns = [c.key for c in columns if c.kind == "ratio"]
        return Table(
            name="trend_representation",
            section="trends",
            title=_("Representation month by month"),
            explanation=_(
                "For each month, the share of people at events who were born outside the UK, "
                "and who were 65 or over, and how that compares with the population "
                "(1.00 = in proportion). Months with too few answers are hidden."
            ),
            row_heading=_("Month"),
            columns=columns,
            rows=[Row(m, month_label(m), values[m]) for m in months],
            base=_(
                "Monitoring forms filled in at events that month; shares are of those who "
                "answered the question."
            ),
            source=_("Equality monitoring forms"),
            comparison=comparisons[0] if len(comparisons) == 1 else _merge(comparisons),
            chart=Chart("line", ratio_columns, reference=1.0) if ratio_columns else None,
        )
