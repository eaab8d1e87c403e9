"""The register-import benchmark's generated extract imports as the real one would, and
its report rows read its result."""

import pytest

from bench import report
from bench.scenarios import registers
from directory.models import Organisation
from directory.registers.ccew import CharityCommission

pytestmark = pytest.mark.django_db


def test_the_generated_extract_imports_its_london_charities(tmp_path):
    folder = registers.write_extract(tmp_path, charities=900, london=90)
    assert {path.name for path in folder.iterdir()} == {
        "publicextract.charity.json",
        "publicextract.charity_area_of_operation.json",
        "publicextract.charity_classification.json",
        "publicextract.charity_other_names.json",
    }
    summary = CharityCommission([folder]).run()
    # One in nine is removed from the register; the rest of London's are listed.
    listed = Organisation.objects.count()
    assert listed == summary.new + summary.flagged
    assert 70 <= listed <= 90
    assert summary.skipped["not in London"] > 700
    assert Organisation.objects.filter(categories__isnull=False).distinct().count() > 0


def test_the_report_reads_the_result():
    run = {"seconds": 300.0, "new": 35_000, "flagged": 500, "peak_mb": 120.0, "megabytes": 900}
    result = {
        "charities": 400_000,
        "london": 40_000,
        "full": run,
        "quarter": {**run, "seconds": 70.0, "peak_mb": 110.0},
        "budget_s": 600.0,
        "pass_time": True,
        "pass_memory": True,
    }
    rows = report.registers_summary(result)
    assert rows[0][2] == "300 s (118 listings/s)" and rows[0][-1] == report.verdict(True)
    assert rows[1][1:4] == ("110 MB", "120 MB", "1.09")
    assert any(
        "8. Importing the Charity Commission register" in line
        for line in report.registers_details(result)
    )
    assert "PASS" in registers.summary(result)


def _queries_to_import(folder) -> int:
    """Queries an import makes other than its inserts (how many rows one INSERT takes
    depends on the database) and the savepoint each row is checked in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        CharityCommission([folder]).run()
    return sum(
        1
        for query in queries
        if "SAVEPOINT" not in query["sql"] and not query["sql"].startswith("INSERT")
    )


def test_an_import_costs_the_same_queries_however_many_charities_it_lists(tmp_path):
    # Four times the charities, listed and removed alike, in one batch each time: the
    # same number of queries (the register's removals are looked up a batch at a time,
    # and new listings' org-ids are read once and written with their listings).
    small = _queries_to_import(registers.write_extract(tmp_path / "s", charities=90, london=30))
    Organisation.objects.all().delete()
    large = _queries_to_import(registers.write_extract(tmp_path / "l", charities=360, london=120))
    assert large == small
