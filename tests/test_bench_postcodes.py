"""The benchmarks' postcodes: seed_bench places its organisations at made-up London
postcodes it also writes to the Postcode table, and the postcode-loading benchmark's
generated ONSPD file is one load_postcodes reads in full."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from bench.scenarios.postcodes import ONSPD_COLUMNS, write_onspd_csv
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


def test_the_generated_onspd_file_loads_in_full(tmp_path):
    path = tmp_path / "onspd.csv"
    assert write_onspd_csv(path, rows=3000) == 3000
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == ONSPD_COLUMNS
    assert {"pcd", "pcd2", "pcds", "dointr", "doterm", "oslaua", "lat", "long"} <= set(header)

    out = io.StringIO()
    call_command("load_postcodes", str(path), stdout=out, stderr=io.StringIO())
    loaded = Postcode.objects.count()
    # Every row is in London; only those with no grid reference are skipped.
    assert "3,000 rows read; 0 outside London" in out.getvalue()
    assert 2950 <= loaded < 3000
    assert f"Loaded {loaded:,} postcodes in London" in out.getvalue()
    assert Postcode.objects.filter(terminated__isnull=False).count() > 300
    assert not Postcode.objects.filter(borough=None).exists()


def wrk_run(p95: float) -> dict:
    return {
        "rps": 1000 / p95,
        "latency_ms": {"p50": p95 / 2, "p90": p95, "p95": p95, "p99": p95 * 1.2},
        "requests": 100,
        "error_total": 0,
    }


def test_the_report_judges_the_postcode_search_against_browse_at_each_size():
    from bench import report
    from bench.scenarios import near

    sizes = {}
    for organisations, browse, found in ((50_000, 100.0, 140.0), (120_000, 100.0, 160.0)):
        runs = {"browse": [wrk_run(browse)] * 3, "near": [wrk_run(found)] * 3}
        ratios = [found / browse] * 3
        sizes[organisations] = {
            "organisations": organisations,
            "runs": runs,
            "ratios": ratios,
            "matches": {"E1 1AA": 12},
            "pass": max(ratios) <= near.NEAR_P95_RATIO_MAX,
        }
    result = {"sizes": sizes, "postcodes": ["E1 1AA"], "within_km": 2}
    loads = {"rows": 330_000, "megabytes": 72.0, "budget_s": 120.0, "pass": True}
    loads["runs"] = [{"load": 35.0, "reload": 40.0, "new_rows": 329_000}]
    info = dict.fromkeys(
        ("date", "nproc", "memory", "cpu", "python", "django", "postgresql", "gunicorn", "wrk"),
        "-",
    )
    settings = {"organisations": "50,000", "rounds": 3, "seconds": 5, "load_start": "-"}
    text = report.render(info, {"near": result, "postcodes": loads}, settings)

    assert near.checks(result) == [True, False]
    assert (
        "| Postcode search within 2 km p95 vs browse, 50,000 organisations | 100.0 ms "
        "(browse page) | 140.0 ms (140..140) | 1.40 (1.4..1.4) | <= 1.5 | PASS |"
    ) in text
    assert "120,000 organisations | 100.0 ms (browse page) | 160.0 ms" in text
    assert "| <= 1.5 | **MISS** |" in text
    assert "| load_postcodes, 330,000 London rows (first load) | - | 35.0 s" in text
    assert "`E1 1AA` (12)" in text
    assert near.sizes_argument("50000,120000") == (50_000, 120_000)
    with pytest.raises(ValueError):
        near.sizes_argument("10")
