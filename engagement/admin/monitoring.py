"""Equality monitoring in the admin: typing in paper forms, and anonymous answers only.

A response has no link to any person, so nothing here leads to one: no registration,
no name, no day or time. Paper forms typed in here go the same way as the online form:
they wait for the next shuffled batch (``services.monitoring_batch_write``, daily)
before they are stored and counted, and no admin log entry records when they were typed.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import services
from ..models import MonitoringResponse
from ..models.monitoring import DIMENSIONS, month_start

ANSWER_FIELDS = tuple(DIMENSIONS)


def _paper_defaults(db_field, kwargs):
    """Typed in by staff from paper, in this month unless the event says otherwise."""
    if db_field.name == "source":
        kwargs["initial"] = MonitoringResponse.Source.PAPER
    elif db_field.name == "month":
        kwargs["initial"] = lambda: month_start(timezone.localdate())
    return kwargs


def _answers(cleaned_data) -> dict:
    return {name: cleaned_data.get(name) or "" for name in ANSWER_FIELDS}


def paper_forms_received_message(count: int) -> str:
    return ngettext(
        "%(count)d paper form received; it is added to the figures in the next batch.",
        "%(count)d paper forms received; they are added to the figures in the next batch.",
        count,
    ) % {"count": count}


def paper_forms_submit(request, formset, *, event) -> int:
    """Send the rows typed into ``PaperMonitoringInline`` to the next batch, not the table.

    Rows left untouched are skipped, as a formset would skip them.
    """
    if not request.user.has_perm("engagement.enter_monitoring"):
        raise PermissionDenied
    received = 0
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        services.monitoring_submit(
            event=event,
            answers=_answers(form.cleaned_data),
            source=form.cleaned_data.get("source") or MonitoringResponse.Source.PAPER,
            month=form.cleaned_data.get("month"),
        )
        received += 1
    # The admin's change message reads these; nothing was saved through the formset.
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    if received:
        messages.success(request, paper_forms_received_message(received))
    return received


class PaperMonitoringFormSet(BaseInlineFormSet):
    """The inline's rows: saved only through ``paper_forms_submit``."""


class PaperMonitoringInline(admin.TabularInline):
    """Ten blank rows for typing in paper monitoring forms in bulk.

    The responses already stored are not listed: they are seen only as the aggregates
    in the event's summary. Rows left untouched are not saved; the others join the next
    batch (``EventAdmin.save_formset`` sends them through ``paper_forms_submit``).
    """

    model = MonitoringResponse
    formset = PaperMonitoringFormSet
    fk_name = "event"
    extra = 10
    can_delete = False
    fields = ("source", "month", *ANSWER_FIELDS)
    verbose_name = _("paper monitoring form")
    verbose_name_plural = _(
        "paper monitoring forms (type in; stored anonymously and counted after the next "
        "daily batch)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("engagement.enter_monitoring")

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_paper_defaults(db_field, kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.starts_at <= timezone.now():
            # Forms typed in after the event are dated with the month they were filled in.
            formset.form.base_fields["month"].initial = month_start(
                timezone.localdate(obj.starts_at)
            )
        return formset


@admin.register(MonitoringResponse)
class MonitoringResponseAdmin(admin.ModelAdmin):
    """Type in one paper form. Stored answers are never listed, opened, changed or
    deleted here: a list filtered by event and answer would show each person's answers
    and exact small counts, and a changed or deleted answer would let two snapshots be
    compared. Staff see answers only as the suppressed figures (the event's summary,
    the headway dashboard)."""

    autocomplete_fields = ("event", "outreach_activity")
    fieldsets = (
        (
            None,
            {
                "fields": (("event", "outreach_activity"), ("source", "month")),
                "description": _(
                    "A paper form typed in here is stored anonymously and added to the "
                    "figures in the next batch, written once a day."
                ),
            },
        ),
        (_("Answers (leave blank when not answered)"), {"fields": ANSWER_FIELDS}),
    )

    def has_view_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        # Listed on the admin index (as "Add") for staff who may type in paper forms.
        return {"add": self.has_add_permission(request)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_paper_defaults(db_field, kwargs))

    def save_model(self, request, obj, form, change):
        services.monitoring_submit(
            event=obj.event,
            outreach_activity=obj.outreach_activity,
            answers=_answers(form.cleaned_data),
            source=obj.source,
            month=obj.month,
        )

    def log_addition(self, request, obj, message):
        """No log entry: it would record the minute an answer was typed in."""

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, paper_forms_received_message(1), messages.SUCCESS)
        return redirect(request.path)  # the next paper form
