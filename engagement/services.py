"""Writes with side effects for engagement: registration, attendance, equality
monitoring (received, then written in shuffled batches), feedback, insights, and the
erasure of personal data."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.notifications import send_localised_email

from . import tasks
from .models import (
    AttendanceStatus,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    PendingMonitoringResponse,
    Registration,
    StakeholderGroup,
    Theme,
)
from .models.monitoring import month_start
from .monitoring_links import MAX_AGE as MONITORING_LINK_MAX_AGE
from .monitoring_links import monitoring_link_url

if TYPE_CHECKING:
    from accounts.models import User

PERSONAL_REGISTRATION_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "access_needs": "",
    "interpretation_needs": "",
}


def participant_key(*, email: str = "", phone: str = "") -> str | None:
    """A keyed hash of someone's contact details, to count repeat participation without
    storing who they are. None when there are no contact details to go on."""
    basis = (email or "").strip().casefold() or "".join(ch for ch in (phone or "") if ch.isdigit())
    if not basis:
        return None
    return hmac.new(settings.SECRET_KEY.encode(), basis.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str = "",
    phone: str = "",
    access_needs: str = "",
    interpretation_needs: str = "",
    heard_via: str = "",
    language: str = "en",
    consent: bool,
) -> Registration:
    """Register someone, or put them on the waiting list when the event is full.

    The event row is locked so that two people cannot take the last place at once.
    """
    if not consent:
        raise ValidationError(_("Please agree to the privacy notice to register."), code="consent")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    key = participant_key(email=email, phone=phone)
    participant = Participant.objects.get_or_create(key=key)[0] if key else None
    if (
        participant
        and event.registrations.filter(
            participant=participant,
            status__in=[AttendanceStatus.REGISTERED, AttendanceStatus.WAITING_LIST],
        ).exists()
    ):
        raise ValidationError(_("You are already registered for this event."), code="duplicate")
    status = AttendanceStatus.REGISTERED
    if event.capacity is not None and event.count_places_taken() >= event.capacity:
        status = AttendanceStatus.WAITING_LIST
    registration = Registration.objects.create(
        event=event,
        participant=participant,
        name=name,
        email=email,
        phone=phone,
        access_needs=access_needs,
        interpretation_needs=interpretation_needs,
        heard_via=heard_via,
        language=language,
        consent=True,
        status=status,
    )
    if registration.email:
        transaction.on_commit(
            lambda: tasks.registration_confirmation_send.delay(str(registration.pk))
        )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a place; the first person on the waiting list, if any, gets it.

    Returns the registration promoted from the waiting list, if one was.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == AttendanceStatus.CANCELLED:
        return None
    held_place = AttendanceStatus.holds_a_place(registration.status)
    registration.status = AttendanceStatus.CANCELLED
    registration.save(update_fields=["status"])
    if not held_place:
        return None
    waiting = (
        Registration.objects.select_for_update()
        .filter(event=registration.event, status=AttendanceStatus.WAITING_LIST)
        .order_by("created_at")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = AttendanceStatus.REGISTERED
    waiting.save(update_fields=["status"])
    if waiting.email:
        transaction.on_commit(lambda: tasks.registration_confirmation_send.delay(str(waiting.pk)))
    return waiting


@transaction.atomic
def attendance_record(*, registrations: Iterable[Registration], status: str) -> int:
    """Staff check-in: set the attendance status of several registrations at once."""
    if status not in AttendanceStatus.values:
        raise ValidationError(_("Unknown attendance status."), code="status")
    return Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(status=status)


@transaction.atomic
def monitoring_submit(
    *,
    event: Event | None = None,
    outreach_activity: OutreachActivity | None = None,
    answers: dict[str, object],
    source: str,
    month: date | None = None,
    registration: Registration | None = None,
) -> PendingMonitoringResponse:
    """Receive one anonymous monitoring response for the next batch.

    The answers are checked (the under-16 rule included) and wait, with the month and
    no link to any person, until ``monitoring_batch_write`` stores them; nothing is
    counted before then, and nothing here queues that write. ``registration`` is the
    one the online form's link was made for: the link is used up in the same
    transaction, so a second answer through it raises ``ValidationError`` (code
    ``used``) and stores nothing.
    """
    pending = PendingMonitoringResponse(
        event=event,
        outreach_activity=outreach_activity,
        source=source,
        month=month_start(month or timezone.localdate()),
        **answers,
    )
    pending.full_clean()
    if registration is not None:
        used_up = Registration.objects.filter(pk=registration.pk, monitoring_done=False).update(
            monitoring_done=True
        )
        if used_up != 1:
            raise ValidationError(
                _("These questions have already been answered through this link."), code="used"
            )
    pending.save()
    return pending


BATCH_SIZE = 500


@transaction.atomic
def monitoring_batch_write() -> int:
    """Store every monitoring response waiting for a batch, in a random order.

    Run daily (Celery beat) and before a headway snapshot. The rows are shuffled with
    the system's random source before they are inserted, each stored response gets a
    new id and record key, and the waiting rows are deleted: neither insertion order
    nor an id ties a stored response to the request that sent it. Returns the number
    written.
    """
    pending = list(PendingMonitoringResponse.objects.select_for_update())
    random.SystemRandom().shuffle(pending)
    MonitoringResponse.objects.bulk_create(
        (
            MonitoringResponse(
                event_id=row.event_id,
                outreach_activity_id=row.outreach_activity_id,
                source=row.source,
                month=row.month,
                **row.answers(),
            )
            for row in pending
        ),
        batch_size=BATCH_SIZE,
    )
    # By id, in chunks: answers received while this batch was written wait for the next.
    ids = [row.pk for row in pending]
    for start in range(0, len(ids), BATCH_SIZE):
        PendingMonitoringResponse.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).delete()
    return len(pending)


def _message_language(code: str) -> str:
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def monitoring_invitations_due(now: datetime | None = None) -> QuerySet[Registration]:
    """Registrations that should get the link to the equality questions now: people who
    came (attended), with an email address, to a published event that ended in the
    last ``MONITORING_LINK_MAX_AGE`` (a link for an older event would soon expire and
    come as a surprise), who have not been sent it yet."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(
            status=AttendanceStatus.ATTENDED,
            monitoring_invited=False,
            event__is_published=True,
            event__ends_at__lt=now,
            event__ends_at__gte=now - MONITORING_LINK_MAX_AGE,
        )
        .exclude(email="")
        .select_related("event")
        .order_by("pk")
    )


