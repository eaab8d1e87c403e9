"""Baselines that the benchmarks compare the product against (see bench/README.md).

They are deliberately bare: plain Django views, no DRF, no filters, no throttling, no
translation fallbacks. Never mounted in production: waytahead/urls.py includes them
only when ``WAYTAHEAD_BENCH_VIEWS`` is on.

- ``floor``: the same page as ``/api/v1/organisations/?page=P&page_size=N`` (the same
  rows, in the same order, with the same columns and the count), straight from
  ``.values()`` to JSON. This is the floor a list API can approach.
- ``name_lookup``: organisations whose English name is exactly ``?name=`` (a btree
  index lookup), as JSON: what the directory search is measured against.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.http import HttpResponseBadRequest, JsonResponse

from directory.api.views import ROW_FIELDS
from directory.models import Organisation

MAX_PAGE_SIZE = 100


def _rows(queryset):
    return queryset.values(
        *ROW_FIELDS, borough_slug=F("borough__slug"), borough_name=F("borough__name")
    )


def floor(request):
    try:
        page = int(request.GET.get("page", "1"))
        page_size = int(request.GET.get("page_size", "50"))
    except ValueError:
        return HttpResponseBadRequest("page and page_size must be integers")
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        return HttpResponseBadRequest("page >= 1, 1 <= page_size <= 100")
    public = Organisation.objects.public()
    count = public.count()
    start = (page - 1) * page_size
    rows = list(_rows(public.order_by("name_en", "id"))[start : start + page_size])
    return JsonResponse({"count": count, "results": rows}, encoder=DjangoJSONEncoder)


def name_lookup(request):
    name = request.GET.get("name", "")
    rows = list(_rows(Organisation.objects.public().filter(name_en=name).order_by("id"))[:50])
    return JsonResponse({"count": len(rows), "results": rows}, encoder=DjangoJSONEncoder)
