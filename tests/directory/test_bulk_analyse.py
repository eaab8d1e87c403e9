"""Every bulk command leaves the planner's statistics of what it wrote up to date."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.directory.test_import import good_row, write_csv

pytestmark = pytest.mark.django_db


def planned_rows(table: str) -> float | None:
    """How many rows the planner thinks ``table`` has (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            value = cursor.fetchone()[0]
            return None if value < 0 else value
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return float(row[0].split()[0]) if row else None


def test_import_organisations_analyses_the_listings_tables(tmp_path):
    path = write_csv(tmp_path / "orgs.csv", [good_row(n) for n in range(7)])
    call_command("import_organisations", str(path), stdout=io.StringIO())
    assert planned_rows("directory_organisation") == 7
    assert planned_rows("directory_organisationidentifier") == 7
    assert planned_rows("directory_organisation_categories") == 14


def test_a_dry_run_analyses_nothing(tmp_path):
    path = write_csv(tmp_path / "orgs.csv", [good_row(n) for n in range(3)])
    before = planned_rows("directory_organisation")
    call_command("import_organisations", str(path), "--dry-run", stdout=io.StringIO())
    assert planned_rows("directory_organisation") == before


def test_seed_bench_analyses_every_table_it_wrote():
    call_command("seed_bench", organisations=30, stdout=io.StringIO())
    assert planned_rows("directory_organisation") == 30
    assert planned_rows("directory_organisation_categories") is not None
    assert planned_rows("directory_organisation_areas_served") == 30
