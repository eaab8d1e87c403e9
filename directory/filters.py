"""Filters shared by the browse page and the API, so both accept the same parameters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import FastSelect

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
        widget=FastSelect,
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Area of work"),
        queryset=TaxonomyTerm.objects.categories(),
        to_field_name="slug",
        method="filter_category",
        empty_label=_("All areas of work"),
        widget=FastSelect,
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language spoken"),
        queryset=Language.objects.all(),
        to_field_name="code",
        field_name="languages",
        empty_label=_("Any language"),
        widget=FastSelect,
    )
    beneficiary = django_filters.ModelChoiceFilter(
        label=_("Who it helps"),
        queryset=TaxonomyTerm.objects.beneficiaries(),
        to_field_name="slug",
        field_name="beneficiaries",
        empty_label=_("Everyone"),
        widget=FastSelect,
    )

    class Meta:
        model = Organisation
        fields = ["q", "borough", "category", "language", "beneficiary"]

    def filter_queryset(self, queryset):
        """Apply the search last, so that its ranking sees every other filter."""
        cleaned = self.form.cleaned_data
        for name in sorted(cleaned, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, cleaned[name])
        return queryset

    def first_results(self, queryset, count: int):
        """The filtered queryset for reading only its first ``count`` results in relevance
        order (a first page of a search): the same rows, found more cheaply; see
        ``search_organisations``. Never count it."""
        self._search_first = count
        try:
            return self.filter_queryset(queryset)
        finally:
            self._search_first = None

    def filter_q(self, queryset, name, value):
        memo = self.__dict__.setdefault("_search_memo", {})
        first = getattr(self, "_search_first", None)
        return search_organisations(queryset, value, first=first, memo=memo)

    def filter_borough(self, queryset, name, value):
        return queryset.in_borough(value)

    def filter_category(self, queryset, name, value):
        return queryset.in_category(value)
