"""Two workers at once (PostgreSQL, which has row locks): while one is sending a
subscription's delivery, the other sends neither it nor the batch after it."""

import threading
import time

import pytest
from django.db import connection

from tests.factories import UserFactory
from webhooks import services
from webhooks.models import Delivery

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_second_worker_sends_nothing_while_the_first_is_sending(receiver):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite writes one at a time, in one process)")
    subscription = services.register(owner=UserFactory(), url=receiver.url)
    first, second = (
        Delivery.objects.create(
            subscription=subscription,
            first_cursor=f"0.{n}",
            cursor=f"0.{n}",
            body='{"results": []}',
            next_attempt_at=None,
        )
        for n in (1, 2)
    )
    receiver.release = threading.Event()  # the receiver holds its answer until released
    done = []

    def first_worker():
        try:
            done.append(services.send_due(subscription.pk))
        finally:
            connection.close()

    worker = threading.Thread(target=first_worker)
    worker.start()
    try:
        _wait_for(lambda: len(receiver.requests) == 1)
        # The first worker holds the first delivery; this one skips it, and the second
        # waits its turn behind it.
        assert services.send_due(subscription.pk) == 0
        assert services.run() == {"collected": 0, "done": 0}
        assert len(receiver.requests) == 1
    finally:
        receiver.release.set()
        worker.join(10)
    assert done == [2]
    assert receiver.ids == [str(first.pk), str(second.pk)]
    statuses = set(Delivery.objects.values_list("status", flat=True))
    assert statuses == {Delivery.Status.DELIVERED}
    assert services.run() == {"collected": 0, "done": 0}
    assert len(receiver.requests) == 2


def test_a_delivery_is_sent_with_no_transaction_open(receiver):
    """The request is made outside any transaction: on PostgreSQL an open one would keep
    every change committed meanwhile out of the changes feed (which serves nothing a
    running transaction could still precede) until the partner answered."""
    if connection.vendor != "postgresql":
        pytest.skip("transactions seen from the server: PostgreSQL")
    subscription = services.register(owner=UserFactory(), url=receiver.url)
    Delivery.objects.create(
        subscription=subscription, first_cursor="0.1", cursor="0.1", body='{"results": []}'
    )
    receiver.release = threading.Event()

    def worker_sends():
        try:
            services.send_due(subscription.pk)
        finally:
            connection.close()

    worker = threading.Thread(target=worker_sends)
    worker.start()
    try:
        _wait_for(lambda: len(receiver.requests) == 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] == 0  # the worker waits on the partner, not in one
    finally:
        receiver.release.set()
        worker.join(10)
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED
