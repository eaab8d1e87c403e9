"""PostgreSQL only: the CSV is streamed from COPY, and matches the values_list path."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from directory.models import Organisation
from directory.open_data import export, pg_copy
from tests.factories import IdentifierFactory, OrganisationFactory, category, language

from .conftest import CSV_URL, HIDDEN_MARKER, parse_csv, read

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not export.uses_copy(), reason="the COPY path runs on PostgreSQL (psycopg2) only"
    ),
]


def _copy_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "open-data-copy"]


def test_csv_download_is_postgresql_copy(client, directory_data):
    with CaptureQueriesContext(connection) as captured:
        body = read(client.get(CSV_URL))

    statements = [query["sql"] for query in captured]
    copies = [sql for sql in statements if sql.startswith("COPY (SELECT")]
    assert len(copies) == 1
    assert copies[0].endswith("TO STDOUT WITH (FORMAT csv, HEADER true)")
    # Besides COPY, only the aggregate behind the ETag ran: no SELECT of the rows.
    others = [sql for sql in statements if sql not in copies]
    assert len(others) == 1 and "MAX(" in others[0]
    _header, rows = parse_csv(body)
    assert len(rows) == 2
    assert HIDDEN_MARKER.encode() not in body


def test_copy_and_values_list_paths_give_identical_bytes(directory_data):
    # Awkward values too: quotes, commas, newlines, a lone carriage return, non-Latin text.
    OrganisationFactory(
        name_en="Line\rbreak",
        description_en='Says "hi", then\nleaves; ok',
        address_2='Flat 2, Block "B"',
        categories=[category("food"), category("legal")],
        languages=[language("bn"), language("pl"), language("ar")],
    )
    for n in range(30):
        organisation = OrganisationFactory(name_en=f"Bulk {n}", description_en=f"Row {n}")
        if n % 3 == 0:
            IdentifierFactory(organisation=organisation)

    copied = b"".join(pg_copy.iter_csv_copy())
    chunked = b"".join(export.iter_csv_chunked(chunk_size=7))

    assert copied == chunked
    _header, rows = parse_csv(copied)
    assert len(rows) == Organisation.objects.public().count() == 33


def test_copy_streams_in_bounded_chunks(db, monkeypatch):
    monkeypatch.setattr(pg_copy, "COPY_CHUNK_BYTES", 1024)
    monkeypatch.setattr(pg_copy, "COPY_QUEUE_CHUNKS", 2)
    OrganisationFactory.create_batch(60)

    pieces = list(pg_copy.iter_csv_copy())

    assert len(pieces) > 5
    # A chunk closes at the first row that takes it past the limit.
    longest_row = max(len(line) for line in b"".join(pieces).splitlines(keepends=True))
    assert max(len(piece) for piece in pieces) < 1024 + longest_row
    assert not _copy_threads()


def test_abandoned_download_leaves_the_connection_usable(db, monkeypatch):
    """A client that goes away mid-download: COPY finishes, the thread ends, and the
    connection answers the next query."""
    monkeypatch.setattr(pg_copy, "COPY_CHUNK_BYTES", 256)
    monkeypatch.setattr(pg_copy, "COPY_QUEUE_CHUNKS", 1)
    OrganisationFactory.create_batch(80)

    stream = pg_copy.iter_csv_copy()
    first = next(stream)
    assert first.startswith(b"id,org_ids,slug")
    stream.close()

    assert not _copy_threads()
    assert Organisation.objects.public().count() == 80


def test_copy_error_reaches_the_response_stream(db, monkeypatch):
    monkeypatch.setattr(pg_copy, "copy_sql", lambda using="default": "COPY (SELECT nope) TO STDOUT")
    with pytest.raises(DatabaseError), transaction.atomic():
        list(pg_copy.iter_csv_copy())
    assert not _copy_threads()
    assert Organisation.objects.count() == 0
