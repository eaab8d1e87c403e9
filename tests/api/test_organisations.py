"""The directory REST API, called as a partner would."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from common.throttling import PartnerRateThrottle
from directory.api.serializers import OrganisationDetailSerializer, OrganisationSerializer
from directory.models import Organisation, OrganisationSuggestion
from tests.factories import (
    IdentifierFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    beneficiary,
    borough,
    category,
    language,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/organisations/"


def slugs(response):
    return {item["slug"] for item in response.json()["results"]}


def test_list_items_have_exactly_the_documented_fields(client):
    organisation = OrganisationFactory(categories=[category("food")], languages=[language("bn")])
    IdentifierFactory(organisation=organisation, identifier="1090095")
    item = client.get(URL).json()["results"][0]
    assert set(item) == set(OrganisationSerializer().fields)
    assert item["org_ids"] == ["GB-CHC-1090095"]
    assert item["categories"] == ["food"] and item["languages"] == ["bn"]
    assert item["borough"] == {"slug": "hackney", "name": "Hackney"}
    assert item["url"].endswith(f"/en/organisations/{organisation.slug}/")


def test_detail_has_services_and_locations(client):
    organisation = OrganisationFactory()
    location = LocationFactory(organisation=organisation)
    service = ServiceFactory(organisation=organisation, name_en="Advice", name_pl="Porady")
    service.locations.add(location)
    data = client.get(f"{URL}{organisation.pk}/?lang=pl").json()
    assert set(data) == set(OrganisationDetailSerializer().fields)
    assert data["services"][0]["name"] == "Porady"
    assert data["services"][0]["locations"] == [str(location.pk)]
    assert data["locations"][0]["postcode"] == "E8 1DY"


def test_translated_fields_follow_lang_or_accept_language(client):
    OrganisationFactory(description_en="Food bank", description_ar="بنك الطعام")
    assert client.get(URL + "?lang=ar").json()["results"][0]["description"] == "بنك الطعام"
    by_header = client.get(URL, HTTP_ACCEPT_LANGUAGE="ar").json()["results"][0]
    assert by_header["description"] == "بنك الطعام" and by_header["language"] == "ar"
    fallback = client.get(URL + "?lang=pl").json()["results"][0]
    assert fallback["description"] == "Food bank"  # English when Polish is missing
    assert fallback["translations"]["description"] == {"en": "Food bank", "ar": "بنك الطعام"}


def test_filters_combine_with_and(client):
    # One listing matches every filter; each of the others misses exactly one.
    matching = {
        "categories": [category("food")],
        "borough": borough("lewisham"),
        "languages": [language("pl")],
        "beneficiaries": [beneficiary("families")],
    }
    OrganisationFactory(slug="match", name_en="Lewisham Pantry", **matching)
    OrganisationFactory(
        slug="other-borough", name_en="Camden Pantry", **{**matching, "borough": borough("camden")}
    )
    OrganisationFactory(
        slug="other-language", name_en="Lewisham Kitchen Pantry", **{**matching, "languages": []}
    )
    OrganisationFactory(slug="no-words", name_en="Lewisham Choir", **matching)
    response = client.get(
        URL + "?q=pantry&borough=lewisham&category=food&language=pl&beneficiary=families"
    )
    assert slugs(response) == {"match"}
    assert response.json()["count"] == 1


def test_sync_by_updated_since_ordered_by_update_time(client):
    old = OrganisationFactory(slug="old")
    Organisation.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=3)
    )
    first = OrganisationFactory(slug="first")
    second = OrganisationFactory(slug="second")
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    response = client.get(URL, {"updated_since": since, "ordering": "updated_at"})
    assert [item["slug"] for item in response.json()["results"]] == ["first", "second"]
    assert first.pk and second.pk


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("page=0", "page"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=lots", "page_size"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-13-45", "updated_since"),
        ("ordering=password", "ordering"),
        ("lang=xx", "lang"),
        ("borough=not%20a%20slug", "borough"),
        ("category=%00", "category"),
        ("language=polish", "language"),
        ("q=a%00b", "q"),
    ],
)
def test_bad_parameters_are_400s_that_name_the_parameter(client, query, parameter):
    OrganisationFactory()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert parameter in body["errors"] and parameter in body["detail"]


def test_unknown_slugs_give_an_empty_result_and_past_the_last_page_is_a_404(client):
    OrganisationFactory()
    for query in ("borough=atlantis", "category=underwater-basketry", "language=xx"):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200 and response.json()["count"] == 0, query
    past = client.get(f"{URL}?page=99")
    assert past.status_code == 404 and "page 99" in past.json()["detail"]


def test_unknown_or_malformed_ids_are_404s(client):
    assert client.get(f"{URL}not-a-uuid/").status_code == 404
    assert client.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.parametrize("page_size", [10, 100])
def test_list_needs_at_most_five_queries_whatever_the_page_size(
    client, django_assert_max_num_queries, page_size
):
    for organisation in OrganisationFactory.create_batch(
        100, categories=[category("food")], languages=[language("pl")]
    ):
        organisation.areas_served.add(borough("camden"))
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}?page_size={page_size}&q=group")
    assert len(response.json()["results"]) == page_size


def test_an_unchanged_list_answers_304(client):
    organisation = OrganisationFactory()
    first = client.get(URL)
    etag = first["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    organisation.description_en = "Changed"
    organisation.save()
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_list_etag_changes_with_what_it_shows_not_only_with_update_times(client):
    organisation = OrganisationFactory(languages=[language("bn")])
    etag = client.get(URL)["ETag"]
    # Adding a language leaves the listing's updated_at alone, but the page changes.
    organisation.languages.add(language("pl"))
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["results"][0]["languages"] == ["bn", "pl"]


def test_every_row_of_a_page_carries_its_own_links(client):
    first = OrganisationFactory(name_en="Alpha", categories=[category("food")])
    second = OrganisationFactory(name_en="Beta", languages=[language("ar"), language("bn")])
    first.areas_served.add(borough("camden"), borough("brent"))
    IdentifierFactory(organisation=second, identifier="1090095")
    results = client.get(URL).json()["results"]
    assert [item["slug"] for item in results] == [first.slug, second.slug]
    assert results[0]["categories"] == ["food"] and results[1]["categories"] == []
    assert results[0]["areas_served"] == ["brent", "camden"]
    assert results[0]["languages"] == [] and results[1]["languages"] == ["ar", "bn"]
    assert results[0]["org_ids"] == [] and results[1]["org_ids"] == ["GB-CHC-1090095"]


def test_an_unchanged_detail_answers_304(client):
    organisation = OrganisationFactory()
    etag = client.get(f"{URL}{organisation.pk}/")["ETag"]
    assert client.get(f"{URL}{organisation.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_reads_are_open_to_any_origin(client):
    OrganisationFactory()
    response = client.get(URL, HTTP_ORIGIN="https://council.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_anonymous_clients_are_throttled_and_partners_get_more(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    monkeypatch.setattr(PartnerRateThrottle, "THROTTLE_RATES", {"partner": "6/min"})
    statuses = [client.get("/api/v1/boroughs/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    token = Token.objects.create(user=UserFactory())
    partner = [
        client.get("/api/v1/boroughs/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code
        for _ in range(7)
    ]
    assert partner == [200] * 6 + [429]


def test_a_bad_token_is_refused_not_ignored(client):
    response = client.get(URL, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "hidden",
    [{"is_published": False}, {"status": Organisation.Status.CLOSED}],
    ids=["unpublished", "closed"],
)
def test_hidden_organisations_never_leave(client, hidden):
    secret = OrganisationFactory(name_en="Hidden Marker Org", **hidden)
    assert "Hidden Marker Org" not in client.get(URL).content.decode()
    assert client.get(f"{URL}{secret.pk}/").status_code == 404


def test_pending_suggestions_never_leave(client):
    organisation = OrganisationFactory(description_en="Approved text")
    OrganisationSuggestion.objects.create(
        organisation=organisation,
        author=UserFactory(),
        changes={"description_en": "PENDING-MARKER"},
        reason="x",
    )
    assert "PENDING-MARKER" not in client.get(URL).content.decode()
    assert "PENDING-MARKER" not in client.get(f"{URL}{organisation.pk}/").content.decode()


def test_vocabulary_endpoints(client):
    categories = client.get("/api/v1/categories/?page_size=100").json()
    mental = next(item for item in categories["results"] if item["slug"] == "mental-health")
    assert mental["parent"] == "health-and-wellbeing"
    boroughs = client.get("/api/v1/boroughs/?page_size=100").json()
    assert boroughs["count"] == 33
    languages = client.get("/api/v1/languages/?page_size=100").json()["results"]
    assert {"code": "bn", "name": "Bengali", "name_local": "বাংলা"} in languages


def test_api_root_states_the_licence(client):
    root = client.get("/api/v1/").json()
    assert root["licence"]["name"] == "CC-BY-4.0"
    assert root["endpoints"]["organisation"].endswith("/api/v1/organisations/")


def test_updated_since_accepts_any_valid_offset(client):
    OrganisationFactory()
    response = client.get(URL, {"updated_since": "2020-03-21T05:28:21-19:53"})
    assert response.status_code == 200 and response.json()["count"] == 1


@pytest.mark.parametrize("path", ["", "{pk}/"])
def test_head_requests_get_the_etag_and_a_304_too(client, path):
    organisation = OrganisationFactory()
    url = URL + path.format(pk=organisation.pk)
    etag = client.get(url)["ETag"]
    head = client.head(url)
    assert head.status_code == 200 and head["ETag"] == etag
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    "url", ["/api/v1/categories/", "/api/v1/boroughs/", "/openreferral/services"]
)
def test_every_read_endpoint_answers_head_with_the_get_etag(client, url):
    OrganisationFactory(categories=[category("food")])
    etag = client.get(url)["ETag"]
    assert client.head(url)["ETag"] == etag
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
