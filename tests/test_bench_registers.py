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
