"""Feedback, the insights drawn from it, and the actions that answer it."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from common.admin_actions import action_page

from .. import services
from ..models import Action, Feedback, Insight, Theme
from .common import PowersMixin, StaffUserChoicesMixin, erase_personal_data_confirmed
from .forms import InsightFromFeedbackForm


@admin.register(Feedback)
class FeedbackAdmin(PowersMixin, StaffUserChoicesMixin, admin.ModelAdmin):
    staff_user_fields = ("logged_by",)
    list_display = (
        "summary",
        "source",
        "language",
        "event",
        "stakeholder_group",
        "created_at",
        "has_contact",
        "insight_count",
    )
    list_filter = (
        "source",
        "language",
        ("event", admin.RelatedOnlyFieldListFilter),
        "stakeholder_group",
        "created_at",
    )
    date_hierarchy = "created_at"
    # Contact details are searchable so that a request to erase them can be met.
    search_fields = ("text", "contact_name", "contact_email")
    list_select_related = ("event", "stakeholder_group")
    autocomplete_fields = ("event", "outreach_activity", "stakeholder_group")
    readonly_fields = ("created_at", "erased_at")
    actions = ["create_insight_from_feedback", "erase_personal_data"]
    fieldsets = (
        (None, {"fields": ("text", ("language", "source"))}),
        (
            gettext_lazy("Where it came from"),
            {"fields": ("event", "outreach_activity", "stakeholder_group", "logged_by")},
        ),
        (
            gettext_lazy("Contact details (personal data: staff only)"),
            {
                "fields": ("contact_consent", ("contact_name", "contact_email"), "erased_at"),
                "description": gettext_lazy(
                    "Kept only when the person agreed to be contacted; erased on request "
                    "and at the end of the retention period."
                ),
            },
        ),
        (None, {"fields": ("created_at",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(insights_drawn=Count("insights"))

    def get_changeform_initial_data(self, request):
        return {
            "source": Feedback.Source.IN_PERSON,
            "logged_by": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        if change:
            if not obj.contact_consent:
                obj.contact_name, obj.contact_email = "", ""
            super().save_model(request, obj, form, change)
            return
        # New feedback goes through the service, which keeps contact details only with consent.
        saved = services.feedback_submit(
            text=obj.text,
            language=obj.language,
            event=obj.event,
            source=obj.source,
            contact_name=obj.contact_name,
            contact_email=obj.contact_email,
            contact_consent=obj.contact_consent,
            stakeholder_group=obj.stakeholder_group,
            outreach_activity=obj.outreach_activity,
            logged_by=obj.logged_by or request.user,
        )
        for field in Feedback._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    @admin.display(description=gettext_lazy("feedback"))
    def summary(self, feedback):
        return Truncator(feedback.text).chars(80)

    @admin.display(boolean=True, description=gettext_lazy("contact details"))
    def has_contact(self, feedback):
        return bool(feedback.contact_name or feedback.contact_email)

    @admin.display(description=gettext_lazy("insights"), ordering="insights_drawn")
    def insight_count(self, feedback):
        return feedback.insights_drawn

    @admin.action(
        description=gettext_lazy("Create one insight from the selected feedback"),
        permissions=["insight"],
    )
    def create_insight_from_feedback(self, request, queryset):
        items = list(queryset.select_related("stakeholder_group"))
        if "apply" in request.POST:
            form = InsightFromFeedbackForm(request.POST)
            if form.is_valid():
                try:
                    insight = services.insight_create_from_feedback(
                        feedback_items=items,
                        title=form.cleaned_data["title"],
                        owner=form.cleaned_data["owner"],
                        themes=form.cleaned_data["themes"],
                        groups=form.cleaned_data["stakeholder_groups"],
                    )
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                    return None
                self.message_user(
                    request,
                    ngettext(
                        "Insight created from %(count)d piece of feedback.",
                        "Insight created from %(count)d pieces of feedback.",
                        len(items),
                    )
                    % {"count": len(items)},
                    messages.SUCCESS,
                )
                return redirect("admin:engagement_insight_change", insight.pk)
        else:
            form = InsightFromFeedbackForm(initial={"owner": request.user.pk})
        return action_page(
            self,
            request,
            "admin/engagement/insight_from_feedback.html",
            title=_("Create an insight from feedback"),
            items=items,
            form=form,
        )

    @admin.action(
        description=gettext_lazy("Erase the contact details of the selected feedback"),
        permissions=["erase"],
    )
    def erase_personal_data(self, request, queryset):
        return erase_personal_data_confirmed(self, request, queryset, kind="feedback")


class PublishedFilter(admin.SimpleListFilter):
    title = gettext_lazy("“you said, we did”")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Published")), ("no", gettext_lazy("Not published"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.published()
        if self.value() == "no":
            return queryset.filter(response_published_at__isnull=True)
        return queryset


class ActionInline(admin.TabularInline):
    model = Action
    extra = 1
    fields = ("planned", "planned_for", "outcome", "done_on")


@admin.register(Insight)
class InsightAdmin(PowersMixin, StaffUserChoicesMixin, TabbedTranslationAdmin):
    staff_user_fields = ("owner",)
    list_display = ("title", "status", "owner", "due_date", "published", "updated_at")
    list_filter = (
        "status",
        "themes",
        "stakeholder_groups",
        ("owner", admin.RelatedOnlyFieldListFilter),
        PublishedFilter,
    )
    search_fields = ("title", "detail", "public_summary_en", "public_response_en")
    list_select_related = ("owner",)
    filter_horizontal = ("feedback", "stakeholder_groups", "themes")
    readonly_fields = ("response_published_at", "created_at", "updated_at")
    inlines = [ActionInline]
    actions = ["publish_response", "unpublish_response"]
    fieldsets = (
        (None, {"fields": ("title", "detail", ("status", "owner", "due_date"))}),
        (gettext_lazy("Drawn from"), {"fields": ("feedback", "stakeholder_groups", "themes")}),
        (
            gettext_lazy("You said, we did (public once published)"),
            {"fields": ("public_summary", "public_response", "response_published_at")},
        ),
        (None, {"fields": (("created_at", "updated_at"),)}),
    )

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(
        boolean=True, description=gettext_lazy("published"), ordering="response_published_at"
    )
    def published(self, insight):
        return insight.response_published_at is not None

    @admin.action(
        description=gettext_lazy("Publish “you said, we did” for the selected insights"),
        permissions=["publish"],
    )
    def publish_response(self, request, queryset):
        published = 0
        for insight in queryset:
            try:
                services.insight_publish_response(insight=insight)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Not published: %(insight)s. %(reason)s")
                    % {"insight": insight, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
                continue
            published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d response published on “You said, we did”.",
                    "%(count)d responses published on “You said, we did”.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(
        description=gettext_lazy("Take the selected responses off “you said, we did”"),
        permissions=["publish"],
    )
    def unpublish_response(self, request, queryset):
        count = 0
        for insight in queryset.published():
            services.insight_unpublish_response(insight=insight)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d response unpublished.", "%(count)d responses unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


class DoneFilter(admin.SimpleListFilter):
    title = gettext_lazy("done")
    parameter_name = "done"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Done")), ("no", gettext_lazy("Still to do"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(done_on__isnull=self.value() == "no")
        return queryset


@admin.register(Action)
class ActionAdmin(TabbedTranslationAdmin):
    """Every action across insights, to see what is due; translators add "what we did"
    in each language here (a tab per language)."""

    list_display = ("__str__", "insight", "planned_for", "done_on")
    list_filter = (DoneFilter, "planned_for", "insight__status")
    search_fields = ("planned", "outcome_en", "insight__title")
    list_select_related = ("insight",)
    autocomplete_fields = ("insight",)
    date_hierarchy = "planned_for"
