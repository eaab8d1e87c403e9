"""API filters: the browse page's filters, ``updated_since`` and a strict ``ordering``.

A well-formed but unknown slug or code (a borough that is not there) gives an empty
result, as a search would; a malformed value (bad characters, a bad date) is a 400
that names the parameter.
"""

import datetime
from decimal import Decimal
from urllib.parse import quote

import django_filters
from django.core.validators import RegexValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..filters import DEFAULT_WITHIN_KM, OrganisationFilter, PostcodeFilter
from ..search import corrected_query

# "name" is the name in the language asked for, as shown (directory.ordering).
ORDERINGS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "updated_at": ("updated_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "created_at": ("created_at", "id"),
    "-created_at": ("-created_at", "-id"),
    # Nearest first; only with a point (near, or lat and lng).
    "distance": ("distance_km", "id"),
}
# How far "within" may reach, in km: all of London fits in 50.
MAX_WITHIN_KM = 50
slug = RegexValidator(r"^[-a-zA-Z0-9_]+$", _("Use letters, digits, hyphens or underscores."))
code = RegexValidator(r"^[a-zA-Z]{2,3}$", _("Use an ISO 639 code such as pl or bfi."))


class OrganisationApiFilter(OrganisationFilter):
    borough = django_filters.CharFilter(
        label=_("Borough slug"), method="filter_borough", validators=[slug], max_length=100
    )
    category = django_filters.CharFilter(
        label=_("Area of work (term slug)"),
        method="filter_category",
        validators=[slug],
        max_length=100,
    )
    language = django_filters.CharFilter(
        label=_("Language spoken (ISO 639 code)"), field_name="languages__code", validators=[code]
    )
    beneficiary = django_filters.CharFilter(
        label=_("Who it helps (term slug)"),
        field_name="beneficiaries__slug",
        validators=[slug],
        max_length=100,
    )
    near = PostcodeFilter(
        label=_("A postcode: only organisations within `within` km of it, nearest first"),
        method="keep",
    )
    lat = django_filters.NumberFilter(
        label=_("Latitude (WGS84) of a point, with lng, instead of near"),
        method="keep",
        min_value=-90,
        max_value=90,
    )
    lng = django_filters.NumberFilter(
        label=_("Longitude (WGS84) of a point, with lat, instead of near"),
        method="keep",
        min_value=-180,
        max_value=180,
    )
    within = django_filters.NumberFilter(
        label=format_lazy(
            _("Distance from the point in km (default {default}, at most {most})"),
            default=DEFAULT_WITHIN_KM,
            most=MAX_WITHIN_KM,
        ),
        method="keep",
        min_value=Decimal("0.1"),
        max_value=MAX_WITHIN_KM,
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        method="filter_updated_since",
        label=_("Changed at or after this time (ISO 8601), for syncing"),
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS],
        method="keep",
        label=_("Sort order; with updated_since use updated_at to sync"),
    )

    class Meta(OrganisationFilter.Meta):
        fields = [*OrganisationFilter.Meta.fields, "updated_since", "ordering"]

    def is_valid(self):
        # An empty updated_since or ordering is a mistake in a script, not "no filter".
        if self.data.get("updated_since", None) == "":
            self.form.add_error("updated_since", _("Enter a date and time (ISO 8601)."))
        if self.data.get("ordering", None) == "":
            self.form.add_error(
                "ordering", _("Use one of: %(choices)s.") % {"choices": ", ".join(ORDERINGS)}
            )
        if not super().is_valid():
            return False
        data = self.data
        has_point = any(data.get(name) for name in ("near", "lat", "lng"))
        if data.get("near") and (data.get("lat") or data.get("lng")):
            self.form.add_error("near", _("Give near, or lat and lng, not both."))
        if data.get("within") and not has_point:
            self.form.add_error("within", _("Give near, or lat and lng, with within."))
        if data.get("ordering") == "distance" and not has_point:
            self.form.add_error("ordering", _("ordering=distance needs near, or lat and lng."))
        return not self.form.errors

    def filter_updated_since(self, queryset, name, value):
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows.
        moment = value.astimezone(datetime.UTC) if value.tzinfo else value
        return queryset.filter(updated_at__gte=moment)

    def keep(self, queryset, name, value):
        return queryset  # the view orders, once every parameter is known to be valid

    def corrected_header(self) -> str | None:
        """Once the search has run: the words searched, if a word of ``q`` was corrected
        (``X-Search-Corrected``), percent-encoded as UTF-8 (spaces and ASCII letters and
        digits as they are)."""
        query = self.form.cleaned_data.get("q")
        corrected = corrected_query(query, self.__dict__.get("_search_memo")) if query else None
        return quote(corrected, safe=" ") if corrected else None
