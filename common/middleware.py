"""Middleware of our own."""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

# How long the time an ETag was first served is remembered (a week).
FIRST_SEEN_SECONDS = 7 * 24 * 3600


class _AsGet:
    """A request seen as the GET it answers like (a HEAD)."""

    method = "GET"

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)


def first_served(request, response) -> int:
    """When this URL (in this language and format) first gave the response's ETag: the
    representation's Last-Modified. A new ETag starts a new time; so does an old one
    coming back (only the latest is kept), and a new time is always later than the one
    before, so a time is never earlier than the change it follows. A forgotten time
    restarts at now, which only costs a client a full response."""
    parts = (
        request.get_full_path(),
        response.get("Content-Language", ""),
        request.headers.get("Accept", ""),
    )
    key = "first-served:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    etag = response["ETag"]
    seen = cache.get(key)
    if seen is not None and seen[0] == etag:
        return seen[1]
    # Strictly after the last one: a client holding the last one, in the same second,
    # must not be told nothing changed.
    now = max(int(time.time()), seen[1] + 1 if seen is not None else 0)
    cache.set(key, (etag, now), timeout=FIRST_SEEN_SECONDS)
    return now


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware (an ETag from the body, 304 Not Modified for a
    matching If-None-Match or a later If-Modified-Since), for HEAD as well as GET.

    Django leaves HEAD alone, assuming its body is already empty. Here every view answers
    HEAD with the body it gives GET (the server drops it on the way out), so a HEAD gets
    the same ETag as the GET, and partners can check for changes with HEAD.

    The open data (``settings.OPEN_DATA_URLS_REGEX``: the API, the ORUK feed and the
    downloads) also gets, on every successful read, a ``Last-Modified`` where the view
    set none (``first_served``) and a ``Cache-Control`` that lets a shared cache keep it
    for ``settings.OPEN_DATA_MAX_AGE`` seconds."""

    def process_response(self, request, response):
        as_get = _AsGet(request) if request.method == "HEAD" else request
        if (
            as_get.method == "GET"
            and response.status_code == 200
            and re.match(settings.OPEN_DATA_URLS_REGEX, request.path_info)
        ):
            if self.needs_etag(response) and not response.has_header("ETag"):
                set_response_etag(response)
            if response.has_header("ETag") and not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(first_served(request, response))
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=settings.OPEN_DATA_MAX_AGE)
        return super().process_response(as_get, response)
