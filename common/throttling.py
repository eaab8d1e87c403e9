from rest_framework.throttling import UserRateThrottle


class PartnerRateThrottle(UserRateThrottle):
    """Higher limits for partners who send a token issued by staff in the admin."""

    scope = "partner"

    def allow_request(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return True  # anonymous requests are limited by AnonRateThrottle
        return super().allow_request(request, view)
