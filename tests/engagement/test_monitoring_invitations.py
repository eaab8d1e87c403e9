"""After an event, the people who came get the one-time link to the anonymous equality
questions by email: once, in their own language, never before the event has ended."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from engagement import services, tasks
from engagement.models import AttendanceStatus, MonitoringResponse, Registration
from tests.engagement.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db

A = AttendanceStatus


def person(event, name, status=A.ATTENDED, email=None, language="en") -> Registration:
    return Registration.objects.create(
        event=event,
        name=name,
        email=f"{name.lower()}@people.example" if email is None else email,
        language=language,
        status=status,
        consent=True,
    )


@pytest.fixture
def event():
    return EventFactory(
        slug="carers-meeting",
        title_en="Carers' meeting",
        title_bn="কেয়ারারদের সভা",
        starts_at=in_days(-1, hours=-3),
    )


def test_only_people_who_came_and_gave_an_email_get_the_link_once(event):
    rahima = person(event, "Rahima", language="bn")
    person(event, "Noemail", email="")
    for status in (A.NO_SHOW, A.REGISTERED, A.CANCELLED, A.WAITING_LIST):
        person(event, f"Status{status.replace('_', '')}", status=status)
    mail.outbox.clear()
    assert tasks.monitoring_invitations_send.delay().get() == 1
    [message] = mail.outbox
    assert message.to == ["rahima@people.example"]
    rahima.refresh_from_db()
    assert rahima.monitoring_invited and not rahima.monitoring_done
    assert list(Registration.objects.filter(monitoring_invited=True)) == [rahima]
    # The next day's run sends nothing again.
    assert tasks.monitoring_invitations_send() == 0
    assert len(mail.outbox) == 1


def test_the_email_is_in_the_registrants_language_and_its_link_works(client, event):
    person(event, "Rahima", language="bn")
    services.monitoring_invitations_send()
    [message] = mail.outbox
    assert "কেয়ারারদের সভা" in message.subject
    assert "equality" not in message.subject.lower()
    body = message.body
    assert body.startswith("হ্যালো Rahima,")
    for english in ("Hello", "Thank you for coming", "equality questions", "The link works"):
        assert english not in body
    assert "সমতা" in body  # "equality", as the glossary has it
    [url] = re.findall(r"https?://\S+/monitoring/\?token=\S+", body)
    path = "{0.path}?{0.query}".format(urlsplit(url))
    assert path.startswith("/bn/events/carers-meeting/monitoring/?token=")
    page = client.get(path)
    assert page.status_code == 200 and 'lang="bn"' in page.content.decode()
    assert client.post(path, {"religion": "muslim"}).status_code == 302
    assert client.post(path, {"religion": "muslim"}).status_code == 410
    services.monitoring_batch_write()
    assert MonitoringResponse.objects.get().religion == "muslim"


def test_nothing_is_sent_before_the_event_has_ended(event):
    later = EventFactory(slug="later", starts_at=in_days(0, hours=-1))  # still going on
    waiting = person(later, "Waiting")
    assert services.monitoring_invitations_send() == 0
    assert mail.outbox == []
    later.ends_at = timezone.now() - timedelta(minutes=1)
    later.save()
    assert services.monitoring_invitations_send() == 1
    assert mail.outbox[0].to == [waiting.email]


def test_old_and_unpublished_events_are_left_alone():
    person(EventFactory(starts_at=in_days(-90)), "Longago")
    person(EventFactory(starts_at=in_days(-2), is_published=False), "Draft")
    assert services.monitoring_invitations_send() == 0
    assert mail.outbox == []


def test_a_failed_email_is_sent_on_the_next_try(event, monkeypatch):
    rahima = person(event, "Rahima")

    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "send_localised_email", broken)
    with pytest.raises(OSError):
        services.monitoring_invitations_send()
    rahima.refresh_from_db()
    assert not rahima.monitoring_invited
    monkeypatch.undo()
    assert services.monitoring_invitations_send() == 1
