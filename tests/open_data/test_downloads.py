"""The bulk CSV and JSON downloads: content, privacy, headers, caching and cost."""

import json
import re
from datetime import UTC, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from directory.models import Organisation
from directory.open_data import export
from directory.open_data.columns import COLUMNS, HEADER
from tests.factories import OrganisationFactory

from .conftest import CSV_URL, DATAPACKAGE_URL, HIDDEN_MARKER, JSON_URL, parse_csv, read

pytestmark = pytest.mark.django_db

LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
UTC_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def assert_streamed_attachment(response, content_type: str, filename: str) -> None:
    """A 200 streamed as a download named ``filename``, linking to its licence."""
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Link"] == LICENCE_LINK


def test_csv_is_a_streamed_attachment_with_the_licence(client, directory_data):
    response = client.get(CSV_URL)

    assert_streamed_attachment(response, "text/csv; charset=utf-8", "organisations.csv")
    assert response["ETag"]
    assert response["Last-Modified"].endswith("GMT")


def test_csv_has_the_header_and_only_public_organisations(client, directory_data):
    body = read(client.get(CSV_URL))
    header, rows = parse_csv(body)

    assert header == HEADER
    assert body.startswith(",".join(HEADER).encode() + b"\n")
    public_ids = {str(pk) for pk in Organisation.objects.public().values_list("id", flat=True)}
    assert {row["id"] for row in rows} == public_ids
    assert len(rows) == len(public_ids) == 2
    # Nothing of an unpublished or closed listing leaves, not even its identifiers.
    assert HIDDEN_MARKER.encode() not in body
    for hidden in ("unpublished", "closed"):
        assert str(directory_data[hidden].pk).encode() not in body
        assert directory_data[hidden].slug.encode() not in body
    assert b"secret-unpublished@example.org" not in body
    assert b"7777777" not in body


def test_csv_values(client, directory_data):
    _header, rows = parse_csv(read(client.get(CSV_URL)))
    by_slug = {row["slug"]: row for row in rows}
    full = directory_data["full"]
    full.refresh_from_db()

    row = by_slug["hackney-food-bank"]
    assert row == {
        "id": str(full.pk),
        "org_ids": "GB-CHC-1090095;GB-COH-01234567",
        "slug": "hackney-food-bank",
        "name": 'Hackney "Food", Bank',
        "description": "Food parcels, hot meals\nand advice.\r\nEvery week; all welcome.",
        "legal_form": "registered_charity",
        "website": "https://food.example.org/",
        "email": "hello@food.example.org",
        "phone": "020 7946 0000",
        "address_1": "1 Mare Street",
        "address_2": "",
        "city": "London",
        "postcode": "E8 1DY",
        "borough": "hackney",
        "borough_name": "Hackney",
        "areas_served": "hackney;islington",
        "serves_all_london": "true",
        "categories": "advice-and-advocacy;food",
        "beneficiaries": "older-people",
        "languages": "ar;pl",
        "status": "temporarily_closed",
        "last_confirmed_at": "2024-05-01T12:30:45Z",
        "updated_at": full.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "url": f"{settings.SITE_URL}/en/organisations/hackney-food-bank/",
        "licence": "CC-BY-4.0",
    }

    bare = by_slug["cafe-umlaut"]
    assert bare["name"] == "Café Ümlaut – بيت"
    assert bare["org_ids"] == bare["categories"] == bare["languages"] == ""
    assert bare["borough"] == bare["borough_name"] == bare["last_confirmed_at"] == ""
    assert bare["serves_all_london"] == "false"
    assert UTC_SECONDS.match(bare["updated_at"])


def test_json_parses_with_the_licence_and_typed_values(client, directory_data):
    response = client.get(JSON_URL)
    assert_streamed_attachment(response, "application/json", "organisations.json")
    body = read(response)
    data = json.loads(body)

    assert list(data) == ["licence", "source", "generated_at", "organisations"]
    assert data["licence"] == settings.OPEN_DATA_LICENCE
    assert data["source"]["path"] == settings.SITE_URL + "/"
    assert UTC_SECONDS.match(data["generated_at"])
    assert HIDDEN_MARKER.encode() not in body
    organisations = {org["slug"]: org for org in data["organisations"]}
    assert set(organisations) == {"hackney-food-bank", "cafe-umlaut"}
    full = organisations["hackney-food-bank"]
    assert list(full) == HEADER
    for column in COLUMNS:
        assert isinstance(full[column.name], list) is column.many, column.name
    assert full["org_ids"] == ["GB-CHC-1090095", "GB-COH-01234567"]
    assert full["categories"] == ["advice-and-advocacy", "food"]
    assert full["languages"] == ["ar", "pl"]
    assert full["areas_served"] == ["hackney", "islington"]
    assert full["serves_all_london"] is True
    assert full["licence"] == "CC-BY-4.0"
    bare = organisations["cafe-umlaut"]
    assert bare["org_ids"] == []
    assert bare["serves_all_london"] is False
    assert bare["borough"] is None
    assert bare["last_confirmed_at"] is None


