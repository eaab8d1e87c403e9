"""HTTP caching on every read of the open data (API, ORUK feed, downloads): validators,
304s for both kinds of conditional request, a short shared-cache lifetime, and CORS
that lets a browser use them."""

import pytest
from django.utils.http import http_date, parse_http_date

from tests.factories import IdentifierFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://council.example.gov.uk"


@pytest.fixture
def listing():
    organisation = OrganisationFactory(name_en="Hackney Food Bank")
    IdentifierFactory(organisation=organisation)
    ServiceFactory(organisation=organisation)
    return organisation


def urls(organisation) -> list[str]:
    service = organisation.services.get()
    return [
        "/api/v1/",
        "/api/v1/organisations/",
        f"/api/v1/organisations/{organisation.pk}/",
        "/api/v1/organisations/changes/",
        "/api/v1/categories/",
        "/api/v1/boroughs/",
        "/api/v1/languages/",
        "/api/v1/events/",
        "/api/v1/insights/",
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
    ]


def test_every_read_has_validators_and_a_shared_cache_lifetime(client, listing):
    for url in urls(listing):
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert response.has_header("ETag"), url
        assert response.has_header("Last-Modified"), url
        assert "public" in response["Cache-Control"], url
        assert response["Access-Control-Allow-Origin"] == "*", url


def test_every_read_answers_both_conditional_requests_with_304(client, listing):
    for url in urls(listing):
        first = client.get(url)
        by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert by_etag.status_code == 304, url
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304, url
        head = client.head(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert head.status_code == 304, url


def test_a_change_moves_last_modified_even_within_the_same_second(client, listing):
    url = f"/api/v1/organisations/{listing.pk}/"
    before = client.get(url)
    listing.name_en = "Hackney Community Food Bank"
    listing.save()
    after = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])


def test_a_body_that_comes_back_gets_a_new_date_not_its_old_one(rf):
    # A body changed and then changed back: a client holding the middle one must not be
    # told the first is no newer than its copy.
    from django.http import HttpResponse

    from common.middleware import first_served

    request = rf.get("/api/v1/boroughs/")

    def served(etag):
        response = HttpResponse()
        response["ETag"] = etag
        return first_served(request, response)

    first = served('"one"')
    assert served('"one"') == first  # unchanged: the same date
    second = served('"two"')
    assert second > first
    assert served('"one"') > second


def test_an_old_copy_gets_the_new_list(client, listing):
    url = "/api/v1/organisations/"
    long_ago = http_date(0)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200


def test_browsers_may_send_conditional_headers_and_read_the_validators(client):
    preflight = client.options(
        "/api/v1/organisations/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, if-modified-since",
    )
    allowed = preflight["Access-Control-Allow-Headers"].lower()
    assert "if-none-match" in allowed and "if-modified-since" in allowed
    response = client.get("/openreferral/services", HTTP_ORIGIN=ORIGIN)
    exposed = response["Access-Control-Expose-Headers"].lower().replace(" ", "").split(",")
    assert {"etag", "last-modified", "link", "retry-after"} <= set(exposed)


def test_pages_for_people_are_not_marked_for_shared_caches(client, listing):
    response = client.get("/en/organisations/")
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("Last-Modified")


def test_errors_are_not_cached(client):
    response = client.get("/api/v1/organisations/?page=0")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
