"""Filters shared by the browse page and the API, so both accept the same parameters."""

import django_filters
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.widgets import FastSelect

from .geo import Point
from .models import Borough, Language, Organisation, TaxonomyTerm
from .postcodes import PostcodeProblem, locate
from .search import MAX_QUERY_LENGTH, search_organisations

# How far "near" reaches, in km: the browse page's choices and, unless asked, the radius.
WITHIN_CHOICES = (1, 2, 5, 10)
DEFAULT_WITHIN_KM = 2


def _no_nul(value):
    if value and "\x00" in value:
        raise forms.ValidationError(_("This value contains characters that are not allowed."))


class PostcodeField(forms.CharField):
    """A postcode to search near, cleaned to its ``Place`` (centroid and borough)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        _no_nul(value)
        try:
            return locate(value, london_only=False)
        except PostcodeProblem as problem:
            raise forms.ValidationError(problem.messages, code=problem.code) from problem


@extend_schema_field(OpenApiTypes.STR)  # a postcode, in the API's documentation
class PostcodeFilter(django_filters.Filter):
    field_class = PostcodeField


class OrganisationFilter(django_filters.FilterSet):
    """Every filter narrows the results further: they combine with AND.

    ``near`` (a postcode), or ``lat`` and ``lng`` (the browser's own location), keep the
    listings within ``within`` km of that point, by the nearer of the listing's address
    and its locations, and give each its ``distance_km``.
    """

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

    near = PostcodeFilter(
        label=_("Near a postcode"),
        method="keep",
        help_text=_("For example E1 6AN"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 9}),
    )
    within = django_filters.ChoiceFilter(
        label=_("Distance"),
        choices=[(str(km), format_lazy(_("{km} km"), km=km)) for km in WITHIN_CHOICES],
        empty_label=None,
        method="keep",
    )
    lat = django_filters.NumberFilter(
        method="keep",
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
        label=_("Latitude"),
    )
    lng = django_filters.NumberFilter(
        method="keep",
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
        label=_("Longitude"),
    )

    # The parameters that together say where "near" is.
    POINT_PARAMETERS = ("near", "lat", "lng", "within")

    class Meta:
        model = Organisation
        fields = ["q", "borough", "category", "language", "beneficiary", "near", "within"]

    def is_valid(self):
        valid = super().is_valid()
        if valid and (self.data.get("lat") or self.data.get("lng")) and not self.data.get("near"):
            cleaned = self.form.cleaned_data
            for name in ("lat", "lng"):
                if cleaned.get(name) is None:
                    self.form.add_error(name, _("Give both lat and lng, or neither."))
                    return False
        return valid

    @property
    def centre(self) -> Point | None:
        """Where results are measured from: the postcode's centroid, or lat and lng."""
        cleaned = self.form.cleaned_data
        if cleaned.get("near") is not None:
            return cleaned["near"].point
        if cleaned.get("lat") is not None and cleaned.get("lng") is not None:
            return Point.of(cleaned["lat"], cleaned["lng"])
        return None

    @property
    def within_km(self) -> float:
        return float(self.form.cleaned_data.get("within") or DEFAULT_WITHIN_KM)

    def filter_queryset(self, queryset):
        """Apply the search last, so that its ranking sees every other filter; "near"
        just before it."""
        cleaned = self.form.cleaned_data
        for name, value in cleaned.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        if (centre := self.centre) is not None:
            queryset = queryset.near(centre, self.within_km)
        if "q" in cleaned:
            queryset = self.filters["q"].filter(queryset, cleaned["q"])
        return queryset

    def keep(self, queryset, name, value):
        return queryset  # read together, by filter_queryset

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
