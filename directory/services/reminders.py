"""Scheduled sends: the daily moderation digest and the yearly "is this still right?"
reminder to a listing's editors, with its signed confirm link. Each is idempotent:
run it as often as you like, and nobody gets the same message twice."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from common.notifications import notify_users, send_localised_email

from ..models import (
    NotificationLog,
    Organisation,
    OrganisationClaim,
    OrganisationSuggestion,
    ProblemReport,
    StaleListingReminder,
)
from ..rules import moderators

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)
CONFIRM_SALT = "directory.confirm-listing"
CONFIRM_MAX_AGE = timedelta(days=30)


def site_url(name: str, language: str, **kwargs: object) -> str:
    """An absolute link to a page of the site, in ``language``."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def confirm_token(organisation: Organisation, user: User) -> str:
    return signing.dumps(
        {"o": str(organisation.pk), "u": user.pk, "v": organisation.version}, salt=CONFIRM_SALT
    )


def read_confirm_token(token: str) -> dict[str, Any]:
    """Raises signing.BadSignature (or SignatureExpired) for a bad or old link."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def moderation_digest_send() -> int:
    """Tell moderators what is waiting, at most once a day. Returns how many were told."""
    key = f"moderation-digest:{timezone.localdate().isoformat()}"
    counts = {
        "suggestions": OrganisationSuggestion.objects.pending().count(),
        "claims": OrganisationClaim.objects.pending().count(),
        "reports": ProblemReport.objects.filter(status=ProblemReport.Status.OPEN).count(),
    }
    if not any(counts.values()):
        return 0
    try:
        with transaction.atomic():
            NotificationLog.objects.create(key=key)
    except IntegrityError:
        return 0  # already sent today
    return notify_users(
        moderators(),
        template="moderation_digest",
        context={
            "counts": counts,
            "queue_url": settings.SITE_URL + reverse("admin:moderation_queue"),
        },
    )


def stale_listing_reminders_send() -> int:
    """Email the editors of listings not confirmed for a year a signed confirm link.

    One reminder per listing per period of staleness, however often it runs. Returns
    how many emails went.
    """
    sent = 0
    stale = Organisation.objects.public().stale().filter(editors__isnull=False).distinct()
    for organisation in stale.prefetch_related("editors__user"):
        period = (
            organisation.last_confirmed_at.isoformat()
            if organisation.last_confirmed_at
            else "never"
        )
        try:
            with transaction.atomic():
                reminder = StaleListingReminder.objects.create(
                    organisation=organisation, period=period
                )
        except IntegrityError:
            continue  # this period's reminder has gone already
        for editor in organisation.editors.all():
            user = editor.user
            if not user.is_active or not user.email:
                continue
            send_localised_email(
                to=user.email,
                language=user.preferred_language,
                template="stale_listing",
                context={
                    "organisation": organisation,
                    "confirm_url": site_url(
                        "directory:organisation_confirm_link",
                        user.preferred_language,
                        slug=organisation.slug,
                        token=confirm_token(organisation, user),
                    ),
                },
            )
            reminder.recipients += 1
            sent += 1
        reminder.save(update_fields=["recipients"])
    logger.info("Stale listing reminders sent: %d", sent)
    return sent
