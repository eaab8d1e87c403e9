"""Possible duplicates in the admin: the pairs the importers queued, merged ("the new
listing into the existing one") or marked as two organisations, from the pair's page
(after a page that shows both listings side by side) or in bulk; and "Merge the
selected listings into…" for any two listings chosen in the organisation list.

Every decision goes through ``services.organisation_merge`` or
``services.possible_duplicate_dismiss``, which ask the rules
(``directory.merge_organisations``) too."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from common.admin_actions import action_page

from .. import services
from ..models import Location, Organisation, OrganisationEditor, PossibleDuplicate, Service
from ..models.contributions import ReviewStatus
from .records import OrganisationAdmin

MERGE = "merge"
DISMISS = "dismiss"
MERGE_LABEL = gettext_lazy("Merge the new listing into the existing one")
DISMISS_LABEL = gettext_lazy("Not the same organisation")


def _may_merge(request) -> bool:
    return request.user.has_perm("directory.merge_organisations")


def _admin_link(organisation: Organisation) -> str:
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    return format_html('<a href="{}">{}</a>', url, organisation)


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name).capitalize()


def _facts(organisation: Organisation) -> list[tuple[str, str]]:
    """What a moderator compares to tell whether two listings are one organisation."""
    address = (organisation.address_1, organisation.address_2, organisation.city)
    return [
        (_label(Organisation, "name"), str(organisation)),
        (
            _label(Organisation, "alternative_names"),
            ", ".join(organisation.alternative_names.splitlines()),
        ),
        (
            str(organisation.identifiers.model._meta.verbose_name_plural).capitalize(),
            ", ".join(organisation.identifiers.values_list("org_id", flat=True)),
        ),
        (_label(Organisation, "legal_form"), organisation.get_legal_form_display()),
        (_label(Organisation, "status"), organisation.get_status_display()),
        (_label(Organisation, "is_published"), _("Yes") if organisation.is_published else _("No")),
        (_label(Organisation, "address_1"), ", ".join(part for part in address if part)),
        (_label(Organisation, "postcode"), organisation.postcode),
        (_label(Organisation, "borough"), str(organisation.borough or "")),
        (_label(Organisation, "website"), organisation.website),
        (_label(Organisation, "email"), organisation.email),
        (_label(Organisation, "phone"), organisation.phone),
        (_label(Organisation, "description"), organisation.description or ""),
        (_label(Organisation, "source"), organisation.source_label),
        (
            str(Service._meta.verbose_name_plural).capitalize(),
            str(organisation.services.count()),
        ),
        (
            str(Location._meta.verbose_name_plural).capitalize(),
            str(organisation.locations.count()),
        ),
        (
            str(OrganisationEditor._meta.verbose_name_plural).capitalize(),
            str(organisation.editors.count()),
        ),
        (_label(Organisation, "created_at"), organisation.created_at.strftime("%Y-%m-%d")),
    ]


def _side_by_side(first: Organisation, second: Organisation) -> list[dict]:
    rows = []
    for (label, left), (_same, right) in zip(_facts(first), _facts(second), strict=True):
        rows.append({"label": label, "first": left, "second": right, "differ": left != right})
    return rows


def _comparison(modeladmin, request, first, second, **context):
    """The page that shows two listings side by side before a merge or a dismissal."""
    return TemplateResponse(
        request,
        "admin/directory/merge_listings.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "listings": [first, second],
            "rows": _side_by_side(first, second),
            **context,
        },
    )


def _merge(modeladmin, request, *, survivor, merged) -> bool:
    try:
        services.organisation_merge(survivor=survivor, merged=merged, user=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return False
    modeladmin.message_user(
        request,
        _("“%(merged)s” was merged into “%(survivor)s”; its address now leads there.")
        % {"merged": merged, "survivor": survivor},
        messages.SUCCESS,
    )
    return True


def _dismiss(modeladmin, request, pair) -> bool:
    try:
        services.possible_duplicate_dismiss(pair=pair, user=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return False
    pair.organisation.refresh_from_db()
    names = {"new": pair.organisation, "other": pair.other}
    if pair.organisation.is_published:
        message = _(
            "“%(new)s” and “%(other)s” are different organisations: “%(new)s” is published."
        )
    else:
        message = _("“%(new)s” and “%(other)s” are marked as different organisations.")
    modeladmin.message_user(request, message % names, messages.SUCCESS)
    return True


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """The pairs of listings an importer could not tell apart."""

    list_display = ("new_listing", "existing_listing", "source", "reason", "status", "created_at")
    list_filter = ("status", "source")
    search_fields = [
        f"{side}__name_{code}"
        for side in ("organisation", "other")
        for code, _name in settings.LANGUAGES
    ]
    list_select_related = ("organisation", "other")
    readonly_fields = (
        "new_listing",
        "existing_listing",
        "source",
        "reason",
        "status",
        "reviewer",
        "reviewed_at",
        "created_at",
    )
    fields = readonly_fields
    actions = ["merge_selected", "dismiss_selected"]
    change_form_template = "admin/directory/possibleduplicate/change_form.html"

    @admin.display(description=gettext_lazy("new listing"), ordering="organisation__name_en")
    def new_listing(self, pair):
        return _admin_link(pair.organisation)

    @admin.display(description=gettext_lazy("existing listing"), ordering="other__name_en")
    def existing_listing(self, pair):
        return _admin_link(pair.other)

    def has_add_permission(self, request):
        return False

    def has_merge_permission(self, request):
        return _may_merge(request)

    def get_urls(self):
        return [
            path(
                "<int:pk>/merge/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": MERGE},
                name="directory_possibleduplicate_merge",
            ),
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": DISMISS},
                name="directory_possibleduplicate_dismiss",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_decide": _may_merge(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk, decision):
        """One pair: both listings side by side, then (posted) the merge or dismissal."""
        if not _may_merge(request):
            raise PermissionDenied
        pair = get_object_or_404(
            PossibleDuplicate.objects.select_related("organisation", "other"), pk=pk
        )
        if pair.status != ReviewStatus.PENDING:
            self.message_user(request, _("This pair has already been decided."), messages.WARNING)
            return redirect("admin:directory_possibleduplicate_change", pair.pk)
        if request.method == "POST":
            if decision == MERGE:
                done = _merge(self, request, survivor=pair.other, merged=pair.organisation)
            else:
                done = _dismiss(self, request, pair)
            if done:
                return redirect("admin:directory_possibleduplicate_changelist")
            return redirect("admin:directory_possibleduplicate_change", pair.pk)
        return _comparison(
            self,
            request,
            pair.organisation,
            pair.other,
            title=MERGE_LABEL if decision == MERGE else DISMISS_LABEL,
            pair=pair,
            decision=decision,
            submit_label=MERGE_LABEL if decision == MERGE else DISMISS_LABEL,
            cancel_url=reverse("admin:directory_possibleduplicate_change", args=[pair.pk]),
        )

    def _bulk(self, request, queryset, decision):
        pending = queryset.filter(status=ReviewStatus.PENDING).select_related(
            "organisation", "other"
        )
        if not pending.exists():
            self.message_user(request, _("None of the selected pairs is waiting."), messages.INFO)
            return None
        if "apply" not in request.POST:
            return action_page(
                self,
                request,
                "admin/directory/possibleduplicate/bulk_confirmation.html",
                title=MERGE_LABEL if decision == MERGE else DISMISS_LABEL,
                items=pending,
                form=None,
            )
        done = 0
        for pk in list(pending.values_list("pk", flat=True)):
            # Read again: an earlier merge in this batch may have decided or moved it.
            pair = PossibleDuplicate.objects.select_related("organisation", "other").get(pk=pk)
            if pair.status != ReviewStatus.PENDING:
                continue
            if decision == MERGE:
                done += _merge(self, request, survivor=pair.other, merged=pair.organisation)
            else:
                done += _dismiss(self, request, pair)
        self.message_user(
            request,
            ngettext("%(count)d pair decided.", "%(count)d pairs decided.", done) % {"count": done},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=MERGE_LABEL, permissions=[MERGE])
    def merge_selected(self, request, queryset):
        return self._bulk(request, queryset, MERGE)

    @admin.action(description=DISMISS_LABEL, permissions=[MERGE])
    def dismiss_selected(self, request, queryset):
        return self._bulk(request, queryset, DISMISS)


@admin.action(description=gettext_lazy("Merge the selected listings into…"))
def merge_listings(modeladmin, request, queryset):
    """Two listings chosen in the list: the page shows them side by side and asks which
    one stays; the other is merged into it."""
    if not _may_merge(request):
        raise PermissionDenied
    listings = list(queryset.order_by("created_at", "pk")[:3])
    if len(listings) != 2:
        modeladmin.message_user(
            request, _("Choose exactly two listings to merge."), messages.WARNING
        )
        return None
    first, second = listings
    error = ""
    if "apply" in request.POST:
        by_pk = {str(first.pk): first, str(second.pk): second}
        survivor = by_pk.get(request.POST.get("survivor", ""))
        if survivor is not None:
            merged = second if survivor is first else first
            _merge(modeladmin, request, survivor=survivor, merged=merged)
            return None
        error = _("Choose the listing that stays.")
    response = _comparison(
        modeladmin,
        request,
        first,
        second,
        title=_("Merge the selected listings into…"),
        choose=True,
        action=request.POST.get("action", "merge_listings"),
        submit_label=_("Merge into the listing chosen"),
        error=error,
    )
    if error:
        response.status_code = 400
    return response


# The organisation list offers it beside publish and unpublish (records.py).
OrganisationAdmin.actions = [*OrganisationAdmin.actions, merge_listings]
