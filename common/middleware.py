"""Middleware of our own."""

from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware


class _AsGet:
    """A request seen as the GET it answers like (a HEAD)."""

    method = "GET"

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware (an ETag from the body, 304 Not Modified for a
    matching If-None-Match), for HEAD as well as GET.

    Django leaves HEAD alone, assuming its body is already empty. Here every view answers
    HEAD with the body it gives GET (the server drops it on the way out), so a HEAD gets
    the same ETag as the GET, and partners can check for changes with HEAD."""

    def process_response(self, request, response):
        if request.method == "HEAD":
            return super().process_response(_AsGet(request), response)
        return super().process_response(request, response)
