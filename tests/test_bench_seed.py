"""seed_bench on a new PostgreSQL database: the planner is given statistics for the
organisations it adds, so that the foreign-key checks of their many-to-many rows look
each organisation up by its primary key (not by reading a whole name-order index)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from directory.models import Organisation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's planner"),
]


def test_a_first_seed_leaves_the_planner_looking_organisations_up_by_their_key():
    table = Organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        if cursor.fetchone()[0] >= 0:
            pytest.skip("the table has statistics already: not a first seed")
    call_command("seed_bench", organisations=600, stdout=io.StringIO())

    with connection.cursor() as cursor:
        # The query PostgreSQL's foreign-key check runs for each many-to-many row.
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM ONLY {connection.ops.quote_name(table)} x "  # noqa: S608
            "WHERE id = %s FOR KEY SHARE OF x",
            [str(Organisation.objects.values_list("pk", flat=True).first())],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{table}_pkey" in plan, plan
