"""Equality monitoring in the admin: typing in paper forms, and anonymous answers only.

A response has no link to any person, so nothing here leads to one: no registration,
no name, no time of day.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MonitoringResponse
from ..models.monitoring import DIMENSIONS

ANSWER_FIELDS = tuple(DIMENSIONS)


def _paper_defaults(db_field, kwargs):
    """Typed in by staff from paper, dated today unless the event says otherwise."""
    if db_field.name == "source":
        kwargs["initial"] = MonitoringResponse.Source.PAPER
    elif db_field.name == "submitted_on":
        kwargs["initial"] = timezone.localdate
    return kwargs


class PaperMonitoringInline(admin.TabularInline):
    """Ten blank rows for typing in paper monitoring forms in bulk.

    The responses already stored are not listed: they are seen only as the aggregates
    in the event's summary. Rows left untouched are not saved.
    """

    model = MonitoringResponse
    fk_name = "event"
    extra = 10
    can_delete = False
    fields = ("source", "submitted_on", *ANSWER_FIELDS)
    verbose_name = _("paper monitoring form")
    verbose_name_plural = _("paper monitoring forms (type in; stored anonymously)")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_paper_defaults(db_field, kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.starts_at <= timezone.now():
            # Forms typed in after the event are dated with the day they were filled in.
            formset.form.base_fields["submitted_on"].initial = timezone.localdate(obj.starts_at)
        return formset


class AnswerFilter(admin.SimpleListFilter):
    """A filter on one monitoring question, with "not answered" as a choice."""

    field = ""

    def lookups(self, request, model_admin):
        _label, choices = DIMENSIONS[self.field]
        return [*choices, ("blank", _("Not answered"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(**{self.field: "" if value == "blank" else value})


def answer_filter(field: str) -> type[AnswerFilter]:
    label, _choices = DIMENSIONS[field]
    return type(
        f"{field.title().replace('_', '')}Filter",
        (AnswerFilter,),
        {"field": field, "title": label, "parameter_name": field},
    )


@admin.register(MonitoringResponse)
class MonitoringResponseAdmin(admin.ModelAdmin):
    """Single responses, anonymous. Use "add" to type in one paper form."""

    list_display = (
        "submitted_on",
        "event",
        "outreach_activity",
        "source",
        "age_band",
        "country_of_birth",
        "ethnic_group",
        "disability",
    )
    list_filter = (
        "source",
        ("event", admin.RelatedOnlyFieldListFilter),
        "submitted_on",
        *(answer_filter(field) for field in ANSWER_FIELDS),
    )
    list_select_related = ("event", "outreach_activity")
    date_hierarchy = "submitted_on"
    autocomplete_fields = ("event", "outreach_activity")
    fieldsets = (
        (None, {"fields": (("event", "outreach_activity"), ("source", "submitted_on"))}),
        (_("Answers (leave blank when not answered)"), {"fields": ANSWER_FIELDS}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_paper_defaults(db_field, kwargs))
