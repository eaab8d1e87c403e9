"""The ORUK feed honours every query parameter the ORUK 3.0 OpenAPI description gives its
operations, and refuses any other with a 400 naming it: ``format=ndjson`` on every list,
``minimal`` on /services, ``full_service`` on /organizations, ``top_only`` as the spec
words it. The spec's parameters are read from the vendored openapi.json, so a parameter
the spec gives and the feed refuses fails here."""

import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Location, Organisation, Service, Taxonomy, TaxonomyTerm
from directory.oruk import views
from tests.factories import ServiceFactory

from .conftest import FEED
from .schemas import SPEC_DIR, assert_no_empty_values, assert_valid

pytestmark = pytest.mark.django_db

POSTCODES = Path(__file__).resolve().parents[1] / "fixtures" / "postcodes" / "onspd_sample.csv"
SPEC = json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
ITEM_SCHEMAS = {
    "services": "service.json",
    "organizations": "organization.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "service_at_locations": "service_at_location.json",
}
# What the feed takes beyond the spec (see directory/oruk/views.py).
BEYOND_THE_SPEC = {
    "/services": {"postcode", "proximity"},
    "/organizations": {"taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"},
}
MINIMAL_KEYS = {"id", "name", "status", "last_modified"}


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
    # The format's choices.
    assert get_json("services?format=xml", status=400) == {
        "detail": "format must be json or ndjson.",
        "parameter": "format",
    }
    # A very long name is named as sent, and cut short in the message.
    long = "x" * 500
    body = get_json(f"taxonomies?{long}=1", status=400)
    assert body["parameter"] == long
    assert body["detail"].startswith(f"The parameter {'x' * 100} is not supported here.")


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


# --- format=ndjson -------------------------------------------------------------------------


def ndjson(client, path, **headers):
    """The records of an ndjson answer, one a line, after checking its headers."""
    response = client.get(FEED + path, **headers)
    assert response.status_code == 200, (path, response)
    assert response.streaming, path
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"].startswith('W/"')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text == "" or text.endswith("\n"), path
    return [json.loads(line) for line in text.splitlines()]


def every_page(get_json, path):
    """Every record of a JSON list, page by page at its default size."""
    joiner = "&" if "?" in path else "?"
    first = get_json(path)
    records = list(first["contents"])
    for number in range(2, first["total_pages"] + 1):
        records += get_json(f"{path}{joiner}page={number}")["contents"]
    assert len(records) == first["total_items"]
    return first, records


@pytest.fixture
def short_pages(monkeypatch):
    """Pages of 10 by default: 25 organisations are three pages' worth."""
    monkeypatch.setattr(views, "DEFAULT_PER_PAGE", 10)


@pytest.mark.parametrize(
    "path",
    [
        "services",
        "services?full=true",
        "services?minimal=true",
        "organizations",
        "organizations?full=true",
        "organizations?full_service=true",
        "organizations?search=feed",
        "taxonomies",
        "taxonomy_terms",
        "service_at_locations",
        "service_at_locations?full=true",
    ],
)
def test_ndjson_streams_every_record_of_the_list_in_its_order(
    feed_directory, short_pages, client, get_json, path
):
    first, listed = every_page(get_json, path)
    if not path.startswith("taxonom") and "minimal" not in path:
        assert first["total_pages"] >= 3, "more than a page's worth"
    joiner = "&" if "?" in path else "?"
    streamed = ndjson(client, f"{path}{joiner}format=ndjson")
    assert streamed == listed
    schema = ITEM_SCHEMAS[path.split("?")[0]]
    for record in streamed:
        assert_valid(record, schema)
        assert_no_empty_values(record)
    # Unpaginated: page and per_page are taken, and do not apply.
    assert ndjson(client, f"{path}{joiner}format=NDJSON&page=2&per_page=5") == listed


