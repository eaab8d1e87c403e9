"""Trigram and full-text indexes for directory search, on PostgreSQL only."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS directory_org_search_trgm ON directory_organisation "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_org_search_fts ON directory_organisation "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))",
]
DROP = [
    "DROP INDEX IF EXISTS directory_org_search_trgm",
    "DROP INDEX IF EXISTS directory_org_search_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_reference_data")]
    operations = [migrations.RunPython(run(CREATE), run(DROP))]
