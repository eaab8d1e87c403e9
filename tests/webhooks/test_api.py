"""A partner registers, lists and removes webhook subscriptions, and reads each one's
delivery log, through /api/v1/webhooks/ with a token."""

import pytest
import yaml

from tests.factories import UserFactory
from webhooks.models import Delivery, Subscription
from webhooks.validators import is_private_host

from .conftest import auth

pytestmark = pytest.mark.django_db

WEBHOOKS = "/api/v1/webhooks/"
PUBLIC_URL = "https://partner.example.org/hooks/waytahead"


def register(client, user, url=PUBLIC_URL):
    return client.post(WEBHOOKS, {"url": url}, content_type="application/json", headers=auth(user))


def test_registering_answers_201_with_the_secret_once(client, partner):
    response = register(client, partner)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "url", "active", "created", "secret"}
    assert body["url"] == PUBLIC_URL
    assert body["active"] is True
    subscription = Subscription.objects.get(pk=body["id"])
    assert subscription.owner == partner
    assert body["secret"] == subscription.secret
    assert len(body["secret"]) >= 43  # secrets.token_urlsafe(32)
    assert register(client, partner).json()["secret"] != body["secret"]

    listed = client.get(WEBHOOKS, headers=auth(partner))
    assert listed.status_code == 200
    results = listed.json()["results"]
    assert [item["id"] for item in results] == [body["id"], body["id"] + 1]
    assert all("secret" not in item for item in results)
    assert body["secret"] not in listed.content.decode()


def test_a_partner_lists_only_their_own_subscriptions(client, partner):
    register(client, UserFactory())
    mine = register(client, partner).json()["id"]
    listed = client.get(WEBHOOKS, headers=auth(partner)).json()
    assert listed["count"] == 1
    assert [item["id"] for item in listed["results"]] == [mine]


def test_someone_elses_subscription_is_not_found(client, partner):
    theirs = register(client, UserFactory()).json()["id"]
    headers = auth(partner)
    assert client.delete(f"{WEBHOOKS}{theirs}/", headers=headers).status_code == 404
    assert client.get(f"{WEBHOOKS}{theirs}/deliveries/", headers=headers).status_code == 404
    assert Subscription.objects.filter(pk=theirs).exists()
    for missing in ("999999", "abc", "-1", "99999999999999999999999"):
        response = client.delete(f"{WEBHOOKS}{missing}/", headers=headers)
        assert response.status_code == 404
        assert "detail" in response.json()


def test_a_partner_removes_their_subscription(client, partner):
    mine = register(client, partner).json()["id"]
    response = client.delete(f"{WEBHOOKS}{mine}/", headers=auth(partner))
    assert response.status_code == 204
    assert not Subscription.objects.filter(pk=mine).exists()


def test_anonymous_requests_are_refused_with_401(client, partner):
    mine = register(client, partner).json()["id"]
    for response in (
        client.get(WEBHOOKS),
        client.post(WEBHOOKS, {"url": PUBLIC_URL}, content_type="application/json"),
        client.delete(f"{WEBHOOKS}{mine}/"),
        client.get(f"{WEBHOOKS}{mine}/deliveries/"),
        client.get(WEBHOOKS, headers={"Authorization": "Token not-a-token"}),
    ):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert "detail" in response.json()
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://partner.example.org/hooks"},
        {"url": "partner.example.org/hooks"},
        {"url": "https://"},
        {"url": ""},
        {"url": "https://" + "a" * 500 + ".example.org/"},
        {},
    ],
)
def test_a_bad_address_is_refused_with_400_naming_url(client, partner, body):
    response = client.post(WEBHOOKS, body, content_type="application/json", headers=auth(partner))
    assert response.status_code == 400
    error = response.json()
    assert error["detail"] == "Invalid parameter: url."
    assert error["errors"]["url"]
    assert not Subscription.objects.exists()


def test_an_address_that_is_not_json_is_refused(client, partner):
    response = client.post(
        WEBHOOKS, {"url": ["a", "b"]}, content_type="application/json", headers=auth(partner)
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["url"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_private_and_local_addresses_are_refused_unless_allowed(client, partner, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = False
    response = register(client, partner, url)
    assert response.status_code == 400, response.content
    assert "public addresses only" in response.json()["errors"]["url"][0]
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    assert register(client, partner, url).status_code == 201


def test_debug_allows_private_addresses(client, partner, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.DEBUG = True
    assert register(client, partner, "http://127.0.0.1:9000/hook").status_code == 201


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True),
        ("127.1", True),  # the short forms a resolver reads
        ("2130706433", True),
        ("0x7f.0.0.1", True),
        ("LOCALHOST.", True),
        ("api.localhost", True),
        ("fd00::1", True),
        ("100.64.0.1", True),  # shared address space
        ("8.8.8.8", False),
        ("2001:4860:4860::8888", False),
        ("partner.example.org", False),
        ("localhost-partner.example.org", False),
    ],
)
def test_which_hosts_count_as_private(host, private):
    assert is_private_host(host) is private


def test_the_delivery_log_is_paged_latest_first(client, partner):
    mine = register(client, partner).json()["id"]
    subscription = Subscription.objects.get(pk=mine)
    for n in range(3):
        Delivery.objects.create(
            subscription=subscription, first_cursor=f"0.{n * 2 + 1}", cursor=f"0.{n * 2 + 2}"
        )
    other = register(client, UserFactory()).json()["id"]
    Delivery.objects.create(subscription_id=other, first_cursor="0.1", cursor="0.2")

    response = client.get(f"{WEBHOOKS}{mine}/deliveries/?page_size=2", headers=auth(partner))
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 3
    assert page["next"]
    assert [item["cursor"] for item in page["results"]] == ["0.6", "0.4"]
    assert set(page["results"][0]) == {
        "id",
        "created",
        "cursor",
        "status",
        "attempts",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
        "next_attempt_at",
    }
    assert page["results"][0]["status"] == "pending"
    assert page["results"][0]["attempts"] == 0
    bad = client.get(f"{WEBHOOKS}{mine}/deliveries/?page_size=0", headers=auth(partner))
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["page_size"]


def test_the_schema_documents_the_webhooks(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    listing = schema["paths"]["/api/v1/webhooks/"]
    assert {"200", "401"} <= set(listing["get"]["responses"])
    assert {"201", "400", "401"} <= set(listing["post"]["responses"])
    created = listing["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert created["$ref"].endswith("/NewSubscription")
    assert "secret" in schema["components"]["schemas"]["NewSubscription"]["properties"]
    assert "secret" not in schema["components"]["schemas"]["Subscription"]["properties"]
    one = schema["paths"]["/api/v1/webhooks/{id}/"]
    assert {"204", "401", "404"} <= set(one["delete"]["responses"])
    log = schema["paths"]["/api/v1/webhooks/{id}/deliveries/"]["get"]
    assert {"200", "401", "404"} <= set(log["responses"])
    assert {"page", "page_size", "id"} <= {parameter["name"] for parameter in log["parameters"]}
    assert {"tokenAuth": []} in log["security"]
