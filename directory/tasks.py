"""Background work for the directory: notifications and listing reminders.

Tasks are thin: they load what they need and send. Each is safe to run twice.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from waytahead.notifications import send_localised_email

logger = logging.getLogger(__name__)
CONFIRM_SALT = "directory.confirm-listing"
CONFIRM_MAX_AGE = timedelta(days=30)
RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


def _moderators():
    from .rules import MODERATORS_GROUP

    users = get_user_model().objects.filter(is_active=True)
    return users.filter(is_superuser=True) | users.filter(
        is_staff=True, groups__name=MODERATORS_GROUP
    )


def _url(name, language, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


@shared_task(**RETRY)
def suggestion_decision_notify(suggestion_id: str) -> bool:
    """Tell the author their suggestion (or new listing) was approved or rejected."""
    from .models import OrganisationSuggestion

    suggestion = (
        OrganisationSuggestion.objects.select_related("organisation", "author")
        .filter(pk=suggestion_id)
        .first()
    )
    if suggestion is None or suggestion.author is None or not suggestion.author.email:
        return False
    author = suggestion.author
    send_localised_email(
        to=author.email,
        language=author.preferred_language,
        template=f"suggestion_{suggestion.status}",
        context={
            "suggestion": suggestion,
            "organisation": suggestion.organisation,
            "listing_url": _url(
                "directory:organisation_detail",
                author.preferred_language,
                slug=suggestion.organisation.slug,
            ),
        },
    )
    return True


@shared_task(**RETRY)
def claim_decision_notify(claim_id: int) -> bool:
    from .models import OrganisationClaim

    claim = (
        OrganisationClaim.objects.select_related("organisation", "user").filter(pk=claim_id).first()
    )
    if claim is None or not claim.user.email:
        return False
    send_localised_email(
        to=claim.user.email,
        language=claim.user.preferred_language,
        template=f"claim_{claim.status}",
        context={
            "claim": claim,
            "organisation": claim.organisation,
            "listing_url": _url(
                "directory:organisation_detail",
                claim.user.preferred_language,
                slug=claim.organisation.slug,
            ),
        },
    )
    return True


@shared_task(**RETRY)
def problem_report_notify(report_id: int) -> int:
    """Tell the listing's editors and the moderators about a problem report."""
    from .models import ProblemReport

    report = ProblemReport.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None:
        return 0
    recipients = {user.pk: user for user in _moderators()}
    for editor in report.organisation.editors.select_related("user"):
        recipients.setdefault(editor.user_id, editor.user)
    for user in recipients.values():
        send_localised_email(
            to=user.email,
            language=user.preferred_language,
            template="problem_report",
            context={"report": report, "organisation": report.organisation},
        )
    return len(recipients)


@shared_task(**RETRY)
def editor_change_notify(suggestion_id: str) -> int:
    """Tell moderators that an editor changed their listing directly."""
    from .models import OrganisationSuggestion

    suggestion = (
        OrganisationSuggestion.objects.select_related("organisation")
        .filter(pk=suggestion_id)
        .first()
    )
    if suggestion is None:
        return 0
    count = 0
    for user in _moderators():
        if user.pk == suggestion.author_id:
            continue
        send_localised_email(
            to=user.email,
            language=user.preferred_language,
            template="editor_change",
            context={"suggestion": suggestion, "organisation": suggestion.organisation},
        )
        count += 1
    return count


@shared_task(**RETRY)
def moderation_digest_send() -> int:
    """Once a day, tell moderators what is waiting. Sent at most once per day."""
    from .models import NotificationLog, OrganisationClaim, OrganisationSuggestion, ProblemReport

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
    moderators = list(_moderators())
    for user in moderators:
        send_localised_email(
            to=user.email,
            language=user.preferred_language,
            template="moderation_digest",
            context={
                "counts": counts,
                "queue_url": settings.SITE_URL + reverse("admin:moderation_queue"),
            },
        )
    return len(moderators)


def confirm_token(organisation, user) -> str:
    return signing.dumps(
        {"o": str(organisation.pk), "u": user.pk, "v": organisation.version}, salt=CONFIRM_SALT
    )


def read_confirm_token(token: str) -> dict:
    """Raises signing.BadSignature (or SignatureExpired) for a bad or old link."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


@shared_task(**RETRY)
def stale_listing_reminders_send() -> int:
    """Email the editors of listings not confirmed for a year a signed confirm link.

    Idempotent: one reminder per listing per period of staleness, however often it runs.
    """
    from .models import Organisation, StaleListingReminder

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
                    "confirm_url": _url(
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