def test_json_and_csv_carry_the_same_values(client, directory_data):
    _header, rows = parse_csv(read(client.get(CSV_URL)))
    organisations = json.loads(read(client.get(JSON_URL)))["organisations"]

    as_csv = [
        {name: export.csv_cell(value) for name, value in org.items()} for org in organisations
    ]
    assert as_csv == rows


def test_json_with_no_public_organisations_is_valid(client, db):
    OrganisationFactory(is_published=False)
    data = json.loads(read(client.get(JSON_URL)))
    assert data["organisations"] == []
    _header, rows = parse_csv(read(client.get(CSV_URL)))
    assert rows == []


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, DATAPACKAGE_URL])
def test_licence_link_and_cors_on_every_download(client, directory_data, url):
    response = client.get(url, headers={"Origin": "https://partner.example"})
    read(response)
    assert response.status_code == 200
    assert response["Link"] == LICENCE_LINK
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_if_none_match_gives_304_without_reading_rows(
    client, directory_data, url, django_assert_num_queries
):
    first = client.get(url)
    read(first)
    etag = first["ETag"]

    with django_assert_num_queries(1):
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Link"] == LICENCE_LINK
    assert again.content == b""


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_if_modified_since_gives_304(client, directory_data, url):
    first = client.get(url)
    read(first)
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_csv_and_json_validators_differ(client, directory_data):
    csv_etag = client.get(CSV_URL)["ETag"]
    json_etag = client.get(JSON_URL)["ETag"]
    assert csv_etag != json_etag
    assert json_etag.startswith("W/")


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_unpublishing_a_listing_changes_the_etag(client, directory_data, url):
    first = client.get(url)
    read(first)
    full = directory_data["full"]
    full.is_published = False
    full.save()

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"hackney-food-bank" not in read(again)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_last_modified_moves_when_a_listing_is_withdrawn(client, directory_data, url):
    """Clients revalidating with If-Modified-Since alone also see a withdrawal."""
    first = client.get(url)
    read(first)
    later = directory_data["full"].updated_at + timedelta(minutes=5)
    Organisation.objects.filter(pk=directory_data["full"].pk).update(
        is_published=False, updated_at=later
    )

    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(later.timestamp())
    assert b"hackney-food-bank" not in read(again)


def test_head_answers_headers_without_a_body(client, directory_data):
    response = client.head(CSV_URL)
    assert response.status_code == 200
    assert response["Link"] == LICENCE_LINK
    assert response["ETag"] == client.get(CSV_URL)["ETag"]
    assert read(response) == b""


def test_writes_are_refused(client, db):
    assert client.post(CSV_URL).status_code == 405


def _count_download_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = read(response)
    assert response.status_code == 200 and body
    return len(captured)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_query_count_does_not_grow_with_rows(client, db, url):
    OrganisationFactory.create_batch(10)
    with_ten = _count_download_queries(client, url)
    OrganisationFactory.create_batch(90)
    with_hundred = _count_download_queries(client, url)
    assert with_ten == with_hundred <= 3


def test_chunked_path_costs_one_query_per_chunk(db, monkeypatch):
    """The values_list path (SQLite's CSV, and JSON everywhere) with small chunks."""
    monkeypatch.setattr(export, "CHUNK_SIZE", 25)
    OrganisationFactory.create_batch(10)
    with CaptureQueriesContext(connection) as ten:
        body = b"".join(export.iter_csv_chunked())
    assert body.count(b"\n") == 11
    OrganisationFactory.create_batch(90)
    with CaptureQueriesContext(connection) as hundred:
        body = b"".join(export.iter_csv_chunked())
    assert body.count(b"\n") == 101
    # One query for the rows, plus one per chunk (1 for 10 rows, 4 for 100).
    assert len(ten) == 2
    assert len(hundred) == 5


def test_chunked_path_yields_piece_by_piece(db, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 10)
    OrganisationFactory.create_batch(35)
    pieces = list(export.iter_csv_chunked())
    assert len(pieces) == 1 + 4  # the header, then one piece per chunk
    assert all(isinstance(piece, bytes) for piece in pieces)
