"""No personal data on any public engagement page or API response.

Unique markers are planted in every personal field of registrations and feedback, through
the public forms, and then every page and API response built here is searched for them.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from engagement import monitoring_links, services
from engagement.models import AttendanceStatus, Feedback, Insight, Registration
from tests.engagement.factories import EventFactory, InsightFactory

pytestmark = pytest.mark.django_db

MARKERS = {
    "name": "Zyxwv Markername",
    "email": "zyxwv.marker@people.example",
    "phone": "07700 900123",
    "access_needs": "Zyxwv access marker",
    "interpretation_needs": "Zyxwv interpretation marker",
}
FEEDBACK_MARKERS = {
    "contact_name": "Qwert Feedbackname",
    "contact_email": "qwert.marker@people.example",
    "text": "Qwert private feedback text",
}


def test_personal_data_never_appears_on_pages_or_in_the_api(client, on_commit_immediately):
    event = EventFactory(slug="drop-in", capacity=1)
    EventFactory(slug="other")
    registered = client.post(
        "/en/events/drop-in/", {**MARKERS, "heard_via": "radio", "consent": "on"}
    )
    waiting = client.post(
        "/en/events/drop-in/",
        {"name": "Second Marker", "email": "second.marker@people.example", "consent": "on"},
    )
    client.post(
        "/en/events/drop-in/feedback/",
        {**FEEDBACK_MARKERS, "contact_consent": "on"},
    )
    feedback = Feedback.objects.get()
    insight = services.insight_create_from_feedback(
        feedback_items=[feedback], title="Qwert internal title", owner=None
    )
    insight.public_summary_en = "Some people find the venue hard to reach."
    insight.public_response_en = "We moved to a step-free venue."
    insight.detail = "Qwert internal detail"
    insight.save()
    services.insight_publish_response(insight=insight)
    InsightFactory()
    registration = Registration.objects.get(name=MARKERS["name"])
    held = EventFactory(slug="held", starts_at=timezone.now() - timezone.timedelta(days=2))
    came = Registration.objects.create(
        event=held, consent=True, status=AttendanceStatus.ATTENDED, **MARKERS
    )
    monitoring_link = monitoring_links.monitoring_link_url(came).removeprefix(settings.SITE_URL)
    assert Insight.objects.published().count() == 2
    assert mail.outbox  # the confirmation email (to the person) may name them; pages may not

    pages = [
        "/en/events/",
        "/en/events/?when=past",
        "/en/events/drop-in/",
        "/ar/events/drop-in/",
        registered["Location"],
        waiting["Location"],
        f"/en/registrations/cancel/{registration.cancel_token}/",
        monitoring_link,
        "/en/events/drop-in/monitoring/thanks/",
        "/en/events/drop-in/feedback/",
        "/en/events/drop-in/feedback/thanks/",
        "/en/feedback/",
        "/en/feedback/thanks/",
        "/en/you-said-we-did/",
        "/bn/you-said-we-did/",
        "/api/v1/",
        "/api/v1/events/",
        "/api/v1/events/?when=upcoming",
        f"/api/v1/events/{event.pk}/",
        "/api/v1/insights/",
        f"/api/v1/insights/{insight.pk}/",
        "/api/v1/schema/",
    ]
    forbidden = [
        *MARKERS.values(),
        *FEEDBACK_MARKERS.values(),
        "Second Marker",
        "second.marker",
        "Qwert internal",
        str(registration.pk),
        str(registration.cancel_token),
        str(came.pk),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        if path.startswith("/en/registrations/cancel/") or path == monitoring_link:
            body = body.replace(path, "")  # the page's own address holds the token
        for marker in forbidden:
            assert marker not in body, (marker, path)
