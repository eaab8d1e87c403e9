"""The anonymous equality monitoring form, opened by the one-time link emailed after an
event: one answer per link, none before the event ends, and nothing stored until the
next shuffled batch."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from engagement import monitoring_links, services
from engagement.models import (
    AttendanceStatus,
    MonitoringResponse,
    PendingMonitoringResponse,
    Registration,
)
from engagement.models.monitoring import DIMENSIONS, SIXTEEN_PLUS_ONLY
from tests.engagement.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db

URL = "/en/events/drop-in/monitoring/"


def main_form(html: str) -> str:
    start = html.index('<form method="post" novalidate>')
    return html[start : html.index("</form>", start)]


def attended(event, name="Person (fictional)") -> Registration:
    return Registration.objects.create(
        event=event,
        name=name,
        email="person@people.example",
        consent=True,
        status=AttendanceStatus.ATTENDED,
    )


def link(registration, lang="en") -> str:
    token = monitoring_links.monitoring_link_token(registration)
    return f"/{lang}/events/{registration.event.slug}/monitoring/?token={token}"


def stored() -> list[MonitoringResponse]:
    """What the figures will count: the answers once the next batch is written."""
    services.monitoring_batch_write()
    return list(MonitoringResponse.objects.all())


@pytest.fixture
def event():
    """A drop-in that ended yesterday."""
    return EventFactory(slug="drop-in", starts_at=in_days(-1, hours=-2))


@pytest.fixture
def registration(event):
    return attended(event)


@pytest.fixture
def url(registration):
    return link(registration)


# --- The form -------------------------------------------------------------------------------
def test_every_question_is_optional_and_offers_prefer_not_to_say(client, url):
    html = client.get(url).content.decode()
    assert "Your answers are anonymous" in html
    form = main_form(html)
    assert "only show totals" in html and "hide any number small enough" in html
    assert "Your link works once" in html and "with the month but not the day" in html
    for name in DIMENSIONS:
        assert f'id="id_{name}_' in html
        assert 'value="prefer_not_to_say"' in html
        assert re.search(rf'name="{name}" value="prefer_not_to_say"', html), name
    assert form.count("<fieldset>") == len(DIMENSIONS)
    assert form.count("<legend>") == len(DIMENSIONS)
    assert form.count("16 and over only") == len(SIXTEEN_PLUS_ONLY)
    assert " required" not in form


def test_the_form_carries_nothing_that_identifies_the_person(client, url, registration):
    html = client.get(url).content.decode()
    form = main_form(html)
    hidden = re.findall(r'<input type="hidden"[^>]*>', form)
    assert [h for h in hidden if "csrfmiddlewaretoken" not in h] == []
    assert "registration" not in form.lower() and 'name="name"' not in form
    assert 'name="email"' not in form
    assert registration.name not in html and str(registration.pk) not in html


def test_answers_wait_for_the_batch_and_are_stored_anonymously(client, url, event):
    response = client.post(
        url,
        {
            "age_band": "35_49",
            "country_of_birth": "middle_east_asia",
            "main_language": "other",
            "religion": "prefer_not_to_say",
            "sexual_orientation": "prefer_not_to_say",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/events/drop-in/monitoring/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your answers" in thanks
    assert "/en/events/drop-in/feedback/" in thanks
    # Celery is eager here, and still nothing is written until the scheduled batch.
    assert not MonitoringResponse.objects.exists()
    assert PendingMonitoringResponse.objects.count() == 1
    [answer] = stored()
    assert not PendingMonitoringResponse.objects.exists()
    assert answer.event == event and answer.outreach_activity is None
    assert answer.source == MonitoringResponse.Source.ONLINE
    assert answer.month == timezone.localdate().replace(day=1)
    assert answer.age_band == "35_49" and answer.country_of_birth == "middle_east_asia"
    assert answer.religion == "prefer_not_to_say"
    assert answer.sexual_orientation == "prefer_not_to_say"
    assert answer.sex == "" and answer.ethnic_group == "" and answer.disability == ""
    # Nothing leads back to a person: only the event, a source and a month.
    links = {
        field.name
        for field in MonitoringResponse._meta.get_fields()
        if field.is_relation and field.concrete
    }
    assert links == {"event", "outreach_activity"}


def test_an_empty_form_is_a_valid_response(client, url):
    assert client.post(url, {}).status_code == 302
    [answer] = stored()
    assert all(getattr(answer, name) == "" for name in DIMENSIONS)


def test_an_unknown_answer_is_a_400_stores_nothing_and_keeps_the_link(client, url, registration):
    response = client.post(url, {"age_band": "ancient", "sex": "female"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_age_band' in html
    assert stored() == []
    registration.refresh_from_db()
    assert not registration.monitoring_done
    assert client.post(url, {"sex": "female"}).status_code == 302  # corrected, then sent


def test_sixteen_plus_questions_are_refused_for_under_sixteens(client, url):
    response = client.post(url, {"age_band": "under_16", "gender_identity": "same"})
    assert response.status_code == 400
    assert "only for people aged 16 or over" in response.content.decode()
    assert stored() == []


def test_the_form_works_in_arabic(client, registration):
    arabic = link(registration, "ar")
    response = client.get(arabic)
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
    assert client.post(arabic, {"sex": "female"}).status_code == 302


# --- One link, one answer -----------------------------------------------------------------------
def test_thirty_stuffed_forms_through_one_link_store_one_answer(client, url, registration):
    statuses = [client.post(url, {"religion": "buddhist"}).status_code for _i in range(30)]
    assert statuses[0] == 302
    assert set(statuses[1:]) <= {410, 429} and 410 in statuses
    assert [answer.religion for answer in stored()] == ["buddhist"]
    registration.refresh_from_db()
    assert registration.monitoring_done


def test_a_used_link_says_so_and_stores_nothing(client, url):
    client.post(url, {"religion": "buddhist"})
    services.monitoring_batch_write()
    for response in (client.get(url), client.post(url, {"religion": "hindu"})):
        assert response.status_code == 410
        assert "already been answered through this link" in response.content.decode()
    assert [answer.religion for answer in stored()] == ["buddhist"]


def test_without_a_link_the_form_does_not_open(client, event):
    for response in (client.get(URL), client.post(URL, {"religion": "buddhist"})):
        assert response.status_code == 403
        html = response.content.decode()
        assert "open from the link we email" in html
        assert '<form method="post"' not in html
    assert stored() == []


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps("00000000-0000-0000-0000-000000000000", salt=monitoring_links.SALT),
        signing.dumps("x", salt="engagement.registration_done"),
        signing.dumps(["a", "list"], salt=monitoring_links.SALT),
    ],
    # The signed tokens carry the time: fixed ids let every pytest-xdist worker collect
    # the same tests.
    ids=["not-a-token", "unknown-registration", "other-salt", "not-a-string"],
)
def test_a_forged_link_is_refused(client, event, registration, token):
    forged = signing.dumps(str(registration.pk), salt="another.salt")
    for value in (token, forged, link(registration)[len(URL) + 7 : -2]):
        for response in (
            client.get(URL, {"token": value}),
            client.post(f"{URL}?token={value}", {"religion": "buddhist"}),
        ):
            assert response.status_code == 400, value
            assert "This link does not work" in response.content.decode()
    assert stored() == []


def test_a_link_for_another_event_is_refused(client, event):
    other = attended(EventFactory(slug="other", starts_at=in_days(-3)))
    token = monitoring_links.monitoring_link_token(other)
    response = client.post(f"{URL}?token={token}", {"religion": "buddhist"})
    assert response.status_code == 400
    assert stored() == []


def test_an_expired_link_is_refused(client, url, monkeypatch):
    monkeypatch.setattr(monitoring_links, "MAX_AGE", timedelta(seconds=-1))
    for response in (client.get(url), client.post(url, {"religion": "buddhist"})):
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
    assert stored() == []


@pytest.mark.parametrize("starts", [in_days(7), in_days(0, hours=-1)], ids=["future", "ongoing"])
def test_no_form_before_the_event_has_ended(client, starts):
    future = EventFactory(slug="later", starts_at=starts)
    url = link(attended(future))
    for response in (client.get(url), client.post(url, {"religion": "buddhist"})):
        assert response.status_code == 403
        assert "These questions open after the event" in response.content.decode()
    assert stored() == []


def test_posting_many_times_is_rate_limited(client, event):
    links = [link(attended(event, f"Person {i} (fictional)")) for i in range(21)]
    statuses = [client.post(url, {"sex": "male"}).status_code for url in links]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429
    assert len(stored()) == 20


# --- Nothing links straight to the form ---------------------------------------------------------
def test_pages_promise_the_link_by_email_instead_of_linking_to_the_form(client, event):
    upcoming = EventFactory(slug="soon")
    registered = client.post(
        "/en/events/soon/",
        {"name": "Person (fictional)", "email": "p@people.example", "consent": "on"},
    )
    feedback = client.post("/en/events/drop-in/feedback/", {"text": "Good tea."})
    pages = [
        client.get(registered["Location"]),
        client.get(upcoming.get_absolute_url()),
        client.get(event.get_absolute_url()),
        client.get(feedback["Location"]),
    ]
    for page in pages:
        html = page.content.decode()
        assert "/monitoring/" not in html, page.wsgi_request.path
        assert "we email a link to our anonymous equality questions" in html
