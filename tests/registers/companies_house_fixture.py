"""A tiny Companies House basic company data file, in the published layout (every field
quoted, a header row with a leading space on some names), with synthetic companies.

Column names are those of Companies House's file; every value is made up. Postcodes are
those of tests/fixtures/postcodes/onspd_sample.csv.
"""

import csv
from pathlib import Path

HEADER = [
    "CompanyName",
    " CompanyNumber",
    "RegAddress.CareOf",
    "RegAddress.POBox",
    "RegAddress.AddressLine1",
    " RegAddress.AddressLine2",
    "RegAddress.PostTown",
    "RegAddress.County",
    "RegAddress.Country",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
    "CountryOfOrigin",
    "DissolutionDate",
    "IncorporationDate",
    "Accounts.AccountRefDay",
    "Accounts.AccountRefMonth",
    "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate",
    "Accounts.AccountCategory",
    "Returns.NextDueDate",
    "Returns.LastMadeUpDate",
    "Mortgages.NumMortCharges",
    "Mortgages.NumMortOutstanding",
    "Mortgages.NumMortPartSatisfied",
    "Mortgages.NumMortSatisfied",
    "SICCode.SicText_1",
    "SICCode.SicText_2",
    "SICCode.SicText_3",
    "SICCode.SicText_4",
    "LimitedPartnerships.NumGenPartners",
    "LimitedPartnerships.NumLimPartners",
    "URI",
    *[
        name
        for n in range(1, 11)
        for name in (f"PreviousName_{n}.CONDATE", f" PreviousName_{n}.CompanyName")
    ],
    "ConfStmtNextDueDate",
    " ConfStmtLastMadeUpDate",
]
COLUMNS = [name.strip() for name in HEADER]

CIC = "Community Interest Company"
CLG = "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)"
LBG = "PRI/LBG/NSC (Private, Limited by guarantee, no share capital, use of 'Limited' exemption)"
SOCIETY = "Registered Society"
CIO = "Charitable Incorporated Organisation"
LTD = "Private Limited Company"
CARE_OF = "MS PRIYA QUILLFEATHER-CAREOF"  # a person: never to be stored


