"""The public feedback forms: about an event, or in general."""

import pytest

from engagement.models import Feedback
from tests.engagement.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(slug="drop-in")


def test_feedback_with_consent_keeps_the_contact_details(client, event):
    response = client.post(
        "/ar/events/drop-in/feedback/",
        {
            "text": "كان الاجتماع مفيدا",
            "contact_name": "Amira",
            "contact_email": "amira@people.example",
            "contact_consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/events/drop-in/feedback/thanks/"
    feedback = Feedback.objects.get()
    assert feedback.event == event and feedback.language == "ar"
    assert feedback.text == "كان الاجتماع مفيدا" and feedback.source == Feedback.Source.ONLINE
    assert feedback.contact_name == "Amira" and feedback.contact_email == "amira@people.example"
    assert feedback.contact_consent is True
    thanks = client.get(response["Location"]).content.decode()
    assert 'dir="rtl"' in thanks
    assert "/monitoring/" not in thanks  # the link to the questions is emailed, later
    assert "Amira" not in thanks


def test_contact_details_are_dropped_without_consent(client, event):
    client.post(
        "/en/events/drop-in/feedback/",
        {"text": "Too far away", "contact_name": "Sam", "contact_email": "sam@people.example"},
    )
    feedback = Feedback.objects.get()
    assert feedback.contact_name == "" and feedback.contact_email == ""
    assert feedback.contact_consent is False


def test_general_feedback_needs_no_event(client):
    response = client.post("/bn/feedback/", {"text": "আরও বাংলায় তথ্য চাই"})
    assert response.status_code == 302 and response["Location"] == "/bn/feedback/thanks/"
    feedback = Feedback.objects.get()
    assert feedback.event is None and feedback.language == "bn"


def test_asking_for_a_reply_needs_an_email(client):
    response = client.post("/en/feedback/", {"text": "Hello", "contact_consent": "on"})
    assert response.status_code == 400
    assert 'href="#id_contact_email"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_empty_feedback_is_a_400_with_an_error_summary(client, event):
    response = client.post("/en/events/drop-in/feedback/", {"text": "", "contact_email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_text"' in html and 'href="#id_contact_email"' in html
    assert not Feedback.objects.exists()


def test_the_honeypot_silently_drops_bots(client):
    response = client.post("/en/feedback/", {"text": "Buy now", "website_url": "http://spam"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_feedback_is_rate_limited(client):
    statuses = [
        client.post("/en/feedback/", {"text": f"Comment {n}"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Feedback.objects.count() == 10
    response = client.post("/en/feedback/", {"text": "One more"})
    assert response.status_code == 429
    assert "Please try again later." in response.content.decode()


def test_the_form_has_labels_a_consent_box_and_a_hidden_honeypot(client):
    html = client.get("/en/feedback/").content.decode()
    assert '<label for="id_text">' in html
    assert 'for="id_contact_consent">You may contact me about this</label>' in html
    assert 'class="honeypot" aria-hidden="true"' in html
