"""The CSV on PostgreSQL: PostgreSQL's own ``COPY (SELECT ...) TO STDOUT`` streamed.

``copy_expert`` pushes the whole result into a file object and only returns at the end,
so it runs in a helper thread on the request's connection. Its writer gathers rows into
chunks of about COPY_CHUNK_BYTES and hands them through a queue holding at most
COPY_QUEUE_CHUNKS chunks to the response generator. The queue's bound is the
back-pressure: when the client reads slowly, COPY waits, so memory stays flat whatever
the size of the table. The SELECT gives the same columns and text as the values_list
path (export.py), byte for byte; tests compare them.
"""

import contextlib
import queue
import threading
from collections.abc import Iterator

from django.db import connections

from common.i18n import fallback_chain

from ..models import Borough, Language, Organisation, OrganisationIdentifier, TaxonomyTerm
from ..public import (
    DATE_FIELDS,
    DETAIL_FIELDS,
    DOWNLOAD_PG_DATETIME_FORMAT,
    SUMMARY_FIELDS,
    translated_columns,
)
from .columns import HEADER, MULTI_VALUE_SEPARATOR, default_licence, listing_url_prefix

# Bytes gathered before a chunk is handed over, and how many chunks may wait in the
# queue: together they bound the memory one download holds (about 0.5 MB).
COPY_CHUNK_BYTES = 64 * 1024
COPY_QUEUE_CHUNKS = 8


# The SQL below is assembled from identifiers quoted from the models' metadata and from
# fixed text; the only values (URL prefix, licence, the public() filter's parameters)
# are bound as parameters. Nothing from a request goes into it.
_SEPARATOR = "'" + MULTI_VALUE_SEPARATOR.replace("'", "''") + "'"


def _joined(expression: str) -> str:
    """string_agg in byte order, as Python's sorted() orders the values_list path."""
    return f'string_agg({expression}, {_SEPARATOR} ORDER BY {expression} COLLATE "C")'


def _m2m_aggregate(field_name: str, value_field: str, alias: str, qn, o_id: str) -> str:
    """A derived table of one many-to-many field: organisation id -> "a;b;c"."""
    m2m = Organisation._meta.get_field(field_name)
    through = qn(m2m.remote_field.through._meta.db_table)
    target = m2m.related_model._meta
    source_fk, target_fk = qn(m2m.m2m_column_name()), qn(m2m.m2m_reverse_name())
    value = f"v.{qn(target.get_field(value_field).column)}"
    target_pk = f"v.{qn(target.pk.column)}"
    derived = (
        f"SELECT t.{source_fk} AS organisation_id, {_joined(value)} AS agg"  # noqa: S608
        f" FROM {through} t JOIN {qn(target.db_table)} v ON {target_pk} = t.{target_fk}"
        f" GROUP BY t.{source_fk}"
    )
    return f"LEFT JOIN ({derived}) {alias} ON {alias}.organisation_id = {o_id}"


