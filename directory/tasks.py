"""Background work for the directory: notifications and listing reminders.

Tasks are thin: they load what they need and send. Each is safe to run twice.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from celery import shared_task
from django.conf import settings
from django.db.models import Model
from django.urls import reverse

from common.notifications import notify_users, send_localised_email

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from accounts.models import User

    from .models import Organisation

M = TypeVar("M", bound=Model)
logger = logging.getLogger(__name__)
RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


def _moderators() -> QuerySet[User]:
    from .rules import moderators

    return moderators()


def _load(model: type[M], pk: object, *related: str) -> M | None:
    """The record a task was queued for, with what it needs; None if it has gone since."""
    return model._default_manager.select_related(*related).filter(pk=pk).first()


def _url(name: str, language: str, **kwargs: object) -> str:
    from .services.reminders import site_url

    return site_url(name, language, **kwargs)


def _tell_decision(
    person: User, template: str, *, organisation: Organisation, **context: object
) -> None:
    """Email ``person`` the decision on what they sent about ``organisation``, in their
    language, with a link to the listing's page."""
    send_localised_email(
        to=person.email,
        language=person.preferred_language,
        template=template,
        context={
            **context,
            "organisation": organisation,
            "listing_url": _url(
                "directory:organisation_detail",
                person.preferred_language,
                slug=organisation.slug,
            ),
        },
    )


@shared_task(**RETRY)
def suggestion_decision_notify(suggestion_id: str) -> bool:
    """Tell the author their suggestion (or new listing) was approved or rejected."""
    from .models import OrganisationSuggestion

    suggestion = _load(OrganisationSuggestion, suggestion_id, "organisation", "author")
    if suggestion is None or suggestion.author is None or not suggestion.author.email:
        return False
    _tell_decision(
        suggestion.author,
        f"suggestion_{suggestion.status}",
        organisation=suggestion.organisation,
        suggestion=suggestion,
    )
    return True


@shared_task(**RETRY)
def claim_decision_notify(claim_id: int) -> bool:
    from .models import OrganisationClaim

    claim = _load(OrganisationClaim, claim_id, "organisation", "user")
    if claim is None or not claim.user.email:
        return False
    _tell_decision(
        claim.user, f"claim_{claim.status}", organisation=claim.organisation, claim=claim
    )
    return True


@shared_task(**RETRY)
def problem_report_notify(report_id: int) -> int:
    """Tell the listing's editors and the moderators about a problem report."""
    from .models import ProblemReport

    report = _load(ProblemReport, report_id, "organisation")
    if report is None:
        return 0
    recipients = {user.pk: user for user in _moderators()}
    for editor in report.organisation.editors.select_related("user"):
        recipients.setdefault(editor.user_id, editor.user)
    return notify_users(
        recipients.values(),
        template="problem_report",
        context={"report": report, "organisation": report.organisation},
    )


@shared_task(**RETRY)
def editor_change_notify(suggestion_id: str) -> int:
    """Tell moderators that an editor changed their listing directly."""
    from .models import OrganisationSuggestion

    suggestion = _load(OrganisationSuggestion, suggestion_id, "organisation")
    if suggestion is None:
        return 0
    return notify_users(
        _moderators(),
        template="editor_change",
        context={"suggestion": suggestion, "organisation": suggestion.organisation},
        skip=suggestion.author_id,
    )


@shared_task(**RETRY)
def editor_review_notify(suggestion_id: str) -> int:
    """Tell moderators that an editor approved or rejected a suggestion about their listing."""
    from .models import OrganisationSuggestion

    suggestion = _load(OrganisationSuggestion, suggestion_id, "organisation", "reviewer")
    if suggestion is None:
        return 0
    return notify_users(
        _moderators(),
        template="editor_review",
        context={
            "suggestion": suggestion,
            "organisation": suggestion.organisation,
            "approved": suggestion.status == "approved",
            "review_url": settings.SITE_URL
            + reverse("admin:directory_organisationsuggestion_change", args=[suggestion.pk]),
        },
        skip=suggestion.reviewer_id,
    )


@shared_task(**RETRY)
def moderation_digest_send() -> int:
    """Once a day, tell moderators what is waiting (services.moderation_digest_send)."""
    from . import services

    return services.moderation_digest_send()


@shared_task(**RETRY)
def stale_listing_reminders_send() -> int:
    """Remind editors of listings not confirmed for a year (see services.reminders)."""
    from . import services

    return services.stale_listing_reminders_send()
