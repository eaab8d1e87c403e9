"""Stakeholder groups, and the outreach that reaches them."""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from ..models import OutreachActivity, StakeholderGroup
from ..resources import OutreachActivityResource
from .common import StaffUserChoicesMixin


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "slug", "partner_count", "outreach_count")
    list_filter = ("kind",)
    search_fields = ("name_en", "name_pl", "name_bn", "name_ar", "slug", "description_en")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("partner_organisations",)
    fields = ("name", "slug", "kind", "description", "reach_notes", "partner_organisations")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                partners=Count("partner_organisations", distinct=True),
                outreach_logged=Count("outreach", distinct=True),
            )
        )

    @admin.display(description=_("partner organisations"), ordering="partners")
    def partner_count(self, group):
        return group.partners

    @admin.display(description=_("outreach logged"), ordering="outreach_logged")
    def outreach_count(self, group):
        return group.outreach_logged


@admin.register(OutreachActivity)
class OutreachActivityAdmin(StaffUserChoicesMixin, ImportExportMixin, admin.ModelAdmin):
    resource_classes = [OutreachActivityResource]
    staff_user_fields = ("staff",)
    list_display = (
        "date",
        "channel",
        "summary",
        "language_codes",
        "target_group_names",
        "estimated_reach",
        "responses",
        "participation_step",
        "follow_up_needed",
        "staff",
    )
    list_display_links = ("date", "summary")
    list_filter = (
        "date",
        "channel",
        "languages",
        "target_groups",
        "participation_step",
        "follow_up_needed",
        ("staff", admin.RelatedOnlyFieldListFilter),
    )
    date_hierarchy = "date"
    search_fields = ("description", "partner_organisations__name_en", "target_groups__name_en")
    list_select_related = ("staff",)
    list_per_page = 50
    autocomplete_fields = ("languages", "target_groups", "partner_organisations", "event")
    readonly_fields = ("created_at",)
    fieldsets = (
        (None, {"fields": (("date", "channel"), "description", "staff")}),
        (_("Who and how"), {"fields": ("languages", "target_groups", "partner_organisations")}),
        (
            _("Results"),
            {
                "fields": (
                    ("estimated_reach", "responses"),
                    "participation_step",
                    ("follow_up_needed", "follow_up_date"),
                    "event",
                    "created_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("languages", "target_groups")

    def get_changeform_initial_data(self, request):
        return {"staff": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change and obj.staff_id is None:
            obj.staff = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("what happened"))
    def summary(self, activity):
        return Truncator(activity.description).chars(70)

    @admin.display(description=_("languages"))
    def language_codes(self, activity):
        return ", ".join(language.code for language in activity.languages.all())

    @admin.display(description=_("target groups"))
    def target_group_names(self, activity):
        return ", ".join(group.name for group in activity.target_groups.all())