def company(name, number, category, *, postcode, sic=(), previous=(), **values):
    """One row, by column name (without the header's spaces); unnamed columns empty."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "CompanyName": name,
            "CompanyNumber": number,
            "RegAddress.PostCode": postcode,
            "RegAddress.Country": "ENGLAND",
            "CompanyCategory": category,
            "CompanyStatus": "Active",
            "CountryOfOrigin": "United Kingdom",
            "IncorporationDate": "12/03/2015",
            "Accounts.AccountRefDay": "31",
            "Accounts.AccountRefMonth": "3",
            "Accounts.NextDueDate": "31/12/2026",
            "Accounts.LastMadeUpDate": "31/03/2025",
            "Accounts.AccountCategory": "MICRO ENTITY",
            "Mortgages.NumMortCharges": "0",
            "Mortgages.NumMortOutstanding": "0",
            "Mortgages.NumMortPartSatisfied": "0",
            "Mortgages.NumMortSatisfied": "0",
            "SICCode.SicText_1": "None Supplied",
            "LimitedPartnerships.NumGenPartners": "0",
            "LimitedPartnerships.NumLimPartners": "0",
            "URI": f"http://business.data.gov.uk/id/company/{number}",
            "ConfStmtNextDueDate": "26/03/2027",
            "ConfStmtLastMadeUpDate": "12/03/2026",
        }
    )
    for n, text in enumerate(sic, start=1):
        row[f"SICCode.SicText_{n}"] = text
    for n, previous_name in enumerate(previous, start=1):
        row[f"PreviousName_{n}.CONDATE"] = "01/06/2019"
        row[f"PreviousName_{n}.CompanyName"] = previous_name
    row.update(values)
    return row


def default_rows():
    """London's community companies, and the ones a London directory leaves out."""
    return [
        company(
            "BETHNAL GREEN YOUTH THEATRE CIC",
            "10234567",
            CIC,
            postcode="E2 7DG",
            sic=("90010 - Performing arts", "85520 - Cultural education"),
            previous=("BETHNAL GREEN DRAMA CLUB CIC",),
            **{
                "RegAddress.CareOf": CARE_OF,
                "RegAddress.AddressLine1": "THE OLD LIBRARY",
                "RegAddress.AddressLine2": "14 CAMBRIDGE HEATH ROAD",
                "RegAddress.PostTown": "LONDON",
            },
        ),
        company(
            "ISLINGTON BEFRIENDING SCHEME",
            "4123456",  # as other registers write it: without the leading zero
            CLG,
            postcode="n19gu",
            sic=(
                "88100 - Social work activities without accommodation for the elderly and disabled",
                "88990 - Other social work activities without accommodation n.e.c.",
            ),
            **{"RegAddress.AddressLine1": "2 Penton Rise", "RegAddress.PostTown": "London"},
        ),
        company(
            "NEWHAM SPORTS TRUST",
            "06543210",
            LBG,
            postcode="E20 9ZZ",
            sic=("93120 - Activities of sport clubs",),
            **{"RegAddress.AddressLine1": "1 STADIUM WAY", "RegAddress.PostTown": "LONDON"},
        ),
        company(
            "CITY FOOD CO-OPERATIVE LIMITED",
            "IP031245",
            SOCIETY,
            postcode="EC1Y 8ZZ",
            **{"RegAddress.AddressLine1": "5 CHISWELL STREET", "RegAddress.PostTown": "LONDON"},
        ),
        company(
            "WHITECHAPEL INTERFAITH FORUM",
            "CE012345",
            CIO,
            postcode="E1 6AN",
            sic=("94910 - Activities of religious organizations",),
            **{"RegAddress.AddressLine1": "40 WHITECHAPEL ROAD", "RegAddress.PostTown": "LONDON"},
        ),
        # Left out: limited by guarantee, but not for a community purpose.
        company(
            "ADMIRALTY MANSIONS MANAGEMENT COMPANY LIMITED",
            "07000001",
            CLG,
            postcode="SW1A 1AA",
            sic=("98000 - Residents property management",),
        ),
        company(
            "LONDON TRADERS ASSOCIATION",
            "07000002",
            CLG,
            postcode="SW1A 1AA",
            sic=("94110 - Activities of business and employers membership organizations",),
        ),
        company(
            "SLEEPY SHELF COMPANY",
            "07000003",
            LBG,
            postcode="E1 6AN",
            sic=("99999 - Dormant Company",),
        ),
        # Left out: a private company limited by shares, whatever it does.
        company(
            "HACKNEY CARE CONSULTING LTD",
            "07000004",
            LTD,
            postcode="E1 6AN",
            sic=("88990 - Other social work activities without accommodation n.e.c.",),
        ),
        # Left out: dissolved, and in liquidation.
        company(
            "BOW ARTS COLLECTIVE CIC",
            "07000005",
            CIC,
            postcode="E2 7DG",
            CompanyStatus="Dissolved",
            DissolutionDate="15/08/2026",
        ),
        company(
            "POPLAR YOUTH PROJECT",
            "07000006",
            CLG,
            postcode="E1 6AN",
            sic=("88990 - Other social work activities without accommodation n.e.c.",),
            CompanyStatus="Liquidation",
        ),
        # Left out: outside London.
        company(
            "BIRMINGHAM BOOK CLUB CIC",
            "07000007",
            CIC,
            postcode="B1 1AA",
            sic=("90030 - Artistic creation",),
        ),
    ]


def write_file(path: Path, rows=None) -> Path:
    """Write ``rows`` (default: ``default_rows()``) as Companies House publishes them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in default_rows() if rows is None else rows:
            writer.writerow([row.get(column, "") for column in COLUMNS])
    return path


def changed(rows, number, **values):
    """``rows`` with one company's columns (by name, without spaces) changed."""
    for row in rows:
        if row["CompanyNumber"] == number:
            row.update(values)
    return rows
