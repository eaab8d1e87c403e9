"""The staff side of the directory."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .. import services
from ..models import (
    Borough,
    Language,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from ..resources import OrganisationResource


class OrganisationAdminForm(forms.ModelForm):
    """Refuses a save if someone else saved the listing after this form was opened."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organisation
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("edit_version")
        if self.instance.pk and started:
            current = (
                Organisation.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != started:
                changed = services.changed_since(self.instance, started)
                raise ValidationError(
                    _(
                        "Someone else saved this listing while you were editing it, so your "
                        "changes have not been saved (they are still in the form below). "
                        "Changed meanwhile: %(fields)s. Open the listing again to see the "
                        "latest version."
                    )
                    % {"fields": ", ".join(changed) or _("unknown fields")},
                    code="conflict",
                )
        return cleaned


class StaleListingFilter(admin.SimpleListFilter):
    title = _("confirmation")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Not confirmed for 12 months")),
            ("no", _("Confirmed in the last 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            cutoff = timezone.now() - timedelta(days=settings.STALE_LISTING_DAYS)
            return queryset.filter(last_confirmed_at__gte=cutoff)
        return queryset


class CategoryListFilter(admin.SimpleListFilter):
    title = _("area of work")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(term.slug, term.name) for term in TaxonomyTerm.objects.categories()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(categories__slug=self.value()) | Q(categories__parent__slug=self.value())
            ).distinct()
        return queryset


class IdentifierInline(admin.TabularInline):
    model = OrganisationIdentifier
    extra = 0
    fields = ("scheme", "identifier", "org_id")
    readonly_fields = ("org_id",)


class LocationInline(admin.StackedInline):
    model = Location
    extra = 0
    fields = (
        ("name", "borough"),
        ("address_1", "city", "postcode"),
        ("latitude", "longitude"),
        Location.ACCESSIBILITY_FIELDS,
        "accessibility_notes",
    )
    # From the postcode, on save (directory.postcodes), as is the borough where known.
    readonly_fields = ("latitude", "longitude")


class ServiceInline(TranslationStackedInline):
    model = Service
    extra = 0
    show_change_link = True
    fields = (
        ("name", "status"),
        "description",
        "categories",
        ("minimum_age", "maximum_age"),
        "eligibility",
        "fees",
        "schedule",
        "languages",
        ("url", "email"),
    )
    filter_horizontal = ("categories", "languages")


@admin.register(Organisation)
class OrganisationAdmin(
    ObjectPermissionsModelAdminMixin, ImportExportMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    form = OrganisationAdminForm
    resource_classes = [OrganisationResource]
    list_display = (
        "name",
        "borough",
        "legal_form",
        "status",
        "is_published",
        "confirmed_recently",
        "translations",
        "last_confirmed_at",
        "updated_at",
    )
    list_display_links = ("name",)
    list_filter = (
        "borough",
        CategoryListFilter,
        "status",
        "is_published",
        StaleListingFilter,
        "legal_form",
        "is_demo",
    )
    search_fields = (
        "name_en",
        "name_pl",
        "name_bn",
        "name_ar",
        "slug",
        "postcode",
        "identifiers__org_id",
        "email",
    )
    list_select_related = ("borough",)
    list_per_page = 50
    date_hierarchy = "updated_at"
    readonly_fields = ("id", "created_at", "updated_at")
    filter_horizontal = ("areas_served", "categories", "beneficiaries", "languages")
    inlines = [IdentifierInline, ServiceInline, LocationInline]
    actions = ["publish", "unpublish", "mark_confirmed"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "legal_form", "status", "edit_version")}),
        (_("Contact"), {"fields": (("website", "email", "phone"),)}),
        (
            _("Where"),
            {
                "fields": (
                    ("address_1", "address_2"),
                    ("city", "postcode"),
                    "borough",
                    "serves_all_london",
                    "areas_served",
                )
            },
        ),
        (_("What and who"), {"fields": ("categories", "beneficiaries", "languages")}),
        (
            _("Access"),
            {"fields": (Organisation.ACCESSIBILITY_FIELDS, "accessibility_notes", "opening_hours")},
        ),
        (
            _("Publication"),
            {
                "fields": (
                    "is_published",
                    "last_confirmed_at",
                    ("source", "licence"),
                    "is_demo",
                    ("id", "created_at", "updated_at"),
                )
            },
        ),
    )

    def get_urls(self):
        return [
            path(
                "<uuid:pk>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="directory_organisation_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, pk):
        """Compare any two versions field by field, and revert to the older in one action."""
        organisation = get_object_or_404(Organisation, pk=pk)
        if not request.user.has_perm("directory.revert_organisation"):
            raise PermissionDenied
        if request.method == "POST":
            try:
                history_id = int(request.POST.get("history_id", ""))
                services.organisation_revert(
                    organisation=organisation, history_id=history_id, user=request.user
                )
            except (ValueError, ValidationError):
                self.message_user(request, _("Choose a version to revert to."), messages.ERROR)
                return redirect(request.path)
            self.message_user(request, _("Reverted. The revert is kept as a new version."))
            return redirect("admin:directory_organisation_change", organisation.pk)
        versions = list(organisation.history.order_by("-history_date")[:200])
        by_id = {record.history_id: record for record in versions}

        def pick(name, default):
            try:
                return by_id.get(int(request.GET.get(name, "")), default)
            except ValueError:
                return default

        newer = pick("to", versions[0] if versions else None)
        older = pick("from", versions[1] if len(versions) > 1 else newer)
        changes = []
        if newer and older and newer.history_id != older.history_id:
            delta = newer.diff_against(older)
            changes = [
                {"label": change.field, "old": change.old, "new": change.new}
                for change in delta.changes
                if change.field not in {"version", "updated_at", "search_text"}
            ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of %(name)s") % {"name": organisation},
            "opts": self.model._meta,
            "original": organisation,
            "versions": versions,
            "older": older,
            "newer": newer,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/directory/organisation/compare.html", context)

    @admin.display(description=_("description in"))
    def translations(self, organisation):
        """The languages the description is written in (the rest fall back to English);
        a "?" marks one that may be out of date since a change in another language."""
        outdated = (organisation.outdated_translations or {}).get("description", [])
        return " ".join(
            f"{code}?" if code in outdated else code
            for code, _name in settings.LANGUAGES
            if getattr(organisation, f"description_{code}", "")
        )

    @admin.display(boolean=True, description=_("confirmed in 12 months"))
    def confirmed_recently(self, organisation):
        return not organisation.is_stale

    @admin.action(description=_("Publish the selected organisations"))
    def publish(self, request, queryset):
        count = _each(queryset, services.organisation_publish, user=request.user, published=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation published.", "%(count)d organisations published.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected organisations"))
    def unpublish(self, request, queryset):
        count = _each(queryset, services.organisation_publish, user=request.user, published=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation unpublished.", "%(count)d organisations unpublished.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected listings as confirmed correct today"))
    def mark_confirmed(self, request, queryset):
        count = _each(queryset, services.organisation_confirm, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d listing confirmed.", "%(count)d listings confirmed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


def _each(queryset, service, **kwargs) -> int:
    """Call a service once per selected listing, as the site's own pages would, so that
    every change is kept in the history and credited; returns how many changed."""
    return sum(
        service(organisation=organisation, **kwargs) is not False for organisation in queryset
    )


@admin.register(Service)
class ServiceAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "organisation", "status", "updated_at")
    list_filter = ("status", "categories", "languages")
    search_fields = ("name_en", "description_en", "organisation__name_en")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("categories", "languages", "locations")


@admin.register(Location)
class LocationAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "organisation", "borough", "postcode")
    list_filter = ("borough",)
    search_fields = ("name", "address_1", "postcode", "organisation__name_en")
    autocomplete_fields = ("organisation",)


@admin.register(Borough)
class BoroughAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("name", "gss_code", "slug")
    search_fields = ("name", "gss_code", "slug")


@admin.register(Language)
class LanguageAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("name", "name_local", "code")
    search_fields = ("name", "name_local", "code")


@admin.register(Taxonomy)
class TaxonomyAdmin(ObjectPermissionsModelAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "kind", "version")


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(ObjectPermissionsModelAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "taxonomy", "parent", "slug")
    list_filter = ("taxonomy",)
    search_fields = ("name_en", "slug", "code")
    autocomplete_fields = ("parent",)
