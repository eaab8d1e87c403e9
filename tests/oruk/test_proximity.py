"""``postcode`` and ``proximity`` on the ORUK feed's ``/services`` and
``/service_at_locations``: coverage of the postcode's borough, distance from its
centroid (nearest first, exact at the boundary), AND with the other filters, strict 400s
and a bounded number of queries."""

from decimal import Decimal
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.geo import Point, distance_km
from directory.models import Borough, Location
from tests.factories import LocationFactory, OrganisationFactory, ServiceFactory, category

from .conftest import FEED
from .schemas import assert_no_empty_values, assert_valid

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "postcodes" / "onspd_sample.csv"
E1_6AN = Point(51.520131, -0.072393)  # Tower Hamlets, where every search here starts
ENDPOINTS = ["services", "service_at_locations"]
MAX_QUERIES = 10  # as for the feed's other lists (test_behaviour.py)


def _load(*args):
    call_command("load_postcodes", str(SAMPLE), *args, stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def postcodes(db):
    _load()


def borough(slug):
    return Borough.objects.get(slug=slug)


def organisation(name, postcode, **kwargs):
    """A public organisation based at ``postcode`` (its borough follows the postcode)."""
    return OrganisationFactory(name_en=name, postcode=postcode, **kwargs)


def service(name, org, *postcodes):
    """A service of ``org`` with a location at each of ``postcodes``."""
    made = ServiceFactory(organisation=org, name_en=name)
    made.locations.set(
        [
            LocationFactory(organisation=org, name=f"{name} at {code}", postcode=code)
            for code in postcodes
        ]
    )
    return made


def shift_north(place, degrees):
    """Move a location ``degrees`` of latitude north (0.009° is about 1.0008 km)."""
    Location.objects.filter(pk=place.pk).update(latitude=place.latitude + Decimal(str(degrees)))
    place.refresh_from_db()
    return place


def ids(get_json, path):
    page = get_json(path)
    assert page["total_items"] == len(page["contents"]), path
    return [item["id"] for item in page["contents"]]


@pytest.fixture
def around_e1(postcodes):
    """Services at fixture postcodes around E1 6AN, named so that their alphabetical
    order is not their order by distance."""
    tower = organisation("Tower Group", "E1 6AN")
    city = organisation("City Group", "EC1Y 8ZZ")
    islington = organisation("Islington Group", "N1 9GU")
    westminster = organisation("Westminster Group", "SW1A 1AA")
    made = {
        "here": service("Zinc lunch club", tower, "E1 6AN"),  # 0 km
        "city": service("Morning advice", city, "EC1Y 8ZZ"),  # about 0.9 km
        "bethnal": service("Allotment swap", tower, "E2 7DG"),  # about 1.2 km
        "islington": service("Able readers", islington, "N1 9GU"),  # about 3.7 km
        "westminster": service("Art for all", westminster, "SW1A 1AA"),  # about 5.6 km
        # Far and near: in the list once, at its nearer location.
        "both": service("Bicycle repair", westminster, "SW1A 1AA", "E2 7DG"),
    }
    return made


def _distance(place):
    return distance_km(E1_6AN, Point.of(place.latitude, place.longitude))


def test_postcode_and_proximity_keep_the_near_nearest_first(around_e1, get_json):
    s = around_e1
    found = ids(get_json, "services?postcode=E1%206AN&proximity=2000&per_page=100")
    nearest = {
        key: min(_distance(place) for place in s[key].locations.all())
        for key in ("here", "city", "bethnal", "both")
    }
    assert all(distance <= 2 for distance in nearest.values()), nearest
    assert all(_distance(place) > 2 for place in s["islington"].locations.all())
    expected = [
        str(s[key].id) for key in sorted(nearest, key=lambda key: (nearest[key], s[key].name_en))
    ]
    assert found == expected
    # Nearest first is not the order by name.
    assert found != sorted(
        found, key=lambda pk: next(v.name_en for v in s.values() if str(v.id) == pk)
    )
    # The same postcode in any spacing and case; a wider circle reaches further.
    assert ids(get_json, "services?postcode=e16an&proximity=2000&per_page=100") == expected
    wider = ids(get_json, "services?postcode=E1+6AN&proximity=4500&per_page=100")
    assert wider[: len(expected)] == expected and wider[len(expected) :] == [str(s["islington"].id)]


def test_service_at_locations_keep_only_the_near_rows(around_e1, get_json):
    s = around_e1
    page = get_json("service_at_locations?postcode=E1%206AN&proximity=2000&per_page=100")
    rows = page["contents"]
    locations = [row["location_id"] for row in rows]
    far = s["both"].locations.get(postcode="SW1A 1AA")
    near = s["both"].locations.get(postcode="E2 7DG")
    assert str(far.id) not in locations
    assert str(near.id) in locations
    distances = [_distance(Location.objects.get(pk=pk)) for pk in locations]
    assert distances == sorted(distances) and distances[-1] <= 2
    assert {row["service_id"] for row in rows} == {
        str(s[key].id) for key in ("here", "city", "bethnal", "both")
    }
    # Two rows at the same distance (both at E2 7DG) keep the list's order: by service name.
    tied = [
        row["service"]["name"]
        for row in rows
        if row["location_id"] in {str(near.id), str(s["bethnal"].locations.get().id)}
    ]
    assert tied == ["Allotment swap", "Bicycle repair"]
    assert_valid(page, "service_at_location_list.json")
    assert_no_empty_values(page)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_boundary_is_exact(postcodes, get_json, endpoint):
    org = organisation("Edge Group", "E1 6AN")
    # 0.009° north of E1 6AN's centroid: about 1000.8 m; 0.0089°: about 989.6 m.
    outside = service("Just outside", org, "E1 6AN")
    inside = service("Just inside", org, "E1 6AN")
    outer = shift_north(outside.locations.get(), "0.009")
    inner = shift_north(inside.locations.get(), "0.0089")
    assert 1.0005 < _distance(outer) < 1.0011
    assert 0.9890 < _distance(inner) < 0.9900

    def found(metres):
        page = get_json(f"{endpoint}?postcode=E1%206AN&proximity={metres}")
        key = "id" if endpoint == "services" else "service_id"
        return [item[key] for item in page["contents"]]

    assert found(989) == []
    assert found(990) == found(1000) == [str(inside.id)]
    assert found(1001) == [str(inside.id), str(outside.id)]


@pytest.fixture
def areas(postcodes):
    """For E1 6AN (Tower Hamlets): services whose area covers it in each way, and two
    whose area does not."""
    all_london = organisation("All London Aid", "SW1A 1AA", serves_all_london=True)
    listing = organisation("Listing Aid", "SW1A 1AA")
    listing.areas_served.set([borough("tower-hamlets"), borough("camden")])
    based = organisation("Based Aid", "E2 7DG")
    visiting = organisation("Visiting Aid", "SW1A 1AA")
    elsewhere = organisation("Elsewhere Aid", "N1 9GU")
    elsewhere.areas_served.set([borough("camden")])
    return {
        "all_london": service("Everywhere help", all_london, "SW1A 1AA"),
        "listing": service("Listed help", listing, "SW1A 1AA"),
        "based": service("Home help", based, "N1 9GU"),  # based in it, delivered elsewhere
        "visiting": service("Outreach help", visiting, "SW1A 1AA", "E1 6AN"),
        "visiting_not": service("Office help", visiting, "SW1A 1AA"),
        "elsewhere": service("Far help", elsewhere, "N1 9GU"),
    }


def test_postcode_alone_keeps_the_services_whose_area_covers_it(areas, get_json):
    covered = {str(areas[key].id) for key in ("all_london", "listing", "based", "visiting")}
    page = get_json("services?postcode=E1%206AN&per_page=100")
    found = [item["id"] for item in page["contents"]]
    assert set(found) == covered
    names = [item["name"] for item in page["contents"]]
    assert names == sorted(names), "without proximity the list keeps its order by name"
    assert_valid(page, "service_list.json")
    assert_no_empty_values(page)
    full = get_json("services?postcode=E1%206AN&full=true&per_page=100")
    assert {item["id"] for item in full["contents"]} == covered
    for item in full["contents"]:
        assert_valid(item, "service.json")
    # Another borough: only those serving all of London, and those there.
    westminster = {
        str(areas[key].id) for key in ("all_london", "listing", "visiting", "visiting_not")
    }
    assert set(ids(get_json, "services?postcode=SW1A%201AA&per_page=100")) == westminster
    assert set(ids(get_json, "services?postcode=N1%209GU&per_page=100")) == {
        str(areas[key].id) for key in ("all_london", "based", "elsewhere")
    }


def test_service_at_locations_by_postcode_alone_keep_every_row_of_a_covering_service(
    areas, get_json
):
    page = get_json("service_at_locations?postcode=E1%206AN&per_page=100")
    rows = page["contents"]
    assert {row["service_id"] for row in rows} == {
        str(areas[key].id) for key in ("all_london", "listing", "based", "visiting")
    }
    assert len([row for row in rows if row["service_id"] == str(areas["visiting"].id)]) == 2
    assert_valid(page, "service_at_location_list.json")


def test_a_postcode_outside_london_is_in_no_service_area(areas, get_json):
    get_json("services?postcode=B1%201AA", status=400)  # London only was loaded
    _load("--all")
    for endpoint in ENDPOINTS:
        assert ids(get_json, f"{endpoint}?postcode=B1%201AA") == []
        assert ids(get_json, f"{endpoint}?postcode=B1%201AA&proximity=50000") == []
        assert ids(get_json, f"{endpoint}?postcode=E1%206AN&proximity=50000&per_page=100")


def test_postcode_and_proximity_combine_with_the_other_filters(around_e1, get_json):
    s = around_e1
    food = category("food")
    for key in ("city", "islington", "westminster"):
        s[key].categories.set([food])
    near = f"postcode=E1%206AN&proximity=2000&per_page=100&taxonomy_term_id={food.id}"
    assert ids(get_json, f"services?{near}") == [str(s["city"].id)]
    assert {row["service_id"] for row in get_json(f"service_at_locations?{near}")["contents"]} == {
        str(s["city"].id)
    }
    # Text search: "morning" names one service near, "readers" one far away.
    assert ids(get_json, "services?postcode=E1%206AN&proximity=2000&search=morning") == [
        str(s["city"].id)
    ]
    assert ids(get_json, "services?search=readers") == [str(s["islington"].id)]
    assert ids(get_json, "services?postcode=E1%206AN&proximity=2000&search=readers") == []
    # The coverage rule, AND an organisation.
    tower = s["here"].organisation_id
    assert set(ids(get_json, f"services?postcode=E1%206AN&organization_id={tower}")) == {
        str(s["here"].id),
        str(s["bethnal"].id),
    }
    westminster = s["westminster"].organisation_id
    assert ids(get_json, f"services?postcode=N1%209GU&organization_id={westminster}") == []


def test_a_hidden_organisations_location_is_neither_near_nor_covering(postcodes, get_json):
    public = organisation("Public Group", "SW1A 1AA")
    hidden = organisation("Hidden Group", "E1 6AN", is_published=False)
    offered = ServiceFactory(organisation=public, name_en="Shared hall")
    offered.locations.set([LocationFactory(organisation=hidden, postcode="E1 6AN")])
    assert ids(get_json, "services?postcode=E1%206AN&proximity=500") == []
    assert ids(get_json, "service_at_locations?postcode=E1%206AN&proximity=500") == []
    assert ids(get_json, "services?postcode=E1%206AN") == []


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FEED + path)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["contents"])


