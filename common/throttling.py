"""API rate limits whose counts hold across every worker.

DRF's own throttles keep each client's request history as a list in the cache, read and
written back on every request: two workers (or two threads) interleaving lose each
other's requests, and with a per-process cache each worker counts alone, so two workers
allow twice the limit. Here each client's requests are counted in fixed windows with the
cache's atomic increment. Production needs a shared cache for this (Redis, through
``DJANGO_CACHE_URL``); the default, local memory, is shared by one process's threads only.

Each counted response carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Reset`` (seconds until the window ends); a refused one gets ``429`` with
``Retry-After``.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class WindowCountThrottle:
    """A mixin for DRF's SimpleRateThrottle classes: fixed windows, atomic counts."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        key = f"{self.key}:{self.duration}:{window}"
        self.cache.add(key, 0, timeout=self.duration + 1)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between the two calls
            self.cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        self.reset_in = max(1, int((window + 1) * self.duration - now))
        request._request.rate_limit = (
            self.num_requests,
            max(0, self.num_requests - count),
            self.reset_in,
        )
        return count <= self.num_requests

    def wait(self):
        return getattr(self, "reset_in", None)


class AnonymousRateThrottle(WindowCountThrottle, AnonRateThrottle):
    """Requests without a token, by client address."""


class PartnerRateThrottle(WindowCountThrottle, UserRateThrottle):
    """Higher limits for partners who send a token issued by staff in the admin."""

    scope = "partner"

    def allow_request(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return True  # anonymous requests are limited by AnonymousRateThrottle
        return super().allow_request(request, view)


class RateLimitHeadersMiddleware:
    """Adds the rate-limit headers of the request's count to its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        counted = getattr(request, "rate_limit", None)
        if counted is not None:
            limit, remaining, reset = counted
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(remaining)
            response["X-RateLimit-Reset"] = str(reset)
        return response