def test_ndjson_takes_the_filters_and_the_place(records, small_directory, client, get_json):
    # Two locations near E1 6AN, one nearer (a location's coordinates follow its postcode).
    for place, latitude in zip(small_directory.locations, ("51.530", "51.521"), strict=False):
        Location.objects.filter(pk=place.pk).update(latitude=latitude, longitude="-0.0724")
    query = f"search=feed&organization_id={records['organizations']}&postcode=E1%206AN"
    listed = get_json(f"services?{query}")["contents"]
    assert listed
    assert ndjson(client, f"services?{query}&format=ndjson") == listed
    near = "postcode=E1%206AN&proximity=50000"
    # Nearest first, not by name.
    nearest = [str(small_directory.services[index].id) for index in (1, 0)]
    for endpoint, key in (("services", "id"), ("service_at_locations", "service_id")):
        streamed = ndjson(client, f"{endpoint}?{near}&format=ndjson")
        assert streamed == get_json(f"{endpoint}?{near}&per_page=100")["contents"]
        assert [item[key] for item in streamed] == nearest, endpoint


def test_a_bad_parameter_of_a_stream_is_still_a_400(db, get_json):
    assert get_json("services?format=ndjson&full=perhaps", status=400)["parameter"] == "full"
    assert get_json("services?format=ndjson&per_page=500", status=400)["parameter"] == "per_page"


def test_an_empty_stream_is_empty(db, client):
    assert ndjson(client, "services?format=ndjson&search=nothing-matches-this") == []


