"""Page-number pagination that answers bad parameters with a 400 naming the parameter.

DRF's own answers 404 for page=-1 and silently ignores a bad or oversized page_size.
"""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class StrictPageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def _positive_int(self, request, name, default, maximum=None):
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({name: [_("Must be a whole number.")]}) from None
        if value < 1:
            raise ValidationError({name: [_("Must be 1 or more.")]})
        if maximum is not None and value > maximum:
            raise ValidationError(
                {name: [_("Must be %(maximum)d or less.") % {"maximum": maximum}]}
            )
        return value

    def get_page_size(self, request):
        return self._positive_int(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def get_page_number_value(self, request) -> int:
        """The page asked for, as a number (a 400 naming ``page`` when it is not one)."""
        return self._positive_int(request, self.page_query_param, 1)

    def paginate_queryset(self, queryset, request, view=None, count=None):
        """Like DRF's, with strict parameters and, optionally, a count worked out by the
        caller (the count of the bare filtered table is far cheaper than of a join)."""
        page_size = self.get_page_size(request)
        page_number = self.get_page_number_value(request)
        paginator = self.django_paginator_class(queryset, page_size)
        if count is not None:
            paginator.count = count  # cached_property: setting it skips the COUNT query
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            raise NotFound(
                _("There is no page %(page)d; the last page is %(last)d.")
                % {"page": page_number, "last": paginator.num_pages}
            ) from None
        self.request = request
        return list(self.page)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "results"]
        return response
