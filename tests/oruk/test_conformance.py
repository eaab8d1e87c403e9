"""Every endpoint of the ORUK feed conforms to the vendored ORUK 3.0 schemas, as the ORUK
validator checks them: the base endpoint, page 1, a middle page and the last page of
every list, and a detail of every type, with no empty or null fields anywhere."""

import json
from pathlib import Path

import pytest

from .schemas import SPEC_DIR, assert_no_empty_values, assert_valid, errors

pytestmark = pytest.mark.django_db

LIST_SCHEMAS = {
    "services": "service_list.json",
    "organizations": "organization_list.json",
    "taxonomies": "taxonomy_list.json",
    "taxonomy_terms": "taxonomy_term_list.json",
    "service_at_locations": "service_at_location_list.json",
}
DETAIL_SCHEMAS = {
    "services": "service.json",
    "organizations": "organization.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "service_at_locations": "service_at_location.json",
}
# Enough pages for a first, a middle and a last one (there are only two taxonomies).
PER_PAGE = {
    "services": 10,
    "organizations": 10,
    "taxonomies": 1,
    "taxonomy_terms": 10,
    "service_at_locations": 10,
}
EXAMPLES = {
    "service_full.json": "service.json",
    "service_list.json": "service_list.json",
    "organization_full.json": "organization.json",
    "organization_list.json": "organization_list.json",
    "service_at_location_full.json": "service_at_location.json",
    "service_at_location_list.json": "service_at_location_list.json",
    "taxonomy.json": "taxonomy.json",
    "taxonomy_list.json": "taxonomy_list.json",
    "taxonomy_term.json": "taxonomy_term.json",
    "taxonomy_term_list.json": "taxonomy_term_list.json",
}


def test_the_spec_is_vendored_in_the_project():
    """The feed and its tests read the spec from the project, never from outside it."""
    project = Path(__file__).resolve().parents[2]
    assert SPEC_DIR.is_relative_to(project)
    assert (SPEC_DIR / "openapi.json").is_file()
    assert (SPEC_DIR.parent / "README.md").read_text(encoding="utf-8").count("openreferraluk.org")
    assert len(list((SPEC_DIR / "schema").glob("*.json"))) >= 25
    source = "".join(path.read_text() for path in (project / "directory" / "oruk").glob("*.py"))
    assert "/shared" not in source


@pytest.mark.parametrize(("example", "schema"), EXAMPLES.items())
def test_the_published_examples_pass_the_local_schemas(example, schema):
    """The harness itself: the spec's own examples validate, references resolved locally."""
    payload = json.loads((SPEC_DIR / "examples" / example).read_text(encoding="utf-8"))
    assert_valid(payload, schema)


def test_the_harness_rejects_what_the_spec_rejects():
    """Nested references are followed: a service whose organization has no description,
    a bad status or a relative website fails."""
    service = {
        "id": "ac148810-d857-441c-9679-408f346de14b",
        "name": "Counselling",
        "status": "open",
        "organization": {
            "id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
            "name": "Example",
            "website": "example.org",
        },
        "service_at_locations": [{"id": "not-a-uuid"}],
    }
    found = " ".join(errors(service, "service.json"))
    assert "'description' is a required property" in found
    assert "'open' is not one of" in found
    assert "is not a 'uri'" in found
    assert "is not a 'uuid'" in found


def test_api_details_conform(get_json):
    details = get_json("")
    assert_valid(details, "api_details.json")
    assert details["version"] == "HSDS-UK-3.0"
    assert details["profile"].startswith("https://openreferraluk.org/")
    assert details["openapi_url"].startswith("https://")


def _all_pages(get_json, endpoint, per_page, extra=""):
    first = get_json(f"{endpoint}?per_page={per_page}{extra}")
    total_pages = first["total_pages"]
    return first, [
        (number, get_json(f"{endpoint}?per_page={per_page}&page={number}{extra}"))
        for number in range(1, total_pages + 1)
    ]


