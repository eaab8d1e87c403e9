"""Background work for engagement: confirmations, retention, reminders, and the
equality monitoring links and batches."""

import logging

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.notifications import send_localised_email

logger = logging.getLogger(__name__)
RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def registration_confirmation_send(registration_id: str) -> bool:
    """Confirm a registration (or a waiting-list place) in the registrant's language."""
    from .models import Registration

    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return False
    with translation.override(registration.language):
        cancel_url = settings.SITE_URL + reverse(
            "engagement:registration_cancel", kwargs={"token": registration.cancel_token}
        )
        event_url = settings.SITE_URL + registration.event.get_absolute_url()
    send_localised_email(
        to=registration.email,
        language=registration.language,
        template="registration_confirmation",
        context={
            "registration": registration,
            "event": registration.event,
            "cancel_url": cancel_url,
            "event_url": event_url,
        },
    )
    return True


@shared_task(**RETRY)
def personal_data_retention_apply() -> int:
    """Erase participants' personal data older than the retention period."""
    from . import services

    erased = services.personal_data_retention_apply()
    logger.info("Retention: erased personal data from %d records", erased)
    return erased


@shared_task(**RETRY)
def monitoring_invitations_send() -> int:
    """After an event, email the people who came their one-time link to the anonymous
    equality questions (once each, in their language)."""
    from . import services

    sent = services.monitoring_invitations_send()
    logger.info("Monitoring: sent %d links to the equality questions", sent)
    return sent


@shared_task(**RETRY)
def monitoring_batch_write() -> int:
    """Store the equality monitoring answers received since the last batch, shuffled."""
    from . import services

    written = services.monitoring_batch_write()
    logger.info("Monitoring: stored a batch of %d answers", written)
    return written


@shared_task(**RETRY)
def insight_reminders_send() -> int:
    """Remind owners of insights that have had no response for a while (once a fortnight)."""
    from . import services

    return services.insight_reminders_send()


@shared_task(**RETRY)
def headway_snapshot_take() -> int:
    """Take the scheduled headway snapshot the figures are published from."""
    from .headway import snapshots

    snapshot = snapshots.headway_snapshot_take()
    logger.info("Headway: snapshot %s taken, %d events kept", snapshot.pk, snapshot.events_kept)
    return snapshot.pk
