"""Companies House: London's community companies in, other companies left out, the
Charity Commission's listings matched by company number, people's corrections kept, and
the person a registered office is "care of" never stored."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from directory.models import (
    Organisation,
    OrganisationSuggestion,
    ProblemReport,
    RegisterRecord,
    TaxonomyTerm,
)
from directory.registers import companies_house
from directory.registers.companies_house import DATA
from tests.registers import ccew_fixture
from tests.registers.companies_house_fixture import (
    CARE_OF,
    CIC,
    CLG,
    changed,
    company,
    default_rows,
    write_file,
)

pytestmark = pytest.mark.django_db

ONSPD = Path(__file__).resolve().parent.parent / "fixtures" / "postcodes" / "onspd_sample.csv"
WHOLE = "BasicCompanyDataAsOneFile-2026-11-01.csv"
LISTED = {
    "Bethnal Green Youth Theatre CIC",
    "Islington Befriending Scheme",
    "Newham Sports Trust",
    "City Food Co-operative Limited",
    "Whitechapel Interfaith Forum",
}


def run(*paths, args=(), err=None):
    out = io.StringIO()
    call_command(
        "import_register",
        "companies-house",
        *map(str, paths),
        *args,
        stdout=out,
        stderr=err or io.StringIO(),
    )
    return out.getvalue()


def failing(*paths):
    """Run an import that must fail; what it wrote to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        run(*paths, err=err)
    return err.getvalue()


@pytest.fixture
def postcodes():
    call_command("load_postcodes", str(ONSPD), verbosity=0)


def test_london_community_companies_are_listed(tmp_path, postcodes):
    summary = run(write_file(tmp_path / WHOLE))
    assert set(Organisation.objects.values_list("name_en", flat=True)) == LISTED
    assert "5 new" in summary
    # A private company limited by shares, whatever its SIC code says it does.
    assert "Skipped 1: not a community interest company" in summary
    # Flat management, a traders' association and a dormant company.
    assert "Skipped 3: limited by guarantee, with no charitable or community SIC code" in summary
    assert "Skipped 2: dissolved or in liquidation" in summary
    assert "Skipped 1: not in London" in summary  # Birmingham


def test_mapping_onto_our_fields(tmp_path, postcodes):
    run(write_file(tmp_path / WHOLE))
    theatre = Organisation.objects.get(identifiers__org_id="GB-COH-10234567")
    assert theatre.name_en == "Bethnal Green Youth Theatre CIC"  # capitals fixed, CIC kept
    assert theatre.alternative_names == "Bethnal Green Drama Club CIC"  # a previous name
    assert theatre.description_en == (
        "A community interest company (Companies House number 10234567). "
        "Registered activities: Performing arts; Cultural education."
    )
    assert (theatre.address_1, theatre.address_2, theatre.city) == (
        "The Old Library",
        "14 Cambridge Heath Road",
        "London",
    )
    assert theatre.postcode == "E2 7DG" and theatre.borough.slug == "tower-hamlets"
    assert theatre.legal_form == "cic" and theatre.is_published
    assert theatre.source == "companies-house" and theatre.licence == "OGL-UK-3.0"
    assert set(theatre.categories.values_list("slug", flat=True)) == {
        "arts-and-culture",
        "education-and-skills",
    }

    befriending = Organisation.objects.get(name_en="Islington Befriending Scheme")
    # "4123456" in the file: the org-id is zero-padded to eight characters.
    assert list(befriending.identifiers.values_list("org_id", flat=True)) == ["GB-COH-04123456"]
    assert befriending.legal_form == "clg"
    assert befriending.postcode == "N1 9GU" and befriending.borough.slug == "islington"
    assert befriending.description_en.endswith(
        "Registered activities: Social work activities without accommodation for the elderly "
        "and disabled; Other social work activities without accommodation."  # no "n.e.c."
    )
    assert set(befriending.categories.values_list("slug", flat=True)) == {
        "older-people",
        "disability",
    }
    assert set(befriending.beneficiaries.values_list("slug", flat=True)) == {
        "older-people",
        "disabled-people",
    }
    assert befriending.alternative_names == ""

    sports = Organisation.objects.get(name_en="Newham Sports Trust")
    assert sports.legal_form == "clg" and sports.borough.slug == "newham"
    assert list(sports.categories.values_list("slug", flat=True)) == ["sport-and-leisure"]
    society = Organisation.objects.get(name_en="City Food Co-operative Limited")
    assert society.legal_form == "other" and society.borough.slug == "city-of-london"
    assert society.description_en == (
        "A registered society (Companies House number IP031245)."  # "None Supplied"
    )
    assert not society.categories.exists()
    forum = Organisation.objects.get(name_en="Whitechapel Interfaith Forum")
    assert forum.legal_form == "cio"
    assert list(forum.categories.values_list("slug", flat=True)) == ["faith"]

    record = RegisterRecord.objects.get(identifier="GB-COH-10234567")
    assert record.source == "companies-house" and record.extract_date.isoformat() == "2026-11-01"
    assert record.values["address_1"] == "The Old Library"
    # What the register does not say is not recorded as empty, so it never conflicts
    # with a value the listing has from elsewhere.
    record = RegisterRecord.objects.get(identifier="GB-COH-04123456")
    assert {"address_2", "alternative_names", "website"}.isdisjoint(record.values)


