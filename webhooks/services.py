"""Every write of the webhooks: register a subscription, collect the feed into its
deliveries, and send them.

Collecting. Each active subscription reads the changes feed after its own cursor; each
batch of up to ``BATCH_SIZE`` items becomes one ``Delivery`` (at most one per batch: the
subscription and the batch's first cursor are unique) and the cursor moves past it, in
one transaction with the subscription's row locked. The body is stored as it will be
sent, so that every attempt sends the same bytes.

Sending. A subscription's deliveries go out in order, one at a time: a later batch waits
while an earlier one is pending (so a partner applying them in turn is never sent an
older state after a newer one). A worker claims a delivery in a short transaction that locks its row
(``select_for_update(skip_locked=True)``), checks it is still pending and nobody else is
sending it, and holds it (``sending_until``) while it sends outside any transaction; so
a task run twice (a lost broker acknowledgement) or two workers never send one that was
acknowledged: a 2xx marks it delivered, for good. Anything else (another status, a
redirect, a timeout, a refused connection) is a failed attempt, tried again after
``2 ** attempts`` minutes (at most six hours); after ``WEBHOOKS_MAX_ATTEMPTS`` it is
failed and the next batch goes. A receiver that answered but whose answer was lost (a
crash before the commit, or a reply after the timeout) is sent the delivery again with
the same ``Webhook-Id``: receivers drop the duplicates.

Signing. ``Webhook-Signature: sha256=<hex>`` is the HMAC-SHA256, keyed with the
subscription's secret, of ``"<Webhook-Timestamp>.<body>"``.

Logs name deliveries and subscriptions by id only: never a secret or a body.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.renderers import FastJSONRenderer
from directory import changes
from directory.api.views import change_items  # the items as the API's feed gives them
from directory.changes import latest_cursor

from .models import Delivery, Subscription

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# Batches collected for one subscription in one run; the next run goes on from there.
BATCHES_PER_RUN = 50
MAX_BACKOFF = datetime.timedelta(hours=6)
USER_AGENT = "TheWayAhead-Webhooks/1"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def register(*, owner: Any, url: str) -> Subscription:
    """A new subscription for ``owner``, sent the changes after now; its ``secret`` is
    for the partner to see once."""
    return Subscription.objects.create(
        owner=owner, url=url, secret=new_secret(), cursor=str(latest_cursor())
    )


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    if attempts >= 9:  # 2**9 minutes is past the cap already
        return MAX_BACKOFF
    return min(datetime.timedelta(minutes=2**attempts), MAX_BACKOFF)


# --- Collecting -------------------------------------------------------------------------


def _body(subscription_id: int, items: list[dict[str, Any]]) -> str:
    payload = {"subscription": subscription_id, "results": items, "cursor": items[-1]["cursor"]}
    return FastJSONRenderer().render(payload).decode()


def collect(subscription_id: int, *, batches: dict | None = None) -> int:
    """Turn the feed after the subscription's cursor into deliveries; how many were made.

    ``batches`` carries the items read so far in this run, by cursor, for the next
    subscription at the same place (usually all of them are)."""
    batches = {} if batches is None else batches
    made = 0
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(skip_locked=True)
            .filter(pk=subscription_id, active=True)
            .first()
        )
        if subscription is None:  # gone, paused, or another worker is collecting it
            return 0
        after = changes.Cursor.parse(subscription.cursor)
        for _batch in range(BATCHES_PER_RUN):
            key = str(after)
            if key not in batches:
                entries, more = changes.read(after=after, limit=BATCH_SIZE)
                items = change_items(entries, settings.LANGUAGE_CODE) if entries else []
                batches[key] = (items, more)
            items, more = batches[key]
            if not items:
                break
            _delivery, created = Delivery.objects.get_or_create(
                subscription=subscription,
                first_cursor=items[0]["cursor"],
                defaults={
                    "cursor": items[-1]["cursor"],
                    "items": len(items),
                    "body": _body(subscription.pk, items),
                    "next_attempt_at": timezone.now(),
                },
            )
            made += created
            after = changes.Cursor.parse(items[-1]["cursor"])
            if not more:
                break
        if str(after) != subscription.cursor:
            subscription.cursor = str(after)
            subscription.save(update_fields=["cursor"])
    if made:
        logger.info("Webhook subscription %s: %d new deliveries", subscription_id, made)
    return made


# --- Sending ----------------------------------------------------------------------------


@dataclass
class Outcome:
    status_code: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """One POST, redirects not followed and the answer's body not read."""
    try:
        response = requests.post(
            url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOKS_TIMEOUT,
            allow_redirects=False,
            stream=True,
        )
    except requests.Timeout:
        return Outcome(error="timeout")
    except requests.RequestException:
        return Outcome(error="connection")
    response.close()
    return Outcome(status_code=response.status_code)


