"""Filters shared by the browse page and the API, so both accept the same parameters."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import Borough, Language, Organisation, TaxonomyTerm
from .search import MAX_QUERY_LENGTH, search_organisations


def _no_nul(value):
    if value and "\x00" in value:
        raise forms.ValidationError(_("This value contains characters that are not allowed."))


class OrganisationFilter(django_filters.FilterSet):
    """Every filter narrows the results further: they combine with AND."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        validators=[_no_nul],
    )
    borough = django_filters.ModelChoiceFilter(
        label=_("Borough"),
        queryset=Borough.objects.all(),
        to_field_name="slug",
        method="filter_borough",
        empty_label=_("All boroughs"),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Area of work"),
        queryset=TaxonomyTerm.objects.categories(),
        to_field_name="slug",
        method="filter_category",
        empty_label=_("All areas of work"),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language spoken"),
        queryset=Language.objects.all(),
        to_field_name="code",
        field_name="languages",
        empty_label=_("Any language"),
    )
    beneficiary = django_filters.ModelChoiceFilter(
        label=_("Who it helps"),
        queryset=TaxonomyTerm.objects.beneficiaries(),
        to_field_name="slug",
        field_name="beneficiaries",
        empty_label=_("Everyone"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "borough", "category", "language", "beneficiary"]

    def filter_q(self, queryset, name, value):
        return search_organisations(queryset, value)

    def filter_borough(self, queryset, name, value):
        """Organisations based in the borough or listing it among the areas they serve."""
        serves = Organisation.areas_served.through.objects.filter(
            organisation_id=OuterRef("pk"), borough_id=value.pk
        )
        return queryset.filter(Q(borough=value) | Q(Exists(serves)))

    def filter_category(self, queryset, name, value):
        """A term matches itself and the terms nested under it."""
        term_ids = [value.pk, *value.children.values_list("pk", flat=True)]
        links = Organisation.categories.through.objects.filter(
            organisation_id=OuterRef("pk"), taxonomyterm_id__in=term_ids
        )
        return queryset.filter(Exists(links))
