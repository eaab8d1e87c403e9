"""The Frictionless Data Package (https://specs.frictionlessdata.io/) describing the CSV."""

from django.conf import settings

from ..postcodes import ATTRIBUTION, SOURCE_URL
from .columns import COLUMNS, MULTI_VALUE_SEPARATOR

PACKAGE_NAME = "the-way-ahead-organisations"
TITLE = "The Way Ahead: London's civil-society organisations"
SOURCE_TITLE = "The Way Ahead: London's civil-society directory, kept up to date by the community"


def dataset_source() -> dict:
    return {"title": SOURCE_TITLE, "path": settings.SITE_URL + "/"}


def datapackage_descriptor(*, csv_path: str) -> dict:
    """The package descriptor; ``csv_path`` is where the CSV is read from.

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
            }
        ],
    }
