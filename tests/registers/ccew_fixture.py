"""A tiny Charity Commission register extract, in the published layouts (JSON arrays, and
tab-separated text with a header row), with synthetic charities.

Column names are those of the Commission's extract; every value is made up.
"""

import csv
import json
from pathlib import Path

CHARITY_COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name",
    "charity_type",
    "charity_registration_status",
    "date_of_registration",
    "date_of_removal",
    "charity_reporting_status",
    "latest_acc_fin_period_start_date",
    "latest_acc_fin_period_end_date",
    "latest_income",
    "latest_expenditure",
    "charity_contact_address1",
    "charity_contact_address2",
    "charity_contact_address3",
    "charity_contact_address4",
    "charity_contact_address5",
    "charity_contact_postcode",
    "charity_contact_phone",
    "charity_contact_email",
    "charity_contact_web",
    "charity_company_registration_number",
    "charity_insolvent",
    "charity_in_administration",
    "charity_previously_excepted",
    "charity_is_cdf_or_cif",
    "charity_is_cio",
    "cio_is_dissolved",
    "date_cio_dissolution_notice",
    "charity_activities",
    "charity_gift_aid",
    "charity_has_land",
]
AREA_COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "geographic_area_type",
    "geographic_area_description",
    "parent_geographic_area_type",
    "parent_geographic_area_description",
    "welsh_ind",
]
CLASSIFICATION_COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "classification_code",
    "classification_type",
    "classification_description",
]
OTHER_NAME_COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name_id",
    "charity_name_type",
    "charity_name",
]
TRUSTEE_COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "trustee_id",
    "trustee_name",
    "trustee_is_chair",
    "individual_or_organisation",
    "trustee_date_of_appointment",
]
EXTRACT = "2026-11-01T00:00:00"
TRUSTEE_NAME = "Jane Quillfeather-Trusteeperson"


def charity(org, number, name, *, linked=0, status="Registered", **values):
    row = dict.fromkeys(CHARITY_COLUMNS)
    row.update(
        date_of_extract=EXTRACT,
        organisation_number=org,
        registered_charity_number=number,
        linked_charity_number=linked,
        charity_name=name,
        charity_type="Trust",
        charity_registration_status=status,
        date_of_registration="2001-05-01T00:00:00",
        charity_insolvent=False,
        charity_in_administration=False,
        charity_is_cio=False,
    )
    row.update(values)
    return row


def area(org, number, kind, description, parent_kind=None, parent=None):
    return {
        "date_of_extract": EXTRACT,
        "organisation_number": org,
        "registered_charity_number": number,
        "linked_charity_number": 0,
        "geographic_area_type": kind,
        "geographic_area_description": description,
        "parent_geographic_area_type": parent_kind,
        "parent_geographic_area_description": parent,
        "welsh_ind": False,
    }


def classification(org, number, kind, code, description):
    return {
        "date_of_extract": EXTRACT,
        "organisation_number": org,
        "registered_charity_number": number,
        "linked_charity_number": 0,
        "classification_code": code,
        "classification_type": kind,
        "classification_description": description,
    }


def default_tables():
    """The extract: London charities, and the ones a London directory leaves out."""
    charities = [
        charity(
            101,
            1100001,
            "HACKNEY FOOD BANK",
            charity_contact_address1="Unit 3",
            charity_contact_address2="12 Mare Street",
            charity_contact_address3="London",
            charity_contact_postcode="e8 1dy",
            charity_contact_phone="020 7946 0001",
            charity_contact_email="Hello@HackneyFood.example.org",
            charity_contact_web="www.hackneyfood.example.org",
            charity_company_registration_number="9506232",
            charity_type="Charitable company",
            charity_activities="Food parcels and hot meals for anyone in Hackney who needs them.",
        ),
        charity(
            102,
            1100002,
            "Westminster Advice Trust",
            charity_contact_postcode="SW1A 1AA",
            charity_contact_web="not a web address",
            charity_activities="Free advice on benefits, debt and housing.",
        ),
        charity(
            103,
            1100003,
            "London Wide Carers CIO",
            charity_is_cio=True,
            charity_type="CIO",
            charity_activities="Support for unpaid carers across London.",
        ),
        charity(104, 1100001, "HACKNEY FOOD BANK SHOP", linked=1),
        charity(
            105,
            1100005,
            "Old Hackney Lads Club",
            status="Removed",
            date_of_removal="2019-03-31T00:00:00",
        ),
        charity(106, 1100006, "Birmingham Books", charity_contact_postcode="B1 1AA"),
        charity(
            107,
            1100007,
            "Whitechapel Reading Room",
            charity_contact_postcode="E1 6AN",
            charity_activities="A free reading room and homework club.",
        ),
        charity(108, 1100008, "Hackny Typo Trust"),
    ]
    areas = [
        area(101, 1100001, "Local Authority", "Hackney", "Region", "London"),
        area(102, 1100002, "Local Authority", "City Of Westminster", "Region", "London"),
        area(103, 1100003, "Region", "Throughout London", "Country", "England"),
        area(105, 1100005, "Local Authority", "Hackney", "Region", "London"),
        area(106, 1100006, "Local Authority", "Birmingham City", "Region", "West Midlands"),
        area(108, 1100008, "Local Authority", "Hackny", "Region", "London"),
    ]
    classifications = [
        classification(101, 1100001, "What", 105, "The Prevention Or Relief Of Poverty"),
        classification(101, 1100001, "Who", 202, "Elderly/old People"),
        classification(101, 1100001, "How", 307, "Provides Advocacy/advice/information"),
        classification(102, 1100002, "How", 307, "Provides Advocacy/advice/information"),
        classification(103, 1100003, "Who", 206, "Other Defined Groups"),
    ]
    other_names = [
        {
            "date_of_extract": EXTRACT,
            "organisation_number": 101,
            "registered_charity_number": 1100001,
            "linked_charity_number": 0,
            "charity_name_id": 1,
            "charity_name_type": "Working Name",
            "charity_name": "Hackney Foodbank",
        }
    ]
    trustees = [
        {
            "date_of_extract": EXTRACT,
            "organisation_number": 101,
            "registered_charity_number": 1100001,
            "linked_charity_number": 0,
            "trustee_id": 9,
            "trustee_name": TRUSTEE_NAME,
            "trustee_is_chair": True,
            "individual_or_organisation": "P",
            "trustee_date_of_appointment": "2020-01-01T00:00:00",
        }
    ]
    return {
        "charity": (CHARITY_COLUMNS, charities),
        "charity_area_of_operation": (AREA_COLUMNS, areas),
        "charity_classification": (CLASSIFICATION_COLUMNS, classifications),
        "charity_other_names": (OTHER_NAME_COLUMNS, other_names),
        "charity_trustee": (TRUSTEE_COLUMNS, trustees),
    }


def _txt(value):
    if value is None:
        return ""
    if value is True or value is False:
        return str(value)
    return str(value)


def write_extract(folder: Path, form: str = "json", tables=None) -> Path:
    """Write the tables as the Commission publishes them; ``form`` is json or txt."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, (columns, rows) in (tables or default_tables()).items():
        path = folder / f"publicextract.{table}.{form}"
        if form == "json":
            # The published JSON starts with a byte-order mark.
            path.write_text("\ufeff" + json.dumps(rows, indent=1), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter="\t", lineterminator="\r\n")
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([_txt(row.get(column)) for column in columns])
    return folder
