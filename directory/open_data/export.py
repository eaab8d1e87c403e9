"""The bulk export of public organisations, chunk by chunk, as CSV or JSON.

Only ``Organisation.objects.public()`` rows (published and not closed) are ever read, and
only listing data: the organisation's own public email, phone and website, never anything
about a person.

Rows come from ``values_list`` through ``.iterator(chunk_size=...)``, with every
many-to-many value of a chunk fetched in one query, so the query count grows with
chunks, never with rows. This serves the JSON everywhere and the CSV on SQLite; on
PostgreSQL the CSV is streamed from COPY instead (pg_copy.py), with the same bytes.
"""

import csv
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.psycopg_any import is_psycopg3
from django.db.models import Count, Max, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from common.batching import batched
from common.i18n import fallback_chain

from ..models import ListingChange, Organisation
from ..public import (
    DATE_FIELDS,
    DETAIL_FIELDS,
    SUMMARY_FIELDS,
    download_datetime,
    translated_columns,
)
from ..selectors import organisation_links
from . import pg_copy
from .columns import HEADER, MULTI_VALUE_SEPARATOR, default_licence, listing_url_prefix

# Rows per chunk (one many-to-many query per chunk).
CHUNK_SIZE = 2000
# Bump when the columns or their formats change, so that cached copies are refetched.
EXPORT_VERSION = "1"


# --- Freshness --------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetState:
    """What validators (ETag, Last-Modified) are computed from."""

    public_count: int
    last_modified: datetime | None
    last_change: int | None = None  # the changes feed's newest entry (deletions too)

    def etag_key(self, kind: str) -> str:
        last = self.last_modified.isoformat() if self.last_modified else "-"
        return (
            f"{EXPORT_VERSION}|{kind}|{settings.SITE_URL}|{self.public_count}|{last}"
            f"|{self.last_change}"
        )


def dataset_state() -> DatasetState:
    """One aggregate query: how many public listings, the newest change to any listing,
    and the changes feed's newest entry (which dates deletions too).

    The newest change is taken over *all* organisations (an indexed scalar subquery):
    unpublishing or closing a listing saves it and takes it out of the download, so
    Last-Modified must move then too, for clients that revalidate with
    If-Modified-Since alone.
    """
    newest_change = Organisation.objects.order_by("-updated_at").values("updated_at")[:1]
    newest_entry = ListingChange.objects.order_by("-id")[:1]
    summary = Organisation.objects.public().aggregate(
        public=Count("id"),
        last=Max(Subquery(newest_change)),
        entry=Max(Subquery(newest_entry.values("id"))),
        entry_at=Max(Subquery(newest_entry.values("at"))),
    )
    # A deleted listing leaves no row to date its removal: the feed's entry does.
    moments = [moment for moment in (summary["last"], summary["entry_at"]) if moment]
    return DatasetState(
        public_count=summary["public"],
        last_modified=max(moments) if moments else None,
        last_change=summary["entry"],
    )


# The name and description come in English (``in_english``), as ``export_<field>``.
ROW_FIELDS = (
    "id",
    "slug",
    *(f"export_{field}" for field in SUMMARY_FIELDS),
    *DETAIL_FIELDS,
    "borough__slug",
    "borough__name",
    "serves_all_london",
    "status",
    *DATE_FIELDS,
    "licence",
)


def _chunk_links(first_id: uuid.UUID, last_id: uuid.UUID) -> dict[uuid.UUID, dict[str, list]]:
    """Every many-to-many value of organisations with ids in [first, last], in one query.

    A range keeps the parameter count fixed whatever the chunk size; values of
    non-public organisations inside the range are fetched but never used.
    """
    return organisation_links(organisation_id__gte=first_id, organisation_id__lte=last_id)