def test_every_slug_in_the_mapping_is_one_of_ours():
    categories = set(TaxonomyTerm.objects.categories().values_list("slug", flat=True))
    beneficiaries = set(TaxonomyTerm.objects.beneficiaries().values_list("slug", flat=True))
    assert {slug for slugs in DATA["sic"].values() for slug in slugs} <= categories
    assert {slug for slugs in DATA["beneficiaries"].values() for slug in slugs} <= beneficiaries
    assert set(DATA["beneficiaries"]) <= set(DATA["sic"])
    assert {kind["legal_form"] for kind in DATA["categories"].values()} <= set(
        Organisation.LegalForm.values
    )


def test_the_person_a_registered_office_is_care_of_is_never_stored(tmp_path, postcodes):
    path = write_file(tmp_path / WHOLE)
    assert CARE_OF in path.read_text()
    run(path)
    everything = serializers.serialize(
        "json",
        [
            *Organisation.objects.all(),
            *Organisation.history.all(),
            *RegisterRecord.objects.all(),
        ],
    )
    assert "Bethnal Green Youth Theatre CIC" in everything
    assert "QUILLFEATHER" not in everything.upper()


def test_without_postcode_data_nothing_is_imported(tmp_path):
    message = failing(write_file(tmp_path / WHOLE))
    assert "no postcode data is loaded" in message
    assert "Run manage.py load_postcodes" in message
    assert not Organisation.objects.exists()


def test_a_charity_from_the_charity_commission_is_matched_by_company_number(tmp_path, postcodes):
    tables = ccew_fixture.default_tables()
    for row in tables["charity"][1]:
        if row["registered_charity_number"] == 1100002:
            row.update(
                charity_company_registration_number="5123456", charity_type="Charitable company"
            )
    call_command(
        "import_register",
        "ccew",
        str(ccew_fixture.write_extract(tmp_path / "ccew", tables=tables)),
        stdout=io.StringIO(),
    )
    advice = Organisation.objects.get(identifiers__org_id="GB-CHC-1100002")
    assert advice.identifiers.filter(org_id="GB-COH-05123456").exists()
    description = advice.description_en
    listed = Organisation.objects.count()

    rows = [
        *default_rows(),
        company(
            "WESTMINSTER ADVICE TRUST",
            "05123456",
            CLG,
            postcode="SW1A 1AA",
            sic=("88990 - Other social work activities without accommodation n.e.c.",),
            previous=("WESTMINSTER ADVICE CENTRE",),
            **{"RegAddress.AddressLine1": "1 PARLIAMENT STREET", "RegAddress.PostTown": "LONDON"},
        ),
    ]
    summary = run(write_file(tmp_path / WHOLE, rows))
    assert "5 new, 1 updated" in summary
    assert Organisation.objects.count() == listed + 5  # not a sixth: the charity is matched
    assert Organisation.objects.filter(identifiers__org_id="GB-COH-05123456").get() == advice
    advice.refresh_from_db()
    # What the Charity Commission left empty, Companies House fills...
    assert advice.address_1 == "1 Parliament Street"
    assert advice.alternative_names == "Westminster Advice Centre"
    # ...and the charity's own description is not offered to be replaced by ours.
    assert advice.description_en == description
    assert not OrganisationSuggestion.objects.filter(organisation=advice).exists()
    assert set(advice.register_records.values_list("source", flat=True)) == {
        "ccew",
        "companies-house",
    }