def _attempt(delivery: Delivery) -> Outcome:
    timestamp = int(time.time())
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Webhook-Id": str(delivery.pk),
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature(delivery.subscription.secret, timestamp, body),
    }
    return post(delivery.subscription.url, body, headers)


def _lease() -> datetime.timedelta:
    """How long a worker holds a delivery it is sending: its request's timeout, twice,
    and half a minute to record the outcome."""
    return datetime.timedelta(seconds=2 * settings.WEBHOOKS_TIMEOUT + 30)


def _claim(subscription_id: int) -> Delivery | None:
    """The subscription's next delivery, if it is due and nobody is sending it, held for
    this worker (``sending_until``) in a short transaction of its own: the request itself
    is made outside any, so that no transaction stays open across it (on PostgreSQL one
    would hold back the changes feed, which serves nothing a running transaction could
    still precede)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(subscription_id=subscription_id, status=Delivery.Status.PENDING)
            .order_by("id")
            .first()
        )
        if delivery is None:
            return None
        earlier = Delivery.objects.filter(
            subscription_id=subscription_id, status=Delivery.Status.PENDING, pk__lt=delivery.pk
        )
        if earlier.exists():  # being claimed by another worker now: it goes first
            return None
        if delivery.sending_until is not None and delivery.sending_until > now:
            return None  # another worker is sending it: the ones after it wait too
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return None
        if not delivery.subscription.active:
            return None
        # Conditional, so that without row locks (SQLite) only one worker claims it.
        claimed = (
            Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING)
            .filter(Q(sending_until__isnull=True) | Q(sending_until__lte=now))
            .update(sending_until=now + _lease())
        )
        return delivery if claimed else None


def send_next(subscription_id: int) -> bool:
    """Send the subscription's next delivery if it is due; whether it is done with
    (delivered, or given up), so that the one after may go now."""
    delivery = _claim(subscription_id)
    if delivery is None:
        return False
    outcome = _attempt(delivery)
    now = timezone.now()
    changed = {
        "attempts": delivery.attempts + 1,
        "last_attempt_at": now,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "sending_until": None,
    }
    if outcome.ok:
        changed.update(
            status=Delivery.Status.DELIVERED, delivered_at=now, next_attempt_at=None, body=""
        )
    elif changed["attempts"] >= settings.WEBHOOKS_MAX_ATTEMPTS:
        changed.update(status=Delivery.Status.FAILED, next_attempt_at=None)
    else:
        changed["next_attempt_at"] = now + backoff(changed["attempts"])
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(**changed)
    (logger.info if outcome.ok else logger.warning)(
        "Webhook delivery %s (subscription %s), attempt %d: %s, now %s",
        delivery.pk,
        subscription_id,
        changed["attempts"],
        outcome.status_code or outcome.error,
        changed.get("status", Delivery.Status.PENDING),
    )
    return "status" in changed


def send_due(subscription_id: int) -> int:
    """Send the subscription's deliveries that are due, in order; how many are done
    with (delivered or given up)."""
    done = 0
    while send_next(subscription_id):
        done += 1
    return done


# --- A run ------------------------------------------------------------------------------


def run() -> dict[str, int]:
    """Collect the feed for every active subscription, then send what is due."""
    batches: dict = {}
    behind = (
        Subscription.objects.filter(active=True, owner__is_active=True)
        .exclude(cursor=str(latest_cursor()))  # those read to the end have nothing new
        .order_by("id")
        .values_list("pk", flat=True)
    )
    collected = sum(collect(pk, batches=batches) for pk in list(behind))
    due = (
        Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            next_attempt_at__lte=timezone.now(),
            subscription__active=True,
            subscription__owner__is_active=True,
        )
        .values_list("subscription_id", flat=True)
        .distinct()
        .order_by("subscription_id")
    )
    done = sum(send_due(pk) for pk in list(due))
    return {"collected": collected, "done": done}
