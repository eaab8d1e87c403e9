"""Importing organisations: the command and the admin share one resource."""

import csv
import io
import json
import uuid

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from directory.models import Organisation, OrganisationIdentifier

pytestmark = pytest.mark.django_db

HEADER = [
    "org_id",
    "name",
    "description",
    "description_pl",
    "legal_form",
    "postcode",
    "borough",
    "categories",
    "languages",
    "is_published",
    "email",
]


def good_row(n, **overrides):
    row = {
        "org_id": f"GB-CHC-{1090000 + n}",
        "name": f"Imported Group {n}",
        "description": f"Imported description {n}",
        "description_pl": "",
        "legal_form": "registered_charity",
        "postcode": "e81dy",
        "borough": "hackney",
        "categories": "food;faith",
        "languages": "pl;bn",
        "is_published": "1",
        "email": f"info@group{n}.example.org",
    }
    row.update(overrides)
    return row


def write_csv(path, rows):
    """HEADER's columns, then any other column the rows have (such as id or slug)."""
    extra = [key for key in dict.fromkeys(k for row in rows for k in row) if key not in HEADER]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*HEADER, *extra])
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_imports_every_row(tmp_path):
    path = write_csv(tmp_path / "orgs.csv", [good_row(1), good_row(2)])
    out, _err = run_import(path)
    assert "2 new" in out
    organisation = Organisation.objects.get(identifiers__org_id="GB-CHC-1090001")
    assert organisation.name == "Imported Group 1"
    assert organisation.postcode == "E8 1DY"
    assert organisation.borough.slug == "hackney"
    assert set(organisation.categories.values_list("slug", flat=True)) == {"food", "faith"}
    assert set(organisation.languages.values_list("code", flat=True)) == {"pl", "bn"}
    assert organisation.is_published and organisation.slug == "imported-group-1"
    assert "imported description 1" in organisation.search_text


def test_reimporting_updates_instead_of_duplicating(tmp_path):
    run_import(write_csv(tmp_path / "first.csv", [good_row(1)]))
    changed = good_row(1, description="New description", description_pl="Nowy opis szkoły")
    out, _err = run_import(write_csv(tmp_path / "second.csv", [changed]))
    assert "0 new, 1 updated" in out
    assert Organisation.objects.count() == 1
    assert OrganisationIdentifier.objects.count() == 1
    organisation = Organisation.objects.get()
    assert organisation.description_en == "New description"
    assert organisation.description_pl == "Nowy opis szkoły"
    # An unchanged file is reported as unchanged, still with no duplicates.
    out, _err = run_import(write_csv(tmp_path / "third.csv", [changed]))
    assert "1 unchanged" in out and Organisation.objects.count() == 1


def test_rows_are_matched_on_the_uuid_too(tmp_path):
    run_import(write_csv(tmp_path / "first.csv", [good_row(1)]))
    organisation = Organisation.objects.get()
    path = tmp_path / "by-id.json"
    path.write_text(
        json.dumps([{"id": str(organisation.pk), "name": "Renamed", "description": "Same place"}])
    )
    run_import(path)
    organisation.refresh_from_db()
    assert organisation.name_en == "Renamed" and Organisation.objects.count() == 1


def test_a_bad_file_writes_nothing_and_names_rows_3_and_7(tmp_path):
    rows = [good_row(n) for n in range(1, 9)]
    rows[2] = good_row(3, postcode="NOT A POSTCODE")
    rows[6] = good_row(7, borough="atlantis", org_id="GB-CHC-12")
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(CommandError, match="nothing was imported"):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_organisations", str(path), stdout=out, stderr=err)
        finally:
            errors = err.getvalue()
    assert "Row 3, postcode" in errors and "not a valid UK postcode" in errors
    assert "Row 7, borough" in errors and "atlantis" in errors
    assert "Row 7, org_id" in errors
    assert "Row 1" not in errors and "Row 5" not in errors
    assert Organisation.objects.count() == 0
    assert OrganisationIdentifier.objects.count() == 0


def test_unknown_categories_and_missing_names_are_reported(tmp_path):
    rows = [good_row(1, categories="food;underwater-basketry"), good_row(2, name="")]
    path = write_csv(tmp_path / "bad.csv", rows)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 1, categories: Unknown value(s): underwater-basketry" in err.getvalue()
    assert "Row 2, name_en" in err.getvalue()
    assert Organisation.objects.count() == 0


def test_dry_run_reports_and_writes_nothing(tmp_path):
    out, _err = run_import(write_csv(tmp_path / "orgs.csv", [good_row(1)]), "--dry-run")
    assert "Would import orgs.csv: 1 new" in out
    assert Organisation.objects.count() == 0


