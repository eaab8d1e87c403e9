"""Background work for the webhooks. Both tasks do the same run (``services.run``):
collect the feed into each subscription's deliveries, then send what is due. Each is
safe to run twice, or in two workers at once.

``dispatch`` is queued when a transaction that logged changes commits. ``send_due`` runs
every minute (``CELERY_BEAT_SCHEDULE``): it sends the retries that have come due, and
collects what a run on commit could not see yet (on PostgreSQL the feed holds back a
change while a transaction that began before it is still running) or missed (a broker
that was down when the change was made).
"""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def dispatch() -> dict[str, int]:
    return services.run()


@shared_task
def send_due() -> dict[str, int]:
    return services.run()
