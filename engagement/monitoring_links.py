"""Signed one-time links to the anonymous equality questions, emailed after an event.

A link carries the registration's id, signed with ``django.core.signing`` under its own
salt and dated, so it cannot be forged or made up and stops working after ``MAX_AGE``.
Sending the answers uses it up (``Registration.monitoring_done``), so one registration
gives at most one answer. The answers themselves are stored with no link to the
registration: only the fact that the link was used is kept, never when.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from .models import Event, Registration

SALT = "engagement.monitoring-link"
MAX_AGE = timedelta(days=60)
QUERY_PARAMETER = "token"


class MonitoringLinkError(Exception):
    """Why a link cannot open the form: ``missing``, ``invalid``, ``expired`` or ``used``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def monitoring_link_token(registration: Registration) -> str:
    return signing.dumps(str(registration.pk), salt=SALT)


def monitoring_link_url(registration: Registration) -> str:
    """The absolute link for ``registration``, in the language active now."""
    path = reverse("engagement:event_monitoring", kwargs={"slug": registration.event.slug})
    query = urlencode({QUERY_PARAMETER: monitoring_link_token(registration)})
    return f"{settings.SITE_URL}{path}?{query}"


def monitoring_link_registration(token: str | None, *, event: Event) -> Registration:
    """The registration a link was made for, if it is for ``event`` and still unused.

    Raises ``MonitoringLinkError`` otherwise.
    """
    if not token:
        raise MonitoringLinkError("missing")
    try:
        registration_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise MonitoringLinkError("expired") from None
    except signing.BadSignature:
        raise MonitoringLinkError("invalid") from None
    try:
        registration = Registration.objects.filter(pk=registration_id, event=event).first()
    except (ValidationError, ValueError, TypeError):
        registration = None
    if registration is None:
        raise MonitoringLinkError("invalid")
    if registration.monitoring_done:
        raise MonitoringLinkError("used")
    return registration
