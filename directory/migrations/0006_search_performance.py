"""Make searching and browsing the directory fast on PostgreSQL (nothing on SQLite).

Measured by ``make bench`` (bench/results.md), at 50,000 organisations:

1. pg_trgm declares its similarity functions with COST 1, as cheap as an integer
   comparison, so PostgreSQL happily evaluates them on every row instead of asking the
   trigram index first, and evaluates them before cheap conditions. They cost about
   80 microseconds per listing; COST 100 tells the planner so. Where the database user
   does not own the extension's functions, this step is skipped with a notice.
2. A btree index on (name_en, id): lists in name order read their page from the index
   instead of sorting every listing (the floor, the API and the English browse page).
3. A partial index on (updated_at, id) over public listings (``Organisation.objects.
   public()``: published and not closed): the API's count and newest change, and the
   plain count, come from an index-only scan instead of reading the whole table.
"""

from django.db import migrations

SIMILARITY_FUNCTIONS = [
    "similarity(text, text)",
    "similarity_op(text, text)",
    "word_similarity(text, text)",
    "word_similarity_op(text, text)",
    "word_similarity_commutator_op(text, text)",
    "strict_word_similarity(text, text)",
    "strict_word_similarity_op(text, text)",
    "strict_word_similarity_commutator_op(text, text)",
]


def set_cost(cost: int) -> str:
    statements = " ".join(f"ALTER FUNCTION {name} COST {cost};" for name in SIMILARITY_FUNCTIONS)
    return (
        "DO $$ BEGIN "
        + statements
        + " EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE "
        "'pg_trgm functions are owned by another user: their COST is left as it is'; END $$"
    )


CREATE = [
    set_cost(100),
    "CREATE INDEX IF NOT EXISTS directory_org_name_en_idx ON directory_organisation "
    "(name_en, id)",
    "CREATE INDEX IF NOT EXISTS directory_org_public_idx ON directory_organisation "
    "(updated_at, id) WHERE is_published AND status <> 'closed'",
]
DROP = [
    "DROP INDEX IF EXISTS directory_org_public_idx",
    "DROP INDEX IF EXISTS directory_org_name_en_idx",
    set_cost(1),
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_moderators_group")]
    operations = [migrations.RunPython(run(CREATE), run(DROP))]
