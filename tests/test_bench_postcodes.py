"""The benchmarks' postcodes: seed_bench places its organisations at made-up London
postcodes it also writes to the Postcode table."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from directory.bench_data import SPREAD_KM, bench_postcodes
from directory.demo.content import CENTRES
from directory.geo import Point, distance_km
from directory.models import Borough, Organisation, Postcode
from directory.validators import _POSTCODE

pytestmark = pytest.mark.django_db


def test_bench_organisations_sit_at_postcodes_inside_their_borough():
    call_command("seed_bench", organisations=660, stdout=io.StringIO())

    bench = Organisation.objects.filter(slug__startswith="bench-").select_related("borough")
    known = Postcode.objects.in_bulk()
    assert bench.count() == 660 and not bench.filter(latitude=None).exists()
    for org in bench:
        postcode = known[org.postcode]
        assert (org.latitude, org.longitude) == (postcode.latitude, postcode.longitude)
        assert postcode.borough_id == org.borough_id
        assert postcode.district_code == org.borough.gss_code
        centre = Point.of(*CENTRES[org.borough.slug])
        assert distance_km(centre, Point.of(org.latitude, org.longitude)) <= SPREAD_KM + 0.01
    assert len({org.borough_id for org in bench}) == Borough.objects.count() == 33
    # Spread over each borough's postcodes, not piled on one.
    assert len({org.postcode for org in bench}) > 500

    # One postcode, one borough; the same set on every run, so a second adds none.
    assert all(_POSTCODE.match(code) for code in known)
    before = {code: (row.latitude, row.longitude, row.borough_id) for code, row in known.items()}
    call_command("seed_bench", organisations=10, stdout=io.StringIO())
    after = Postcode.objects.in_bulk()
    assert {code: (r.latitude, r.longitude, r.borough_id) for code, r in after.items()} == before

    # A search near one of them finds the organisations there first, at no distance.
    org = bench.get(slug="bench-000042")
    found = Organisation.objects.public().near(Point.of(org.latitude, org.longitude), 2)
    assert found.get(pk=org.pk).distance_km == pytest.approx(0, abs=1e-6)
    assert 0 < found.count() < bench.count()


def test_bench_postcodes_are_unique_and_stay_in_their_own_borough():
    planned = bench_postcodes(list(Borough.objects.all()))
    codes = [code.postcode for codes in planned.values() for code in codes]
    assert len(codes) == len(set(codes)) == 33 * 400
    # An outward code two boroughs share (SW16: Croydon and Lambeth) goes to one only.
    owners = defaultdict(set)
    for borough_id, codes in planned.items():
        for code in codes:
            owners[code.postcode.split()[0]].add(borough_id)
    assert all(len(boroughs) == 1 for boroughs in owners.values())
    assert owners["SW16"] == {Borough.objects.get(slug="croydon").pk}