def monitoring_invitations_send(*, now: datetime | None = None) -> int:
    """Email each registration due (``monitoring_invitations_due``) its one-time link to
    the anonymous equality questions, in the registrant's language, once.

    Each registration is marked as invited before its email goes, so two runs never
    send twice; if sending fails the mark is taken back and the error raised, so a
    retry sends it. Returns the number of emails sent.
    """
    sent = 0
    for registration in list(monitoring_invitations_due(now)):
        claimed = Registration.objects.filter(pk=registration.pk, monitoring_invited=False).update(
            monitoring_invited=True
        )
        if not claimed:
            continue
        language = _message_language(registration.language)
        with translation.override(language):
            monitoring_url = monitoring_link_url(registration)
            event_url = settings.SITE_URL + registration.event.get_absolute_url()
        try:
            send_localised_email(
                to=registration.email,
                language=language,
                template="monitoring_invitation",
                context={
                    "registration": registration,
                    "event": registration.event,
                    "monitoring_url": monitoring_url,
                    "event_url": event_url,
                    "max_age_days": MONITORING_LINK_MAX_AGE.days,
                },
            )
        except Exception:
            Registration.objects.filter(pk=registration.pk).update(monitoring_invited=False)
            raise
        sent += 1
    return sent


@transaction.atomic
def feedback_submit(
    *,
    text: str,
    language: str,
    event: Event | None = None,
    source: str = Feedback.Source.ONLINE,
    contact_name: str = "",
    contact_email: str = "",
    contact_consent: bool = False,
    stakeholder_group: StakeholderGroup | None = None,
    outreach_activity: OutreachActivity | None = None,
    logged_by: User | None = None,
) -> Feedback:
    """Record feedback. Contact details are kept only if the person consented."""
    if not contact_consent:
        contact_name, contact_email = "", ""
    feedback = Feedback(
        event=event,
        text=text,
        language=language,
        source=source,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_consent=contact_consent,
        stakeholder_group=stakeholder_group,
        outreach_activity=outreach_activity,
        logged_by=logged_by,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def insight_create_from_feedback(
    *,
    feedback_items: Iterable[Feedback],
    title: str,
    owner: User | None,
    themes: Iterable[Theme] = (),
    groups: Iterable[StakeholderGroup] = (),
) -> Insight:
    """Turn one or more pieces of feedback into an insight to investigate."""
    items = list(feedback_items)
    if not items:
        raise ValidationError(_("Choose at least one piece of feedback."), code="empty")
    insight = Insight.objects.create(title=title, owner=owner, status=Insight.Status.NEW)
    insight.feedback.set(items)
    group_ids = {item.stakeholder_group_id for item in items if item.stakeholder_group_id}
    insight.stakeholder_groups.set(list(groups) or list(group_ids))
    if themes:
        insight.themes.set(themes)
    return insight


@transaction.atomic
def insight_publish_response(*, insight: Insight) -> Insight:
    """Publish "you said, we did". Both halves must be written first (in English at least)."""
    if (
        # django-modeltranslation adds the per-language fields at run time.
        not (insight.public_summary_en or "").strip()  # type: ignore[attr-defined]
        or not (insight.public_response_en or "").strip()  # type: ignore[attr-defined]
    ):
        raise ValidationError(
            _("Write both “you said” and “we did” (in English at least) before publishing."),
            code="incomplete",
        )
    if insight.response_published_at is None:
        insight.response_published_at = timezone.now()
        insight.save(update_fields=["response_published_at", "updated_at"])
    return insight


@transaction.atomic
def insight_unpublish_response(*, insight: Insight) -> Insight:
    insight.response_published_at = None
    insight.save(update_fields=["response_published_at", "updated_at"])
    return insight


@transaction.atomic
def personal_data_erase(
    *, registrations: Iterable[Registration] = (), feedback: Iterable[Feedback] = ()
) -> int:
    """Erase the personal data of people, on request or at the end of retention.

    Registrations keep their event and status (for the counts) but lose the name,
    contact details, needs and the pseudonymous participant link; feedback keeps its
    text but loses its contact details.
    """
    now = timezone.now()
    count = Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        **PERSONAL_REGISTRATION_FIELDS, participant=None, erased_at=now
    )
    count += Feedback.objects.filter(pk__in=[f.pk for f in feedback]).update(
        contact_name="", contact_email="", erased_at=now
    )
    Participant.objects.filter(registrations__isnull=True).delete()
    return count