def test_pages_of_the_nearest_are_stable_and_queries_bounded(postcodes, client, get_json):
    org = organisation("Many Group", "E1 6AN")
    made = []
    for index in range(12):
        # In pairs at the same distance, the farther the earlier the name: the name
        # breaks each tie.
        made.append(service(f"Session {11 - index:02d}", org, "E1 6AN"))
        shift_north(made[-1].locations.get(), f"0.00{index // 2}")
    expected = [
        str(item.id)
        for item in sorted(made, key=lambda item: (made.index(item) // 2, item.name_en))
    ]
    assert expected[:2] == [str(made[1].id), str(made[0].id)]
    near = "postcode=E1%206AN&proximity=1000"
    for endpoint in ENDPOINTS:
        key = "id" if endpoint == "services" else "service_id"
        whole = [item[key] for item in get_json(f"{endpoint}?{near}&per_page=100")["contents"]]
        assert whole == expected, endpoint
        paged = []
        for number in (1, 2, 3):
            page = get_json(f"{endpoint}?{near}&per_page=5&page={number}")
            assert page["total_items"] == 12 and page["total_pages"] == 3
            paged += [item[key] for item in page["contents"]]
        assert paged == whole
        for extra in ("", "&full=true"):
            counts = {}
            for query in (near, "postcode=E1%206AN", "page=1"):
                small, small_size = _queries(client, f"{endpoint}?{query}{extra}&per_page=5")
                large, large_size = _queries(client, f"{endpoint}?{query}{extra}&per_page=100")
                assert large_size == 12 > small_size == 5, (endpoint, query)
                assert small == large, (endpoint, query, small, large)
                counts[query] = small
            # Reading the postcode is the one query more; the filters add none.
            plain = counts.pop("page=1")
            assert set(counts.values()) == {plain + 1}, (endpoint, extra, plain, counts)
            assert plain <= MAX_QUERIES


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("postcode=E1%201ZZ", "postcode"),  # well formed, not in the data
        ("postcode=E1%201ZZ&proximity=1000", "postcode"),
        ("postcode=not-a-postcode", "postcode"),
        ("postcode=" + "9" * 60, "postcode"),
        ("postcode=%3Cscript%3E", "postcode"),
        ("postcode=E1%206AN%00", "postcode"),
        ("proximity=1000", "proximity"),
        ("postcode=&proximity=1000", "proximity"),
        ("postcode=E1%206AN&proximity=abc", "proximity"),
        ("postcode=E1%206AN&proximity=0", "proximity"),
        ("postcode=E1%206AN&proximity=-5", "proximity"),
        ("postcode=E1%206AN&proximity=1.5", "proximity"),
        ("postcode=E1%206AN&proximity=1e309", "proximity"),
        ("postcode=E1%206AN&proximity=50001", "proximity"),
        ("postcode=E1%206AN&proximity=" + "9" * 60, "proximity"),
        ("postcode=E1%206AN&format=xml", "format"),  # not a format this feed serves
    ],
)
def test_bad_postcodes_and_proximities_are_a_400_naming_the_parameter(
    postcodes, client, endpoint, query, parameter
):
    response = client.get(f"{FEED}{endpoint}?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["parameter"] == parameter
    assert body["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_messages_say_what_is_wrong(postcodes, get_json):
    assert get_json("services?postcode=E1%201ZZ", status=400) == {
        "detail": "The postcode E1 1ZZ is not in the feed's postcode data.",
        "parameter": "postcode",
    }
    assert get_json("services?postcode=nope", status=400)["detail"] == (
        "postcode must be a UK postcode, such as E1 6AN."
    )
    assert get_json("services?proximity=10", status=400)["detail"] == (
        "proximity needs a postcode to measure from."
    )
    assert get_json("services?postcode=E1%206AN&proximity=50001", status=400)["detail"] == (
        "proximity must be 50000 or less."
    )


def test_without_postcode_data_a_postcode_is_unknown(db, get_json):
    body = get_json(f"services?postcode={quote('E1 6AN')}", status=400)
    assert body["parameter"] == "postcode"


def test_a_terminated_postcode_still_places(postcodes, get_json):
    org = organisation("Old Address Group", "E1 6AN")
    made = service("Old road club", org, "E1 6AN")
    service("Palace club", organisation("Palace Group", "SW1A 1AA"), "SW1A 1AA")
    # E1 9ZZ ended in 2019; its centroid is about 1.3 km east of E1 6AN.
    assert ids(get_json, "services?postcode=E1%209ZZ&proximity=2000") == [str(made.id)]
    assert ids(get_json, "services?postcode=E1%209ZZ") == [str(made.id)]
