"""An organisation's editors review the suggestions about their own listing, outside the
admin: approve, approve with their changes, or reject with a reason. Moderators are told
of every decision an editor makes (``tasks.editor_review_notify``)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from .. import services
from ..diffs import diff_table
from ..forms import RejectForm, ReviewSuggestionForm
from ..models import Organisation, OrganisationSuggestion
from ..selectors import field_label


def _listing(slug) -> Organisation:
    return get_object_or_404(Organisation.objects.public(), slug=slug)


class ListingSuggestionsView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The suggestions about one listing that wait for review, for its editors."""

    permission_required = "directory.review_listing"
    template_name = "directory/review_list.html"

    def get_permission_object(self):
        return _listing(self.kwargs["slug"])

    def get(self, request, slug):
        organisation = _listing(slug)
        pending = (
            organisation.suggestions.pending()
            .exclude(kind=OrganisationSuggestion.Kind.NEW_LISTING)
            .select_related("author")
            .order_by("created_at")
        )
        suggestions = [
            {
                "suggestion": suggestion,
                "fields": sorted(filter(None, map(field_label, suggestion.changes))),
                "reviewable": request.user.has_perm("directory.review_suggestion", suggestion),
            }
            for suggestion in pending
        ]
        context = {"organisation": organisation, "suggestions": suggestions}
        return render(request, self.template_name, context)


class ReviewSuggestionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """One suggestion: the field-by-field diff, the suggested values to adjust and
    approve, and a reason to reject it with."""

    permission_required = "directory.review_suggestion"
    template_name = "directory/review_suggestion.html"

    def get_permission_object(self):
        return self._suggestion()

    def _suggestion(self) -> OrganisationSuggestion:
        if not hasattr(self, "suggestion"):
            organisation = _listing(self.kwargs["slug"])
            suggestion = get_object_or_404(
                organisation.suggestions.select_related("organisation", "author"),
                pk=self.kwargs["pk"],
            )
            if suggestion.kind == OrganisationSuggestion.Kind.NEW_LISTING:
                raise Http404
            self.suggestion = suggestion
        return self.suggestion

    def _render(self, request, *, form=None, reject_form=None, status=200, conflict=None):
        suggestion = self._suggestion()
        context = {
            "organisation": suggestion.organisation,
            "suggestion": suggestion,
            "diff": diff_table(suggestion),
            "form": form or ReviewSuggestionForm(suggestion=suggestion),
            "reject_form": reject_form or RejectForm(),
            "conflict": conflict,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug, pk):
        return self._render(request)

    def post(self, request, slug, pk):
        suggestion = self._suggestion()
        decision = request.POST.get("decision")
        if decision == "approve":
            return self._approve(request, suggestion)
        if decision == "reject":
            return self._reject(request, suggestion)
        form = ReviewSuggestionForm(request.POST, suggestion=suggestion)
        form.is_valid()
        form.add_error(None, _("Choose whether to approve or reject the suggestion."))
        return self._render(request, form=form, status=400)

    def _approve(self, request, suggestion):
        form = ReviewSuggestionForm(request.POST, suggestion=suggestion)
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        try:
            services.suggestion_approve(
                suggestion=suggestion, reviewer=request.user, changes=form.changes()
            )
        except services.EditConflict as conflict:
            changed = [
                {"label": field_label(field) or field, "old": old, "new": new}
                for field, (old, new) in conflict.changed_meanwhile.items()
            ]
            suggestion.refresh_from_db()
            return self._render(request, status=409, conflict=changed)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form=form, status=400)
        messages.success(
            request,
            _("Approved. The listing now shows the change, and the author will be told."),
        )
        return redirect("directory:listing_suggestions", slug=suggestion.organisation.slug)

    def _reject(self, request, suggestion):
        reject_form = RejectForm(request.POST)
        if not reject_form.is_valid():
            return self._render(request, reject_form=reject_form, status=400)
        try:
            services.suggestion_reject(
                suggestion=suggestion, reviewer=request.user, note=reject_form.cleaned_data["note"]
            )
        except ValidationError as error:
            reject_form.add_error(None, error)
            return self._render(request, reject_form=reject_form, status=400)
        messages.success(request, _("Rejected. The author will be told your reason."))
        return redirect("directory:listing_suggestions", slug=suggestion.organisation.slug)