def test_xlsx_files_import(tmp_path):
    dataset = tablib.Dataset(headers=HEADER)
    dataset.append([good_row(4)[column] for column in HEADER])
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(dataset.export("xlsx"))
    run_import(path)
    assert Organisation.objects.filter(identifiers__org_id="GB-CHC-1090004").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("orgs.txt", "x", "unsupported file type"),
        ("orgs.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("orgs.json", "{not json", "could not be read"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=message):
        run_import(path)


# --- New listings are saved in batches; the result is as if saved one by one ---------
@pytest.fixture
def small_batches(monkeypatch):
    from directory.resources import OrganisationBatchResource

    monkeypatch.setattr(OrganisationBatchResource, "BATCH_SIZE", 2)


def test_batches_save_every_listing_with_links_search_text_and_history(tmp_path, small_batches):
    path = write_csv(tmp_path / "orgs.csv", [good_row(n) for n in range(1, 6)])
    out, _err = run_import(path)
    assert "5 new" in out
    assert Organisation.objects.count() == 5
    for organisation in Organisation.objects.all():
        assert set(organisation.categories.values_list("slug", flat=True)) == {"food", "faith"}
        assert organisation.identifiers.count() == 1
        assert organisation.postcode == "E8 1DY"
        assert organisation.name.lower() in organisation.search_text
        history = organisation.history.get()
        assert history.history_type == "+" and history.name_en == organisation.name


def test_a_later_row_naming_an_earlier_new_listing_updates_it(tmp_path):
    rows = [good_row(1), good_row(1, name="Imported Group 1, renamed")]
    out, _err = run_import(write_csv(tmp_path / "orgs.csv", rows))
    assert "1 new, 1 updated" in out
    organisation = Organisation.objects.get()
    assert organisation.name == "Imported Group 1, renamed"
    assert organisation.version == 2 and organisation.history.count() == 2


def test_new_listings_with_one_name_get_distinct_slugs(tmp_path, small_batches):
    existing = Organisation.objects.create(name_en="Same Name", slug="same-name")
    rows = [good_row(n, name="Same Name") for n in range(1, 5)]
    run_import(write_csv(tmp_path / "orgs.csv", rows))
    slugs = set(Organisation.objects.exclude(pk=existing.pk).values_list("slug", flat=True))
    assert slugs == {"same-name-2", "same-name-3", "same-name-4", "same-name-5"}


def test_one_slug_given_twice_in_a_file_is_rejected_and_nothing_is_written(tmp_path):
    rows = [good_row(1, slug="our-group"), good_row(2, slug="our-group")]
    path = write_csv(tmp_path / "orgs.csv", rows)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 2, slug:" in err.getvalue()
    assert Organisation.objects.count() == 0


def test_the_batch_resource_refuses_partial_imports():
    from directory.resources import OrganisationBatchResource

    dataset = tablib.Dataset(headers=["name"])
    dataset.append(["A group"])
    with pytest.raises(ValueError, match="all or nothing"):
        OrganisationBatchResource().import_data(dataset, use_transactions=True)
    assert Organisation.objects.count() == 0


def test_a_slug_in_the_file_that_is_taken_is_reported_on_its_row(tmp_path):
    Organisation.objects.create(name_en="Already here", slug="our-group")
    path = write_csv(tmp_path / "orgs.csv", [good_row(1, slug="our-group")])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 1, slug:" in err.getvalue()
    assert Organisation.objects.count() == 1


def test_a_later_row_naming_a_new_listing_by_its_id_in_any_form_updates_it(tmp_path):
    listing_id = uuid.uuid4()
    rows = [
        good_row(1, id=str(listing_id), org_id=""),
        good_row(2, id=listing_id.hex.upper(), org_id="", name="Renamed"),
    ]
    path = write_csv(tmp_path / "orgs.csv", rows)
    out, _err = run_import(path)
    assert "1 new, 1 updated" in out
    assert Organisation.objects.get().name == "Renamed"


def test_an_update_taking_the_slug_of_a_new_listing_in_the_file_is_reported_on_its_row(tmp_path):
    existing = Organisation.objects.create(name_en="Existing", slug="existing")
    OrganisationIdentifier.objects.create(
        organisation=existing, scheme="GB-CHC", identifier="1090099"
    )
    rows = [
        good_row(1, name="Alpha", slug=""),  # a new listing: its slug will be "alpha"
        good_row(99, name="Existing", slug="alpha"),  # GB-CHC-1090099: an update
    ]
    path = write_csv(tmp_path / "orgs.csv", rows)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 2, slug:" in err.getvalue()
    assert Organisation.objects.get().slug == "existing"


def test_a_new_row_that_fails_after_checking_is_not_saved_with_a_later_batch(tmp_path, monkeypatch):
    from directory import resources
    from directory.resources import batch

    monkeypatch.setattr(resources.OrganisationBatchResource, "BATCH_SIZE", 3)
    saved = []
    real_bulk_create = batch.bulk_create_with_history

    def record(objects, *args, **kwargs):
        saved.extend(organisation.name for organisation in objects)
        return real_bulk_create(objects, *args, **kwargs)

    monkeypatch.setattr(batch, "bulk_create_with_history", record)
    real_after_save = resources.OrganisationResource.after_save_instance

    def fail_on_group_2(self, instance, row, **kwargs):
        if instance.name == "Imported Group 2":
            raise ValidationError({"org_id": "taken"})
        return real_after_save(self, instance, row, **kwargs)

    monkeypatch.setattr(resources.OrganisationResource, "after_save_instance", fail_on_group_2)
    err = io.StringIO()
    path = write_csv(tmp_path / "orgs.csv", [good_row(n) for n in range(1, 5)])
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "Row 2, org_id: taken" in err.getvalue()
    assert "Row 3" not in err.getvalue() and "Row 4" not in err.getvalue()
    assert "Imported Group 2" not in saved
    assert Organisation.objects.count() == 0


def _queries_to_import(path) -> int:
    """Queries an import makes other than its inserts (how many rows one INSERT takes
    depends on the database) and the savepoint each row is checked in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run_import(path)
    return sum(
        1
        for query in queries
        if "SAVEPOINT" not in query["sql"] and not query["sql"].startswith("INSERT")
    )


def test_new_listings_cost_the_same_queries_however_many_there_are(tmp_path):
    # Rows naming no listing we have are new without a query each; their org-ids are
    # written with their batch.
    small = _queries_to_import(write_csv(tmp_path / "s.csv", [good_row(n) for n in range(3)]))
    large = _queries_to_import(
        write_csv(tmp_path / "l.csv", [good_row(n) for n in range(100, 130)])
    )
    assert large == small
    assert OrganisationIdentifier.objects.filter(org_id="GB-CHC-1090129").exists()
