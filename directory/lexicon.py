"""Keeping the lexicon (``SearchWord``: each word of the public listings, with how many
have it) in step with the listings.

A listing counts for the words of its folded search text (``words_of``: split on spaces,
at least ``MIN_WORD_LENGTH`` characters, no numbers) while it is public, and for none
otherwise. ``ListingWords`` remembers what each listing counts for, so ``refresh(ids)``
brings any listings in step from their rows as they are now, whatever changed and
however it was written: it reads the listings with what they count for (one query a
thousand listings) and writes only the differences, the words' counts up and down (one
statement each, however many words) and the listings' entries. Refreshing twice
changes nothing the second time.

Who calls what, in the transaction that writes the listing:

- ``directory.signals``: ``refresh`` whenever a listing's search text is refreshed (its
  save, its terms, a service), and ``forget`` when it is deleted;
- imports (``directory.resources.organisations``): ``refresh`` of the new listings, once
  the file is in (changed listings are saved one by one, through the signals);
- ``seed_bench``: ``count_new``, batch by batch, from the texts it writes;
- ``rebuild`` (``manage.py rebuild_lexicon``, and migration 0018) from scratch.

Writers that skip all of these (a raw ``.update()`` of ``search_text``, ``loaddata``)
leave the lexicon behind until ``rebuild_lexicon``; search never corrects a word that the
listings have as typed, so a lexicon behind the listings only corrects less well.

Two transactions changing the same listing are serialised by the listing's row, which
the writer has locked; ``rebuild`` locks the lexicon's tables against writers.

PostgreSQL and SQLite only: the counts are added in SQL of their dialects.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable

from django.db import connections, transaction

from common.batching import batched

from .bulk import analyse
from .models import Organisation
from .models.lexicon import MAX_WORD_LENGTH, MIN_WORD_LENGTH, ListingWords, SearchWord

BATCH_SIZE = 1000


def words_of(text: str) -> set[str]:
    """The lexicon's words of a folded search text."""
    return {
        word
        for word in (text or "").split()
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()
    }


def _public(is_published: bool, status: str) -> bool:
    return bool(is_published) and status != Organisation.Status.CLOSED


def refresh(organisation_ids: Iterable, *, using: str = "default") -> None:
    """Count these listings for the words they have now (none unless public)."""
    ids = list(dict.fromkeys(organisation_ids))
    for batch in batched(ids, BATCH_SIZE):
        rows = (
            Organisation.objects.using(using)
            .filter(pk__in=batch)
            .values_list("pk", "search_text", "is_published", "status", "lexicon_words__words")
        )
        before, after = {}, {}
        for pk, text, is_published, status, counted in rows:
            before[pk] = None if counted is None else set(counted.split())
            after[pk] = words_of(text) if _public(is_published, status) else set()
        _write(before, after, using=using)


def forget(organisation_ids: Iterable, *, using: str = "default") -> None:
    """Take back every word these listings count for (they are being deleted)."""
    ids = list(dict.fromkeys(organisation_ids))
    for batch in batched(ids, BATCH_SIZE):
        entries = ListingWords.objects.using(using).filter(organisation_id__in=batch)
        before = {pk: set(words.split()) for pk, words in entries.values_list("pk", "words")}
        _write(before, dict.fromkeys(before, set()), using=using)


def count_new(listings: Iterable[tuple], *, using: str = "default") -> None:
    """Count listings just written, public and not counted yet: ``(id, search_text)``
    pairs. Nothing is read: for bulk writers that have the texts at hand."""
    after = {pk: words for pk, text in listings if (words := words_of(text))}
    ListingWords.objects.using(using).bulk_create(
        [ListingWords(organisation_id=pk, words=_joined(words)) for pk, words in after.items()],
        batch_size=BATCH_SIZE,
    )
    _add_counts(Counter(word for words in after.values() for word in words), using=using)


def _joined(words: set[str]) -> str:
    return " ".join(sorted(words))


def _write(before: dict, after: dict, *, using: str) -> None:
    """From what listings count for (``before``: None for no entry) to ``after``."""
    deltas: Counter = Counter()
    save, remove = [], []
    for pk, now in after.items():
        was = before.get(pk)
        was_words = was or set()
        deltas.update(now - was_words)
        deltas.subtract(was_words - now)
        if now and now != was:
            save.append(ListingWords(organisation_id=pk, words=_joined(now)))
        elif not now and was is not None:
            remove.append(pk)
    _add_counts({word: n for word, n in deltas.items() if n > 0}, using=using)
    _subtract_counts({word: -n for word, n in deltas.items() if n < 0}, using=using)
    entries = ListingWords.objects.using(using)
    if save:
        entries.bulk_create(
            save,
            update_conflicts=True,
            unique_fields=["organisation"],
            update_fields=["words"],
            batch_size=BATCH_SIZE,
        )
    if remove:
        entries.filter(pk__in=remove).delete()


