"""Operational tasks for the platform itself."""

from celery import shared_task
from django.db import connection


# Sent by name (CI's real-worker test, tests/test_celery_worker.py): the name it had when
# it lived in waytahead/ stays.
@shared_task(name="waytahead.database_ping")
def database_ping() -> dict:
    """Check, from inside a worker, that the worker can reach the database.

    Used by the worker health check and by CI's real-worker test.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (value,) = cursor.fetchone()
    return {"database": "ok" if value == 1 else "unexpected", "vendor": connection.vendor}
