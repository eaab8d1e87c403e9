"""Engagement services: registration, attendance, monitoring, feedback, insights, erasure."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.models import Borough
from engagement import services, tasks
from engagement.models import (
    AttendanceStatus,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    Participant,
    PendingMonitoringResponse,
    Registration,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_event(**overrides) -> Event:
    start = timezone.now() + timezone.timedelta(days=7)
    values = {
        "slug": f"meeting-{Event.objects.count()}",
        "title_en": "Community meeting",
        "description_en": "Tell us what you need.",
        "event_type": Event.Type.MEETING,
        "starts_at": start,
        "ends_at": start + timezone.timedelta(hours=2),
        "borough": Borough.objects.get(slug="tower-hamlets"),
        "is_published": True,
    }
    values.update(overrides)
    return Event.objects.create(**values)


def register(event, name="Rahim", email="", **extra):
    return services.registration_create(
        event=event, name=name, email=email, consent=True, **{"language": "en", **extra}
    )


def test_registration_fills_places_then_the_waiting_list(on_commit_immediately):
    event = make_event(capacity=2)
    first = register(event, "A", "a@people.example")
    second = register(event, "B", "b@people.example")
    third = register(event, "C", "c@people.example")
    assert [first.status, second.status, third.status] == [
        "registered",
        "registered",
        "waiting_list",
    ]
    promoted = services.registration_cancel(registration=first)
    assert promoted == third
    third.refresh_from_db()
    assert third.status == "registered"
    assert "waiting list" not in mail.outbox[-1].subject.lower()


def test_registration_needs_consent_and_an_open_event():
    with pytest.raises(ValidationError):
        services.registration_create(event=make_event(), name="X", consent=False)
    past = make_event(
        starts_at=timezone.now() - timezone.timedelta(days=2),
        ends_at=timezone.now() - timezone.timedelta(days=2, hours=-2),
    )
    with pytest.raises(ValidationError, match="closed"):
        register(past)
    not_yet = make_event(registration_opens_at=timezone.now() + timezone.timedelta(days=1))
    with pytest.raises(ValidationError, match="closed"):
        register(not_yet)
    assert not Registration.objects.exists()


def test_the_same_person_cannot_register_twice():
    event = make_event()
    register(event, email="same@people.example")
    with pytest.raises(ValidationError, match="already registered"):
        register(event, email="SAME@people.example ")


def test_confirmation_email_is_in_the_registrants_language_with_a_cancel_link(
    client, on_commit_immediately
):
    event = make_event(title_en="Community meeting", title_bn="কমিউনিটি সভা")
    registration = register(event, email="rahim@people.example", language="bn")
    message = mail.outbox[-1]
    assert message.to == ["rahim@people.example"]
    assert "কমিউনিটি সভা" in message.subject
    assert f"/bn/registrations/cancel/{registration.cancel_token}/" in message.body


def test_repeat_participation_is_counted_without_storing_who():
    first, second = make_event(), make_event()
    register(first, email="amira@people.example")
    register(second, email="amira@people.example")
    register(second, phone="020 7946 0011")
    assert Participant.objects.count() == 2
    participant = Participant.objects.get(registrations__event=first)
    assert participant.registrations.count() == 2
    assert "amira" not in participant.key and len(participant.key) == 64


def test_check_in_marks_attendance_in_bulk():
    event = make_event()
    registrations = [register(event, f"P{n}") for n in range(3)]
    assert services.attendance_record(registrations=registrations[:2], status="attended") == 2
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["attended", "attended", "registered"]
    assert [r.counts_as_attendance for r in Registration.objects.order_by("status")] == [
        True,
        True,
        False,
    ]
    with pytest.raises(ValidationError):
        services.attendance_record(registrations=registrations, status="teleported")


def test_monitoring_waits_for_the_batch_without_a_person_and_with_the_month_only():
    event = make_event()
    pending = services.monitoring_submit(
        event=event,
        answers={"age_band": "65_74", "country_of_birth": "prefer_not_to_say"},
        source="online",
        month=date(2025, 6, 17),
    )
    assert isinstance(pending, PendingMonitoringResponse)
    assert pending.month == date(2025, 6, 1)
    assert pending.sex == ""  # not answered
    assert pending.country_of_birth == "prefer_not_to_say"
    assert services.monitoring_submit(event=event, answers={}, source="paper").month == (
        timezone.localdate().replace(day=1)
    )
    with pytest.raises(ValidationError):
        services.monitoring_submit(event=event, answers={"age_band": "twelve"}, source="online")
    with pytest.raises(ValidationError):  # 16+ questions are not for under-16s
        services.monitoring_submit(
            event=event,
            answers={"age_band": "under_16", "sexual_orientation": "bisexual"},
            source="online",
        )
    assert PendingMonitoringResponse.objects.count() == 2
    assert not MonitoringResponse.objects.exists()


def test_monitoring_through_a_link_uses_it_up_once():
    event = make_event()
    registration = register(event, email="r@people.example")
    services.monitoring_submit(
        event=event, answers={"sex": "male"}, source="online", registration=registration
    )
    with pytest.raises(ValidationError) as refused:
        services.monitoring_submit(
            event=event, answers={"sex": "female"}, source="online", registration=registration
        )
    assert refused.value.code == "used"
    with pytest.raises(ValidationError):  # a bad answer does not use the link up either
        services.monitoring_submit(
            event=event,
            answers={"age_band": "twelve"},
            source="online",
            registration=register(event, name="Other", email="o@people.example"),
        )
    assert list(Registration.objects.filter(monitoring_done=True)) == [registration]
    assert [row.sex for row in PendingMonitoringResponse.objects.all()] == ["male"]


def test_feedback_keeps_contact_details_only_with_consent():
    without = services.feedback_submit(
        text="Meetings are at bad times",
        language="pl",
        contact_name="Ola",
        contact_email="ola@people.example",
    )
    assert (without.contact_name, without.contact_email) == ("", "")
    with_consent = services.feedback_submit(
        text="More Bengali please",
        language="bn",
        contact_name="Rahim",
        contact_email="rahim@people.example",
        contact_consent=True,
    )
    assert with_consent.contact_email == "rahim@people.example"


def test_insight_lifecycle_from_feedback_to_published_response():
    kemi = UserFactory(is_staff=True)
    items = [
        services.feedback_submit(
            text=f"I thought it was only for British-born people ({n})", language="en"
        )
        for n in range(3)
    ]
    insight = services.insight_create_from_feedback(
        feedback_items=items,
        title="Non-UK-born residents think the meetings are only for British-born people",
        owner=kemi,
    )
    assert insight.status == Insight.Status.NEW and insight.feedback.count() == 3
    assert not Insight.objects.published().exists()
    with pytest.raises(ValidationError):
        services.insight_publish_response(insight=insight)
    insight.status = Insight.Status.ACTION_PLANNED
    insight.public_summary_en = (
        "You told us the meetings seemed to be only for British-born people."
    )
    insight.public_response_en = (
        "Meetings are now advertised in nine languages and held in community venues."
    )
    insight.save()
    services.insight_publish_response(insight=insight)
    assert list(Insight.objects.published()) == [insight]
    services.insight_unpublish_response(insight=insight)
    assert not Insight.objects.published().exists()
    with pytest.raises(ValidationError):
        services.insight_create_from_feedback(feedback_items=[], title="x", owner=kemi)


def test_erasure_on_request_removes_personal_data_but_keeps_the_counts():
    event = make_event()
    registration = register(event, "Amira", "amira@people.example", access_needs="Wheelchair")
    feedback = services.feedback_submit(
        text="Good",
        language="ar",
        contact_name="Amira",
        contact_email="amira@people.example",
        contact_consent=True,
    )
    services.personal_data_erase(registrations=[registration], feedback=[feedback])
    registration.refresh_from_db()
    feedback.refresh_from_db()
    assert (registration.name, registration.email, registration.access_needs) == ("", "", "")
    assert registration.participant is None and registration.erased_at
    assert registration.status == AttendanceStatus.REGISTERED
    assert (feedback.contact_name, feedback.contact_email, feedback.text) == ("", "", "Good")
    assert not Participant.objects.exists()


def test_retention_erases_old_personal_data_only(settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    old = make_event(
        starts_at=timezone.now() - timezone.timedelta(days=800),
        ends_at=timezone.now() - timezone.timedelta(days=800),
        status=Event.Status.HELD,
    )
    recent = make_event()
    Registration.objects.create(
        event=old, name="Old Person", email="old@people.example", consent=True
    )
    register(recent, "Recent Person", "recent@people.example")
    Feedback.objects.create(text="old", contact_name="Old Author", contact_consent=True)
    Feedback.objects.filter(contact_name="Old Author").update(
        created_at=timezone.now() - timezone.timedelta(days=800)
    )
    assert tasks.personal_data_retention_apply() == 2
    assert not Registration.objects.filter(name="Old Person").exists()
    assert Registration.objects.filter(name="Recent Person").exists()
    assert not Feedback.objects.filter(contact_name="Old Author").exists()
    assert tasks.personal_data_retention_apply() == 0  # idempotent


def test_insight_owners_are_reminded_once_a_fortnight():
    owner = UserFactory(is_staff=True)
    insight = Insight.objects.create(title="Quiet insight", owner=owner)
    Insight.objects.filter(pk=insight.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=20)
    )
    assert tasks.insight_reminders_send() == 1
    assert mail.outbox[-1].to == [owner.email]
    assert tasks.insight_reminders_send() == 0
