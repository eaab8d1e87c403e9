"""Page-number pagination that answers bad parameters with a 400 naming the parameter.

DRF's own answers 404 for page=-1 and silently ignores a bad or oversized page_size.
``page`` and ``page_size`` are read by ``common.params`` (a whole number from 1; at most
100 for ``page_size``), and a bad one is worded by ``common.api_errors``.
"""

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

from .params import QueryParams


class StrictPageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        return QueryParams(request.query_params).positive_integer(
            self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )

    def get_page_number_value(self, request) -> int:
        """The page asked for, as a number (a 400 naming ``page`` when it is not one)."""
        return QueryParams(request.query_params).positive_integer(self.page_query_param, default=1)

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
