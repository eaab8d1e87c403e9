"""Moderation in the admin: one queue for suggestions, new listings, claims and reports;
field-by-field diffs; approve or reject (with a reason), singly or in bulk."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from common.admin_actions import action_page

from .. import services
from ..diffs import diff_table
from ..forms import RejectForm
from ..models import (
    OrganisationClaim,
    OrganisationEditor,
    OrganisationSuggestion,
    PossibleDuplicate,
    ProblemReport,
)
from ..models.contributions import ReviewStatus


def _contributor(user) -> str:
    return str(user) if user else _("a deleted account")


def _reject_with_reason(modeladmin, request, queryset, reject):
    """An intermediate page asks for the reason, then rejects each selected item."""
    if "apply" in request.POST:
        form = RejectForm(request.POST)
        if form.is_valid():
            done = 0
            for item in queryset:
                try:
                    reject(item, request.user, form.cleaned_data["note"])
                    done += 1
                except ValidationError as error:
                    modeladmin.message_user(
                        request, f"{item}: {' '.join(error.messages)}", messages.WARNING
                    )
            modeladmin.message_user(
                request,
                ngettext("%(count)d item rejected.", "%(count)d items rejected.", done)
                % {"count": done},
                messages.SUCCESS,
            )
            return None
    else:
        form = RejectForm()
    return action_page(
        modeladmin,
        request,
        "admin/directory/reject_with_reason.html",
        title=_("Reject with a reason"),
        items=queryset,
        form=form,
    )


@admin.register(OrganisationSuggestion)
class OrganisationSuggestionAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "organisation", "kind", "language", "status", "author_name")
    list_filter = ("status", "kind", "language", "created_at")
    search_fields = ("organisation__name_en", "reason")
    list_select_related = ("organisation", "author")
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = (
        "organisation",
        "kind",
        "language",
        "author_name",
        "reason",
        "diff",
        "status",
        "reviewer",
        "reviewed_at",
        "created_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("organisation", "kind", "language", "author_name", "reason", "created_at")},
        ),
        (gettext_lazy("Changes"), {"fields": ("diff", "changes")}),
        (gettext_lazy("Review"), {"fields": ("status", "review_note", "reviewer", "reviewed_at")}),
    )
    change_form_template = "admin/directory/suggestion_change_form.html"

    @admin.display(description=gettext_lazy("author"))
    def author_name(self, suggestion):
        return _contributor(suggestion.author)

    @admin.display(description=gettext_lazy("field-by-field changes"))
    def diff(self, suggestion):
        return diff_table(suggestion)

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "queue/",
                self.admin_site.admin_view(self.queue_view),
                name="moderation_queue",
            ),
            *super().get_urls(),
        ]

    def queue_view(self, request):
        """Everything waiting for a moderator, in one place."""
        if not request.user.has_perm("directory.moderate"):
            raise PermissionDenied
        pending = OrganisationSuggestion.objects.pending().select_related("organisation", "author")
        duplicates = PossibleDuplicate.objects.filter(status=ReviewStatus.PENDING)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderation queue"),
            "suggestions": pending.exclude(kind=OrganisationSuggestion.Kind.NEW_LISTING)[:50],
            "new_listings": pending.filter(kind=OrganisationSuggestion.Kind.NEW_LISTING)[:50],
            "claims": OrganisationClaim.objects.pending().select_related("organisation", "user")[
                :50
            ],
            "reports": ProblemReport.objects.filter(
                status=ProblemReport.Status.OPEN
            ).select_related("organisation")[:50],
            "possible_duplicates": duplicates.select_related("organisation", "other")[:50],
            "possible_duplicates_count": duplicates.count(),
        }
        return TemplateResponse(request, "admin/directory/moderation_queue.html", context)

    def response_change(self, request, suggestion):
        if "_approve" in request.POST:
            self._approve(request, suggestion)
        elif "_reject" in request.POST:
            try:
                services.suggestion_reject(
                    suggestion=suggestion, reviewer=request.user, note=suggestion.review_note
                )
                self.message_user(request, _("Suggestion rejected; the author will be told why."))
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        return super().response_change(request, suggestion)

    def _approve(self, request, suggestion) -> bool:
        try:
            services.suggestion_approve(
                suggestion=suggestion, reviewer=request.user, changes=suggestion.changes
            )
        except services.EditConflict as conflict:
            self.message_user(
                request,
                _(
                    "%(suggestion)s: the listing changed since this suggestion was made "
                    "(%(fields)s). The diff now shows the current text; review it and "
                    "approve again."
                )
                % {"suggestion": suggestion, "fields": ", ".join(conflict.changed_meanwhile)},
                messages.WARNING,
            )
            return False
        except ValidationError as error:
            self.message_user(request, f"{suggestion}: {' '.join(error.messages)}", messages.ERROR)
            return False
        self.message_user(request, _("%(suggestion)s approved.") % {"suggestion": suggestion})
        return True

    @admin.action(description=gettext_lazy("Approve the selected suggestions"))
    def approve_selected(self, request, queryset):
        for suggestion in queryset.filter(status="pending"):
            self._approve(request, suggestion)

    @admin.action(description=gettext_lazy("Reject the selected suggestions, with a reason"))
    def reject_selected(self, request, queryset):
        return _reject_with_reason(
            self,
            request,
            queryset.filter(status="pending"),
            lambda item, user, note: services.suggestion_reject(
                suggestion=item, reviewer=user, note=note
            ),
        )


@admin.register(OrganisationClaim)
class OrganisationClaimAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Claims, decided from the list (in bulk) or from the claim's own page."""

    list_display = ("created_at", "organisation", "user", "role", "status")
    list_filter = ("status", "created_at")
    search_fields = ("organisation__name_en", "user__email", "role")
    list_select_related = ("organisation", "user")
    fields = (
        "organisation",
        "user",
        "role",
        "evidence",
        "status",
        "reviewer",
        "reviewed_at",
        "review_note",
    )
    change_form_template = "admin/directory/claim_change_form.html"
    actions = ["approve_selected", "reject_selected"]

    def get_readonly_fields(self, request, obj=None):
        decided = obj is not None and obj.status != "pending"
        return self.fields if decided else self.fields[:-1]

    def has_add_permission(self, request):
        return False

    def response_change(self, request, claim):
        if "_approve" not in request.POST and "_reject" not in request.POST:
            return super().response_change(request, claim)
        try:
            if "_approve" in request.POST:
                services.claim_approve(claim=claim, reviewer=request.user)
                self.message_user(
                    request,
                    _("Claim approved: %(user)s is now an editor of %(organisation)s.")
                    % {"user": claim.user, "organisation": claim.organisation},
                )
            else:
                services.claim_reject(claim=claim, reviewer=request.user, note=claim.review_note)
                self.message_user(request, _("Claim rejected; the member will be told why."))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:moderation_queue"))

    @admin.action(description=gettext_lazy("Approve the selected claims"))
    def approve_selected(self, request, queryset):
        count = 0
        for claim in queryset.filter(status="pending"):
            services.claim_approve(claim=claim, reviewer=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d claim approved: the member is now an editor.",
                "%(count)d claims approved: the members are now editors.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=gettext_lazy("Reject the selected claims, with a reason"))
    def reject_selected(self, request, queryset):
        return _reject_with_reason(
            self,
            request,
            queryset.filter(status="pending"),
            lambda item, user, note: services.claim_reject(claim=item, reviewer=user, note=note),
        )


@admin.register(ProblemReport)
class ProblemReportAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "organisation", "topic", "status")
    list_filter = ("status", "topic", "created_at")
    search_fields = ("organisation__name_en", "message")
    list_select_related = ("organisation",)
    readonly_fields = ("organisation", "topic", "message", "contact_email", "created_at")
    actions = ["mark_resolved", "mark_dismissed"]

    def has_add_permission(self, request):
        return False

    def _mark(self, request, queryset, status):
        count = services.report_close(reports=queryset, user=request.user, status=status)
        self.message_user(
            request,
            ngettext("%(count)d report updated.", "%(count)d reports updated.", count)
            % {"count": count},
        )

    @admin.action(description=gettext_lazy("Mark as resolved"))
    def mark_resolved(self, request, queryset):
        self._mark(request, queryset, ProblemReport.Status.RESOLVED)

    @admin.action(description=gettext_lazy("Dismiss"))
    def mark_dismissed(self, request, queryset):
        self._mark(request, queryset, ProblemReport.Status.DISMISSED)


@admin.register(OrganisationEditor)
class OrganisationEditorAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("organisation", "user", "granted_at")
    search_fields = ("organisation__name_en", "user__email")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)
