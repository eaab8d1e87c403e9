"""On PostgreSQL, an index per page language on the name readers see, in that
language's collation (``directory.ordering.name_sort``), so that "Name (A to Z)" and the
API's name order read a page from an index instead of sorting every listing (a sort of
50,000 names in an ICU collation took 60 ms a page).

The index expressions are compiled from ``name_sort`` itself, so that they are exactly
what the queries order by; if ``name_sort`` changes, a new migration must rebuild them.
"""

from django.conf import settings
from django.db import migrations


def index_name(code: str) -> str:
    return f"directory_org_name_sort_{code}"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from directory.models import Organisation
    from directory.ordering import name_sort

    query = Organisation.objects.all().query
    compiler = query.get_compiler(connection=connection)
    for code, _name in settings.LANGUAGES:
        expression = name_sort(code, using=connection.alias).resolve_expression(query)
        sql, params = expression.as_sql(compiler, connection)
        sql = sql % tuple(schema_editor.quote_value(param) for param in params)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(code)} "
            f"ON directory_organisation (({sql}), id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code, _name in settings.LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(code)}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_source_codes")]

    operations = [migrations.RunPython(create, drop)]
