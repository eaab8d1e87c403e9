"""Listening and answering: the insights recorded, closed and answered."""

from __future__ import annotations

import statistics

from django.utils.translation import gettext_lazy as _

from . import suppression
from .perturbation import cell_sum, perturb
from .tables import Chart, Column, Row, Table, count_table


class ListeningTables:
    """The listening tables of ``_Figures``."""

    def listening(self) -> list[Table]:
        """Insights still open or closed, and answered or waiting.

        The published ones are public anyway (the "you said, we did" page and the
        insights API list them), so their count is taken as known: it is shown as it is
        (hidden only when small), and the count waiting for an answer, which the total
        minus it would give away, hides the total (of both tables, and of the month by
        month table) whenever it is small itself.
        """
        months = self.insights_by_month.values()
        n = cell_sum(r["n"] for r in months)
        still_open = cell_sum(r["open"] for r in months)
        published = cell_sum(r["published"] for r in months)
        waiting = n - published
        self.insights_total_hidden = 0 < waiting.n < self.threshold
        status_shown, total = suppression.publish_table(
            {"open": still_open, "closed": n - still_open}
        )
        if self.insights_total_hidden:
            total = None
        common = {
            "count_label": _("Insights"),
            "percent_label": _("Share of insights (%)"),
            "section": "listening",
            "row_heading": _("Insights"),
            "base": _("Insights recorded by staff from feedback."),
            "source": _("Insights log"),
        }
        status = count_table(
            {"open": still_open, "closed": n - still_open},
            {"open": _("Open"), "closed": _("Done or closed")},
            suppressed=(status_shown, total),
            name="insights_status",
            title=_("Insights still open, and closed"),
            explanation=_(
                "An insight is something we learned from what people told us. It stays open "
                "while we look into it and act on it, and is closed when it is done."
            ),
            chart=Chart("bar", ["count"]),
            **common,
        )
        answered_shown = {
            "published": suppression.suppress_count(published.n),
            "waiting": None if self.insights_total_hidden else perturb(waiting),
        }
        answered = count_table(
            {"published": published, "waiting": waiting},
            {"published": _("Answer published"), "waiting": _("No answer published yet")},
            suppressed=(answered_shown, total),
            name="insights_response",
            title=_("Insights with a published answer"),
            explanation=_(
                "Whether we have published what we did about an insight on the “You said, "
                "we did” page."
            ),
            chart=Chart("bar", ["percent"]),
            **common,
        )
        shown_published = answered.row("published").values["count"]
        median = None
        if shown_published is not None and shown_published >= self.min_base:
            median = round(statistics.median(self.response_times), 1)
        timing = Table(
            name="insights_response_time",
            section="listening",
            title=_("Time to a published answer"),
            explanation=_(
                "The middle value (median) of the days between recording an insight and "
                "publishing what we did about it: half took less time, half took more."
            ),
            row_heading=_("Insights"),
            columns=[
                Column("count", _("Insights with a published answer")),
                Column("median_days", _("Median days to the answer"), "days"),
            ],
            rows=[
                Row(
                    "published",
                    _("Answer published"),
                    {"count": shown_published, "median_days": median},
                )
            ],
            base=_("Insights with a published answer (the median needs at least %(base)s).")
            % {"base": self.min_base},
            source=_("Insights log"),
        )
        return [status, answered, timing]
