"""The Frictionless Data Package, and the CSV validated against it (offline)."""

import copy
import json

import pytest
from django.conf import settings
from frictionless import Package

from directory.models import Organisation
from directory.open_data.columns import HEADER

from .conftest import CSV_URL, DATAPACKAGE_URL, parse_csv, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def descriptor(client):
    response = client.get(DATAPACKAGE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def _local_package(descriptor: dict, csv_body: bytes, tmp_path) -> Package:
    """The descriptor with its organisations resource pointed at a local copy of the CSV
    (and only that one: test_removals.py validates the other, never over the network)."""
    (tmp_path / "organisations.csv").write_bytes(csv_body)
    local = copy.deepcopy(descriptor)
    local["resources"] = local["resources"][:1]
    local["resources"][0]["path"] = "organisations.csv"
    return Package(local, basepath=str(tmp_path))


def _errors(report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_descriptor_states_licence_sources_and_resource(descriptor):
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["name"] == "the-way-ahead-organisations"
    assert descriptor["title"] and descriptor["description"]
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    sources = " ".join(source["title"] for source in descriptor["sources"])
    assert "community" in sources
    assert "Office for National Statistics" in sources
    assert "Open Government Licence v3.0" in sources
    # The postcode data's own attribution, as its licence requires.
    assert "Contains OS data © Crown copyright and database right" in sources
    assert "Contains Royal Mail data © Royal Mail copyright and database right" in sources
    assert {c["role"] for c in descriptor["contributors"]} == {"author", "publisher"}

    resource, removals = descriptor["resources"]
    # Absolute, built from the request: Frictionless rejects "/data/organisations.csv".
    assert resource["path"] == "http://testserver/data/organisations.csv"
    assert removals["name"] == "removals"
    assert removals["path"] == "http://testserver/data/removals.csv"
    assert resource["profile"] == "tabular-data-resource"
    assert resource["format"] == "csv"
    assert resource["mediatype"] == "text/csv"
    assert resource["encoding"] == "utf-8"


def test_schema_describes_every_column(descriptor):
    schema = descriptor["resources"][0]["schema"]
    fields = {field["name"]: field for field in schema["fields"]}

    assert schema["primaryKey"] == "id"
    assert all(field["type"] and field["description"] for field in schema["fields"])
    assert fields["id"]["constraints"] == {"required": True, "unique": True}
    assert fields["status"]["constraints"]["enum"] == ["active", "temporarily_closed"]
    assert fields["legal_form"]["constraints"]["enum"] == list(Organisation.LegalForm.values)
    assert fields["serves_all_london"]["type"] == "boolean"
    assert fields["updated_at"]["type"] == fields["last_confirmed_at"]["type"] == "datetime"


def test_schema_field_names_equal_the_csv_header(client, descriptor, directory_data):
    header, _rows = parse_csv(read(client.get(CSV_URL)))
    names = [field["name"] for field in descriptor["resources"][0]["schema"]["fields"]]
    assert names == header == HEADER


def test_descriptor_is_a_valid_data_package(descriptor):
    report = Package.validate_descriptor(descriptor)
    assert report.valid, _errors(report)


def test_csv_validates_against_the_datapackage(client, descriptor, directory_data, tmp_path):
    body = read(client.get(CSV_URL))
    package = _local_package(descriptor, body, tmp_path)

    report = package.validate()

    assert report.valid, _errors(report)
    assert report.tasks[0].stats["rows"] == Organisation.objects.public().count() == 2


@pytest.mark.parametrize(
    ("change", "error_type"),
    [
        (lambda rows: rows + [rows[-1]], "primary-key"),
        (lambda rows: [{**rows[0], "status": "closed"}, *rows[1:]], "constraint-error"),
        (lambda rows: [{**rows[0], "updated_at": "yesterday"}, *rows[1:]], "type-error"),
        (lambda rows: [{**rows[0], "serves_all_london": "maybe"}, *rows[1:]], "type-error"),
        (lambda rows: [{**rows[0], "name": ""}, *rows[1:]], "constraint-error"),
    ],
)
def test_validation_catches_a_broken_csv(
    client, descriptor, directory_data, tmp_path, change, error_type
):
    """The check above has teeth: the same schema rejects bad rows."""
    import csv
    import io

    header, rows = parse_csv(read(client.get(CSV_URL)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(change(rows))
    package = _local_package(descriptor, out.getvalue().encode(), tmp_path)

    report = package.validate()

    assert not report.valid
    assert error_type in {error[2] for error in _errors(report)}


def test_datapackage_is_cacheable_and_open_to_other_origins(client, db):
    response = client.get(DATAPACKAGE_URL, headers={"Origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    assert response["Link"] == f'<{settings.OPEN_DATA_LICENCE["path"]}>; rel="license"'
    again = client.get(DATAPACKAGE_URL, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
