"""How the ORUK feed behaves beyond the schemas: bounded queries, caching headers, CORS,
strict parameters, and never anything of an unpublished or closed organisation."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Organisation, OrganisationIdentifier, Service
from directory.oruk.serializers import service_at_location_id
from tests.factories import IdentifierFactory, OrganisationFactory, ServiceFactory, borough

from .conftest import FEED
from .schemas import assert_no_empty_values, assert_valid

pytestmark = pytest.mark.django_db

LISTS = [
    "services",
    "services?full=true",
    "organizations",
    "organizations?full=true",
    "taxonomies",
    "taxonomy_terms",
    "service_at_locations",
    "service_at_locations?full=true",
]
MAX_QUERIES = 10


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FEED + path)
    assert response.status_code == 200
    return len(queries), len(response.json()["contents"])


def test_queries_do_not_grow_with_the_page_size(feed_directory, client):
    for path in LISTS:
        joiner = "&" if "?" in path else "?"
        small, small_size = _count_queries(client, f"{path}{joiner}per_page=10")
        large, large_size = _count_queries(client, f"{path}{joiner}per_page=100")
        if not path.startswith("taxonomies"):
            assert large_size > small_size == 10, path
        assert small == large <= MAX_QUERIES, (path, small, large)


def test_a_detail_needs_a_fixed_number_of_queries(
    small_directory, client, django_assert_max_num_queries
):
    rich = small_directory.services[0]
    with django_assert_max_num_queries(MAX_QUERIES):
        service = client.get(f"{FEED}services/{rich.id}")
    # A 404 would need few queries too: the count only means something for a real answer.
    assert service.status_code == 200 and service.json()["id"] == str(rich.id)
    with django_assert_max_num_queries(MAX_QUERIES):
        organization = client.get(f"{FEED}organizations/{rich.organisation_id}?full_service=true")
    assert organization.status_code == 200
    assert organization.json()["services"], "the organisation's services, fully nested"


def test_an_unchanged_list_answers_304_to_if_none_match(small_directory, client):
    response = client.get(FEED + "services?per_page=10")
    etag = response["ETag"]
    assert etag
    again = client.get(FEED + "services?per_page=10", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert not again.content
    small_directory.services[0].save(update_fields=["updated_at"])
    changed = client.get(FEED + "services?per_page=10", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "",
        "services",
        "services?page=x",
        # A fixed unknown id: pytest-xdist needs every worker to collect the same ids.
        "services/5d1c3f0e-8a44-4b7e-9c1a-000000000404",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
        "service_at_locations",
        "no-such-endpoint",
    ],
)
@pytest.mark.parametrize("origin", [None, "https://partner.example"])
def test_every_response_allows_any_origin(client, path, origin):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    response = client.get(FEED + path, **headers)
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=x", "page"),
        ("page=1.5", "page"),
        ("page=-1", "page"),
        ("page=0", "page"),
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=ten", "per_page"),
        ("modified_after=yesterday", "modified_after"),
        ("modified_after=2024-13-01", "modified_after"),
        ("modified_after=2024-02-30T10:00:00Z", "modified_after"),
        ("taxonomy_id=not-a-uuid", "taxonomy_id"),
        ("taxonomy_term_id=123", "taxonomy_term_id"),
        ("organization_id=abc", "organization_id"),
        ("search=%00", "search"),
        ("search=food%00bank", "search"),
        ("full=perhaps", "full"),
        ("format=xml", "format"),
    ],
)
@pytest.mark.parametrize("endpoint", ["services", "service_at_locations", "organizations"])
def test_bad_parameters_are_a_400_naming_the_parameter(client, endpoint, query, parameter):
    response = client.get(f"{FEED}{endpoint}?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["parameter"] == parameter
    assert body["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("endpoint", ["taxonomies", "taxonomy_terms"])
def test_vocabulary_lists_are_strict_too(client, endpoint):
    for query, parameter in (
        ("page=-1", "page"),
        ("per_page=101", "per_page"),
        ("search=%00", "search"),
    ):
        response = client.get(f"{FEED}{endpoint}?{query}")
        assert response.status_code == 400
        assert response.json()["parameter"] == parameter
    response = client.get(f"{FEED}taxonomy_terms?parent_id=nope")
    assert response.json()["parameter"] == "parent_id"


def test_a_page_past_the_last_is_an_empty_page(small_directory, get_json):
    page = get_json("services?per_page=10&page=99")
    assert page["contents"] == []
    assert page["empty"] is True
    assert page["size"] == 0
    assert page["total_items"] == len(small_directory.services)
    assert page["last_page"] is True and page["first_page"] is False
    assert_valid(page, "service_list.json")
    huge = get_json("services?page=99999999999999999999")
    assert huge["empty"] is True


def test_an_empty_feed_is_one_empty_page(db, get_json):
    page = get_json("services")
    assert page == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }
    assert_no_empty_values(page)


def test_unpublished_and_closed_organisations_never_leave(small_directory, client, get_json):
    feed_directory = small_directory
    hidden_orgs = {str(o.id) for o in feed_directory.hidden_organisations}
    hidden_services = {str(s.id) for s in feed_directory.hidden_services}
    hidden_locations = {str(place.id) for place in feed_directory.hidden_locations}
    for path in (
        "services?per_page=100",
        "services?per_page=100&full=true",
        "organizations?per_page=100&full=true",
        "service_at_locations?per_page=100&full=true",
        "services?search=hidden",
        "organizations?search=hidden",
    ):
        text = client.get(FEED + path).content.decode()
        for hidden in hidden_orgs | hidden_services | hidden_locations:
            assert hidden not in text, (path, hidden)
        assert "Hidden Group" not in text
    assert get_json("services?search=hidden")["empty"] is True
    for organisation in feed_directory.hidden_organisations:
        get_json(f"organizations/{organisation.id}", status=404)
        assert get_json(f"services?organization_id={organisation.id}")["empty"] is True
    for service in feed_directory.hidden_services:
        get_json(f"services/{service.id}", status=404)
        link = Service.locations.through.objects.get(service=service)
        get_json(f"service_at_locations/{service_at_location_id(link.pk)}", status=404)


def test_a_location_of_a_hidden_organisation_is_not_shown_with_a_public_service(
    small_directory, get_json
):
    service = small_directory.services[0]
    service.locations.add(small_directory.hidden_locations[0])
    detail = get_json(f"services/{service.id}")
    assert [link["location_id"] for link in detail["service_at_locations"]] == [
        str(small_directory.locations[0].id)
    ]
    links = get_json(f"service_at_locations?organization_id={service.organisation_id}")
    assert links["total_items"] == 1


def test_service_status_follows_the_service_and_its_organisation(db, get_json):
    paused = OrganisationFactory(status=Organisation.Status.TEMPORARILY_CLOSED)
    open_org = OrganisationFactory()
    cases = {
        ServiceFactory(organisation=open_org, status="defunct"): "defunct",
        ServiceFactory(organisation=open_org, status="inactive"): "inactive",
        ServiceFactory(organisation=open_org): "active",
        ServiceFactory(organisation=paused): "temporarily closed",
        ServiceFactory(organisation=paused, status="defunct"): "defunct",
    }
    listed = {item["id"]: item["status"] for item in get_json("services")["contents"]}
    for service, status in cases.items():
        assert listed[str(service.id)] == status
        assert get_json(f"services/{service.id}")["status"] == status


def test_paths_take_an_optional_trailing_slash(small_directory, get_json):
    service = small_directory.services[0]
    assert get_json("services/")["total_items"] == get_json("services")["total_items"]
    assert get_json(f"services/{service.id}/")["id"] == str(service.id)


def test_unknown_and_malformed_ids_are_json_404s(db, get_json):
    for endpoint in (
        "services",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
        "service_at_locations",
    ):
        assert get_json(f"{endpoint}/{uuid.uuid4()}", status=404)["detail"]
        assert get_json(f"{endpoint}/not-a-uuid", status=404)["detail"]
    assert get_json("nowhere/at/all", status=404)["detail"]


def test_the_feed_is_read_only(client):
    response = client.post(FEED + "services", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.head(FEED + "services").status_code == 200


def test_identifiers_areas_and_languages(db, get_json):
    organisation = OrganisationFactory(serves_all_london=False)
    organisation.areas_served.set([borough("hackney"), borough("camden")])
    identifier = IdentifierFactory(
        organisation=organisation,
        scheme=OrganisationIdentifier.Scheme.CHARITY_ENGLAND_WALES,
        identifier="1090095",
    )
    assert identifier.org_id == "GB-CHC-1090095"
    service = ServiceFactory(organisation=organisation)
    detail = get_json(f"services/{service.id}")
    assert detail["organization"]["organization_identifiers"] == [
        {
            "id": str(identifier.id),
            "organization_id": str(organisation.id),
            "identifier_scheme": "GB-CHC",
            "identifier_type": "Charity Commission for England and Wales",
            "identifier": "1090095",
        }
    ]
    areas = detail["service_areas"]
    assert [area["name"] for area in areas] == ["Camden", "Hackney"]
    assert all(area["uri"].startswith("http://statistics.data.gov.uk/") for area in areas)
    organisation.serves_all_london = True
    organisation.save()
    areas = get_json(f"services/{service.id}")["service_areas"]
    assert [area["name"] for area in areas] == ["London"]
    # Derived ids are stable from one request to the next.
    assert get_json(f"services/{service.id}")["service_areas"][0]["id"] == areas[0]["id"]


def test_text_is_english_whatever_the_visitor_language(db, client):
    organisation = OrganisationFactory(name_en="Food Bank", name_pl="Bank żywności")
    response = client.get(
        f"{FEED}organizations/{organisation.id}", HTTP_ACCEPT_LANGUAGE="pl"
    ).json()
    assert response["name"] == "Food Bank"


def test_websites_are_absolute_or_left_out(db, get_json):
    bare = OrganisationFactory(website="www.example.org/about")
    Organisation.objects.filter(pk=bare.pk).update(website="www.example.org/about")
    junk = OrganisationFactory()
    Organisation.objects.filter(pk=junk.pk).update(website="not a url")
    assert get_json(f"organizations/{bare.id}")["website"] == "https://www.example.org/about"
    assert "website" not in get_json(f"organizations/{junk.id}")
