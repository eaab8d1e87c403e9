"""The ORUK feed takes every query parameter the ORUK 3.0 OpenAPI description gives its
operations, and refuses any other with a 400 naming it; ``top_only`` as the spec words
it. The spec's parameters are read from the vendored openapi.json, so a parameter the
spec gives and the feed refuses fails here."""

import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import Taxonomy, TaxonomyTerm
from directory.oruk import views

from .conftest import FEED
from .schemas import SPEC_DIR

pytestmark = pytest.mark.django_db

POSTCODES = Path(__file__).resolve().parents[1] / "fixtures" / "postcodes" / "onspd_sample.csv"
SPEC = json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
# What the feed takes beyond the spec (see directory/oruk/views.py).
BEYOND_THE_SPEC = {
    "/services": {"postcode", "proximity"},
    "/organizations": {"taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"},
}


def spec_parameters() -> dict[str, list[str]]:
    """Each GET operation's query parameters, ``$ref``s resolved: {"/services": [...]}."""
    components = SPEC["components"]["parameters"]
    operations = {}
    for path, item in SPEC["paths"].items():
        names = []
        for parameter in [*item.get("parameters", []), *item["get"].get("parameters", [])]:
            if "$ref" in parameter:
                parameter = components[parameter["$ref"].rsplit("/", 1)[1]]
            if parameter["in"] == "query":
                names.append(parameter["name"])
        operations[path] = names
    return operations


OPERATIONS = spec_parameters()
SPEC_CASES = [(path, name) for path, names in OPERATIONS.items() for name in names]


def test_the_spec_is_read_whole():
    """The harness found the operations and their parameters (not an empty list)."""
    assert len(OPERATIONS) == 11
    assert len(SPEC_CASES) == 39
    assert "minimal" in OPERATIONS["/services"]
    assert "top_only" in OPERATIONS["/taxonomy_terms"]
    assert OPERATIONS["/organizations/{id}"] == ["full_service"]
    assert OPERATIONS["/"] == OPERATIONS["/services/{id}"] == []


