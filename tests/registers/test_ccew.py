"""The Charity Commission register: London's charities in, the rest left out, people's
corrections kept, and nothing about trustees ever stored."""

import io
import json
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from directory.models import (
    Organisation,
    OrganisationSuggestion,
    PossibleDuplicate,
    ProblemReport,
    RegisterRecord,
)
from tests.factories import IdentifierFactory, OrganisationFactory
from tests.registers.ccew_fixture import TRUSTEE_NAME, charity, default_tables, write_extract

pytestmark = pytest.mark.django_db

ONSPD = Path(__file__).resolve().parent.parent / "fixtures" / "postcodes" / "onspd_sample.csv"


def run(folder, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_register", "ccew", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def postcodes():
    call_command("load_postcodes", str(ONSPD), verbosity=0)


@pytest.mark.parametrize("form", ["json", "txt"])
def test_london_main_registered_charities_are_listed(tmp_path, form, postcodes):
    summary = run(write_extract(tmp_path / form, form))
    names = set(Organisation.objects.values_list("name_en", flat=True))
    assert names == {
        "Hackney Food Bank",  # a London borough among its areas (and its capitals fixed)
        "Westminster Advice Trust",  # "City Of Westminster", an alias
        "London Wide Carers CIO",  # throughout London
        "Whitechapel Reading Room",  # no areas, but a Tower Hamlets postcode
    }
    assert "4 new" in summary
    assert "Skipped 1: linked charities" in summary
    assert "Skipped 1: removed from the register" in summary
    assert "Skipped 2: not in London" in summary  # Birmingham, and the misspelt area
    assert "matched no London borough: Hackny (1)" in summary


def test_without_postcode_data_only_areas_of_operation_place_a_charity(tmp_path):
    run(write_extract(tmp_path))
    assert not Organisation.objects.filter(name_en="Whitechapel Reading Room").exists()
    assert Organisation.objects.count() == 3


def test_mapping_onto_our_fields(tmp_path, postcodes):
    run(write_extract(tmp_path))
    food = Organisation.objects.get(name_en="Hackney Food Bank")
    assert food.description_en.startswith("Food parcels and hot meals")
    assert food.alternative_names == "Hackney Foodbank"
    assert food.website == "https://www.hackneyfood.example.org"
    assert food.email == "hello@hackneyfood.example.org"
    assert (food.phone, food.address_1, food.address_2, food.city) == (
        "020 7946 0001",
        "Unit 3",
        "12 Mare Street",
        "London",
    )
    assert food.postcode == "E8 1DY" and food.borough.slug == "hackney"
    assert food.legal_form == "clg" and food.is_published and food.source == "ccew"
    assert set(food.identifiers.values_list("org_id", flat=True)) == {
        "GB-CHC-1100001",
        "GB-COH-09506232",  # zero-padded to eight characters
    }
    assert set(food.categories.values_list("slug", flat=True)) == {
        "poverty-and-financial-inclusion",
        "advice-and-advocacy",
    }
    assert list(food.beneficiaries.values_list("slug", flat=True)) == ["older-people"]
    assert list(food.areas_served.values_list("slug", flat=True)) == ["hackney"]
    carers = Organisation.objects.get(name_en="London Wide Carers CIO")
    assert carers.serves_all_london and carers.legal_form == "cio"
    advice = Organisation.objects.get(name_en="Westminster Advice Trust")
    assert advice.website == ""  # "not a web address" is left out, not imported
    assert advice.borough.slug == "westminster"


def test_other_names_are_searchable(client, tmp_path):
    run(write_extract(tmp_path))
    html = client.get("/en/organisations/?q=foodbank").content.decode()
    assert "Hackney Food Bank" in html


def test_provenance_is_recorded_per_field(tmp_path):
    run(write_extract(tmp_path))
    record = RegisterRecord.objects.get(identifier="GB-CHC-1100001")
    assert record.source == "ccew" and record.licence == "OGL-UK-3.0"
    assert record.extract_date.isoformat() == "2026-11-01"
    assert record.values["name_en"] == "Hackney Food Bank"
    assert "website" in record.fields_from_register()


def test_the_trustee_table_is_never_stored(tmp_path):
    folder = write_extract(tmp_path)
    assert TRUSTEE_NAME in (folder / "publicextract.charity_trustee.json").read_text()
    run(folder)
    everything = serializers.serialize(
        "json",
        [
            *Organisation.objects.all(),
            *Organisation.history.all(),
            *RegisterRecord.objects.all(),
            *OrganisationSuggestion.objects.all(),
            *ProblemReport.objects.all(),
        ],
    )
    assert "Hackney Food Bank" in everything
    assert TRUSTEE_NAME not in everything and "Quillfeather" not in everything


def test_a_listing_with_the_identifier_is_updated_not_duplicated(tmp_path):
    existing = OrganisationFactory(name_en="Westminster Advice", website="")
    IdentifierFactory(organisation=existing, identifier="1100002")
    run(write_extract(tmp_path))
    existing.refresh_from_db()
    assert Organisation.objects.filter(identifiers__org_id="GB-CHC-1100002").count() == 1
    # Empty fields are filled; the name people gave it stays, and the register's
    # differing name waits as a suggestion.
    assert existing.name_en == "Westminster Advice"
    suggestion = OrganisationSuggestion.objects.get(organisation=existing)
    assert suggestion.changes["name_en"] == "Westminster Advice Trust"
    assert suggestion.author is None and "Charity Commission" in suggestion.reason


def test_the_same_name_at_the_same_postcode_is_the_same_listing(tmp_path):
    existing = OrganisationFactory(name_en="Hackney Food Bank", postcode="E8 1DY")
    run(write_extract(tmp_path))
    assert Organisation.objects.filter(name_en="Hackney Food Bank").count() == 1
    assert existing.identifiers.filter(org_id="GB-CHC-1100001").exists()


def test_a_similar_name_there_is_queued_as_a_possible_duplicate(tmp_path):
    existing = OrganisationFactory(name_en="Hackney Food Bank Project", postcode="E8 1DY")
    summary = run(write_extract(tmp_path))
    new = Organisation.objects.get(identifiers__org_id="GB-CHC-1100001")
    assert new.pk != existing.pk and not new.is_published
    pair = PossibleDuplicate.objects.get()
    assert (pair.organisation, pair.other, pair.status) == (new, existing, "pending")
    assert "1 flagged for review" in summary


def refreshed_tables(changes: dict):
    """The default extract, with some main charities' columns changed (by number)."""
    tables = default_tables()
    columns, charities = tables["charity"]
    for row in charities:
        for number, values in changes.items():
            if row["registered_charity_number"] == number and row["linked_charity_number"] == 0:
                row.update(values)
    return tables


def test_refresh_updates_what_only_the_register_set(tmp_path):
    run(write_extract(tmp_path / "first"))
    newer = refreshed_tables({1100001: {"charity_contact_phone": "020 7946 0999"}})
    summary = run(write_extract(tmp_path / "second", tables=newer), "--extract-date", "2026-12-01")
    food = Organisation.objects.get(name_en="Hackney Food Bank")
    assert food.phone == "020 7946 0999"
    assert "1 updated" in summary and not OrganisationSuggestion.objects.exists()
    record = RegisterRecord.objects.get(identifier="GB-CHC-1100001")
    assert record.extract_date.isoformat() == "2026-12-01"
    assert food.history.first().history_change_reason.startswith("From the Charity Commission")


def test_refresh_never_overwrites_a_community_correction(tmp_path):
    run(write_extract(tmp_path / "first"))
    food = Organisation.objects.get(name_en="Hackney Food Bank")
    food.phone = "020 7946 0123"  # a member's correction, approved
    food.save()
    newer = refreshed_tables({1100001: {"charity_contact_phone": "020 7946 0999"}})
    summary = run(write_extract(tmp_path / "second", tables=newer))
    food.refresh_from_db()
    assert food.phone == "020 7946 0123"
    suggestion = OrganisationSuggestion.objects.get(organisation=food)
    assert suggestion.changes == {"phone": "020 7946 0999"}
    assert suggestion.original == {"phone": "020 7946 0123"}
    assert "1 suggested" in summary
    # Running the same extract again suggests nothing more.
    run(write_extract(tmp_path / "third", tables=newer))
    assert OrganisationSuggestion.objects.count() == 1


def test_a_charity_removed_from_the_register_is_flagged_not_deleted(tmp_path):
    run(write_extract(tmp_path / "first"))
    newer = refreshed_tables(
        {
            1100002: {
                "charity_registration_status": "Removed",
                "date_of_removal": "2026-11-20T00:00:00",
            }
        }
    )
    summary = run(write_extract(tmp_path / "second", tables=newer))
    advice = Organisation.objects.get(name_en="Westminster Advice Trust")
    assert advice.is_published
    record = RegisterRecord.objects.get(identifier="GB-CHC-1100002")
    assert record.removed_on.isoformat() == "2026-11-20"
    report = ProblemReport.objects.get(organisation=advice)
    assert report.topic == "closed" and "removed on 2026-11-20" in report.message
    assert "1 flagged for review" in summary


def test_dry_run_reports_and_writes_nothing(tmp_path):
    summary = run(write_extract(tmp_path), "--dry-run")
    assert "Would import" in summary and "3 new" in summary
    assert not Organisation.objects.exists() and not RegisterRecord.objects.exists()


def test_a_broken_json_file_is_rejected_and_nothing_is_written(tmp_path):
    folder = write_extract(tmp_path)
    path = folder / "publicextract.charity.json"
    path.write_text(path.read_text()[:-200], encoding="utf-8")  # cut off mid-record
    with pytest.raises(CommandError, match="Nothing was imported"):
        run(folder)
    assert not Organisation.objects.exists()


def test_bad_rows_are_named_and_nothing_is_written(tmp_path):
    tables = default_tables()
    columns, charities = tables["charity"]
    charities.insert(2, charity("x", "y", "Broken Row Trust"))
    folder = write_extract(tmp_path, "txt", tables=tables)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_register", "ccew", str(folder), stdout=io.StringIO(), stderr=err)
    assert "publicextract.charity.txt line 4: organisation_number" in err.getvalue()
    assert not Organisation.objects.exists()


def test_a_folder_without_the_charity_table_is_a_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="Nothing was imported") as raised:
        err = io.StringIO()
        try:
            call_command("import_register", "ccew", str(tmp_path), stdout=io.StringIO(), stderr=err)
        finally:
            message = err.getvalue()
    assert "no charity table" in message
    assert raised.value


