"""The public events pages and registration, used as people would use them."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from engagement import monitoring_links
from engagement.models import AttendanceStatus, Event, Registration
from tests.engagement.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    data = {
        "name": "Amira Haddad",
        "email": "amira@people.example",
        "phone": "020 7946 0000",
        "access_needs": "Step-free access, please",
        "interpretation_needs": "Arabic",
        "heard_via": "radio",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


# --- The list -------------------------------------------------------------------------


def test_the_list_shows_upcoming_public_events_soonest_first_with_their_details(client):
    later = EventFactory(title_en="Later meeting", starts_at=in_days(20), languages=["bn", "so"])
    sooner = EventFactory(
        title_en="Sooner drop-in",
        event_type=Event.Type.DROP_IN,
        starts_at=in_days(3),
        step_free_access=True,
        hearing_loop=True,
    )
    EventFactory(title_en="A draft", is_published=False)
    EventFactory(title_en="Called off", status=Event.Status.CANCELLED)
    EventFactory(title_en="Last month", starts_at=in_days(-30))
    html = client.get("/en/events/").content.decode()
    assert html.index("Sooner drop-in") < html.index("Later meeting")
    for hidden in ("A draft", "Called off", "Last month"):
        assert hidden not in html
    assert "Drop-in" in html and "Brady Arts Centre" in html and "Tower Hamlets" in html
    assert "Step-free access" in html and "Hearing loop" in html
    # The languages it is held in, named in the page's language.
    assert "Bengali" in html and "Somali" in html
    start = timezone.localtime(sooner.starts_at)
    end = timezone.localtime(sooner.ends_at)
    with translation.override("en"):
        expected = f"{date_format(start, 'DATETIME_FORMAT')} to {date_format(end, 'TIME_FORMAT')}"
    assert expected in html
    assert later.get_absolute_url() in html


def test_past_events_are_listed_on_request(client):
    EventFactory(title_en="Last month", starts_at=in_days(-30))
    EventFactory(title_en="Next week")
    html = client.get("/en/events/?when=past").content.decode()
    assert "Last month" in html and "Next week" not in html
    assert "See upcoming events" in html


def test_an_online_event_says_online(client):
    EventFactory(title_en="On a video call", venue_name="", event_type=Event.Type.ONLINE)
    html = client.get("/en/events/").content.decode()
    assert "Online" in html


def test_the_list_has_an_empty_state(client):
    response = client.get("/en/events/")
    assert response.status_code == 200
    assert "No events are planned at the moment" in response.content.decode()


def test_the_list_is_paginated_and_its_query_count_does_not_grow(client):
    for n in range(3):
        EventFactory(languages=["bn", "pl"], starts_at=in_days(2 + n))
    with CaptureQueriesContext(connection) as few:
        client.get("/en/events/")
    for n in range(22):
        EventFactory(languages=["bn", "pl"], starts_at=in_days(10 + n))
    with CaptureQueriesContext(connection) as many:
        first = client.get("/en/events/").content.decode()
    assert len(many) == len(few)
    assert first.count("<article>") == 20 and "Page 1 of 2" in first
    second = client.get("/en/events/?page=2").content.decode()
    assert second.count("<article>") == 5


def test_a_title_without_a_translation_falls_back_to_english(client):
    EventFactory(title_en="Carers' meeting", title_bn="কেয়ারারদের সভা", slug="carers")
    EventFactory(title_en="Youth forum", slug="youth")
    html = client.get("/bn/events/").content.decode()
    assert "কেয়ারারদের সভা" in html and "Carers&#x27; meeting" not in html
    assert re.search(r'lang="en" dir="ltr">Youth forum<', html)


# --- The detail page ------------------------------------------------------------------


def test_the_event_page_shows_the_description_access_languages_and_places(client):
    EventFactory(
        slug="drop-in",
        title_en="Women's advice drop-in",
        description_en="Free advice for women.",
        description_ar="نصائح مجانية للنساء.",
        capacity=10,
        interpretation="Arabic and Somali interpreters",
        childcare=True,
        languages=["ar"],
    )
    html = client.get("/ar/events/drop-in/").content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "نصائح مجانية للنساء." in html and "Free advice for women." not in html
    assert 'id="translation-missing"' not in html
    assert "Arabic and Somali interpreters" in html and "192-196 Hanbury Street" in html
    assert 'name="name"' in html and 'name="consent"' in html
    assert 'href="/ar/privacy/"' in html
    assert "10 places left." in html or "10" in html


def test_a_missing_translation_is_shown_in_english_with_a_note(client):
    EventFactory(slug="meeting", description_en="Tell us what you need.")
    html = client.get("/bn/events/meeting/").content.decode()
    assert 'id="translation-missing"' in html
    assert '<div lang="en" dir="ltr"><p>Tell us what you need.</p></div>' in html


def test_unpublished_and_unknown_events_are_not_found(client):
    EventFactory(slug="draft", is_published=False)
    assert client.get("/en/events/draft/").status_code == 404
    assert client.get("/en/events/nothing-here/").status_code == 404
    assert client.post("/en/events/draft/", registration_data()).status_code == 404
    assert client.get("/en/events/draft/monitoring/").status_code == 404
    assert client.get("/en/events/draft/feedback/").status_code == 404
    assert not Registration.objects.exists()


def test_places_left_and_a_full_event_offers_the_waiting_list(client):
    event = EventFactory(slug="small", capacity=2)
    assert "2 places left." in client.get("/en/events/small/").content.decode()
    Registration.objects.create(event=event, name="x", consent=True)
    assert "1 place left." in client.get("/en/events/small/").content.decode()
    Registration.objects.create(event=event, name="y", consent=True)
    html = client.get("/en/events/small/").content.decode()
    assert "This event is full: you can join the waiting list." in html
    assert "Join the waiting list" in html


# --- Registering ----------------------------------------------------------------------


def test_registering_in_arabic_stores_the_language_and_emails_a_working_cancel_link(
    client, on_commit_immediately
):
    event = EventFactory(
        slug="drop-in", title_en="Advice drop-in", title_ar="جلسة استشارات", capacity=5
    )
    mail.outbox.clear()
    response = client.post("/ar/events/drop-in/", registration_data())
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/events/drop-in/registered/?outcome=")
    registration = Registration.objects.get()
    assert registration.language == "ar"
    assert registration.status == AttendanceStatus.REGISTERED
    assert registration.heard_via == "radio" and registration.interpretation_needs == "Arabic"
    assert registration.consent is True
    assert registration.participant is not None

    done = client.get(response["Location"]).content.decode()
    assert 'dir="rtl"' in done
    assert "/monitoring/" not in done  # the link to the questions comes after the event
    assert f"/ar/events/{event.slug}/feedback/" in done
    assert str(registration.pk) not in response["Location"]
    # The signed outcome says only "registered, emailed"; in English for this check.
    done = client.get(response["Location"].replace("/ar/", "/en/", 1)).content.decode()
    assert "You are registered" in done and "We have sent you an email" in done

    message = mail.outbox[-1]
    assert message.to == ["amira@people.example"]
    assert "جلسة استشارات" in message.subject
    link = re.search(r"https?://\S+/registrations/cancel/\S+/", message.body).group(0)
    assert "/ar/registrations/cancel/" in link
    page = client.get(path_of(link))
    assert page.status_code == 200 and 'class="button-danger"' in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == AttendanceStatus.REGISTERED  # opening the link is not enough
    client.post(path_of(link))
    registration.refresh_from_db()
    assert registration.status == AttendanceStatus.CANCELLED
    again = client.get(path_of(link).replace("/ar/", "/en/", 1)).content.decode()
    assert "This registration is cancelled." in again and 'class="button-danger"' not in again


def test_a_registration_without_an_email_is_thanked_without_one(client, on_commit_immediately):
    EventFactory(slug="meeting")
    mail.outbox.clear()
    response = client.post("/en/events/meeting/", registration_data(email="", phone=""))
    done = client.get(response["Location"]).content.decode()
    assert "You are registered" in done and "Please keep a note" in done
    assert mail.outbox == []


def test_the_third_person_goes_on_the_waiting_list_and_a_cancellation_promotes_them(
    client, on_commit_immediately
):
    event = EventFactory(slug="small", capacity=2)
    for n in range(3):
        response = client.post(
            "/en/events/small/",
            registration_data(name=f"Person {n}", email=f"person{n}@people.example"),
        )
        assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "You are on the waiting list" in done
    first, second, third = Registration.objects.filter(event=event).order_by("created_at")
    assert [first.status, second.status, third.status] == [
        AttendanceStatus.REGISTERED,
        AttendanceStatus.REGISTERED,
        AttendanceStatus.WAITING_LIST,
    ]
    mail.outbox.clear()
    client.post(f"/en/registrations/cancel/{first.cancel_token}/")
    third.refresh_from_db()
    assert third.status == AttendanceStatus.REGISTERED
    assert mail.outbox[-1].to == ["person2@people.example"]


def test_registration_is_refused_when_closed_and_nothing_is_written(client):
    EventFactory(slug="closed", registration_closes_at=in_days(-1))
    EventFactory(slug="held", starts_at=in_days(-3), status=Event.Status.HELD)
    page = client.get("/en/events/closed/").content.decode()
    assert "Registration for this event is closed." in page and 'name="consent"' not in page
    response = client.post("/en/events/closed/", registration_data())
    assert response.status_code == 400
    assert "Registration for this event is closed." in response.content.decode()
    assert "This event has already taken place." in client.get("/en/events/held/").content.decode()
    assert client.post("/en/events/held/", registration_data()).status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "call me maybe"}, "phone"),
        ({"heard_via": "carrier-pigeon"}, "heard_via"),
        ({"consent": None}, "consent"),
    ],
)
def test_bad_input_is_a_400_with_an_error_summary_and_nothing_is_written(client, overrides, field):
    EventFactory(slug="meeting")
    response = client.post("/en/events/meeting/", registration_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and f'href="#id_{field}' in html
    assert f'aria-describedby="id_{field}_error' in html
    assert not Registration.objects.exists()


def test_registering_twice_with_the_same_email_is_refused(client):
    EventFactory(slug="meeting")
    client.post("/en/events/meeting/", registration_data())
    response = client.post("/en/events/meeting/", registration_data(name="Again"))
    assert response.status_code == 400
    assert "You are already registered for this event." in response.content.decode()
    assert Registration.objects.count() == 1


def test_an_unknown_cancel_token_is_not_found(client):
    assert (
        client.get("/en/registrations/cancel/00000000-0000-4000-8000-000000000000/").status_code
        == 404
    )
    assert (
        client.post("/en/registrations/cancel/00000000-0000-4000-8000-000000000000/").status_code
        == 404
    )


def test_attendance_cannot_be_undone_from_the_cancel_link(client):
    event = EventFactory(starts_at=in_days(-2))
    registration = Registration.objects.create(
        event=event, name="x", consent=True, status=AttendanceStatus.ATTENDED
    )
    url = f"/en/registrations/cancel/{registration.cancel_token}/"
    assert "can no longer be cancelled" in client.get(url).content.decode()
    assert client.post(url).status_code == 400
    registration.refresh_from_db()
    assert registration.status == AttendanceStatus.ATTENDED


def test_a_forged_outcome_just_says_thank_you(client):
    EventFactory(slug="meeting")
    html = client.get("/en/events/meeting/registered/?outcome=forged").content.decode()
    assert "Thank you for registering" in html and "waiting list" not in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_pages_render_in_english_and_arabic(client, language):
    event = EventFactory(slug="meeting")
    registration = Registration.objects.create(event=event, name="x", consent=True)
    held = EventFactory(slug="held", starts_at=timezone.now() - timezone.timedelta(days=2))
    came = Registration.objects.create(
        event=held, name="y", consent=True, status=AttendanceStatus.ATTENDED
    )
    token = monitoring_links.monitoring_link_token(came)
    # Before the event, the questions say when they open.
    refused = client.get(f"/{language}/events/meeting/monitoring/")
    assert refused.status_code == 403 and refused.content.decode().count("<h1") == 1
    for path in (
        "events/",
        "events/meeting/",
        "events/meeting/registered/",
        f"registrations/cancel/{registration.cancel_token}/",
        f"events/held/monitoring/?token={token}",
        "events/meeting/monitoring/thanks/",
        "events/meeting/feedback/",
        "events/meeting/feedback/thanks/",
        "feedback/",
        "feedback/thanks/",
        "you-said-we-did/",
    ):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
        assert html.count("<h1") == 1, path


def test_the_main_navigation_links_to_events_and_you_said_we_did(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/events/"' in html and 'href="/en/you-said-we-did/"' in html
    assert 'href="/en/feedback/"' in html
    events = client.get("/en/events/").content.decode()
    assert 'href="/en/events/" aria-current="page"' in events


def test_registration_is_rate_limited(client):
    EventFactory(slug="meeting")
    statuses = [
        client.post(
            "/en/events/meeting/",
            registration_data(name=f"Person {n}", email=f"p{n}@people.example", phone=""),
        ).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20 and statuses[20] == 429
    assert Registration.objects.count() == 20