@pytest.fixture
def postcodes(db):
    call_command("load_postcodes", str(POSTCODES), stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def records(small_directory, postcodes, client):
    """An id of each kind, and a term that has children."""
    link = client.get(f"{FEED}service_at_locations").json()["contents"][0]["id"]
    parent = TaxonomyTerm.objects.filter(children__isnull=False).first()
    return {
        "services": str(small_directory.services[0].id),
        "organizations": str(small_directory.organisations[0].id),
        "taxonomies": str(Taxonomy.objects.first().id),
        "taxonomy_terms": str(parent.id),
        "service_at_locations": link,
        "term": str(parent.id),
    }


def feed_path(spec_path: str, records: dict) -> str:
    """The feed's address of a spec path, with a real id for ``{id}``."""
    parts = spec_path.strip("/").split("/")
    if parts[-1] == "{id}":
        parts[-1] = records[parts[0]]
    return FEED + "/".join(parts)


def valid_value(name: str, records: dict) -> dict:
    """A valid value of each parameter the spec gives (a KeyError for a new one)."""
    return {
        "search": {"search": "feed"},
        "page": {"page": "1"},
        "per_page": {"per_page": "10"},
        "format": {"format": "json"},
        "taxonomy_term_id": {"taxonomy_term_id": records["term"]},
        "taxonomy_id": {"taxonomy_id": records["taxonomies"]},
        "organization_id": {"organization_id": records["organizations"]},
        "modified_after": {"modified_after": "2000-01-01T00:00:00Z"},
        "minimal": {"minimal": "true"},
        "full": {"full": "true"},
        "full_service": {"full_service": "true"},
        "top_only": {"top_only": "true"},
        "parent_id": {"parent_id": records["term"]},
        "postcode": {"postcode": "E1 6AN"},
        # proximity measures from a postcode, and is a 400 without one.
        "proximity": {"proximity": "1000", "postcode": "E1 6AN"},
    }[name]


@pytest.mark.parametrize(("spec_path", "name"), SPEC_CASES)
def test_every_parameter_of_the_spec_is_accepted(records, client, spec_path, name):
    response = client.get(feed_path(spec_path, records), valid_value(name, records))
    assert response.status_code == 200, (spec_path, name, response.content)
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("spec_path", list(OPERATIONS))
def test_every_operation_takes_the_spec_s_parameters_and_no_other(records, client, spec_path):
    response = client.get(feed_path(spec_path, records), {"foo": "1"})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["parameter"] == "foo"
    assert response["Access-Control-Allow-Origin"] == "*"
    supported = set(OPERATIONS[spec_path]) | BEYOND_THE_SPEC.get(spec_path, set())
    if supported:
        assert body["detail"] == (
            f"The parameter foo is not supported here. Supported: {', '.join(sorted(supported))}."
        )
    else:
        assert body["detail"] == (
            "The parameter foo is not supported here. This endpoint takes no parameters."
        )


def test_the_messages_name_the_parameter_word_for_word(db, get_json):
    assert get_json("taxonomies?per_page=5&limit=10", status=400) == {
        "detail": (
            "The parameter limit is not supported here. Supported: format, page, per_page, search."
        ),
        "parameter": "limit",
    }
    # Names are matched exactly; the first unsupported one is named.
    assert get_json("taxonomies?Page=2&limit=1", status=400)["parameter"] == "Page"
    # A detail takes none of its list's parameters.
    assert get_json("taxonomies/x?format=json", status=400)["parameter"] == "format"
    # A very long name is cut short in the answer.
    long = "x" * 500
    assert len(get_json(f"taxonomies?{long}=1", status=400)["parameter"]) == 100


def test_what_the_feed_takes_beyond_the_spec_is_still_taken(records, client):
    for path, names in BEYOND_THE_SPEC.items():
        for name in names:
            response = client.get(FEED + path.strip("/"), valid_value(name, records))
            assert response.status_code == 200, (path, name, response.content)


def test_a_repeated_parameter_and_a_blank_name_are_no_error(small_directory, get_json):
    assert get_json("services?page=1&page=1&per_page=2")["size"] == 2
    assert get_json("services?=x")["total_items"] == len(small_directory.services)


def test_an_unknown_path_is_a_404_whatever_its_query(db, get_json):
    assert get_json("nowhere?foo=1", status=404)["detail"]


# --- top_only=true -------------------------------------------------------------------------


def test_top_only_keeps_the_terms_with_no_children(db, get_json):
    total = TaxonomyTerm.objects.count()
    leaf_ids = TaxonomyTerm.objects.filter(children__isnull=True).values_list("pk", flat=True)
    leaves = {str(pk) for pk in leaf_ids}
    parents = set(TaxonomyTerm.objects.filter(children__isnull=False).values_list("pk", flat=True))
    assert parents and leaves, "the vocabularies nest"
    assert any(term.parent_id for term in TaxonomyTerm.objects.filter(pk__in=leaves))
    per_page = views.MAX_PER_PAGE
    pages = math.ceil(total / per_page)
    found = set()
    for number in range(1, pages + 1):
        page = get_json(f"taxonomy_terms?top_only=true&per_page={per_page}&page={number}")
        found |= {term["id"] for term in page["contents"]}
    assert found == leaves
    assert not {str(pk) for pk in parents} & found
    # With the other filters, AND: a parent's children that are leaves.
    parent = TaxonomyTerm.objects.filter(children__isnull=False).first()
    children = get_json(f"taxonomy_terms?parent_id={parent.id}&top_only=true&per_page=100")
    assert {term["id"] for term in children["contents"]} == {
        str(pk) for pk in parent.children.filter(children__isnull=True).values_list("pk", flat=True)
    }