def _chunks(client, path):
    """Each chunk the stream sends, with the queries run to make it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FEED + path)
    assert response.status_code == 200
    before = len(queries)
    chunks = []
    content = iter(response.streaming_content)
    while True:
        with CaptureQueriesContext(connection) as queries:
            chunk = next(content, None)
        if chunk is None:
            break
        chunks.append((chunk.decode().count("\n"), len(queries)))
    return before, chunks


@pytest.mark.parametrize(
    "path",
    ["services?full=true", "organizations?full_service=true", "service_at_locations?full=true"],
)
def test_a_stream_reads_and_builds_a_chunk_at_a_time(feed_directory, monkeypatch, client, path):
    """Memory stays flat: the rows come a chunk at a time and each chunk is built and
    sent before the next is read, in the same few queries whatever the chunk."""
    monkeypatch.setattr(views, "NDJSON_CHUNK_SIZE", 10)
    before, chunks = _chunks(client, f"{path}&format=ndjson")
    assert before <= 3, "the view only works out the ETag"
    assert [lines for lines, _ in chunks] == [10, 10, 5]
    first, *others = [count for _, count in chunks]
    # The first chunk also opens the rows' SELECT; every chunk then costs the same.
    assert first == others[0] + 1 and len(set(others)) == 1, chunks
    assert others[0] < 10, "a fixed number of queries a chunk, not one a record"


def test_the_stream_s_queries_do_not_grow_with_the_records(small_directory, client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{FEED}services?full=true&format=ndjson")
            lines = b"".join(response.streaming_content).count(b"\n")
        return len(captured), lines

    few, few_lines = queries()
    organisation = Organisation.objects.filter(is_published=True).first()
    for index in range(120):
        ServiceFactory(organisation=organisation, name_en=f"More {index:03d}")
    many, many_lines = queries()
    assert many_lines == few_lines + 120
    assert many == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors")
def test_on_postgresql_a_stream_reads_through_a_server_side_cursor(
    feed_directory, monkeypatch, client
):
    monkeypatch.setattr(views, "NDJSON_CHUNK_SIZE", 10)
    response = client.get(f"{FEED}services?format=ndjson")
    content = iter(response.streaming_content)
    assert next(content).count(b"\n") == 10

    def open_cursors():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
            return cursor.fetchone()[0]

    assert open_cursors() == 1, "the rest of the rows are still on the server"
    assert sum(chunk.count(b"\n") for chunk in content) == 15
    assert open_cursors() == 0


def test_an_unchanged_stream_answers_304_to_if_none_match(small_directory, client):
    path = f"{FEED}services?format=ndjson"
    response = client.get(path)
    etag = response["ETag"]
    assert etag.startswith('W/"')
    b"".join(response.streaming_content)
    assert client.get(path)["ETag"] == etag, "the same query, the same ETag"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["ETag"] == etag
    assert not again.content
    assert len(queries) == 1, "a 304 reads no row, only the stamp"
    head = client.head(path)
    assert head.status_code == 200 and head["ETag"] == etag
    assert client.head(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Another query is another ETag; a change is another ETag.
    assert client.get(f"{path}&full=true")["ETag"] != etag
    small_directory.services[0].save(update_fields=["updated_at"])
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_stream_s_etag_follows_what_it_shows(small_directory, client):
    def etag(path):
        return client.get(FEED + path)["ETag"]

    services = etag("services?format=ndjson&full=true")
    organisations = etag("organizations?format=ndjson&full_service=true")
    terms = etag("taxonomy_terms?format=ndjson")
    links = etag("service_at_locations?format=ndjson")
    small_directory.locations[0].save()  # a nested location changes
    assert etag("services?format=ndjson&full=true") != services
    assert etag("organizations?format=ndjson&full_service=true") != organisations
    assert etag("service_at_locations?format=ndjson") != links
    Service.objects.filter(pk=small_directory.services[1].pk).delete()  # one fewer
    assert etag("organizations?format=ndjson&full_service=true") != organisations
    term = TaxonomyTerm.objects.first()
    term.name_en += " (renamed)"
    term.save()  # the vocabularies have no dates: their rows are the stamp
    assert etag("taxonomy_terms?format=ndjson") != terms


# --- minimal=true --------------------------------------------------------------------------


def test_minimal_gives_every_service_as_id_name_status_and_last_modified(
    feed_directory, short_pages, get_json
):
    _, listed = every_page(get_json, "services")
    page = get_json("services?minimal=true&per_page=5&page=3")
    assert_valid(page, "service_list.json")
    assert_no_empty_values(page)
    assert page["total_items"] == page["size"] == len(feed_directory.services) == 25
    assert (page["total_pages"], page["page_number"]) == (1, 1)
    assert page["first_page"] is page["last_page"] is True
    assert [item["id"] for item in page["contents"]] == [item["id"] for item in listed]
    for item, full in zip(page["contents"], listed, strict=True):
        assert set(item) == MINIMAL_KEYS
        assert item == {key: full[key] for key in MINIMAL_KEYS}
    # minimal wins over full.
    assert get_json("services?minimal=true&full=true")["contents"] == page["contents"]


def test_minimal_takes_the_filters(small_directory, get_json):
    organisation = small_directory.organisations[1]
    page = get_json(f"services?minimal=true&organization_id={organisation.id}")
    assert [item["id"] for item in page["contents"]] == [str(small_directory.services[1].id)]
    assert get_json("services?minimal=true&search=nothing-matches-this")["empty"] is True


def test_minimal_is_one_query_whatever_the_number_of_services(
    small_directory, client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        few = client.get(f"{FEED}services?minimal=true").json()
    organisation = Organisation.objects.filter(is_published=True).first()
    for index in range(60):
        ServiceFactory(organisation=organisation, name_en=f"More {index:02d}")
    with django_assert_num_queries(1):
        many = client.get(f"{FEED}services?minimal=true").json()
    assert many["size"] == few["size"] + 60 > views.DEFAULT_PER_PAGE


# --- full_service=true on the list ---------------------------------------------------------


def test_full_service_nests_each_organisation_s_services_fully(small_directory, get_json):
    page = get_json("organizations?full_service=true")
    assert_valid(page, "organization_list.json")
    assert_no_empty_values(page)
    assert page["size"] == len(small_directory.organisations)
    for organisation in page["contents"]:
        assert_valid(organisation, "organization.json")
        assert organisation["services"]
        for service in organisation["services"]:
            assert_valid(service, "service.json")
            assert service["service_at_locations"], "fully nested"
        # As the organisation's own page gives it.
        assert organisation == get_json(f"organizations/{organisation['id']}?full_service=true")
    plain = get_json("organizations")["contents"]
    assert plain and not any("services" in organisation for organisation in plain)


def test_full_service_costs_the_same_queries_for_any_page_size(feed_directory, client):
    def queries(per_page):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{FEED}organizations?full_service=true&per_page={per_page}")
        assert response.json()["size"] == min(per_page, 25)
        return len(captured)

    assert queries(5) == queries(25)


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
