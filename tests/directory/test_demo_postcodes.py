"""The demo ships its own fictional postcodes: every postcode a demo listing uses is in
the Postcode table, inside the listing's borough, so distance search works with no
postcode data downloaded."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from directory.demo import seed_directory
from directory.demo.content import CENTRES
from directory.demo.planning import OrgSpec, _settle_postcodes, postcodes
from directory.geo import Point, distance_km
from directory.models import Borough, Location, Organisation, Postcode
from directory.postcodes import locate

pytestmark = pytest.mark.django_db

# The centres are rough and the points about a kilometre from them.
NEAR_CENTRE_KM = 3.0


def assert_placed_by_its_postcode(row, postcode: Postcode) -> None:
    """``row`` (an organisation or location) has its postcode's point and borough, and
    that point is near its borough's centre."""
    assert (row.latitude, row.longitude) == (postcode.latitude, postcode.longitude), row
    assert postcode.borough_id == row.borough_id, row.postcode
    assert postcode.district_code == row.borough.gss_code
    centre = Point.of(*CENTRES[row.borough.slug])
    away = distance_km(centre, Point.of(postcode.latitude, postcode.longitude))
    assert away <= NEAR_CENTRE_KM, (row.postcode, row.borough.slug, away)


@pytest.mark.slow
def test_every_demo_postcode_is_loaded_inside_its_borough_and_searchable(client):
    seed_directory()

    demo = Organisation.objects.filter(is_demo=True).select_related("borough")
    locations = Location.objects.filter(organisation__in=demo).select_related("borough")
    known = Postcode.objects.in_bulk()
    assert demo.count() >= 280 and locations.count() == demo.count()
    used = set()
    for row in [*demo, *locations]:
        assert row.postcode in known, row.postcode
        assert_placed_by_its_postcode(row, known[row.postcode])
        used.add(row.postcode)
    assert set(known) == used  # the demo adds no postcode it does not use
    assert {postcode.borough_id for postcode in known.values()} == set(
        Borough.objects.values_list("pk", flat=True)
    )
    for org in demo.prefetch_related("locations"):
        (location,) = org.locations.all()
        assert (org.latitude, org.longitude) == (location.latitude, location.longitude)

    # A search near a demo postcode finds the listing there, at no distance at all.
    org = demo.public().get(name_en="Lewisham Community Food Bank")
    place = locate(org.postcode)
    found = Organisation.objects.public().near(place.point, 1).get(pk=org.pk)
    assert found.distance_km == pytest.approx(0, abs=1e-6)
    # Every other result is within the radius, and they are nowhere near all of London.
    nearby = Organisation.objects.public().near(place.point, 1)
    assert all(row.distance_km <= 1 for row in nearby)
    assert 0 < nearby.count() < demo.count() / 4

    # And so do the browse page and the API, nearest first.
    query = {"near": org.postcode, "within": "1"}
    page = client.get("/en/organisations/", query)
    assert page.status_code == 200
    shown = list(page.context["organisations"])
    here = [row for row in shown if row.distance_km < 1e-6]
    assert org in here and shown[: len(here)] == here
    assert org.get_absolute_url().encode() in page.content
    body = client.get("/api/v1/organisations/", query).json()
    here = [row["id"] for row in body["results"] if row["distance_km"] == 0]
    assert str(org.pk) in here and body["results"][0]["distance_km"] == 0
    assert body["count"] == nearby.count()


def test_a_small_demo_is_placed_and_reseeding_keeps_one_row_per_postcode():
    seed_directory(organisations=30)
    known = Postcode.objects.in_bulk()
    demo = Organisation.objects.filter(is_demo=True).select_related("borough")
    assert len(known) == len(set(demo.values_list("postcode", flat=True))) > 0
    for org in demo:
        assert_placed_by_its_postcode(org, known[org.postcode])

    out = io.StringIO()
    call_command("seed_demo", only=["directory"], organisations=30, stdout=out)
    assert "created: 0, updated: 0, unchanged: 30" in out.getvalue()
    assert Postcode.objects.in_bulk() == known
    assert {pc: (p.latitude, p.longitude) for pc, p in Postcode.objects.in_bulk().items()} == {
        pc: (p.latitude, p.longitude) for pc, p in known.items()
    }


def test_reseeding_keeps_a_postcode_the_real_directory_refreshed():
    """After load_postcodes refreshes a demo postcode with the real centroid, seeding
    again leaves it, and the listing follows the table rather than the demo's guess."""
    seed_directory(organisations=10)
    org = Organisation.objects.filter(is_demo=True).select_related("borough").first()
    real = Postcode.objects.get(pk=org.postcode)
    refreshed = (real.latitude + Decimal("0.001000"), real.longitude - Decimal("0.001000"))
    real.latitude, real.longitude = refreshed
    real.save()

    seed_directory(organisations=10)
    real.refresh_from_db()
    assert (real.latitude, real.longitude) == refreshed  # not put back
    org.refresh_from_db()
    location = org.locations.get()
    for row in (org, location):
        assert (row.latitude, row.longitude) == refreshed


def spec(index: int, borough: str, postcode: str, latitude: str, longitude: str) -> OrgSpec:
    planned = OrgSpec(index, f"org-{index}", f"Org {index}", None, borough, "Place", "E8")
    planned.values = {"postcode": postcode}
    planned.location = {
        "postcode": postcode,
        "latitude": Decimal(latitude),
        "longitude": Decimal(longitude),
    }
    return planned


def test_a_postcode_drawn_twice_means_one_place_in_one_borough():
    specs = [
        spec(0, "hackney", "E8 3QX", "51.545000", "-0.055000"),
        spec(1, "hackney", "E8 3QX", "51.546000", "-0.056000"),  # same borough: same point
        spec(2, "lambeth", "SW16 1AB", "51.430000", "-0.120000"),
        spec(3, "lambeth", "SW16 1AD", "51.431000", "-0.121000"),
        # Drawn again in another borough: moved to the next code nobody has (not 1AD).
        spec(4, "croydon", "SW16 1AB", "51.410000", "-0.110000"),
    ]
    _settle_postcodes(specs)

    assert specs[1].location["latitude"] == Decimal("51.545000")
    assert specs[1].location["longitude"] == Decimal("-0.055000")
    assert specs[4].location["postcode"] == specs[4].values["postcode"] == "SW16 1AE"
    assert specs[4].location["latitude"] == Decimal("51.410000")  # its own point
    assert specs[2].location["postcode"] == "SW16 1AB"
    for planned in specs:  # the organisation is where its location is
        assert planned.values["latitude"] == planned.location["latitude"]
        assert planned.values["longitude"] == planned.location["longitude"]

    places = {item.postcode: item for item in postcodes(specs)}
    assert sorted(places) == ["E8 3QX", "SW16 1AB", "SW16 1AD", "SW16 1AE"]
    assert places["SW16 1AB"].borough == "lambeth"
    assert places["SW16 1AE"].borough == "croydon"
    assert places["E8 3QX"].latitude == Decimal("51.545000")
