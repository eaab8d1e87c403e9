"""Privacy canary: plant unique markers in every kind of personal data, then crawl every
public page, API, feed and download in every language, and the logs: no marker may appear."""

import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from directory import services as directory_services
from directory.models import Organisation, ProblemReport
from engagement import services as engagement_services
from engagement.models import Event, Insight, Registration
from tests.factories import OrganisationFactory, ServiceFactory, UserFactory, make_moderator

pytestmark = pytest.mark.django_db

User = get_user_model()

MARKERS = {
    "participant_name": "Canaryparticipantname Qx",
    "participant_email": "canary-participant-qx@people.example",
    "participant_phone": "07700 900 417",
    "feedback_name": "Canaryfeedbackname Qx",
    "feedback_email": "canary-feedback-qx@people.example",
    "user_email": "canary-user-qx@people.example",
    "user_display_name": "Canaryhiddenname Qx",
    "report_email": "canary-report-qx@people.example",
}


def published_meeting(slug: str, title: str) -> Event:
    """A published two-hour meeting in three days, with nothing personal in it."""
    start = timezone.now() + timezone.timedelta(days=3)
    return Event.objects.create(
        slug=slug,
        title_en=title,
        description_en="A meeting.",
        event_type=Event.Type.MEETING,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=2),
        is_published=True,
    )


@pytest.fixture
def planted(client, on_commit_immediately):
    organisation = OrganisationFactory(slug="canary-org", name_en="Canary Test Org")
    ServiceFactory(organisation=organisation)
    author = UserFactory(
        email=MARKERS["user_email"],
        display_name=MARKERS["user_display_name"],
        show_name_publicly=False,
    )
    suggestion = directory_services.suggestion_submit(
        organisation=organisation, author=author, values={"description_pl": "Opis"}, reason="x"
    )
    directory_services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    directory_services.report_submit(
        organisation=organisation, topic="other", message="x", contact_email=MARKERS["report_email"]
    )
    event = published_meeting("canary-event", "Canary meeting")
    registration = engagement_services.registration_create(
        event=event,
        name=MARKERS["participant_name"],
        email=MARKERS["participant_email"],
        phone=MARKERS["participant_phone"],
        consent=True,
    )
    engagement_services.attendance_record(registrations=[registration], status="attended")
    feedback = engagement_services.feedback_submit(
        text="More translated notices please",
        language="en",
        event=event,
        contact_name=MARKERS["feedback_name"],
        contact_email=MARKERS["feedback_email"],
        contact_consent=True,
    )
    insight = engagement_services.insight_create_from_feedback(
        feedback_items=[feedback], title="Notices", owner=author
    )
    Insight.objects.filter(pk=insight.pk).update(
        public_summary_en="You asked for translated notices.",
        public_response_en="We now send notices in nine languages.",
    )
    insight.refresh_from_db()
    engagement_services.insight_publish_response(insight=insight)
    return {"organisation": organisation, "event": event, "service": organisation.services.get()}


def public_urls(planted) -> list[str]:
    organisation, event, service = planted["organisation"], planted["event"], planted["service"]
    urls = []
    for code, _name in settings.LANGUAGES:
        urls += [
            f"/{code}/",
            f"/{code}/organisations/",
            f"/{code}/organisations/?q=canary",
            f"/{code}/organisations/canary-org/",
            f"/{code}/organisations/canary-org/changes/",
            f"/{code}/events/",
            f"/{code}/events/?when=past",
            f"/{code}/events/{event.slug}/",
            f"/{code}/you-said-we-did/",
            f"/{code}/headway/",
            f"/{code}/privacy/",
        ]
        urls += [
            f"/api/v1/{path}?lang={code}"
            for path in ("organisations/", "events/", "insights/", "headway/")
        ]
    urls += [
        "/api/v1/",
        f"/api/v1/organisations/{organisation.pk}/",
        "/api/v1/categories/",
        "/api/v1/boroughs/",
        "/api/v1/languages/",
        f"/api/v1/events/{event.pk}/",
        "/openreferral/",
        "/openreferral/services",
        f"/openreferral/services/{service.pk}",
        "/openreferral/organizations",
        f"/openreferral/organizations/{organisation.pk}",
        "/openreferral/taxonomies",
        "/openreferral/taxonomy_terms",
        "/openreferral/service_at_locations",
        "/data/organisations.csv",
        "/data/organisations.json",
        "/data/datapackage.json",
        "/healthz",
    ]
    return urls


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_no_personal_data_leaves_by_any_public_route(client, planted, caplog):
    caplog.set_level(logging.DEBUG)
    leaks = []
    for url in public_urls(planted):
        response = client.get(url)
        assert response.status_code < 500, url
        text = body(response)
        leaks += [(url, name) for name, marker in MARKERS.items() if marker in text]
    assert leaks == []
    # The pages did render the public content, so the crawl really looked at something.
    assert "Canary Test Org" in body(client.get("/en/organisations/canary-org/"))
    assert "nine languages" in body(client.get("/en/you-said-we-did/"))


def test_no_personal_data_reaches_the_logs(client, caplog, on_commit_immediately):
    caplog.set_level(logging.DEBUG)
    OrganisationFactory(slug="log-org")
    published_meeting("log-event", "Log meeting")
    registered = client.post(
        "/en/events/log-event/",
        {
            "name": MARKERS["participant_name"],
            "email": MARKERS["participant_email"],
            "phone": MARKERS["participant_phone"],
            "consent": "on",
        },
    )
    reported = client.post(
        "/en/organisations/log-org/report/",
        {"topic": "other", "message": "x", "contact_email": MARKERS["report_email"]},
    )
    password = "a-long-canary-password-417"
    signed_up = client.post(
        "/en/accounts/signup/",
        {"email": MARKERS["user_email"], "password1": password, "password2": password},
    )
    # Each request went through, so the planted values were really handled (and stored).
    assert registered.status_code == 302, registered.content[:300]
    assert Registration.objects.filter(email=MARKERS["participant_email"]).exists()
    assert reported.status_code == 302
    assert ProblemReport.objects.filter(contact_email=MARKERS["report_email"]).exists()
    assert signed_up.status_code == 302
    assert User.objects.filter(email=MARKERS["user_email"]).exists()
    logged = caplog.text
    assert caplog.records  # something was logged at all
    assert [name for name, marker in MARKERS.items() if marker in logged] == []
    assert Organisation.objects.filter(slug="log-org").exists()
