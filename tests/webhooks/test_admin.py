"""Webhooks in the admin: administrators see and pause subscriptions (never their secret)
and read the delivery log; moderators do not see them."""

import pytest

from tests.factories import UserFactory, make_moderator
from webhooks import services
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db

SUBSCRIPTIONS = "/admin/webhooks/subscription/"
DELIVERIES = "/admin/webhooks/delivery/"


@pytest.fixture
def subscriptions():
    owner = UserFactory(username="food-partner")
    return (
        services.register(owner=owner, url="https://food.example.org/hook"),
        services.register(owner=owner, url="https://advice.example.org/hook"),
    )


def test_the_subscription_list_filters_and_searches(admin_client, subscriptions):
    food, advice = subscriptions
    Subscription.objects.filter(pk=advice.pk).update(active=False)
    html = admin_client.get(SUBSCRIPTIONS).content.decode()
    assert food.url in html and advice.url in html
    assert "food-partner" in html
    active = admin_client.get(SUBSCRIPTIONS + "?active__exact=1").content.decode()
    assert food.url in active and advice.url not in active
    found = admin_client.get(SUBSCRIPTIONS + "?q=advice").content.decode()
    assert advice.url in found and food.url not in found
    for page in (html, active, found):
        assert food.secret not in page and advice.secret not in page


def test_an_administrator_pauses_a_subscription_and_never_sees_its_secret(
    admin_client, subscriptions
):
    food, _advice = subscriptions
    page = admin_client.get(f"{SUBSCRIPTIONS}{food.pk}/change/")
    assert page.status_code == 200
    assert food.secret not in page.content.decode()
    response = admin_client.post(
        f"{SUBSCRIPTIONS}{food.pk}/change/", {"url": food.url, "active": ""}
    )
    assert response.status_code == 302
    food.refresh_from_db()
    assert food.active is False
    assert admin_client.get(f"{SUBSCRIPTIONS}add/").status_code == 403


def test_the_admin_refuses_an_address_the_api_would(admin_client, subscriptions, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    food, _advice = subscriptions
    response = admin_client.post(
        f"{SUBSCRIPTIONS}{food.pk}/change/", {"url": "http://10.0.0.7/hook", "active": "on"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "public addresses only" in response.content.decode()
    food.refresh_from_db()
    assert food.url == "https://food.example.org/hook"


def test_deliveries_are_a_read_only_log_filtered_by_status(admin_client, subscriptions):
    food, _advice = subscriptions
    sent = Delivery.objects.create(
        subscription=food, first_cursor="0.1", cursor="0.5", status=Delivery.Status.DELIVERED
    )
    Delivery.objects.create(subscription=food, first_cursor="0.6", cursor="0.9", body="{}")
    listed = admin_client.get(DELIVERIES).content.decode()
    assert "0.1 to 0.5" in listed and "0.6 to 0.9" in listed
    delivered = admin_client.get(DELIVERIES + "?status__exact=delivered").content.decode()
    assert "0.1 to 0.5" in delivered and "0.6 to 0.9" not in delivered
    page = admin_client.get(f"{DELIVERIES}{sent.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = admin_client.post(f"{DELIVERIES}{sent.pk}/change/", {"status": "pending"})
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.status == Delivery.Status.DELIVERED
    assert admin_client.get(f"{DELIVERIES}add/").status_code == 403


def test_moderators_do_not_see_webhooks(client, subscriptions):
    client.force_login(make_moderator())
    assert client.get(SUBSCRIPTIONS).status_code == 403
    assert client.get(DELIVERIES).status_code == 403
    assert "webhooks" not in client.get("/admin/").content.decode().lower()
