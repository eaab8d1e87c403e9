"""After a bulk write: bring the planner's statistics of the tables it wrote up to date.

Autovacuum may be off (it is on the project's own machines) and is slow to catch up
after a large load anyway: until a table is analysed, PostgreSQL plans for it as it was
(empty, after a first load), and a join that should read a few rows by index reads whole
tables instead. Every bulk command (``seed_bench``, ``import_organisations``,
``import_register``, ``load_postcodes``) ends with ``analyse`` of what it wrote; the
register import also calls it between batches, inside its transaction."""

from __future__ import annotations

from django.db import connections
from django.db.models import Model

from .models import Organisation

# What a bulk load of listings writes: the listings, their history, links and org-ids.
LISTING_MODELS: tuple[type[Model], ...] = (Organisation,)


def tables_of(*models: type[Model]) -> list[str]:
    """The tables of ``models``: each model's own, its history's (simple-history) and
    its many-to-many link tables, and those of its identifiers."""
    tables: list[str] = []
    for model in models:
        tables.append(model._meta.db_table)
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            tables.append(history.model._meta.db_table)
        for field in model._meta.local_many_to_many:
            tables.append(field.remote_field.through._meta.db_table)
        for relation in model._meta.related_objects:
            if relation.one_to_many and relation.related_model._meta.app_label == "directory":
                tables.append(relation.related_model._meta.db_table)
    return list(dict.fromkeys(tables))


def analyse(*models: type[Model], using: str = "default") -> None:
    """ANALYZE the tables of ``models`` (``tables_of``); SQLite's ANALYZE likewise."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in tables_of(*(models or LISTING_MODELS)):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
