"""The Frictionless Data Package (https://specs.frictionlessdata.io/) describing the CSV."""

from django.conf import settings

from ..changes import REASONS
from ..postcodes import ATTRIBUTION, SOURCE_URL
from .columns import COLUMNS, MULTI_VALUE_SEPARATOR

PACKAGE_NAME = "the-way-ahead-organisations"
TITLE = "The Way Ahead: London's civil-society organisations"
SOURCE_TITLE = "The Way Ahead: London's civil-society directory, kept up to date by the community"


def dataset_source() -> dict:
    return {"title": SOURCE_TITLE, "path": settings.SITE_URL + "/"}


REMOVAL_FIELDS = [
    {
        "name": "id",
        "type": "string",
        "format": "uuid",
        "description": "The id the organisation had in organisations.csv and the API.",
        "constraints": {"required": True, "unique": True},
    },
    {
        "name": "removed_at",
        "type": "datetime",
        "description": "When it left the public set (UTC, ISO 8601).",
        "constraints": {"required": True},
    },
    {
        "name": "reason",
        "type": "string",
        "description": (
            "Why: unpublished, merged (into merged_into), closed, removed_from_register "
            "(the register removed it and a moderator took it down) or deleted."
        ),
        "constraints": {"required": True, "enum": list(REASONS)},
    },
    {
        "name": "merged_into",
        "type": "string",
        "format": "uuid",
        "description": "For a merge: the id of the organisation it became (in organisations.csv).",
    },
]


def datapackage_descriptor(*, csv_path: str, removals_path: str) -> dict:
    """The package descriptor; ``csv_path`` is where the CSV is read from, and
    ``removals_path`` where the removals are.

    Give an absolute URL (or a path relative to the descriptor, such as
    ``organisations.csv``): Frictionless rejects rooted paths like ``/data/...``.
    """
    licence = dict(settings.OPEN_DATA_LICENCE)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": TITLE,
        "description": (
            "Every published, open listing in The Way Ahead directory of London's "
            "civil-society organisations: charities, community groups, faith groups, "
            "mutual aid groups and social enterprises. Listings are suggested, edited "
            "and confirmed by the organisations and the community, and checked by "
            "moderators. Only an organisation's public contact details are included; "
            "nothing about any person. Names and descriptions are in English; the REST "
            "API carries the other languages. One row per organisation; fields holding "
            f"several values separate them with '{MULTI_VALUE_SEPARATOR}'."
        ),
        "homepage": settings.SITE_URL + "/",
        "keywords": ["London", "civil society", "charities", "community groups", "directory"],
        "licenses": [licence],
        "sources": [
            dataset_source(),
            {
                "title": (
                    "Office for National Statistics: London local authority names and "
                    "GSS codes (borough, borough_name, areas_served), under the Open "
                    "Government Licence v3.0"
                ),
                "path": "https://www.ons.gov.uk/methodology/geography/ukgeographies/administrativegeography/england",
            },
            {
                "title": (
                    "Charity Commission for England and Wales: the register of charities "
                    "(listings from its extract; each listing's source column says which), "
                    "under the Open Government Licence v3.0"
                ),
                "path": "https://register-of-charities.charitycommission.gov.uk/register/full-register-download",
            },
            {
                "title": (
                    "Companies House: basic company data (community interest companies and "
                    "other not-for-profit companies), under the Open Government Licence v3.0"
                ),
                "path": "https://download.companieshouse.gov.uk/en_output.html",
            },
            {
                "title": (
                    "ONS Postcode Directory: where each postcode is, and its borough "
                    f"(borough, for listings placed by their postcode). {ATTRIBUTION}"
                ),
                "path": SOURCE_URL,
            },
        ],
        "contributors": [
            {"title": "The Way Ahead community", "role": "author"},
            {"title": "The Way Ahead", "path": settings.SITE_URL + "/", "role": "publisher"},
        ],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "organisations",
                "title": "Organisations",
                "description": "One row per public organisation, ordered by id.",
                "path": csv_path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence],
                "schema": {
                    "fields": [column.schema_field() for column in COLUMNS],
                    "primaryKey": "id",
                    "missingValues": [""],
                },
            },
            {
                "profile": "tabular-data-resource",
                "name": "removals",
                "title": "Removals",
                "description": (
                    "Every organisation that was in the directory's public set and is not "
                    "now, oldest first: delete these ids from a copy to keep it exact. "
                    "The API's /api/v1/organisations/changes/ gives the same, as a stream."
                ),
                "path": removals_path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence],
                "schema": {
                    "fields": REMOVAL_FIELDS,
                    "primaryKey": "id",
                    "missingValues": [""],
                },
            },
        ],
    }
