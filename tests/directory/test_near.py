"""Near me: the browse page and the API find organisations by postcode and distance."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.api.serializers import OrganisationListItemSerializer
from directory.geo import Point, distance_km
from directory.models import Organisation
from tests.factories import LocationFactory, OrganisationFactory, category

pytestmark = pytest.mark.django_db

ONSPD = Path(__file__).resolve().parent.parent / "fixtures" / "postcodes" / "onspd_sample.csv"
E1_6AN = Point(51.520131, -0.072393)  # the search's centre in the fixture
E2_7DG = Point(51.529062, -0.062985)
SW1A_1AA = Point(51.501009, -0.141588)


@pytest.fixture
def places():
    """Three listings around E1 6AN: one there, one whose only location is 1.2 km away
    (its own address postcode is unknown), and one 5.2 km away in Westminster."""
    call_command("load_postcodes", str(ONSPD), verbosity=0)
    here = OrganisationFactory(
        name_en="Whitechapel Food Bank", postcode="E1 6AN", categories=[category("food")]
    )
    nearby = OrganisationFactory(name_en="Bethnal Green Advice", postcode="E9 9QQ")
    LocationFactory(organisation=nearby, postcode="E2 7DG", address_1="2 Cambridge Heath Rd")
    far = OrganisationFactory(
        name_en="Westminster Help", postcode="SW1A 1AA", categories=[category("food")]
    )
    return here, nearby, far


def names(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+"[^>]*>([^<]+)</a></h2>', html)


def distances(html: str) -> list[str]:
    return re.findall(r'<strong class="distance">([^<]+)</strong>', html)


class TestBrowsePage:
    def test_nearest_first_with_distance_and_direction(self, client, places):
        html = client.get("/en/organisations/?near=e1+6an&within=10").content.decode()
        assert names(html) == ["Whitechapel Food Bank", "Bethnal Green Advice", "Westminster Help"]
        assert distances(html) == [
            "Less than 0.1 km away",
            "1.2 km to the north-east",
            "5.2 km to the south-west",
        ]
        assert "Nearest first." in html

    def test_within_keeps_only_those_close_enough(self, client, places):
        html = client.get("/en/organisations/?near=E1+6AN&within=2").content.decode()
        assert names(html) == ["Whitechapel Food Bank", "Bethnal Green Advice"]
        assert "within 2 km of E1 6AN" in html

    def test_default_distance_is_two_km_and_shown_selected(self, client, places):
        html = client.get("/en/organisations/?near=E1+6AN").content.decode()
        assert names(html) == ["Whitechapel Food Bank", "Bethnal Green Advice"]
        assert re.search(r'<option value="2" selected>2 km</option>', html)

    def test_combines_with_filters_and_search(self, client, places):
        html = client.get("/en/organisations/?near=E1+6AN&within=10&category=food").content
        assert names(html.decode()) == ["Whitechapel Food Bank", "Westminster Help"]
        html = client.get("/en/organisations/?near=E1+6AN&within=10&q=help").content.decode()
        assert names(html) == ["Westminster Help"]

    def test_name_order_is_still_offered(self, client, places):
        html = client.get("/en/organisations/?near=E1+6AN&within=10&sort=name").content
        assert names(html.decode()) == [
            "Bethnal Green Advice",
            "Westminster Help",
            "Whitechapel Food Bank",
        ]

    def test_browser_location_is_used_without_a_postcode(self, client, places):
        html = client.get("/en/organisations/?lat=51.5290&lng=-0.0630&within=1").content
        assert names(html.decode()) == ["Bethnal Green Advice"]
        assert "within 1 km of your location" in html.decode()

    def test_removing_the_distance_filter_keeps_the_others(self, client, places):
        html = client.get("/en/organisations/?near=E1+6AN&within=2&category=food").content
        link = re.search(
            r'href="\?([^"]*)">\s*<span class="visually-hidden">[^<]*</span>\s*'
            r"Distance:",
            html.decode(),
        )
        assert link is not None
        assert "near" not in link.group(1) and "within" not in link.group(1)
        assert "category=food" in link.group(1)

    def test_unknown_postcode_is_a_400_with_a_message(self, client, places):
        response = client.get("/en/organisations/?near=E9+9QQ")
        assert response.status_code == 400
        assert "We could not find the postcode E9 9QQ" in response.content.decode()

    def test_malformed_postcode_is_a_400(self, client, places):
        response = client.get("/en/organisations/?near=nowhere")
        assert response.status_code == 400
        assert "not a valid UK postcode" in response.content.decode()

    def test_arabic_page_has_translated_form_and_distances(self, client, places):
        html = client.get("/ar/organisations/?near=E1+6AN&within=2").content.decode()
        assert 'dir="rtl"' in html
        assert "بالقرب من رمز بريدي" in html  # "Near a postcode"
        assert distances(html) == ["أقل من 0,1 كم", "1,2 كم إلى الشمال الشرقي"]
        assert "Near a postcode" not in html

    def test_query_count_is_bounded_whatever_the_number_of_results(self, client, places):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/en/organisations/?near=E1+6AN&within=10").status_code == 200
            return len(queries)

        before = count()
        for _n in range(15):
            LocationFactory(postcode="E2 7DG", organisation=OrganisationFactory(postcode="N1 9GU"))
        assert count() == before

    def test_the_licence_of_the_postcode_data_is_shown(self, client):
        html = client.get("/en/organisations/").content.decode()
        assert "OS data © Crown copyright and database right" in html
        assert "Royal Mail" in html and "Open Government Licence" in html


class TestApi:
    def test_distance_km_and_nearest_first(self, client, places):
        body = client.get("/api/v1/organisations/?near=E1+6AN&within=10").json()
        results = [(row["name"], row["distance_km"]) for row in body["results"]]
        assert [name for name, _ in results] == [
            "Whitechapel Food Bank",
            "Bethnal Green Advice",
            "Westminster Help",
        ]
        assert results[0][1] == 0.0
        assert results[1][1] == pytest.approx(distance_km(E1_6AN, E2_7DG), abs=0.01)
        assert results[2][1] == pytest.approx(distance_km(E1_6AN, SW1A_1AA), abs=0.01)
        # Independently of our formula: 5.24 km from Whitechapel to Buckingham Palace.
        assert results[2][1] == pytest.approx(5.24, abs=0.02)
        assert body["count"] == 3

    def test_lat_lng_and_within(self, client, places):
        # 0.009 degrees of latitude north of E2 7DG is 1.0 km away from it.
        body = client.get("/api/v1/organisations/?lat=51.538062&lng=-0.062985&within=1.01").json()
        assert [row["name"] for row in body["results"]] == ["Bethnal Green Advice"]
        assert body["results"][0]["distance_km"] == pytest.approx(1.0, abs=0.005)
        body = client.get("/api/v1/organisations/?lat=51.538062&lng=-0.062985&within=0.99").json()
        assert body["results"] == []

    def test_items_near_a_point_have_exactly_the_documented_fields(self, client, places):
        item = client.get("/api/v1/organisations/?near=E1+6AN").json()["results"][0]
        assert set(item) == set(OrganisationListItemSerializer().fields)

    def test_no_distance_without_a_point(self, client, places):
        body = client.get("/api/v1/organisations/").json()
        assert all("distance_km" not in row for row in body["results"])

    def test_ordering_by_name_near_a_point(self, client, places):
        body = client.get("/api/v1/organisations/?near=E1+6AN&within=10&ordering=name").json()
        assert [row["name"] for row in body["results"]][0] == "Bethnal Green Advice"
        assert all("distance_km" in row for row in body["results"])

    def test_combines_with_filters(self, client, places):
        body = client.get("/api/v1/organisations/?near=E1+6AN&within=10&category=food").json()
        assert [row["name"] for row in body["results"]] == [
            "Whitechapel Food Bank",
            "Westminster Help",
        ]

    @pytest.mark.parametrize(
        "query, parameter",
        [
            ("near=E9+9QQ", "near"),
            ("near=nowhere", "near"),
            ("near=E1+6AN&lat=51.5&lng=0", "near"),
            ("lat=51.5", "lng"),
            ("lat=91&lng=0", "lat"),
            ("lat=51.5&lng=abc", "lng"),
            ("within=2", "within"),
            ("near=E1+6AN&within=0", "within"),
            ("near=E1+6AN&within=51", "within"),
            ("near=E1+6AN&within=far", "within"),
            ("ordering=distance", "ordering"),
        ],
    )
    def test_bad_values_are_400s_naming_the_parameter(self, client, places, query, parameter):
        response = client.get(f"/api/v1/organisations/?{query}")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [parameter]

    def test_query_count_is_bounded(self, client, places, django_assert_max_num_queries):
        with django_assert_max_num_queries(6):
            assert client.get("/api/v1/organisations/?near=E1+6AN&within=10").status_code == 200

    def test_schema_documents_the_parameters(self, client):
        schema = client.get("/api/v1/schema/?format=json").json()
        parameters = {
            parameter["name"]
            for parameter in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]
        }
        assert {"near", "lat", "lng", "within"} <= parameters


def test_listing_page_shows_each_location_with_its_borough(client, places):
    _here, nearby, _far = places
    html = client.get(f"/en/organisations/{nearby.slug}/").content.decode()
    section = html.split("Where to find it")[1].split("</ul>")[0]
    assert "2 Cambridge Heath Rd" in section and "E2 7DG" in section
    assert "Borough: Tower Hamlets" in " ".join(section.split())


def test_near_results_page_in_distance_order(client, places, django_assert_max_num_queries):
    # 24 more listings in a line north of E1 6AN, 0.0009 degrees (100 m) apart.
    for n in range(1, 25):
        listing = OrganisationFactory(name_en=f"Step {n:02d}", postcode="")
        Organisation.objects.filter(pk=listing.pk).update(
            latitude=51.520131 + 0.0009 * n, longitude=-0.072393
        )
    first = client.get("/en/organisations/?near=E1+6AN&within=5").content.decode()
    with django_assert_max_num_queries(12):
        second = client.get("/en/organisations/?near=E1+6AN&within=5&page=2").content.decode()
    everyone = names(first) + names(second)
    assert len(everyone) == 26 and len(set(everyone)) == 26  # Westminster is 5.2 km off
    assert everyone[0] == "Whitechapel Food Bank"
    steps = [name for name in everyone if name.startswith("Step")]
    assert steps == sorted(steps)  # farther each step north
    assert "26 organisations found" in first