def test_refresh_updates_what_only_the_register_set(tmp_path, postcodes):
    run(write_file(tmp_path / "first" / WHOLE))
    newer = changed(default_rows(), "4123456", **{"RegAddress.AddressLine1": "3 PENTON RISE"})
    summary = run(
        write_file(tmp_path / "second" / "BasicCompanyDataAsOneFile-2026-12-01.csv", newer)
    )
    befriending = Organisation.objects.get(name_en="Islington Befriending Scheme")
    assert befriending.address_1 == "3 Penton Rise"
    assert "1 updated" in summary and "4 unchanged" in summary
    assert not OrganisationSuggestion.objects.exists()
    record = RegisterRecord.objects.get(identifier="GB-COH-04123456")
    assert record.extract_date.isoformat() == "2026-12-01"
    reason = befriending.history.first().history_change_reason
    assert reason == "From the Companies House register, extract of 2026-12-01"


def test_refresh_never_overwrites_a_community_correction(tmp_path, postcodes):
    run(write_file(tmp_path / "first" / WHOLE))
    befriending = Organisation.objects.get(name_en="Islington Befriending Scheme")
    befriending.address_1 = "Unit 2, 2 Penton Rise"  # a member's correction, approved
    befriending.save()
    newer = changed(default_rows(), "4123456", **{"RegAddress.AddressLine1": "3 PENTON RISE"})
    summary = run(write_file(tmp_path / "second" / WHOLE, newer))
    befriending.refresh_from_db()
    assert befriending.address_1 == "Unit 2, 2 Penton Rise"
    suggestion = OrganisationSuggestion.objects.get(organisation=befriending)
    assert suggestion.changes == {"address_1": "3 Penton Rise"}
    assert suggestion.author is None and "Companies House" in suggestion.reason
    assert "1 suggested" in summary
    run(write_file(tmp_path / "third" / WHOLE, newer))  # the same extract again
    assert OrganisationSuggestion.objects.count() == 1


def test_a_company_we_list_that_is_dissolved_or_in_liquidation_is_flagged(tmp_path, postcodes):
    run(write_file(tmp_path / "first" / WHOLE))
    newer = changed(
        default_rows(), "4123456", CompanyStatus="Dissolved", DissolutionDate="20/11/2026"
    )
    changed(newer, "06543210", CompanyStatus="Liquidation")
    summary = run(
        write_file(tmp_path / "second" / WHOLE, newer), args=["--extract-date", "2026-12-01"]
    )
    assert "2 flagged for review" in summary
    befriending = Organisation.objects.get(name_en="Islington Befriending Scheme")
    assert befriending.is_published  # flagged for a moderator, not deleted or hidden
    assert RegisterRecord.objects.get(identifier="GB-COH-04123456").removed_on.isoformat() == (
        "2026-11-20"
    )
    report = ProblemReport.objects.get(organisation=befriending)
    assert report.topic == "closed" and "removed on 2026-11-20" in report.message
    # In liquidation, with no date: the extract's.
    sports = RegisterRecord.objects.get(identifier="GB-COH-06543210")
    assert sports.removed_on.isoformat() == "2026-12-01"
    assert ProblemReport.objects.count() == 2


def test_a_company_gone_from_a_whole_extract_is_flagged_but_not_from_a_part(tmp_path, postcodes):
    run(write_file(tmp_path / "first" / WHOLE))
    newer = [row for row in default_rows() if row["CompanyNumber"] != "06543210"]
    # One part of two says nothing about the companies in the other.
    run(write_file(tmp_path / "part" / "BasicCompanyData-2026-12-01-part1_2.csv", newer))
    assert not ProblemReport.objects.exists()
    summary = run(
        write_file(tmp_path / "whole" / "BasicCompanyDataAsOneFile-2026-12-01.csv", newer)
    )
    assert "1 flagged for review" in summary
    record = RegisterRecord.objects.get(identifier="GB-COH-06543210")
    assert record.removed_on.isoformat() == "2026-12-01"
    assert ProblemReport.objects.get().organisation == record.organisation


def test_dry_run_reports_and_writes_nothing(tmp_path, postcodes):
    summary = run(write_file(tmp_path / WHOLE), args=["--dry-run"])
    assert "Would import the Companies House register (extract of 2026-11-01)" in summary
    assert "5 new" in summary
    assert not Organisation.objects.exists() and not RegisterRecord.objects.exists()


def test_a_bad_row_is_named_by_its_line_and_nothing_is_written(tmp_path, postcodes):
    rows = default_rows()
    rows.insert(2, company("BROKEN NUMBER CIC", "12-34", CIC, postcode="E1 6AN"))
    message = failing(write_file(tmp_path / WHOLE, rows))
    assert f"{WHOLE} line 4: CompanyNumber: “12-34” is not valid for GB-COH" in message
    assert not Organisation.objects.exists() and not RegisterRecord.objects.exists()


