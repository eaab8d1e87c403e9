"""Each change to the public set is POSTed, signed, to every active subscription, in
batches; a failed attempt is retried with a growing wait, a delivered one is never sent
again. The receiver is an HTTP server on 127.0.0.1 (tests/webhooks/conftest.py)."""

import datetime
import hashlib
import hmac
import json
import logging
import time

import pytest
from django.utils import timezone

from directory.models import Organisation
from tests.factories import OrganisationFactory
from webhooks import services, tasks
from webhooks.models import Delivery, Subscription

from .conftest import auth

pytestmark = pytest.mark.django_db

CHANGES = "/api/v1/organisations/changes/"


def subscribe(client, user, url) -> Subscription:
    response = client.post(
        "/api/v1/webhooks/", {"url": url}, content_type="application/json", headers=auth(user)
    )
    assert response.status_code == 201, response.content
    subscription = Subscription.objects.get(pk=response.json()["id"])
    assert subscription.secret == response.json()["secret"]
    return subscription


@pytest.fixture
def subscription(client, partner, receiver):
    return subscribe(client, partner, receiver.url)


def expected_signature(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def make_due(delivery: Delivery) -> None:
    """As if its wait had passed."""
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_change_is_posted_signed_as_the_changes_feed_gives_it(
    client, subscription, receiver, django_capture_on_commit_callbacks
):
    before = subscription.cursor
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(name_en="Hackney Food Bank")

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request.headers["Content-Type"] == "application/json"
    timestamp = request.headers["Webhook-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    assert request.headers["Webhook-Signature"] == expected_signature(
        subscription.secret, timestamp, request.body
    )
    assert request.headers["Webhook-Signature"] != expected_signature(
        "another secret", timestamp, request.body
    )
    body = json.loads(request.body)
    assert body["subscription"] == subscription.pk
    assert [item["id"] for item in body["results"]] == [str(organisation.pk)]
    item = body["results"][0]
    assert item["change"] == "updated"
    assert item["organisation"]["name"] == "Hackney Food Bank"
    assert body["cursor"] == item["cursor"]
    # Exactly what a partner reading the feed from the same place gets.
    feed = client.get(f"{CHANGES}?cursor={before}").json()
    assert body["results"] == feed["results"]
    assert body["cursor"] == feed["cursor"]

    delivery = Delivery.objects.get(subscription=subscription)
    assert request.headers["Webhook-Id"] == str(delivery.pk)
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None
    assert delivery.next_attempt_at is None
    assert delivery.cursor == body["cursor"]
    assert delivery.items == 1
    subscription.refresh_from_db()
    assert subscription.cursor == body["cursor"]


def test_a_subscription_is_sent_only_what_changed_after_it_registered(
    client, partner, receiver, django_capture_on_commit_callbacks
):
    earlier = OrganisationFactory()
    subscription = subscribe(client, partner, receiver.url)
    tasks.send_due.apply()
    assert receiver.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        earlier.name_en = "Renamed"
        earlier.save()
    assert len(receiver.requests) == 1
    [item] = json.loads(receiver.requests[0].body)["results"]
    assert item["id"] == str(earlier.pk)
    assert item["organisation"]["name"] == "Renamed"
    assert Delivery.objects.filter(subscription=subscription).count() == 1


def test_a_removal_is_posted_as_a_tombstone(
    subscription, receiver, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    Subscription.objects.filter(pk=subscription.pk).update(cursor=str(services.latest_cursor()))
    with django_capture_on_commit_callbacks(execute=True):
        organisation.is_published = False
        organisation.save()
    [item] = json.loads(receiver.requests[-1].body)["results"]
    assert item["change"] == "removed"
    assert item["reason"] == "unpublished"
    assert item["id"] == str(organisation.pk)
    assert "organisation" not in item


def test_every_active_subscription_is_sent_each_change_with_its_own_signature(
    client, partner, receiver, django_capture_on_commit_callbacks
):
    first = subscribe(client, partner, receiver.url)
    second = subscribe(client, partner, receiver.url + "second/")
    paused = subscribe(client, partner, receiver.url + "paused/")
    Subscription.objects.filter(pk=paused.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory()
    assert len(receiver.requests) == 2
    by_subscription = {json.loads(r.body)["subscription"]: r for r in receiver.requests}
    assert set(by_subscription) == {first.pk, second.pk}
    for subscription in (first, second):
        request = by_subscription[subscription.pk]
        signature = expected_signature(
            subscription.secret, request.headers["Webhook-Timestamp"], request.body
        )
        assert request.headers["Webhook-Signature"] == signature
    assert not Delivery.objects.filter(subscription=paused).exists()


def test_changes_go_in_batches_of_a_hundred_at_most(subscription, receiver, monkeypatch):
    assert services.BATCH_SIZE == 100
    monkeypatch.setattr(services, "BATCH_SIZE", 2)  # as many batches, from fewer changes
    made = OrganisationFactory.create_batch(5)  # no commit callbacks: nothing sent yet
    assert receiver.requests == []
    tasks.dispatch.apply()
    bodies = [json.loads(request.body) for request in receiver.requests]
    assert [len(body["results"]) for body in bodies] == [2, 2, 1]
    sent = [item["id"] for body in bodies for item in body["results"]]
    assert sent == [str(organisation.pk) for organisation in made]
    deliveries = Delivery.objects.filter(subscription=subscription).order_by("id")
    assert [d.items for d in deliveries] == [2, 2, 1]
    assert [d.first_cursor for d in deliveries] == [b["results"][0]["cursor"] for b in bodies]
    assert len(set(receiver.ids)) == 3


def test_a_batch_is_made_once_even_if_read_again(subscription, receiver):
    OrganisationFactory.create_batch(2)
    start = subscription.cursor
    services.collect(subscription.pk)
    Subscription.objects.filter(pk=subscription.pk).update(cursor=start)  # as if not saved
    services.collect(subscription.pk)
    assert Delivery.objects.filter(subscription=subscription).count() == 1


def test_a_failed_attempt_is_retried_later_then_delivered(
    subscription, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory()
    delivery = Delivery.objects.get(subscription=subscription)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.body  # kept for the next attempt
    wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert wait == datetime.timedelta(minutes=2)

    tasks.send_due.apply()  # not due yet
    assert len(receiver.requests) == 1

    make_due(delivery)
    tasks.send_due.apply()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 2
    assert delivery.last_status_code == 200
    assert delivery.body == ""
    assert receiver.ids == [str(delivery.pk)] * 2
    assert receiver.requests[0].body == receiver.requests[1].body


def test_a_delivered_batch_is_never_sent_again(
    subscription, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory()
    delivery = Delivery.objects.get(subscription=subscription)
    assert delivery.status == Delivery.Status.DELIVERED
    # The broker lost the task's acknowledgement and runs it again; the beat runs too;
    # and even if its time looked due.
    tasks.dispatch.apply()
    tasks.send_due.apply()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    tasks.send_due.apply()
    assert services.send_next(subscription.pk) is False
    assert receiver.ids == [str(delivery.pk)]


def test_an_answer_after_the_timeout_is_a_failed_attempt_retried_with_the_same_id(
    subscription, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT = 0.3
    receiver.answer(200, delay=1.0)  # answers 200, too late
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory()
    delivery = Delivery.objects.get(subscription=subscription)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.last_error == "timeout"
    assert delivery.last_status_code is None
    make_due(delivery)
    tasks.send_due.apply()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 2
    assert receiver.ids == [str(delivery.pk)] * 2  # the receiver drops the second


def test_no_answer_and_a_redirect_are_failed_attempts(client, partner, receiver):
    refused = subscribe(client, partner, "http://127.0.0.1:9/nothing-listens-here/")
    redirected = subscribe(client, partner, receiver.url)
    receiver.answer(302)
    OrganisationFactory()
    tasks.dispatch.apply()
    nothing = Delivery.objects.get(subscription=refused)
    assert (nothing.status, nothing.last_status_code, nothing.last_error) == (
        Delivery.Status.PENDING,
        None,
        "connection",
    )
    moved = Delivery.objects.get(subscription=redirected)
    assert (moved.status, moved.last_status_code) == (Delivery.Status.PENDING, 302)
    assert len(receiver.requests) == 1  # the redirect was not followed


def test_the_wait_doubles_after_each_failure_up_to_six_hours(subscription, receiver, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 12
    receiver.answer(*[503] * 12)
    OrganisationFactory()
    tasks.dispatch.apply()
    delivery = Delivery.objects.get(subscription=subscription)
    minutes = []
    for _attempt in range(11):
        delivery.refresh_from_db()
        minutes.append((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds() / 60)
        make_due(delivery)
        tasks.send_due.apply()
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status) == (12, Delivery.Status.FAILED)
    assert minutes == [2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]
    assert [services.backoff(n) for n in (1, 3, 8, 9, 50)] == [
        datetime.timedelta(minutes=m) for m in (2, 8, 256, 360, 360)
    ]


def test_a_delivery_is_given_up_after_the_last_attempt_and_the_next_one_goes(
    subscription, receiver, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    receiver.answer(500, 500, 500)
    with django_capture_on_commit_callbacks(execute=True):
        first = OrganisationFactory()
    delivery = Delivery.objects.get(subscription=subscription)
    with django_capture_on_commit_callbacks(execute=True):
        second = OrganisationFactory()  # waits while the first batch is pending
    assert len(receiver.requests) == 1
    assert Delivery.objects.filter(subscription=subscription).count() == 2

    for _attempt in range(2):
        make_due(delivery)
        tasks.send_due.apply()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert delivery.body  # kept: it was never delivered
    # Given up: the next batch went in the same run, and the first is not sent again.
    bodies = [json.loads(request.body) for request in receiver.requests]
    assert [body["results"][0]["id"] for body in bodies] == [str(first.pk)] * 3 + [str(second.pk)]
    make_due(delivery)
    tasks.send_due.apply()
    assert len(receiver.requests) == 4


def test_a_later_batch_waits_while_an_earlier_one_is_pending(
    subscription, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    with django_capture_on_commit_callbacks(execute=True):
        first = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        second = OrganisationFactory()
    earlier, later = Delivery.objects.filter(subscription=subscription).order_by("id")
    assert later.status == Delivery.Status.PENDING and later.attempts == 0
    make_due(earlier)
    tasks.send_due.apply()
    ids = [json.loads(request.body)["results"][0]["id"] for request in receiver.requests]
    assert ids == [str(first.pk), str(first.pk), str(second.pk)]


def test_a_failure_to_queue_does_not_reach_whoever_made_the_change(
    subscription, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down():
        raise ConnectionError("no broker")

    monkeypatch.setattr(tasks.dispatch, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert receiver.requests == []
    tasks.send_due.apply()  # the beat collects it
    assert len(receiver.requests) == 1


def test_neither_the_secret_nor_the_body_is_logged(subscription, receiver, caplog):
    caplog.set_level(logging.DEBUG)
    receiver.answer(500)
    organisation = OrganisationFactory(name_en="Private Sounding Name Trust")
    tasks.dispatch.apply()
    make_due(Delivery.objects.get())
    tasks.send_due.apply()
    assert len(receiver.requests) == 2
    ours = ("webhooks", "celery", "urllib3", "requests")  # not the factories' own debug
    logged = "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith(ours)
    )
    assert "Webhook delivery" in logged
    assert subscription.secret not in logged
    assert organisation.name_en not in logged
    assert str(organisation.pk) not in logged
