"""What the staff narrow the headway figures to (the public figures use none): the
filters, and the dashboard's form that chooses them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Borough

from ..models import Channel, Event, Insight, OutreachActivity, StakeholderGroup
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


# --- The staff dashboard's choice of filters ---------------------------------------------


NARROWING = ("event", "stakeholder_group", "borough", "channel")


def _period_choices() -> list:
    """All time, then each year, quarter and month that has events, newest first."""
    span = Event.objects.exclude(status=Event.Status.CANCELLED).aggregate(
        first=Min("starts_at"), last=Max("starts_at")
    )
    if not span["first"]:
        return [("", _("All time"))]
    first = timezone.localtime(span["first"]).date()
    last = timezone.localtime(span["last"]).date()
    years, quarters, months = [], [], []
    for year in range(last.year, first.year - 1, -1):
        years.append((f"Y{year}", str(year)))
        for quarter in range(4, 0, -1):
            start, end = date(year, quarter * 3 - 2, 1), date(year, quarter * 3, 1)
            if end < first.replace(day=1) or start > last:
                continue
            label = _("%(year)s, quarter %(quarter)s") % {"year": year, "quarter": quarter}
            quarters.append((f"Q{year}-{quarter}", label))
            for month in range(quarter * 3, quarter * 3 - 3, -1):
                day = date(year, month, 1)
                if first.replace(day=1) <= day <= last:
                    months.append(
                        (f"M{year}-{month:02d}", formats.date_format(day, "YEAR_MONTH_FORMAT"))
                    )
    return [
        ("", _("All time")),
        (_("Years"), years),
        (_("Quarters"), quarters),
        (_("Months"), months),
    ]


def period_dates(value: str) -> tuple[date | None, date | None]:
    """The first and last day of a period ("Y2025", "Q2025-2", "M2025-04"; "" is all)."""
    if not value:
        return None, None
    kind, rest = value[0], value[1:]
    if kind == "Y":
        year = int(rest)
        return date(year, 1, 1), date(year, 12, 31)
    year, part = (int(x) for x in rest.split("-"))
    first_month, last_month = (part * 3 - 2, part * 3) if kind == "Q" else (part, part)
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def _by_slug(label, queryset) -> forms.ModelChoiceField:
    """An optional choice of one record, known in the query string by its slug."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, to_field_name="slug", required=False
    )


class HeadwayFilterForm(forms.Form):
    """Whole periods only, and at most one other filter: every figure is then one of a
    small, fixed set of tables, so that no run of choices differing by one event can
    be averaged to see through the noise."""

    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        help_text=gettext_lazy("Whole years, quarters or months only."),
    )
    event = _by_slug(gettext_lazy("Event"), Event.objects.none())
    stakeholder_group = _by_slug(
        gettext_lazy("Stakeholder group"), StakeholderGroup.objects.order_by("name")
    )
    borough = _by_slug(gettext_lazy("Borough"), Borough.objects.order_by("name"))
    channel = forms.ChoiceField(
        label=gettext_lazy("Outreach channel"),
        choices=[("", "---------"), *Channel.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.order_by("-starts_at")
        self.fields["period"].choices = _period_choices()

    def clean(self):
        cleaned = super().clean()
        if sum(1 for name in NARROWING if cleaned.get(name)) > 1:
            raise ValidationError(
                _("Choose only one of: event, stakeholder group, borough, outreach channel.")
            )
        return cleaned

    def period_text(self) -> str:
        """The chosen period in words ("" for all time)."""
        value = self.cleaned_data.get("period") or ""
        for choice, label in self.fields["period"].choices:
            options = label if isinstance(label, list | tuple) else [(choice, label)]
            for key, text in options:
                if key == value and value:
                    return str(text)
        return ""

    def described_filters(self) -> str:
        """The filters other than dates, as "Label: value" in words."""
        return "; ".join(
            f"{self.fields[name].label}: {self._value_label(name, value)}"
            for name, value in self.cleaned_data.items()
            if value and name in NARROWING
        )

    def _value_label(self, name, value) -> str:
        if name == "channel":
            return str(dict(Channel.choices).get(value, value))
        return str(value)

    def filters(self) -> HeadwayFilters:
        data = self.cleaned_data
        date_from, date_to = period_dates(data.get("period") or "")
        return HeadwayFilters(
            date_from=date_from,
            date_to=date_to,
            event=data.get("event"),
            stakeholder_group=data.get("stakeholder_group"),
            borough=data.get("borough"),
            channel=data.get("channel") or "",
        )