def test_several_parts_are_read_as_one_file(tmp_path, postcodes):
    rows = default_rows()
    first = write_file(tmp_path / "BasicCompanyData-2026-10-01-part1_2.csv", rows[:3])
    second = write_file(tmp_path / "BasicCompanyData-2026-10-01-part2_2.csv", rows[3:])
    summary = run(second, first)  # in any order: read by part number
    assert set(Organisation.objects.values_list("name_en", flat=True)) == LISTED
    assert "5 new" in summary and "(extract of 2026-10-01)" in summary
    assert RegisterRecord.objects.filter(extract_date="2026-10-01").count() == 5


def test_a_bad_row_in_a_later_part_is_named_in_that_part(tmp_path, postcodes):
    rows = default_rows()
    broken = company("BROKEN NUMBER CIC", "ABC", CIC, postcode="E1 6AN")
    write_file(tmp_path / "BasicCompanyData-2026-10-01-part1_2.csv", rows[:3])
    write_file(tmp_path / "BasicCompanyData-2026-10-01-part2_2.csv", [rows[3], broken])
    message = failing(tmp_path)  # the folder: its parts, in order
    assert "BasicCompanyData-2026-10-01-part2_2.csv line 3: CompanyNumber" in message
    assert not Organisation.objects.exists()


def test_the_downloaded_zip_files_are_read(tmp_path, postcodes):
    csv_path = write_file(tmp_path / "BasicCompanyData-2026-10-01-part1_1.csv")
    archive = tmp_path / "BasicCompanyData-2026-10-01-part1_1.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(csv_path, csv_path.name)
    csv_path.unlink()
    assert "5 new" in run(archive)
    assert Organisation.objects.count() == 5


def test_extract_date_from_the_option_else_the_name_else_the_file(tmp_path, postcodes):
    named = write_file(tmp_path / WHOLE)
    assert "(extract of 2026-11-01)" in run(named, args=["--dry-run"])
    chosen = run(named, args=["--extract-date", "2026-10-15", "--dry-run"])
    assert "(extract of 2026-10-15)" in chosen
    plain = write_file(tmp_path / "london-companies.csv")
    os.utime(plain, (1_790_000_000, 1_790_000_000))  # 2026-09-21
    assert "(extract of 2026-09-21)" in run(plain, args=["--dry-run"])


def test_files_from_different_extracts_are_refused(tmp_path, postcodes):
    first = write_file(tmp_path / "BasicCompanyData-2026-10-01-part1_2.csv")
    second = write_file(tmp_path / "BasicCompanyData-2026-11-01-part2_2.csv")
    assert "different extracts (2026-10-01, 2026-11-01)" in failing(first, second)


def test_a_file_without_the_columns_is_refused(tmp_path, postcodes):
    path = tmp_path / WHOLE
    path.write_text('CompanyName,CompanyNumber\n"A CIC","1"\n', encoding="utf-8")
    assert f"{WHOLE} line 1: no RegAddress.PostCode, CompanyCategory" in failing(path)


def test_postcodes_are_looked_up_a_chunk_at_a_time(tmp_path, postcodes, monkeypatch):
    looked_up = []
    boroughs_of = companies_house.CharityCommission._boroughs_of
    monkeypatch.setattr(companies_house, "CHUNK", 2)
    monkeypatch.setattr(
        companies_house.CharityCommission,
        "_boroughs_of",
        staticmethod(lambda codes: looked_up.append(len(codes)) or boroughs_of(codes)),
    )
    run(write_file(tmp_path / WHOLE))
    assert set(Organisation.objects.values_list("name_en", flat=True)) == LISTED
    # Six rows reach the postcode check (five in London, one in Birmingham): 2 + 2 + 2.
    assert looked_up == [2, 2, 2]


@pytest.mark.parametrize("number", ["09506232", "SC123456", "RS007965", "IP29024R", "OC301540"])
def test_company_numbers_of_every_kind_are_valid_org_ids(number):
    from directory.validators import validate_org_id_identifier

    validate_org_id_identifier("GB-COH", number)


@pytest.mark.parametrize("number", ["9506232", "SC12345", "S1234567", "ABC12345", "IP2902R8"])
def test_malformed_company_numbers_are_refused(number):
    from django.core.exceptions import ValidationError

    from directory.validators import validate_org_id_identifier

    with pytest.raises(ValidationError):
        validate_org_id_identifier("GB-COH", number)
