"""A council keeps an exact copy of the directory through the Open Referral UK feed:
``minimal=true`` gives every service's id and last_modified in one call (so removals
are found), and the services that changed are fetched whole."""

import json

import pytest

from directory import services
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    category,
    make_moderator,
)

pytestmark = pytest.mark.django_db


def ndjson(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines() if line]


class FeedMirror:
    """Services by id, with the last_modified each was fetched at; how many were
    fetched at the last sync."""

    def __init__(self, client):
        self.client = client
        self.services: dict[str, dict] = {}
        self.seen: dict[str, str] = {}
        self.fetched = 0

    def sync(self) -> None:
        listing = self.client.get("/openreferral/services?minimal=true").json()
        assert listing["total_pages"] == 1  # every service in one call
        current = {item["id"]: item["last_modified"] for item in listing["contents"]}
        for gone in set(self.services) - set(current):
            del self.services[gone]
            del self.seen[gone]
        self.fetched = 0
        for service_id, modified in current.items():
            if self.seen.get(service_id) != modified:
                response = self.client.get(f"/openreferral/services/{service_id}")
                assert response.status_code == 200
                self.services[service_id] = response.json()
                self.seen[service_id] = modified
                self.fetched += 1


def whole_feed(client) -> dict[str, dict]:
    return {
        item["id"]: item
        for item in ndjson(client, "/openreferral/services?full=true&format=ndjson")
    }


def test_a_mirror_kept_through_minimal_ends_identical_to_the_feed(client):
    moderator = make_moderator()
    first, second, third, fourth = OrganisationFactory.create_batch(4)
    for organisation in (first, second, third, fourth):
        ServiceFactory(organisation=organisation)
    place = LocationFactory(organisation=first)
    first.services.get().locations.add(place)
    mirror = FeedMirror(client)
    mirror.sync()
    assert mirror.services == whole_feed(client)
    mirror.sync()
    assert mirror.fetched == 0  # nothing changed: nothing fetched again

    service = second.services.get()
    service.name_en = "Evening advice"
    service.save()
    first.name_en = "Renamed Advice Centre"  # the organization inside every service
    first.save()
    place.address_1 = "2 Mare Street"
    place.save()
    third.categories.add(category("food"))
    services.organisation_publish(organisation=fourth, user=moderator, published=False)
    mirror.sync()
    assert mirror.services == whole_feed(client)
    assert str(fourth.services.get().pk) not in mirror.services

    services.organisation_merge(survivor=first, merged=second, user=moderator)
    services.organisation_publish(organisation=fourth, user=moderator, published=True)
    ServiceFactory(organisation=third)
    mirror.sync()
    assert mirror.services == whole_feed(client)
    moved = mirror.services[str(service.pk)]
    assert moved["organization"]["id"] == str(first.pk)


def test_minimal_lists_every_service_whatever_per_page_says(client):
    for _ in range(3):
        ServiceFactory()
    listing = client.get("/openreferral/services?minimal=true&per_page=1").json()
    assert listing["total_items"] == 3 and len(listing["contents"]) == 3
    assert all(
        set(item) == {"id", "name", "status", "last_modified"} for item in listing["contents"]
    )


def test_the_organizations_stream_holds_exactly_the_public_ones(client):
    public = OrganisationFactory.create_batch(3)
    OrganisationFactory(is_published=False)
    streamed = ndjson(client, "/openreferral/organizations?format=ndjson")
    assert {item["id"] for item in streamed} == {str(o.pk) for o in public}
