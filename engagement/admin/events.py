"""Events, registrations and attendance; the per-event summary."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from .. import services
from ..models import AttendanceStatus, Event, OutreachActivity, Participant, Registration
from ..resources import EventResource, RegistrationResource
from .common import PowersMixin, erase_personal_data_confirmed
from .monitoring import PaperMonitoringFormSet, PaperMonitoringInline, paper_forms_submit
from .summary import event_summary

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 30})}}


class RegistrationInline(admin.TabularInline):
    """Who registered. Personal data: shown to staff only, here and nowhere public."""

    model = Registration
    extra = 0
    fields = ("name", "email", "phone", "status", "heard_via", "access_needs")
    formfield_overrides = SHORT_TEXT
    show_change_link = True
    verbose_name_plural = _("registrations (personal data: staff only)")


class OutreachInline(admin.TabularInline):
    """The outreach that promoted this event, for reading; logged on its own page."""

    model = OutreachActivity
    extra = 0
    fields = ("date", "channel", "estimated_reach", "responses")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ImportExportMixin, TabbedTranslationAdmin):
    resource_classes = [EventResource]
    list_display = (
        "title",
        "starts_at",
        "event_type",
        "borough",
        "status",
        "is_published",
        "places_taken_display",
        "translations",
        "summary_link",
    )
    list_filter = (
        "status",
        "event_type",
        "is_published",
        "starts_at",
        "borough",
        "languages",
        "target_groups",
    )
    date_hierarchy = "starts_at"
    search_fields = ("title_en", "slug", "venue_name", "description_en")
    list_select_related = ("borough",)
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("borough", "languages", "target_groups")
    readonly_fields = ("created_at", "updated_at")
    inlines = [RegistrationInline, PaperMonitoringInline, OutreachInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "event_type")}),
        (
            _("When and where"),
            {
                "fields": (
                    ("starts_at", "ends_at"),
                    ("venue_name", "venue_address"),
                    "borough",
                    "online_url",
                )
            },
        ),
        (
            _("Languages and access"),
            {"fields": ("languages", "interpretation", Event.ACCESS_FIELDS)},
        ),
        (
            _("Registration"),
            {
                "fields": (
                    "capacity",
                    ("registration_opens_at", "registration_closes_at"),
                    "target_groups",
                    "is_published",
                )
            },
        ),
        (
            _("After the event"),
            {"fields": ("status", "walk_in_count", "closing_notes", ("created_at", "updated_at"))},
        ),
    )

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, PaperMonitoringFormSet):
            # Paper forms join the next shuffled batch; they are not stored as typed.
            paper_forms_submit(request, formset, event=form.instance)
            return
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        return super().get_queryset(request).with_places_taken()

    def get_urls(self):
        return [
            path(
                "<uuid:pk>/summary/",
                self.admin_site.admin_view(self.summary_view),
                name="engagement_event_summary",
            ),
            *super().get_urls(),
        ]

    def summary_view(self, request, pk):
        """Attendance, attribution and monitoring for one event, suppressed as if published."""
        event = get_object_or_404(Event, pk=pk)
        if not (
            self.has_view_or_change_permission(request, event)
            and request.user.has_perm("engagement.view_headway")
        ):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Summary: %(event)s") % {"event": event},
            "opts": self.model._meta,
            "original": event,
            "event": event,
            **event_summary(event),
        }
        return TemplateResponse(request, "admin/engagement/event/summary.html", context)

    @admin.display(description=_("places taken"), ordering="places_taken")
    def places_taken_display(self, event):
        if event.capacity is None:
            return event.places_taken
        return f"{event.places_taken} / {event.capacity}"

    @admin.display(description=_("translations"))
    def translations(self, event):
        """The languages that have both a title and a description."""
        return " ".join(
            code
            for code, _name in settings.LANGUAGES
            if getattr(event, f"title_{code}", "") and getattr(event, f"description_{code}", "")
        )

    @admin.display(description=_("summary"))
    def summary_link(self, event):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:engagement_event_summary", args=[event.pk]),
            _("Summary"),
        )


class ErasedFilter(admin.SimpleListFilter):
    title = _("personal data")
    parameter_name = "erased"

    def lookups(self, request, model_admin):
        return [("no", _("Kept")), ("yes", _("Erased"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(erased_at__isnull=self.value() == "no")
        return queryset


@admin.register(Registration)
class RegistrationAdmin(PowersMixin, ImportExportMixin, admin.ModelAdmin):
    """Registrations: personal data, staff only. Attendance is marked here in bulk."""

    resource_classes = [RegistrationResource]
    list_display = ("person", "event", "status", "heard_via", "language", "created_at", "erased")
    list_display_links = ("person",)
    list_filter = ("event", "status", "heard_via", ErasedFilter, "created_at")
    search_fields = ("name", "email", "phone", "event__title_en")
    list_select_related = ("event",)
    list_per_page = 100
    autocomplete_fields = ("event",)
    readonly_fields = ("participant", "created_at", "erased_at")
    fields = (
        "event",
        ("name", "email", "phone"),
        "access_needs",
        "interpretation_needs",
        ("heard_via", "language"),
        "consent",
        "status",
        ("participant", "created_at", "erased_at"),
    )
    actions = ["mark_attended", "mark_no_show", "erase_personal_data"]

    @admin.display(description=_("name"), ordering="name")
    def person(self, registration):
        return registration.name or _("(erased)")

    @admin.display(boolean=True, description=_("erased"), ordering="erased_at")
    def erased(self, registration):
        return registration.erased_at is not None

    def _mark(self, request, queryset, status):
        count = services.attendance_record(registrations=queryset, status=status)
        self.message_user(
            request,
            ngettext(
                "%(count)d registration marked as “%(status)s”.",
                "%(count)d registrations marked as “%(status)s”.",
                count,
            )
            % {"count": count, "status": AttendanceStatus(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected people as attended"), permissions=["attendance"])
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, AttendanceStatus.ATTENDED)

    @admin.action(
        description=_("Mark the selected people as did not come"), permissions=["attendance"]
    )
    def mark_no_show(self, request, queryset):
        self._mark(request, queryset, AttendanceStatus.NO_SHOW)

    @admin.action(
        description=_("Erase the personal data of the selected people (on request)"),
        permissions=["erase"],
    )
    def erase_personal_data(self, request, queryset):
        return erase_personal_data_confirmed(self, request, queryset, kind="registrations")


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Repeat participation, counted without knowing who anyone is: read only."""

    list_display = ("__str__", "events_registered", "created_at")
    readonly_fields = ("key", "created_at")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(events=Count("registrations"))

    @admin.display(description=_("registrations"), ordering="events")
    def events_registered(self, participant):
        return participant.events

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