def copy_select_sql(using: str = "default") -> tuple[str, list]:
    """The SELECT behind the COPY, with its parameters; columns and formats as HEADER."""
    qn = connections[using].ops.quote_name
    org = Organisation._meta
    # The table keeps its own name (no alias) so that public()'s WHERE applies as is.
    o = qn(org.db_table)
    borough = Borough._meta
    ident = OrganisationIdentifier._meta

    def col(name: str, meta=org, table: str = o) -> str:
        return f"{table}.{qn(meta.get_field(name).column)}"

    def text(name: str, meta=org, table: str = o) -> str:
        # Empty text becomes NULL so that COPY writes it unquoted, as csv.writer does.
        return f"NULLIF({col(name, meta, table)}, '')"

    def when(name: str) -> str:
        return f"to_char({col(name)} AT TIME ZONE 'UTC', '{DOWNLOAD_PG_DATETIME_FORMAT}')"

    def in_english(field: str) -> str:
        # English, or the language a listing with no English yet was written in.
        columns = translated_columns([field], fallback_chain("en"))
        return "COALESCE({})".format(", ".join(text(column) for column in columns))

    select = {
        "id": col("id"),
        "org_ids": "ids.agg",
        "slug": col("slug"),
        **{field: in_english(field) for field in SUMMARY_FIELDS},
        **{field: text(field) for field in DETAIL_FIELDS},
        "borough": text("slug", borough, "b"),
        "borough_name": text("name", borough, "b"),
        "areas_served": "areas.agg",
        "serves_all_london": f"CASE WHEN {col('serves_all_london')} THEN 'true' ELSE 'false' END",
        "categories": "cats.agg",
        "beneficiaries": "bens.agg",
        "languages": "langs.agg",
        "status": col("status"),
        **{field: when(field) for field in DATE_FIELDS},
        "url": f"%s || {col('slug')} || '/'",
        "licence": f"COALESCE({text('licence')}, %s)",
    }
    if list(select) != HEADER:
        raise RuntimeError("The COPY columns must match HEADER.")

    org_id = qn(ident.get_field("org_id").column)
    ident_fk = qn(ident.get_field("organisation").column)
    identifiers = (
        f"SELECT {ident_fk} AS organisation_id, {_joined(org_id)} AS agg"  # noqa: S608
        f" FROM {qn(ident.db_table)} GROUP BY {ident_fk}"
    )
    term_slug = TaxonomyTerm._meta.get_field("slug").name
    # The filter is public()'s own WHERE, so the two paths can never disagree on who is
    # shown. (Were public() ever to need a join, this SQL would fail loudly in tests.)
    public = Organisation.objects.public().query
    public_sql, public_params = public.get_compiler(using).compile(public.where)
    columns = ", ".join(f"{expression} AS {qn(name)}" for name, expression in select.items())
    sql = " ".join(
        [
            f"SELECT {columns} FROM {o}",  # noqa: S608
            f"LEFT JOIN {qn(borough.db_table)} b ON b.{qn(borough.pk.column)} = {col('borough')}",
            f"LEFT JOIN ({identifiers}) ids ON ids.organisation_id = {col('id')}",
            _m2m_aggregate("areas_served", "slug", "areas", qn, col("id")),
            _m2m_aggregate("categories", term_slug, "cats", qn, col("id")),
            _m2m_aggregate("beneficiaries", term_slug, "bens", qn, col("id")),
            _m2m_aggregate(
                "languages", Language._meta.get_field("code").name, "langs", qn, col("id")
            ),
            f"WHERE {public_sql}",
            f"ORDER BY {col('id')}",
        ]
    )
    return sql, [listing_url_prefix(), default_licence(), *public_params]


def copy_sql(using: str = "default") -> str:
    """The full ``COPY (SELECT ...) TO STDOUT WITH CSV HEADER`` statement, literals bound."""
    connection = connections[using]
    select, params = copy_select_sql(using)
    select = connection.ops.compose_sql(select, params)
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)"


_DONE = object()


class _ChunkWriter:
    """The file object COPY writes into: gathers rows into chunks for a bounded queue.

    Once the download is abandoned (``discard`` set), rows are dropped so that COPY can
    run to its end and leave the connection clean; cancelling a query on a shared
    connection could instead hit whatever query runs next.
    """

    def __init__(self, chunks: queue.Queue, discard: threading.Event):
        self.chunks = chunks
        self.discard = discard
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> None:
        if self.discard.is_set():
            return
        self.parts.append(data if isinstance(data, bytes) else bytes(data))
        self.size += len(data)
        if self.size >= COPY_CHUNK_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.parts and not self.discard.is_set():
            self.chunks.put(b"".join(self.parts))
        self.parts = []
        self.size = 0


def iter_csv_copy(using: str = "default") -> Iterator[bytes]:
    """The CSV straight from PostgreSQL's COPY, in chunks of about COPY_CHUNK_BYTES.

    COPY runs in a helper thread on this request's connection (nothing else uses the
    connection while the response streams). At most COPY_QUEUE_CHUNKS chunks wait in
    the queue; when it is full COPY blocks, so memory does not grow with the table.
    """
    connection = connections[using]
    statement = copy_sql(using)
    connection.ensure_connection()
    cursor = connection.cursor()
    chunks: queue.Queue = queue.Queue(maxsize=COPY_QUEUE_CHUNKS)
    discard = threading.Event()
    writer = _ChunkWriter(chunks, discard)

    def run() -> None:
        try:
            # Django's debug cursor logs the COPY like any other query.
            with connection.wrap_database_errors:
                cursor.copy_expert(statement, writer)
            writer.flush()
            chunks.put(_DONE)
        except BaseException as error:  # handed to the response generator
            chunks.put(error)

    thread = threading.Thread(target=run, name="open-data-copy", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        if thread.is_alive():
            discard.set()
            # Keep draining so the writer never blocks, until COPY has finished.
            while thread.is_alive():
                with contextlib.suppress(queue.Empty):
                    chunks.get(timeout=0.05)
        thread.join()
        cursor.close()