def _table() -> str:
    return SearchWord._meta.db_table


def _add_counts(counts: dict, *, using: str) -> None:
    """Add to the words' counts, creating words that are new: one statement."""
    if not counts:
        return
    connection = connections[using]
    table = connection.ops.quote_name(_table())
    words = sorted(counts)  # every writer locks the rows in the same order
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                # Only the model's quoted table name is formatted in; values are parameters.
                f"INSERT INTO {table} (word, length, listings) "  # noqa: S608
                "SELECT * FROM unnest(%s::varchar[], %s::int[], %s::int[]) "
                "ON CONFLICT (word) DO UPDATE "
                f"SET listings = {table}.listings + EXCLUDED.listings",
                [words, [len(word) for word in words], [counts[word] for word in words]],
            )
        else:
            cursor.execute(
                f"INSERT INTO {table} (word, length, listings) "  # noqa: S608
                "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
                "json_extract(value, '$[2]') FROM json_each(%s) WHERE true "
                "ON CONFLICT (word) DO UPDATE SET listings = listings + excluded.listings",
                [json.dumps([[word, len(word), counts[word]] for word in words])],
            )


def _subtract_counts(counts: dict, *, using: str) -> None:
    """Take from the words' counts, removing words no listing has any more."""
    if not counts:
        return
    connection = connections[using]
    table = connection.ops.quote_name(_table())
    words = sorted(counts)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET listings = GREATEST({table}.listings - taken.n, 0) "  # noqa: S608
                "FROM unnest(%s::varchar[], %s::int[]) AS taken (word, n) "
                f"WHERE {table}.word = taken.word",
                [words, [counts[word] for word in words]],
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE listings = 0 AND word = ANY(%s::varchar[])",  # noqa: S608
                [words],
            )
        else:
            cursor.execute(
                f"UPDATE {table} SET listings = MAX(listings - taken.n, 0) "  # noqa: S608
                "FROM (SELECT json_extract(value, '$[0]') AS word, "
                "json_extract(value, '$[1]') AS n FROM json_each(%s)) AS taken "
                f"WHERE {table}.word = taken.word",
                [json.dumps([[word, counts[word]] for word in words])],
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE listings = 0 "  # noqa: S608
                "AND word IN (SELECT value FROM json_each(%s))",
                [json.dumps(words)],
            )


def build(
    rows: Iterable[tuple],
    *,
    word_model=SearchWord,
    entry_model=ListingWords,
    using: str = "default",
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Write the lexicon from scratch from ``(id, search_text)`` of the public listings,
    into empty tables: entries batch by batch as the rows stream in, then the words.
    Returns how many listings and words it wrote. The models are parameters for the data
    migration's historical ones."""
    counts: Counter = Counter()
    listings = 0
    batch = []

    def flush(read: int):
        entry_model.objects.using(using).bulk_create(batch, batch_size=BATCH_SIZE)
        batch.clear()
        if progress is not None and read:
            progress(read)

    for pk, text in rows:
        words = words_of(text)
        counts.update(words)
        listings += 1
        if words:  # a listing that counts for nothing has no entry
            batch.append(entry_model(organisation_id=pk, words=_joined(words)))
        if listings % BATCH_SIZE == 0:
            flush(BATCH_SIZE)
    flush(listings % BATCH_SIZE)
    word_model.objects.using(using).bulk_create(
        (word_model(word=word, length=len(word), listings=counts[word]) for word in sorted(counts)),
        batch_size=BATCH_SIZE,
    )
    return listings, len(counts)


def rebuild(
    *, using: str = "default", progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Recount the lexicon from every public listing, in one transaction (readers see
    the old one until it commits; writers wait), then analyse its tables. Returns how
    many listings and words it counted."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            tables = ", ".join(
                connection.ops.quote_name(model._meta.db_table)
                for model in (SearchWord, ListingWords)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        ListingWords.objects.using(using).all().delete()
        SearchWord.objects.using(using).all().delete()
        rows = (
            Organisation.objects.using(using)
            .public()
            .order_by()
            .values_list("pk", "search_text")
            .iterator(chunk_size=2000)
        )
        counted = build(rows, using=using, progress=progress)
    analyse(SearchWord, ListingWords, using=using)
    return counted