def _record(row: tuple, links: dict[str, list], url_prefix: str, licence: str) -> dict:
    value = dict(zip(ROW_FIELDS, row, strict=True))
    return {
        "id": str(value["id"]),
        "org_ids": sorted(links.get("identifiers", ())),
        "slug": value["slug"],
        **{field: value[f"export_{field}"] or "" for field in SUMMARY_FIELDS},
        # Empty text is "" (a legal form, never empty, stays as stored).
        **{field: value[field] or "" for field in DETAIL_FIELDS},
        "borough": value["borough__slug"],
        "borough_name": value["borough__name"],
        "areas_served": sorted(links.get("areas_served", ())),
        "serves_all_london": bool(value["serves_all_london"]),
        "categories": sorted(links.get("categories", ())),
        "beneficiaries": sorted(links.get("beneficiaries", ())),
        "languages": sorted(links.get("languages", ())),
        "status": value["status"],
        **{field: download_datetime(value[field]) for field in DATE_FIELDS},
        "url": f"{url_prefix}{value['slug']}/",
        "licence": value["licence"] or licence,
    }


def in_english(field: str):
    """The field's English text or, for a listing with none yet, its text in the language
    it was written in (the first in the fallback order that has some)."""
    columns = translated_columns([field], fallback_chain("en"))
    return Coalesce(*(NullIf(column, Value("")) for column in columns), output_field=TextField())


def organisation_record_chunks(*, chunk_size: int | None = None) -> Iterator[Iterator[dict]]:
    """Every public organisation as export records (dicts keyed by column), in id order.

    Yields one lazy iterator per chunk of up to ``chunk_size`` rows, costing one query
    for the rows plus one per chunk for the many-to-many values.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    url_prefix = listing_url_prefix()
    licence = default_licence()
    rows = (
        Organisation.objects.public()
        .annotate(**{f"export_{field}": in_english(field) for field in SUMMARY_FIELDS})
        .order_by("id")
        .values_list(*ROW_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    for chunk in batched(rows, chunk_size):
        links = _chunk_links(chunk[0][0], chunk[-1][0])
        yield (_record(row, links.get(row[0], {}), url_prefix, licence) for row in chunk)


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return MULTI_VALUE_SEPARATOR.join(value)
    return value


class _CsvLines:
    r"""Formats rows exactly as PostgreSQL's COPY ... CSV does: minimal quoting, "\n" ends.

    csv.writer decides whether to quote from the characters of its line terminator, so
    rows are written with "\r\n" (a lone "\r" in a value is then quoted too) and the
    terminator is swapped for "\n" afterwards.
    """

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def line(self, cells: Iterable) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()[:-2] + "\n"


def iter_csv_chunked(*, chunk_size: int | None = None) -> Iterator[bytes]:
    """The CSV from ``values_list`` in chunks: one bytes piece per chunk (plus the header)."""
    lines = _CsvLines()
    yield lines.line(HEADER).encode()
    for records in organisation_record_chunks(chunk_size=chunk_size):
        yield "".join(
            lines.line([csv_cell(record[name]) for name in HEADER]) for record in records
        ).encode()


def uses_copy(using: str = "default") -> bool:
    """COPY needs PostgreSQL through psycopg2 (the project's driver); psycopg 3 has no
    ``copy_expert``, so it would get the chunked path, which is correct, only slower."""
    return connections[using].vendor == "postgresql" and not is_psycopg3


def iter_csv(using: str = "default") -> Iterator[bytes]:
    """The CSV download: COPY on PostgreSQL, chunked ``values_list`` elsewhere."""
    if uses_copy(using):
        return pg_copy.iter_csv_copy(using)
    return iter_csv_chunked()


# --- JSON ---------------------------------------------------------------------------


def iter_json(*, head: dict, chunk_size: int | None = None) -> Iterator[bytes]:
    """``{...head, "organisations": [...]}`` written piece by piece, one piece per chunk."""
    opening = json.dumps(head, ensure_ascii=False)
    yield (opening[:-1] + (", " if head else "") + '"organisations": [').encode()
    first = True
    for records in organisation_record_chunks(chunk_size=chunk_size):
        pieces = []
        for record in records:
            pieces.append(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False))
            first = False
        yield "".join(pieces).encode()
    yield b"\n]}\n"