def retention_cutoff(now: datetime | None = None) -> datetime:
    months = settings.PERSONAL_DATA_RETENTION_MONTHS
    return (now or timezone.now()) - timedelta(days=round(months * 30.44))


@transaction.atomic
def personal_data_retention_apply(now: datetime | None = None) -> int:
    """Erase personal data older than the retention period (a scheduled task)."""
    cutoff = retention_cutoff(now)
    registrations = Registration.objects.filter(erased_at__isnull=True).filter(
        Q(event__ends_at__lt=cutoff)
    )
    feedback = Feedback.objects.filter(erased_at__isnull=True, created_at__lt=cutoff).exclude(
        contact_name="", contact_email=""
    )
    return personal_data_erase(registrations=list(registrations), feedback=list(feedback))


INSIGHT_REMINDER_DAYS = 14


def insight_reminders_send() -> int:
    """Remind the owners of open insights that have had no response and no activity for
    a fortnight, at most once a fortnight each. Returns how many were reminded."""
    now = timezone.now()
    quiet_since = now - timedelta(days=INSIGHT_REMINDER_DAYS)
    due = (
        Insight.objects.open()
        .filter(response_published_at__isnull=True, updated_at__lt=quiet_since, owner__isnull=False)
        .exclude(last_reminded_at__gte=quiet_since)
        .select_related("owner")
    )
    sent = 0
    for insight in due:
        owner = insight.owner
        if owner.email and owner.is_active:
            send_localised_email(
                to=owner.email,
                language=owner.preferred_language,
                template="insight_reminder",
                context={
                    "insight": insight,
                    "admin_url": settings.SITE_URL
                    + reverse("admin:engagement_insight_change", args=[insight.pk]),
                },
            )
            sent += 1
        # Update without touching updated_at, so the reminder itself is not "activity".
        Insight.objects.filter(pk=insight.pk).update(last_reminded_at=now)
    return sent
