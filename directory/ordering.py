"""Sorting listings by name as readers see them.

A page in Polish shows each listing's Polish name, or else its English one, or else the
name in the language it was written in (``MODELTRANSLATION_FALLBACK_LANGUAGES``); "Name
(A to Z)" sorts by that shown name, not by a column that is empty for most listings.
On PostgreSQL the sort uses the language's ICU collation where the server has one
("ł" after "l" in Polish); SQLite has no language collations, so it gets one of ours
that ignores case and accents (``fold``), registered on every connection.
"""

from __future__ import annotations

import functools

from django.db import connections
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Collate, NullIf

from common.i18n import fallback_chain

from .search import fold

SQLITE_COLLATION = "waytahead_fold"


def shown_name(language: str):
    """The name a reader of ``language`` sees, as a database expression."""
    return Coalesce(
        *(NullIf(f"name_{code}", Value("")) for code in fallback_chain(language)),
        Value(""),
        output_field=CharField(),
    )


def name_sort(language: str, *, using: str = "default"):
    """``shown_name`` in the language's collation, for ``order_by``."""
    collation = sort_collation(language, using)
    expression = shown_name(language)
    return Collate(expression, collation) if collation else expression


def sort_collation(language: str, using: str = "default") -> str | None:
    connection = connections[using]
    if connection.vendor == "sqlite":
        return SQLITE_COLLATION
    if connection.vendor == "postgresql":
        available = _postgresql_collations(using)
        for name in (f"{language}-x-icu", "und-x-icu"):
            if name in available:
                return name
    return None


@functools.cache
def _postgresql_collations(using: str) -> frozenset[str]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collprovider = 'i'")
        return frozenset(row[0] for row in cursor.fetchall())


def _fold_compare(a: str | None, b: str | None) -> int:
    key_a, key_b = (fold(a or ""), a or ""), (fold(b or ""), b or "")
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: on SQLite, the collation for names and the
    ``waytahead_fold`` function search ranks with (``search.Fold``), per connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _fold_compare)
        connection.connection.create_function(
            "waytahead_fold", 1, lambda text: fold(text or ""), deterministic=True
        )