def test_json_without_the_required_columns_is_refused(tmp_path):
    folder = write_extract(tmp_path)
    (folder / "publicextract.charity.json").write_text(json.dumps([{"name": "x"}]))
    with pytest.raises(CommandError):
        run(folder)
    assert not Organisation.objects.exists()


def test_the_listing_says_which_fields_came_from_the_register(client, tmp_path):
    run(write_extract(tmp_path / "first"))
    food = Organisation.objects.get(name_en="Hackney Food Bank")
    food.phone = "020 7946 0123"  # corrected by a person: no longer the register's
    food.save()
    html = " ".join(client.get(f"/en/organisations/{food.slug}/").content.decode().split())
    line = html.split('class="meta provenance">')[1].split("</p>")[0]
    assert "From the Charity Commission register, 1 November 2026:" in line
    assert "name" in line and "website" in line and "public phone" not in line
    assert "Open Government Licence v3.0" in line
    newer = refreshed_tables(
        {1100001: {"charity_registration_status": "Removed", "date_of_removal": "2026-11-20"}}
    )
    run(write_extract(tmp_path / "second", tables=newer))
    html = " ".join(client.get(f"/en/organisations/{food.slug}/").content.decode().split())
    assert "Removed from the register on 20 November 2026." in html


def test_the_data_package_names_the_registers_and_their_licence(client):
    sources = " ".join(
        source["title"] for source in client.get("/data/datapackage.json").json()["sources"]
    )
    assert "Charity Commission for England and Wales" in sources
    assert "Companies House" in sources


