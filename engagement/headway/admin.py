"""Staff side of headway: the dashboard at /admin/engagement/headway/, the snapshots
and the population baselines.

The dashboard's URL is one of the admin site's own (``dashboard_urls``, added by the
site's ``get_urls``: ``waytahead.admin_site``), so it sits behind the admin's sign-in
(and its two-factor step). Its tables are suppressed exactly as the public ones, so
that any CSV can go into a funder's report as it is.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

from ..models import HeadwaySnapshot, PopulationBaseline
from . import snapshots
from .baseline import PopulationBaselineResource
from .figures import LeftOut, headway_report
from .filters import HeadwayFilterForm, HeadwayFilters
from .presentation import csv_response, legend, present, sections

# --- Population baselines -------------------------------------------------------------


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


def headway_dashboard(request):
    """Headway for staff: every figure, filterable; each table downloadable as CSV."""
    if not request.user.has_perm("engagement.view_headway"):
        raise PermissionDenied
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


def dashboard_urls(site: admin.AdminSite) -> list:
    """The dashboard's URL, for the admin site's ``get_urls``: behind the site's sign-in."""
    return [
        path(
            "engagement/headway/",
            site.admin_view(headway_dashboard),
            name="engagement_headway",
        )
    ]
