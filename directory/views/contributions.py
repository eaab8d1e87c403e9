"""Pages where the community keeps the directory right: suggest, propose, claim, report,
confirm, and see what changed. Views stay thin: the work happens in services.py."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django_ratelimit.decorators import ratelimit
from rules.contrib.views import PermissionRequiredMixin

from common.i18n import direction, fallback_order, language_name, shown_text

from .. import services
from ..forms import (
    TEXT_FIELDS,
    ClaimForm,
    ProblemReportForm,
    ProposeOrganisationForm,
    SuggestEditForm,
    language_choices,
)
from ..models import Organisation, OrganisationSuggestion
from ..models.contributions import ReviewStatus
from ..models.records import FACT_FIELDS
from ..selectors import field_label, public_changes
from ..services import read_confirm_token
from .browse import FollowsMerges


def _listing(slug) -> Organisation:
    return get_object_or_404(Organisation.objects.public().select_related("borough"), slug=slug)


class ListingPermissionMixin(PermissionRequiredMixin):
    """Asks rules for ``permission_required`` on the published listing named in the URL."""

    def get_permission_object(self):
        return _listing(self.kwargs["slug"])


class SuggestView(FollowsMerges, LoginRequiredMixin, ListingPermissionMixin, View):
    """Members suggest a change or a translation; editors and moderators publish directly."""

    permission_required = "directory.suggest_edit"
    template_name = "directory/suggest.html"

    def _language(self, request):
        codes = {code for code, _label in language_choices()}
        language = request.POST.get("language") or request.GET.get("language") or get_language()
        return language if language in codes else "en"

    @staticmethod
    def _shown(organisation, language) -> dict[str, tuple[str, str]]:
        """``{field: (language code, text)}`` for the prose fields not yet written in
        ``language``, as the page shows them instead (in English, or in the language the
        listing was written in): the form starts with that text, and sending it back
        unchanged changes nothing."""
        shown = {}
        for name in TEXT_FIELDS:
            code, text = shown_text(organisation, name, language)
            if code != language and text:
                shown[name] = (code, text)
        return shown

    def _fallbacks(self, organisation, language) -> dict[str, str]:
        return {name: text for name, (_code, text) in self._shown(organisation, language).items()}

    def _initial(self, organisation, language):
        values = services.snapshot(organisation)
        fallbacks = self._fallbacks(organisation, language)
        initial = {
            name: values[f"{name}_{language}"] or fallbacks.get(name, "") for name in TEXT_FIELDS
        }
        initial.update({name: values[name] for name in FACT_FIELDS})
        initial.update(
            borough=values["borough"] or None, version=organisation.version, language=language
        )
        return initial

    def _render(self, request, organisation, form, language, status=200, conflict=None):
        shown = self._shown(organisation, language)
        for name in TEXT_FIELDS:
            field = form.fields[name]
            if name in shown:
                # It starts with the text the page shows, in another language: say so.
                code, text = shown[name]
                names = {"language": language_name(language), "shown": language_name(code)}
                if code == "en":
                    note = (
                        _(
                            "This is the English text, as the page shows it: nobody has written "
                            "it in %(language)s yet. Write it in %(language)s, or leave it as "
                            "it is."
                        )
                        % names
                    )
                else:
                    note = (
                        _(
                            "This is the text in %(shown)s, as the page shows it: nobody has "
                            "written it in %(language)s yet. Write it in %(language)s, or leave "
                            "it as it is."
                        )
                        % names
                    )
                field.help_text = f"{note} {field.help_text}".strip()
                if form[name].value() == text:
                    field.widget.attrs.update(lang=code, dir=direction(code))
            elif language != "en":
                # Translators see the text they translate from beside each field: the
                # English, or the language the listing was written in.
                code, text = next(
                    (
                        (other, getattr(organisation, f"{name}_{other}"))
                        for other in fallback_order("en")
                        if other != language and getattr(organisation, f"{name}_{other}")
                    ),
                    (language, ""),
                )
                if text:
                    field.reference = {
                        "code": code,
                        "dir": direction(code),
                        "name": language_name(code),
                        "text": text,
                    }
        outdated = organisation.outdated_translations or {}
        for name in TEXT_FIELDS:
            if language in outdated.get(name, []):
                field = form.fields[name]
                note = _(
                    "Possibly out of date: this text was changed in another language after "
                    "it was written in this one."
                )
                field.help_text = f"{note} {field.help_text}".strip()
        context = {
            "organisation": organisation,
            "form": form,
            "language": language,
            "languages": language_choices(),
            "edits_directly": request.user.has_perm("directory.edit_directly", organisation),
            "conflict": conflict,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        organisation = _listing(slug)
        language = self._language(request)
        form = SuggestEditForm(initial=self._initial(organisation, language), language=language)
        return self._render(request, organisation, form, language)

    def post(self, request, slug):
        organisation = _listing(slug)
        language = self._language(request)
        form = SuggestEditForm(
            request.POST, language=language, fallbacks=self._fallbacks(organisation, language)
        )
        if not form.is_valid():
            return self._render(request, organisation, form, language, status=400)
        values, reason = form.listing_values(), form.cleaned_data["reason"]
        try:
            if request.user.has_perm("directory.edit_directly", organisation):
                services.organisation_edit(
                    organisation=organisation,
                    editor=request.user,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                    reason=reason,
                    language=language,
                )
                messages.success(request, _("Your changes are published. Thank you."))
                return redirect(organisation.get_absolute_url())
            services.suggestion_submit(
                organisation=organisation,
                author=request.user,
                values=values,
                reason=reason,
                language=language,
            )
        except services.EditConflict as conflict:
            changed = [
                {"label": field_label(field) or field, "old": old, "new": new}
                for field, (old, new) in conflict.changed_meanwhile.items()
            ]
            organisation.refresh_from_db()
            fresh = SuggestEditForm(
                initial=self._initial(organisation, language), language=language
            )
            return self._render(
                request, organisation, fresh, language, status=409, conflict=changed
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, organisation, form, language, status=400)
        messages.success(
            request,
            _(
                "Thank you. Your suggestion has been sent to our moderators. The listing will "
                "change once it is approved, and we will email you."
            ),
        )
        return redirect("directory:my_contributions")


class ProposeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Propose a new listing; warn about likely duplicates before it is submitted."""

    permission_required = "directory.propose_organisation"
    template_name = "directory/propose.html"

    def get(self, request):
        # From a search that found nothing, the form starts with what was searched for.
        name = request.GET.get("name", "")[:200]
        language = get_language()
        form = ProposeOrganisationForm(
            initial={"name": name, "language": language}, language=language
        )
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        # The text is kept in the language it is written in, which the form asks for.
        codes = {code for code, _label in language_choices()}
        data = request.POST.copy()
        if not data.get("language"):
            data["language"] = get_language()  # sent without one: the page's language
        language = data["language"]
        form = ProposeOrganisationForm(
            data, language=language if language in codes else get_language()
        )
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        duplicates = services.likely_duplicates(
            name=form.cleaned_data["name"],
            org_id=form.cleaned_data["org_id"],
            postcode=form.cleaned_data.get("postcode") or "",
        )
        if duplicates and not form.cleaned_data["not_a_duplicate"]:
            return render(request, self.template_name, {"form": form, "duplicates": duplicates})
        try:
            services.organisation_propose(
                author=request.user,
                values=form.listing_values(),
                links=form.listing_links(),
                reason=form.cleaned_data["reason"],
                org_id=form.cleaned_data["org_id"],
                language=form.language,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(
            request,
            _(
                "Thank you. We will check the new listing and email you when it is live. "
                "Until then it is not public."
            ),
        )
        return redirect("directory:my_contributions")


class ClaimView(FollowsMerges, LoginRequiredMixin, View):
    template_name = "directory/claim.html"

    def get(self, request, slug):
        organisation = _listing(slug)
        context = {"organisation": organisation, "form": ClaimForm()}
        context["already_editor"] = not request.user.has_perm(
            "directory.claim_organisation", organisation
        )
        return render(request, self.template_name, context)

    def post(self, request, slug):
        organisation = _listing(slug)
        form = ClaimForm(request.POST)
        if form.is_valid():
            try:
                services.claim_submit(
                    organisation=organisation,
                    user=request.user,
                    role=form.cleaned_data["role"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you. We will check your claim and email you when it is decided."),
                )
                return redirect("directory:my_contributions")
        context = {"organisation": organisation, "form": form}
        return render(request, self.template_name, context, status=400)


@method_decorator(
    ratelimit(key="ip", rate="5/h", method="POST", block=False, group="problem-report"),
    name="post",
)
class ReportView(FollowsMerges, ListingPermissionMixin, View):
    """Report a problem without an account. A honeypot and a rate limit keep spam out."""

    permission_required = "directory.report_problem"
    template_name = "directory/report.html"

    def get(self, request, slug):
        organisation = _listing(slug)
        return render(
            request, self.template_name, {"organisation": organisation, "form": ProblemReportForm()}
        )

    def post(self, request, slug):
        organisation = _listing(slug)
        form = ProblemReportForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None, _("You have sent several reports in a short time. Please try again later.")
            )
            context = {"organisation": organisation, "form": form}
            return render(request, self.template_name, context, status=429)
        if not form.is_valid():
            context = {"organisation": organisation, "form": form}
            return render(request, self.template_name, context, status=400)
        if not form.is_spam():
            services.report_submit(
                organisation=organisation,
                topic=form.cleaned_data["topic"],
                message=form.cleaned_data["message"],
                contact_email=form.cleaned_data["contact_email"],
            )
        messages.success(request, _("Thank you for telling us. We will check this listing."))
        return redirect(organisation.get_absolute_url())


class ConfirmView(LoginRequiredMixin, ListingPermissionMixin, View):
    """An editor confirms that the listing is still correct."""

    permission_required = "directory.confirm_listing"

    def post(self, request, slug):
        organisation = _listing(slug)
        services.organisation_confirm(organisation=organisation, user=request.user)
        messages.success(request, _("Thank you. The listing is marked as confirmed today."))
        return redirect(organisation.get_absolute_url())


class ConfirmLinkView(View):
    """The signed, expiring link from a reminder email. Opening it shows one button;
    the confirmation itself is a POST, so that link scanners cannot confirm by accident."""

    template_name = "directory/confirm_link.html"

    def _check(self, slug, token):
        organisation = _listing(slug)
        try:
            payload = read_confirm_token(token)
        except signing.SignatureExpired:
            return organisation, None, _("This link has expired. Sign in to confirm the listing.")
        except signing.BadSignature:
            return organisation, None, _("This link is not valid.")
        if payload.get("o") != str(organisation.pk):
            return organisation, None, _("This link is not valid.")
        editor = (
            organisation.editors.filter(user_id=payload.get("u")).select_related("user").first()
        )
        if editor is None:
            return organisation, None, _("This link is not valid.")
        return organisation, editor.user, None

    def get(self, request, slug, token):
        organisation, user, error = self._check(slug, token)
        context = {"organisation": organisation, "error": error}
        return render(request, self.template_name, context, status=400 if error else 200)

    def post(self, request, slug, token):
        organisation, user, error = self._check(slug, token)
        if error:
            context = {"organisation": organisation, "error": error}
            return render(request, self.template_name, context, status=400)
        services.organisation_confirm(organisation=organisation, user=user)
        messages.success(request, _("Thank you. The listing is marked as confirmed today."))
        return redirect(organisation.get_absolute_url())


class ChangesView(FollowsMerges, ListingPermissionMixin, View):
    """The public record of changes: dates, fields, and names only where people opted in."""

    permission_required = "directory.view_changes"
    template_name = "directory/changes.html"

    def get(self, request, slug):
        organisation = _listing(slug)
        context = {"organisation": organisation, "changes": public_changes(organisation)}
        return render(request, self.template_name, context)


class MyContributionsView(LoginRequiredMixin, View):
    template_name = "directory/my_contributions.html"

    def get(self, request):
        suggestions = (
            OrganisationSuggestion.objects.filter(author=request.user)
            .select_related("organisation")
            .order_by("-created_at")[:100]
        )
        claims = request.user.claims.select_related("organisation").order_by("-created_at")[:50]
        # Each listing they edit, with the suggestions about it that they may review.
        waiting = Q(
            organisation__suggestions__status=ReviewStatus.PENDING,
        ) & ~Q(organisation__suggestions__kind=OrganisationSuggestion.Kind.NEW_LISTING)
        waiting &= ~Q(organisation__suggestions__author=request.user)
        editor_of = request.user.editor_of.select_related("organisation").annotate(
            to_review=Count("organisation__suggestions", filter=waiting)
        )
        context = {"suggestions": suggestions, "claims": claims, "editor_of": editor_of}
        return render(request, self.template_name, context)


class WithdrawSuggestionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The author withdraws a suggestion that is still waiting."""

    permission_required = "directory.withdraw_suggestion"

    def get_permission_object(self):
        return get_object_or_404(OrganisationSuggestion, pk=self.kwargs["pk"])

    def post(self, request, pk):
        suggestion = get_object_or_404(OrganisationSuggestion, pk=pk)
        try:
            services.suggestion_withdraw(suggestion=suggestion, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your suggestion has been withdrawn."))
        return redirect(reverse("directory:my_contributions"))
