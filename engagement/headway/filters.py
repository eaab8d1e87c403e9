"""What the staff narrow the headway figures to (the public figures use none)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from directory.models import Borough

from ..models import Event, Insight, OutreachActivity, StakeholderGroup
from ..models.baseline import LONDON_AREA_CODE


@dataclass(frozen=True)
class HeadwayFilters:
    """What the staff dashboard narrows the figures to. The public figures use none.

    Dates are widened to whole months (the figures know nothing finer), so that two
    date windows never differ by a day's events.
    """

    date_from: date | None = None
    date_to: date | None = None
    event: Event | None = None
    stakeholder_group: StakeholderGroup | None = None
    borough: Borough | None = None
    channel: str = ""

    def __post_init__(self):
        if self.date_from:
            object.__setattr__(self, "date_from", self.date_from.replace(day=1))
        if self.date_to:
            last = calendar.monthrange(self.date_to.year, self.date_to.month)[1]
            object.__setattr__(self, "date_to", self.date_to.replace(day=last))

    def narrows(self) -> bool:
        """Whether any filter is set (every filter narrows every kind of fact)."""
        return bool(
            self.date_from
            or self.date_to
            or self.event
            or self.stakeholder_group
            or self.borough
            or self.channel
        )

    def outreach(self):
        outreach = OutreachActivity.objects.all()
        if self.date_from:
            outreach = outreach.filter(date__gte=self.date_from)
        if self.date_to:
            outreach = outreach.filter(date__lte=self.date_to)
        if self.event:
            outreach = outreach.filter(event=self.event)
        if self.stakeholder_group:
            outreach = outreach.filter(
                pk__in=OutreachActivity.objects.filter(target_groups=self.stakeholder_group).values(
                    "pk"
                )
            )
        if self.borough:
            with_partners = OutreachActivity.objects.filter(
                partner_organisations__borough=self.borough
            ).values("pk")
            outreach = outreach.filter(Q(event__borough=self.borough) | Q(pk__in=with_partners))
        if self.channel:
            outreach = outreach.filter(channel=self.channel)
        return outreach

    def insights(self):
        insights = Insight.objects.all()
        if self.date_from:
            insights = insights.filter(created_at__date__gte=self.date_from)
        if self.date_to:
            insights = insights.filter(created_at__date__lte=self.date_to)
        if self.event:
            insights = insights.filter(
                pk__in=Insight.objects.filter(feedback__event=self.event).values("pk")
            )
        if self.stakeholder_group:
            group = self.stakeholder_group
            insights = insights.filter(
                pk__in=Insight.objects.filter(
                    Q(stakeholder_groups=group) | Q(feedback__stakeholder_group=group)
                ).values("pk")
            )
        if self.borough:
            insights = insights.filter(
                pk__in=Insight.objects.filter(feedback__event__borough=self.borough).values("pk")
            )
        if self.channel:
            insights = insights.filter(
                pk__in=Insight.objects.filter(
                    feedback__outreach_activity__channel=self.channel
                ).values("pk")
            )
        return insights

    @property
    def area_code(self) -> str:
        """The baseline area: the borough's when filtered by one, else London."""
        return self.borough.gss_code if self.borough else LONDON_AREA_CODE