def test_the_api_gives_each_listings_provenance(client, tmp_path):
    run(write_extract(tmp_path))
    food = Organisation.objects.get(name_en="Hackney Food Bank")
    body = client.get(f"/api/v1/organisations/{food.pk}/?lang=pl").json()
    [provenance] = body["provenance"]
    assert provenance["source"] == "ccew" and provenance["licence"] == "OGL-UK-3.0"
    assert provenance["extract_date"] == "2026-11-01" and provenance["removed_on"] is None
    assert {"name_en", "website", "postcode"} <= set(provenance["fields"])
    assert provenance["title"] != "Charity Commission register"  # in Polish, as asked
    community = OrganisationFactory()
    assert client.get(f"/api/v1/organisations/{community.pk}/").json()["provenance"] == []


@pytest.mark.parametrize(
    "published, shown",
    [
        ("HACKNEY FOOD BANK", "Hackney Food Bank"),
        ("ST MARY'S YOUTH CLUB (UK)", "St Mary's Youth Club (UK)"),
        ("BOW ARTS C.I.C.", "Bow Arts C.I.C."),
        ("LGBT SWITCHBOARD & FRIENDS", "LGBT Switchboard & Friends"),
        ("Already Mixed Case CIO", "Already Mixed Case CIO"),
    ],
)
def test_names_in_capitals_are_written_as_people_write_them(published, shown):
    from directory.registers.ccew import _title

    assert _title(published) == shown
