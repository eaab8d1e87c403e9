"""Bulk open-data downloads under /data/: the whole public directory as CSV or JSON,
and a Frictionless Data Package describing the CSV.

Every response states the licence in a ``Link: <...>; rel="license"`` header. Downloads
carry an ETag and Last-Modified from one aggregate query taken before streaming starts,
and answer conditional requests with 304 without reading a single row.
"""

import hashlib
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.views.decorators.http import require_safe

from .. import changes
from ..public import download_datetime
from . import export
from .datapackage import datapackage_descriptor, dataset_source


def licence_link() -> str:
    return f'<{settings.OPEN_DATA_LICENCE["path"]}>; rel="license"'


def _download(
    request,
    *,
    kind: str,
    content_type: str,
    filename: str,
    body: Callable[[], Iterator[bytes]],
    weak: bool = False,
) -> HttpResponse:
    """A streamed download with its validators, or a 304 if the client's copy is current."""
    state = export.dataset_state()
    etag = quote_etag(hashlib.sha256(state.etag_key(kind).encode()).hexdigest()[:32])
    if weak:
        etag = f"W/{etag}"
    last_modified = int(state.last_modified.timestamp()) if state.last_modified else None
    headers = {"ETag": etag, "Link": licence_link()}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)

    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        headers["Content-Disposition"] = content_disposition_header(True, filename)
        if request.method == "HEAD":
            response = HttpResponse(content_type=content_type, headers=headers)
        else:
            response = StreamingHttpResponse(body(), content_type=content_type, headers=headers)
    else:
        for name, value in headers.items():
            response[name] = value
    # Revalidation costs one small query, so caches always ask.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@require_safe
def organisations_csv(request):
    """Every public organisation as CSV (UTF-8, header row, one row per organisation).

    Columns and types are described by ``/data/datapackage.json``; fields with several
    values separate them with semicolons. Streamed: on PostgreSQL straight from
    ``COPY ... TO STDOUT``. Licence: CC BY 4.0 (``Link`` header and ``licence`` column).
    """
    return _download(
        request,
        kind="csv",
        content_type="text/csv; charset=utf-8",
        filename="organisations.csv",
        body=export.iter_csv,
    )


@require_safe
def organisations_json(request):
    """Every public organisation as one JSON document, streamed.

    ``{"licence": {...}, "source": {...}, "generated_at": ..., "organisations": [...]}``;
    each organisation has the CSV's fields, with several values as arrays and yes/no
    fields as booleans. The ETag is weak because ``generated_at`` changes per request.
    """

    def body() -> Iterator[bytes]:
        head = {
            "licence": dict(settings.OPEN_DATA_LICENCE),
            "source": dataset_source(),
            "generated_at": download_datetime(timezone.now()),
        }
        return export.iter_json(head=head)

    return _download(
        request,
        kind="json",
        content_type="application/json",
        filename="organisations.json",
        body=body,
        weak=True,
    )


@require_safe
def removals_csv(request):
    """Every organisation that left the public set (unpublished, merged, closed, removed
    from a register, deleted): ``id,removed_at,reason,merged_into``, oldest first.
    Described in ``/data/datapackage.json``; the API's changes feed gives the same."""

    def body() -> Iterator[bytes]:
        yield b"id,removed_at,reason,merged_into\r\n"
        for entry in changes.removals():
            merged = str(entry.merged_into) if entry.merged_into else ""
            removed_at = download_datetime(entry.at)
            yield f"{entry.organisation_id},{removed_at},{entry.removal},{merged}\r\n".encode()

    return _download(
        request,
        kind="removals",
        content_type="text/csv; charset=utf-8",
        filename="removals.csv",
        body=body,
    )


@require_safe
def datapackage(request):
    """A Frictionless Data Package describing ``organisations.csv``: licence, sources and
    a Table Schema for every column (types, required, unique, enums, primary key)."""
    csv_url = request.build_absolute_uri(reverse("open_data:organisations_csv"))
    removals_url = request.build_absolute_uri(reverse("open_data:removals_csv"))
    response = JsonResponse(
        datapackage_descriptor(csv_path=csv_url, removals_path=removals_url),
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Link"] = licence_link()
    patch_cache_control(response, public=True, max_age=3600)
    return response
