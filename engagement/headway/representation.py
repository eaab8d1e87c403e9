"""Who takes part, compared with London: each monitoring question against the
Census 2021 baseline (or on its own where there is none), and the response rate."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from ..models.baseline import Scheme, baseline_shares, choose_published_scheme
from ..models.monitoring import DIMENSIONS, PREFER_NOT
from . import suppression
from .perturbation import ZERO, Cell, cell_sum
from .tables import Chart, Column, Row, Table, derived_sum

# A group whose representation ratio is below this is flagged as under-represented.
UNDER_REPRESENTED = 0.8

PREFER_NOT_KEY, PREFER_NOT_LABEL = PREFER_NOT
NOT_ANSWERED_KEY = "not_answered"
NOT_ANSWERED_LABEL = _("Not answered")


def ratio(share: float | None, baseline: float | None) -> float | None:
    """Representation: a share over the population's share (1.0 = in proportion), from
    the unrounded share, to two decimals."""
    if share is None or not baseline:
        return None
    return round(share / baseline, 2)


def share_and_ratio(
    part: int | None, base: int | None, baseline: float | None
) -> tuple[float | None, float | None]:
    """A count's share of those who answered (a percentage, hidden as ``percentage``
    hides it) and its representation against the population's share."""
    share = suppression.percentage(part, base)
    exact = None if share is None else 100.0 * part / base
    return share, ratio(exact, baseline)


class RepresentationTables:
    """The representation tables of ``_Figures``."""

    def dimension_counts(self, dimension: str, scheme: Scheme, month: str | None = None) -> dict:
        """{group key: count} plus prefer-not and not-answered, for all months or one."""
        months = [month] if month else list(self.answers[dimension])
        answers: dict[str, Cell] = defaultdict(lambda: ZERO)
        for m in months:
            for key, n in self.answers[dimension].get(m, {}).items():
                answers[key] += n
        counts = {group.key: cell_sum(answers[a] for a in group.answers) for group in scheme.groups}
        counts[PREFER_NOT_KEY] = answers[PREFER_NOT_KEY]
        counts[NOT_ANSWERED_KEY] = answers[""]
        return counts

    def representation(self, dimension: str) -> Table:
        label, _choices = DIMENSIONS[dimension]
        scheme, area = choose_published_scheme(dimension, self.baseline, self.filters.area_code)
        shares, details = baseline_shares(scheme, self.baseline, area) if area else ({}, None)
        counts = self.dimension_counts(dimension, scheme)
        group_keys = [group.key for group in scheme.groups]
        # If everyone who answered gave the same answer, that count would tell each of
        # them (anyone known to have been there) what they answered: hide it too.
        everyone = suppression.unanimous({k: counts[k].n for k in group_keys}, group_keys)
        shown, total = suppression.publish_table(counts, also_hide=everyone)
        base = derived_sum(shown, total, group_keys)
        rows = []
        for group in scheme.groups:
            share, representation = share_and_ratio(shown[group.key], base, shares.get(group.key))
            values = {"count": shown[group.key], "share": share}
            flag = ""
            if group.key in shares:
                values["baseline"] = shares[group.key]
                values["ratio"] = representation
                if values["ratio"] is not None and values["ratio"] < UNDER_REPRESENTED:
                    flag = "under"
            rows.append(Row(group.key, group.label, values, flag))
        rows.append(Row(PREFER_NOT_KEY, PREFER_NOT_LABEL, {"count": shown[PREFER_NOT_KEY]}))
        rows.append(Row(NOT_ANSWERED_KEY, NOT_ANSWERED_LABEL, {"count": shown[NOT_ANSWERED_KEY]}))
        columns = [
            Column("count", _("People")),
            Column("share", _("Share of those who answered (%)"), "percent"),
        ]
        if details:
            columns += [
                Column("baseline", _("Share of the population (%)"), "percent"),
                Column("ratio", _("Representation (1.00 = in proportion)"), "ratio"),
            ]
        return Table(
            name=f"monitoring_{dimension}",
            section="representation",
            title=label,
            explanation=(
                _(
                    "The share of people at our events who gave each answer, next to the "
                    "share of the population. Representation is one divided by the other: "
                    "1.00 means in proportion, below 0.80 means under-represented (marked). "
                    "“Prefer not to say” and “Not answered” are counted but left out of the shares."
                )
                if details
                else _(
                    "The share of people at our events who gave each answer. There is no "
                    "population figure to compare this question with. “Prefer not to say” "
                    "and “Not answered” are counted but left out of the shares."
                )
            ),
            row_heading=_("Answer"),
            columns=columns,
            rows=rows,
            total=Row("total", _("Total"), {"count": total}),
            base=_(
                "Anonymous monitoring forms filled in at events; shares are of those who "
                "answered this question."
            ),
            source=_("Equality monitoring forms"),
            comparison=details,
            chart=Chart("bar", ["share"], ["baseline"] if details else []),
            notes=bool(details),
        )

    def response_rate(self, attendance: Table) -> Table:
        # The same records as every monitoring table's total, so the same published count.
        responses = suppression.publish_count(cell_sum(self.responses_by_month.values()))
        people = attendance.total.values["count"]
        values = {"responses": responses, "attendance": people}
        if self.same_events:
            # A rate of forms over attendance is only meaningful for the same events.
            values["rate"] = suppression.percentage(responses, people, self.min_base)
        return Table(
            name="response_rate",
            section="representation",
            title=_("Monitoring response rate"),
            explanation=_(
                "How many anonymous monitoring forms were filled in for every hundred people "
                "at events (walk-ins included). The shares below are only as good as this rate."
            ),
            row_heading=_("Events"),
            columns=[
                Column("responses", _("Monitoring forms")),
                Column("attendance", _("Attendance")),
                Column("rate", _("Response rate (%)"), "percent"),
            ],
            rows=[
                Row(
                    "all",
                    _("All events in the period"),
                    values,
                )
            ],
            base=_("Monitoring forms and attendance at the same events."),
            source=_("Equality monitoring forms and attendance records"),
            chart=None,
        )
