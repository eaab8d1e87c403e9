"""ETags and ``304 Not Modified`` for API views, on GET and HEAD alike.

Django's ConditionalGetMiddleware gives a GET response an ETag (a hash of its body)
and answers a matching ``If-None-Match`` with 304, but it leaves HEAD alone, and partners
check for changes with HEAD too."""

from django.utils.cache import get_conditional_response, set_response_etag


class ConditionalResponseMixin:
    """For a DRF view: a successful GET or HEAD answer carries the ETag of its body, and
    a request whose ``If-None-Match`` matches it gets 304 Not Modified."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
