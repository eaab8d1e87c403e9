"""The downloads' removals file: every listing that left the public set, so that a copy
made from the downloads can be kept exact."""

import copy
import json

import pytest
from frictionless import Package

from directory import services
from tests.factories import OrganisationFactory, make_moderator

from .conftest import CSV_URL, DATAPACKAGE_URL, parse_csv, read

pytestmark = pytest.mark.django_db

REMOVALS_URL = "/data/removals.csv"


@pytest.fixture
def departures():
    moderator = make_moderator()
    stays, unpublished, merged, deleted = OrganisationFactory.create_batch(4)
    OrganisationFactory(is_published=False)  # never public: never "removed"
    services.organisation_publish(organisation=unpublished, user=moderator, published=False)
    services.organisation_merge(survivor=stays, merged=merged, user=moderator)
    deleted_id = str(deleted.pk)
    deleted.delete()
    return {
        "stays": str(stays.pk),
        "unpublished": str(unpublished.pk),
        "merged": str(merged.pk),
        "deleted": deleted_id,
    }


def test_every_departure_is_listed_with_when_and_why(client, departures):
    response = client.get(REMOVALS_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, rows = parse_csv(read(response))
    assert header == ["id", "removed_at", "reason", "merged_into"]
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {departures["unpublished"], departures["merged"], departures["deleted"]}
    assert by_id[departures["unpublished"]]["reason"] == "unpublished"
    assert by_id[departures["merged"]]["reason"] == "merged"
    assert by_id[departures["merged"]]["merged_into"] == departures["stays"]
    assert by_id[departures["deleted"]]["reason"] == "deleted"
    assert all(row["removed_at"] for row in rows)


def test_the_downloads_and_the_removals_are_a_whole_copy(client, departures):
    _header, listed = parse_csv(read(client.get(CSV_URL)))
    _header, removed = parse_csv(read(client.get(REMOVALS_URL)))
    assert {row["id"] for row in listed}.isdisjoint(row["id"] for row in removed)
    assert departures["stays"] in {row["id"] for row in listed}


def test_the_removals_validate_against_the_data_package(client, departures, tmp_path):
    descriptor = json.loads(client.get(DATAPACKAGE_URL).content)
    (tmp_path / "organisations.csv").write_bytes(read(client.get(CSV_URL)))
    (tmp_path / "removals.csv").write_bytes(read(client.get(REMOVALS_URL)))
    local = copy.deepcopy(descriptor)
    local["resources"][0]["path"] = "organisations.csv"
    local["resources"][1]["path"] = "removals.csv"
    report = Package(local, basepath=str(tmp_path)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[1].stats["rows"] == 3


def test_a_deletion_changes_the_validators(client):
    organisation = OrganisationFactory()
    first = client.get(REMOVALS_URL)
    organisation.delete()
    response = client.get(REMOVALS_URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
