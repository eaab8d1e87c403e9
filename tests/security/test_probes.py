"""Garbage and injection in every query parameter: always an answer, never a 5xx."""

import pytest

from tests.factories import OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db

PROBES = [
    "'; DROP TABLE directory_organisation; --",
    '" OR 1=1 --',
    "%00",
    "a\x00b",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "9" * 60,
    "-1",
    "1e309",
    "NaN",
    "😀🏳️‍🌈",
    "x" * 5000,
    "%",
    "[]",
    "{}",
    "\\",
    "0x7fffffff",
]
PAGES = {
    "/en/organisations/": [
        "q",
        "borough",
        "category",
        "language",
        "beneficiary",
        "page",
        "sort",
        "near",
        "within",
        "lat",
        "lng",
    ],
    "/api/v1/organisations/": [
        "q",
        "borough",
        "category",
        "language",
        "beneficiary",
        "updated_since",
        "ordering",
        "page",
        "page_size",
        "lang",
        "near",
        "within",
        "lat",
        "lng",
    ],
    "/api/v1/categories/": ["page", "page_size", "lang"],
    "/api/v1/boroughs/": ["page", "page_size"],
    "/openreferral/services": [
        "search",
        "page",
        "per_page",
        "taxonomy_id",
        "taxonomy_term_id",
        "organization_id",
        "modified_after",
        "postcode",
        "proximity",
    ],
    "/openreferral/organizations": ["search", "page", "per_page", "modified_after"],
    "/openreferral/taxonomy_terms": ["search", "page", "per_page", "taxonomy_id"],
    "/openreferral/service_at_locations": [
        "search",
        "page",
        "per_page",
        "modified_after",
        "postcode",
        "proximity",
    ],
}


@pytest.fixture(autouse=True)
def data():
    organisation = OrganisationFactory(categories=[category("food")])
    ServiceFactory(organisation=organisation)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_parameter_survives_every_probe(client, path):
    failures = []
    for parameter in PAGES[path]:
        for probe in PROBES:
            response = client.get(path, {parameter: probe})
            if response.status_code >= 500:
                failures.append((parameter, probe[:30], response.status_code))
    assert failures == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/organisations/%00/",
        "/en/organisations/..%2F..%2Fetc/",
        "/api/v1/organisations/%27%20OR%201=1/",
        "/api/v1/categories/%00/",
        "/openreferral/services/%00",
        "/openreferral/organizations/not-a-uuid",
        "/en/organisations/x/confirm/%00/",
    ],
)
def test_probed_paths_are_4xx(client, path):
    assert 400 <= client.get(path).status_code < 500
