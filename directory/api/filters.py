"""API filters: the browse page's filters, ``updated_since`` and a strict ``ordering``.

A well-formed but unknown slug or code (a borough that is not there) gives an empty
result, as a search would; a malformed value (bad characters, a bad date) is a 400
that names the parameter.
"""

import datetime

import django_filters
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from ..filters import OrganisationFilter

# "name" is the name in the language asked for, as shown (directory.ordering).
ORDERINGS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "updated_at": ("updated_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "created_at": ("created_at", "id"),
    "-created_at": ("-created_at", "-id"),
}
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
        return super().is_valid()

    def filter_updated_since(self, queryset, name, value):
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows.
        moment = value.astimezone(datetime.UTC) if value.tzinfo else value
        return queryset.filter(updated_at__gte=moment)

    def keep(self, queryset, name, value):
        return queryset  # the view orders, once every parameter is known to be valid
