"""Staff side of headway: the dashboard at /admin/engagement/headway/ and the population
baselines (imported through django-import-export, with a preview before anything is
written).

Imported once from ``EngagementConfig.ready()``. The dashboard is added to the admin
site's own URLs, so it sits behind the admin's sign-in (and its two-factor step).
Its tables are suppressed exactly as the public ones, so that any CSV can go into a
funder's report as it is.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin

from directory.models import Borough

from . import snapshots
from .headway import HeadwayFilters, LeftOut, headway_report
from .headway_views import csv_response, legend, present, sections
from .models import Channel, Event, HeadwaySnapshot, PopulationBaseline, StakeholderGroup

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


class HeadwayFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
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

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("“From” must be on or before “To”."))
        return cleaned

    def period(self, filters: HeadwayFilters) -> str:
        """The period in words, after widening to whole months."""
        start = formats.date_format(filters.date_from, "DATE_FORMAT") if filters.date_from else ""
        end = formats.date_format(filters.date_to, "DATE_FORMAT") if filters.date_to else ""
        if start and end:
            return pgettext("a range of dates", "%(start)s to %(end)s") % {
                "start": start,
                "end": end,
            }
        if start:
            return _("From %(start)s") % {"start": start}
        if end:
            return _("Up to %(end)s") % {"end": end}
        return ""

    def described_filters(self) -> str:
        """The filters other than dates, as "Label: value" in words."""
        return "; ".join(
            f"{self.fields[name].label}: {self._value_label(name, value)}"
            for name, value in self.cleaned_data.items()
            if value and name not in ("date_from", "date_to")
        )

    def _value_label(self, name, value) -> str:
        if name == "channel":
            return str(dict(Channel.choices).get(value, value))
        return str(value)

    def filters(self) -> HeadwayFilters:
        data = self.cleaned_data
        return HeadwayFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
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
            period=form.period(filters) if bound else "",
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
        "period": form.period(filters) if bound else "",
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