def test_first_middle_and_last_pages_of_every_list_conform(feed_directory, get_json):
    for endpoint, schema in LIST_SCHEMAS.items():
        per_page = PER_PAGE[endpoint]
        first, pages = _all_pages(get_json, endpoint, per_page)
        total_pages = first["total_pages"]
        assert total_pages >= (2 if endpoint == "taxonomies" else 3), endpoint
        checked = sorted({1, (total_pages + 1) // 2, total_pages})
        seen = []
        for number, page in pages:
            where = f"{endpoint} page {number}"
            if number in checked:
                assert_valid(page, schema)
                assert_no_empty_values(page)
            assert page["page_number"] == number, where
            assert page["first_page"] is (number == 1), where
            assert page["last_page"] is (number == total_pages), where
            assert page["empty"] is False, where
            assert page["size"] == len(page["contents"]), where
            assert page["total_items"] == first["total_items"], where
            seen += [item["id"] for item in page["contents"]]
        assert len(seen) == len(set(seen)) == first["total_items"], endpoint


def test_lists_hold_exactly_the_public_records(small_directory, get_json):
    feed_directory = small_directory

    def ids(endpoint):
        return {
            item["id"]
            for _number, page in _all_pages(get_json, endpoint, 100)[1]
            for item in page["contents"]
        }

    assert ids("services") == {str(s.id) for s in feed_directory.services}
    assert ids("organizations") == {str(o.id) for o in feed_directory.organisations}
    links = get_json("service_at_locations?per_page=100")["contents"]
    assert {link["service_id"] for link in links} == {str(s.id) for s in feed_directory.services}
    assert {link["location_id"] for link in links} == {
        str(place.id) for place in feed_directory.locations
    }


def test_full_lists_conform(small_directory, get_json):
    for endpoint, item_schema in (
        ("services", "service.json"),
        ("organizations", "organization.json"),
    ):
        page = get_json(f"{endpoint}?full=true")
        assert_valid(page, LIST_SCHEMAS[endpoint])
        assert_no_empty_values(page)
        for item in page["contents"]:
            assert_valid(item, item_schema)
        assert any("attributes" in item for item in page["contents"]), endpoint


def test_a_detail_of_every_type_conforms(small_directory, get_json):
    for endpoint, schema in DETAIL_SCHEMAS.items():
        listed = get_json(f"{endpoint}?per_page=100")["contents"]
        assert listed, endpoint
        for item in listed:
            detail = get_json(f"{endpoint}/{item['id']}")
            assert detail["id"] == item["id"]
            assert_valid(detail, schema)
            assert_no_empty_values(detail)


def test_a_fully_nested_service_has_every_part_and_each_part_conforms(small_directory, get_json):
    feed_directory = small_directory
    service = feed_directory.services[0]  # the first has every optional field filled in
    detail = get_json(f"services/{service.id}")
    for key in (
        "organization",
        "service_at_locations",
        "schedules",
        "service_areas",
        "languages",
        "cost_options",
        "contacts",
        "attributes",
    ):
        assert detail.get(key), key
    organization = detail["organization"]
    assert_valid(organization, "organization.json")
    assert organization["organization_identifiers"] and organization["attributes"]
    location = detail["service_at_locations"][0]["location"]
    assert_valid(location, "location.json")
    for address in location["addresses"]:
        assert_valid(address, "address.json")
    for accessibility in location["accessibility"]:
        assert_valid(accessibility, "accessibility.json")
    for schema, items in (
        ("schedule.json", detail["schedules"]),
        ("service_area.json", detail["service_areas"]),
        ("language.json", detail["languages"]),
        ("cost_option.json", detail["cost_options"]),
        ("contact.json", detail["contacts"]),
        ("phone.json", detail["contacts"][0]["phones"]),
        ("attribute.json", detail["attributes"]),
    ):
        for item in items:
            assert_valid(item, schema)


def test_an_organisation_detail_with_full_services_conforms(small_directory, get_json):
    feed_directory = small_directory
    organisation = feed_directory.organisations[0]
    detail = get_json(f"organizations/{organisation.id}?full_service=true")
    assert_valid(detail, "organization.json")
    assert_no_empty_values(detail)
    for service in detail["services"]:
        assert_valid(service, "service.json")
        assert service["service_at_locations"]


def test_a_sparse_service_leaves_out_its_empty_fields(small_directory, get_json):
    feed_directory = small_directory
    """The odd-numbered records have no optional data: nothing empty is sent for them."""
    sparse = feed_directory.services[1]
    detail = get_json(f"services/{sparse.id}")
    assert_valid(detail, "service.json")
    assert_no_empty_values(detail)
    for key in ("description", "url", "email", "fees", "schedules", "cost_options", "contacts"):
        assert key not in detail, key
    location = detail["service_at_locations"][0]["location"]
    assert set(location) == {"id", "location_type", "addresses"}
    assert "website" not in detail["organization"]
