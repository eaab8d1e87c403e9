"""Staff side of headway: the dashboard at /admin/engagement/headway/ and the population
baselines (imported through django-import-export, with a preview before anything is
written).

Imported once from ``EngagementConfig.ready()``. The dashboard is added to the admin
site's own URLs, so it sits behind the admin's sign-in (and its two-factor step).
Its tables are suppressed exactly as the public ones, so that any CSV can go into a
funder's report as it is.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin

from directory.models import Borough

from ..models import Channel, Event, HeadwaySnapshot, PopulationBaseline, StakeholderGroup
from . import snapshots
from .figures import LeftOut, headway_report
from .filters import HeadwayFilters
from .presentation import csv_response, legend, present, sections

# --- Population baselines -------------------------------------------------------------


class ShareWidget(widgets.DecimalWidget):
    """A percentage from 0 to 100, refused with a clear message otherwise."""

    def clean(self, value, row=None, **kwargs):
        try:
            share = Decimal(str(value).strip().rstrip("%"))
        except (InvalidOperation, ValueError) as error:
            raise ValueError(_("share_percent must be a number from 0 to 100.")) from error
        if not Decimal(0) <= share <= Decimal(100):
            raise ValueError(_("share_percent must be from 0 to 100."))
        return share


class PopulationBaselineResource(resources.ModelResource):
    """Columns as in ``engagement/data/london_census_2021_baseline.csv``. A row with the
    same area code, dimension and category as an existing one replaces it."""

    share_percent = fields.Field(
        attribute="share_percent", column_name="share_percent", widget=ShareWidget()
    )

    class Meta:
        model = PopulationBaseline
        fields = (
            "area_code",
            "area_name",
            "dimension",
            "category",
            "share_percent",
            "base",
            "confidence",
            "source",
        )
        import_id_fields = ("area_code", "dimension", "category")
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        for column in ("area_code", "dimension", "category", "confidence"):
            if row.get(column) is not None:
                row[column] = str(row[column]).strip()
        if row.get("confidence"):
            row["confidence"] = row["confidence"].lower()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.confidence not in PopulationBaseline.Confidence.values:
            raise ValidationError(
                {
                    "confidence": _("Use one of: %(values)s.")
                    % {"values": ", ".join(PopulationBaseline.Confidence.values)}
                }
            )
        super().validate_instance(instance, import_validation_errors, validate_unique)


@admin.register(PopulationBaseline)
class PopulationBaselineAdmin(ImportExportModelAdmin):
    resource_classes = [PopulationBaselineResource]
    list_display = (
        "area_name",
        "area_code",
        "dimension",
        "category",
        "share_percent",
        "base",
        "confidence",
        "source",
    )
    list_filter = ("area_name", "dimension", "confidence")
    search_fields = ("area_name", "area_code", "dimension", "category", "source")
    ordering = ("area_code", "dimension", "category")


# --- Snapshots --------------------------------------------------------------------------


@admin.register(HeadwaySnapshot)
class HeadwaySnapshotAdmin(admin.ModelAdmin):
    """The snapshots the figures are published from: read only. A snapshot is taken on
    the schedule (or with ``manage.py headway_snapshot``); an event that changed by only
    a few people since the last one keeps its figures as they were."""

    list_display = ("taken_at", "events_kept")
    date_hierarchy = "taken_at"
    fields = ("taken_at", "events_kept")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- The dashboard ----------------------------------------------------------------------


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


class HeadwayFilterForm(forms.Form):
    """Whole periods only, and at most one other filter: every figure is then one of a
    small, fixed set of tables, so that no run of choices differing by one event can
    be averaged to see through the noise."""

    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        required=False,
        help_text=gettext_lazy("Whole years, quarters or months only."),
    )
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=Event.objects.none(),
        to_field_name="slug",
        required=False,
    )
    stakeholder_group = forms.ModelChoiceField(
        label=gettext_lazy("Stakeholder group"),
        queryset=StakeholderGroup.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    borough = forms.ModelChoiceField(
        label=gettext_lazy("Borough"),
        queryset=Borough.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
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


def headway_dashboard(request):
    """Headway for staff: every figure, filterable; each table downloadable as CSV."""
    form = HeadwayFilterForm(request.GET or None)
    bound = form.is_bound and form.is_valid()
    filters = form.filters() if bound else HeadwayFilters()
    snapshot = snapshots.latest_published()
    left_out = LeftOut()
    if form.is_bound and not bound:
        presented = []
    else:
        rtl, charts_too = get_language_bidi(), request.GET.get("format") != "csv"
        tables, left_out = headway_report(filters, staff=True, snapshot=snapshot)
        presented = [present(table, rtl=rtl, chart=charts_too) for table in tables]
    if request.GET.get("format") == "csv":
        return csv_response(
            presented,
            request.GET.get("table"),
            "headway-staff",
            snapshot=snapshot,
            period=form.period_text() if bound else "",
            filters=form.described_filters() if bound else "",
        )
    kept = [
        (key, value)
        for key, value in request.GET.items()
        if key in HeadwayFilterForm.base_fields and value
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Headway"),
        "form": form,
        "sections": sections(presented),
        "query_prefix": urlencode(kept) + "&" if kept else "",
        "filtered": bool(kept),
        "baseline_url": reverse("admin:engagement_populationbaseline_changelist"),
        "snapshots_url": reverse("admin:engagement_headwaysnapshot_changelist"),
        "as_of": snapshot.taken_at if snapshot else None,
        "left_out": left_out,
        "period": form.period_text() if bound else "",
        **legend(),
    }
    return TemplateResponse(request, "admin/engagement/headway.html", context)


def _with_headway_url(get_urls):
    def get_urls_with_headway():
        return [
            path(
                "engagement/headway/",
                admin.site.admin_view(headway_dashboard),
                name="engagement_headway",
            ),
            *get_urls(),
        ]

    return get_urls_with_headway


admin.site.get_urls = _with_headway_url(admin.site.get_urls)
