"""The engagement API: public events and published "you said, we did" only."""

import datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from engagement.models import AttendanceStatus, Event, Registration
from tests.engagement.factories import (
    ActionFactory,
    EventFactory,
    InsightFactory,
    StakeholderGroupFactory,
    ThemeFactory,
    in_days,
)
from waytahead.wsgi import application

pytestmark = pytest.mark.django_db

EVENT_FIELDS = {
    "id",
    "slug",
    "url",
    "title",
    "description",
    "event_type",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "borough",
    "online",
    "languages",
    "interpretation",
    "access",
    "capacity",
    "places_left",
    "status",
    "translations",
}


def test_events_lists_public_events_only_with_their_fields(client):
    event = EventFactory(
        slug="drop-in",
        title_en="Advice drop-in",
        title_ar="جلسة استشارات",
        capacity=3,
        languages=["ar", "so"],
        interpretation="Arabic",
        step_free_access=True,
    )
    EventFactory(slug="draft", is_published=False)
    Registration.objects.create(event=event, name="x", consent=True)
    Registration.objects.create(
        event=event, name="y", consent=True, status=AttendanceStatus.CANCELLED
    )
    body = client.get("/api/v1/events/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == EVENT_FIELDS
    assert item["id"] == str(event.pk) and item["slug"] == "drop-in"
    assert item["title"] == "Advice drop-in"
    assert item["borough"] == "tower-hamlets"
    assert item["languages"] == ["ar", "so"]
    assert item["access"]["step_free_access"] is True and item["access"]["childcare"] is False
    assert item["capacity"] == 3 and item["places_left"] == 2
    assert item["online"] is False and item["status"] == "planned"
    assert item["url"].endswith("/en/events/drop-in/")
    assert item["translations"]["title"] == {"en": "Advice drop-in", "ar": "جلسة استشارات"}


def test_events_in_another_language_fall_back_to_english(client):
    EventFactory(title_en="Advice drop-in", title_ar="جلسة استشارات", description_en="Free.")
    item = client.get("/api/v1/events/?lang=ar").json()["results"][0]
    assert item["title"] == "جلسة استشارات" and item["description"] == "Free."
    assert "/ar/events/" in item["url"]
    assert client.get("/api/v1/events/?lang=xx").status_code == 400


def test_an_unlimited_event_has_no_places_left_figure(client):
    EventFactory(capacity=None, event_type=Event.Type.ONLINE, venue_name="")
    item = client.get("/api/v1/events/").json()["results"][0]
    assert item["capacity"] is None and item["places_left"] is None and item["online"] is True


def test_events_can_be_limited_to_upcoming_or_past(client):
    EventFactory(slug="soon", starts_at=in_days(2))
    EventFactory(slug="later", starts_at=in_days(9))
    EventFactory(slug="gone", starts_at=in_days(-9))
    upcoming = [e["slug"] for e in client.get("/api/v1/events/?when=upcoming").json()["results"]]
    past = [e["slug"] for e in client.get("/api/v1/events/?when=past").json()["results"]]
    assert upcoming == ["soon", "later"] and past == ["gone"]
    response = client.get("/api/v1/events/?when=tomorrow")
    assert response.status_code == 400 and "when" in response.json()["errors"]


def test_one_event_and_not_found(client):
    event = EventFactory(slug="drop-in")
    draft = EventFactory(is_published=False)
    assert client.get(f"/api/v1/events/{event.pk}/").json()["slug"] == "drop-in"
    assert client.get(f"/api/v1/events/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/events/not-a-uuid/").status_code == 404


def test_the_event_list_query_count_does_not_grow_with_the_page(
    client, django_assert_max_num_queries
):
    for n in range(30):
        event = EventFactory(capacity=10, languages=["bn", "pl"], starts_at=in_days(1 + n))
        Registration.objects.create(event=event, name="x", consent=True)
    with django_assert_max_num_queries(5):
        body = client.get("/api/v1/events/?page_size=30").json()
    assert len(body["results"]) == 30
    assert {item["places_left"] for item in body["results"]} == {9}


def test_insights_lists_published_responses_only(client):
    group = StakeholderGroupFactory(slug="born-abroad")
    theme = ThemeFactory(slug="barrier")
    insight = InsightFactory(
        public_summary_en="You said the meetings were not for you.",
        public_summary_bn="আপনি বলেছেন",
        public_response_en="We advertise in nine languages.",
        stakeholder_groups=[group],
        themes=[theme],
    )
    ActionFactory(
        insight=insight,
        planned="Translate posters",
        outcome="Done in nine languages",
        done_on=datetime.date(2026, 2, 1),
    )
    InsightFactory(response_published_at=None, public_summary_en="Draft")
    body = client.get("/api/v1/insights/?lang=bn").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {
        "id",
        "you_said",
        "we_did",
        "stakeholder_groups",
        "themes",
        "actions",
        "published_at",
        "translations",
    }
    assert item["you_said"] == "আপনি বলেছেন"
    assert item["we_did"] == "We advertise in nine languages."
    assert item["stakeholder_groups"] == ["born-abroad"] and item["themes"] == ["barrier"]
    assert item["actions"] == [
        {
            "planned": "Translate posters",
            "outcome": "Done in nine languages",
            "done_on": "2026-02-01",
        }
    ]
    assert item["translations"]["you_said"] == {
        "en": "You said the meetings were not for you.",
        "bn": "আপনি বলেছেন",
    }
    assert "Internal finding" not in str(body)


def test_one_insight_and_not_found(client):
    insight = InsightFactory()
    draft = InsightFactory(response_published_at=None)
    assert client.get(f"/api/v1/insights/{insight.pk}/").json()["id"] == insight.pk
    assert client.get(f"/api/v1/insights/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/insights/abc/").status_code == 404
    assert client.get(f"/api/v1/insights/{2**70}/").status_code == 404


def test_the_insight_list_query_count_does_not_grow_with_the_page(
    client, django_assert_max_num_queries
):
    groups = [StakeholderGroupFactory(), StakeholderGroupFactory()]
    for _ in range(30):
        insight = InsightFactory(stakeholder_groups=groups, themes=[ThemeFactory(slug="barrier")])
        ActionFactory(insight=insight)
    with django_assert_max_num_queries(5):
        body = client.get("/api/v1/insights/?page_size=30").json()
    assert len(body["results"]) == 30
    assert all(len(item["stakeholder_groups"]) == 2 for item in body["results"])


def test_the_api_root_lists_events_and_insights(client):
    endpoints = client.get("/api/v1/").json()["endpoints"]
    assert endpoints["event"].endswith("/api/v1/events/")
    assert endpoints["insight"].endswith("/api/v1/insights/")


def test_the_schema_documents_the_engagement_endpoints(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    events = schema["paths"]["/api/v1/events/"]["get"]
    names = {parameter["name"] for parameter in events["parameters"]}
    assert {"lang", "when", "page", "page_size"} <= names
    assert "/api/v1/insights/{id}/" in schema["paths"]
    event_schema = schema["components"]["schemas"]["Event"]
    assert set(event_schema["properties"]) == EVENT_FIELDS


def test_an_empty_page_parameter_is_a_400(client):
    for path in ("/api/v1/events/", "/api/v1/insights/"):
        for name in ("page", "page_size"):
            response = client.get(f"{path}?{name}=")
            assert response.status_code == 400 and name in response.json()["errors"]


# Responses with data in them conform to the schema (the project-wide schemathesis run
# has no events or insights to serve).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(
    path_regex=r"^/api/v1/(events|insights)/"
)


@pytest.fixture
def engagement_data(db, monkeypatch, wsgi_keeps_the_test_connection):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/min"})
    return _engagement_data()


def _engagement_data():
    group = StakeholderGroupFactory(slug="born-abroad", name_bn="বিদেশে জন্ম")
    event = EventFactory(capacity=4, languages=["bn", "ar"], title_bn="সভা", hearing_loop=True)
    EventFactory(capacity=None, venue_name="", event_type=Event.Type.ONLINE)
    EventFactory(starts_at=in_days(-5), status=Event.Status.HELD)
    Registration.objects.create(event=event, name="x", consent=True)
    insight = InsightFactory(stakeholder_groups=[group], public_response_bn="আমরা করেছি")
    ActionFactory(insight=insight, outcome="Done", done_on=datetime.date(2026, 1, 5))
    ActionFactory(insight=insight)
    return event, insight


@pytest.mark.usefixtures("engagement_data")
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_engagement_responses_conform_to_the_schema(case):
    case.call_and_validate()
