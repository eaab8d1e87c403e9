"""Queue ``tasks.dispatch`` whenever a transaction that logged listing changes commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from directory.changes import changes_recorded


def _enqueue() -> None:
    from .models import Subscription
    from .tasks import dispatch

    if Subscription.objects.filter(active=True).exists():  # nobody listening: no task
        dispatch.delay()


@receiver(changes_recorded, dispatch_uid="webhooks.dispatch")
def changes_committed(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # Sent after the commit already; on_commit also waits for a transaction the
    # receiver may be called in, and ``robust`` keeps a failure to queue (a broker that
    # is down) from reaching whoever made the change: the next ``send_due`` collects it.
    transaction.on_commit(_enqueue, using=using, robust=True)
