"""A partner keeps an exact mirror through ``/api/v1/organisations/changes/``: every
change and every removal, in one stream read with a cursor."""

import pytest
from django.core.management import call_command

from directory import services
from directory.models import ListingChange, Organisation, RegisterRecord
from tests.factories import (
    IdentifierFactory,
    OrganisationFactory,
    ServiceFactory,
    category,
    make_moderator,
)

pytestmark = pytest.mark.django_db

CHANGES = "/api/v1/organisations/changes/"


class Mirror:
    """What a partner's nightly job keeps: the records, by id, and where it read to."""

    def __init__(self, client, page_size=2):
        self.client = client
        self.page_size = page_size
        self.records: dict[str, dict] = {}
        self.tombstones: dict[str, dict] = {}
        self.cursor = None

    def sync(self) -> int:
        """Read to the end of the stream, page by page; how many pages it took."""
        url = f"{CHANGES}?page_size={self.page_size}"
        if self.cursor:
            url += f"&cursor={self.cursor}"
        pages = 0
        while url:
            response = self.client.get(url)
            assert response.status_code == 200, response.content
            body = response.json()
            pages += 1
            for item in body["results"]:
                if item["change"] == "updated":
                    assert item["organisation"]["id"] == item["id"]
                    self.records[item["id"]] = item["organisation"]
                    self.tombstones.pop(item["id"], None)
                else:
                    assert item["change"] == "removed"
                    self.records.pop(item["id"], None)
                    self.tombstones[item["id"]] = item
            self.cursor = body["cursor"]
            url = body["next"]
        return pages


def public_set(client) -> dict[str, dict]:
    """The whole public set, as the list gives it."""
    records, url = {}, "/api/v1/organisations/?page_size=100"
    while url:
        body = client.get(url).json()
        records.update({item["id"]: item for item in body["results"]})
        url = body["next"]
    return records


def test_a_mirror_kept_through_the_changes_feed_ends_identical_to_the_public_set(client):
    moderator = make_moderator()
    first, second, third, fourth, fifth = OrganisationFactory.create_batch(5)
    never_public = OrganisationFactory(is_published=False)
    mirror = Mirror(client)
    assert mirror.sync() >= 3  # five listings, two a page
    assert mirror.records == public_set(client)
    assert str(never_public.pk) not in mirror.records | mirror.tombstones

    # Edited, given a service and a category, unpublished, merged, closed, deleted...
    first.name_en = "Renamed Food Bank"
    first.save()
    ServiceFactory(organisation=second)
    second.categories.add(category("food"))
    IdentifierFactory(organisation=third)
    services.organisation_publish(organisation=fourth, user=moderator, published=False)
    services.organisation_merge(survivor=third, merged=fifth, user=moderator)
    newcomer = OrganisationFactory()
    mirror.sync()
    assert mirror.records == public_set(client)
    assert mirror.records[str(first.pk)]["name"] == "Renamed Food Bank"
    assert mirror.tombstones[str(fourth.pk)]["reason"] == "unpublished"
    merged = mirror.tombstones[str(fifth.pk)]
    assert merged["reason"] == "merged" and merged["merged_into"] == str(third.pk)
    assert str(newcomer.pk) in mirror.records

    # ...then re-published, closed and deleted.
    services.organisation_publish(organisation=fourth, user=moderator, published=True)
    second.status = Organisation.Status.CLOSED
    second.save()
    deleted_pk = str(newcomer.pk)
    newcomer.delete()
    mirror.sync()
    assert mirror.records == public_set(client)
    assert str(fourth.pk) in mirror.records and str(fourth.pk) not in mirror.tombstones
    assert mirror.tombstones[str(second.pk)]["reason"] == "closed"
    assert mirror.tombstones[deleted_pk]["reason"] == "deleted"

    # A mirror started from scratch now agrees with the one kept up to date.
    fresh = Mirror(client, page_size=100)
    fresh.sync()
    assert fresh.records == mirror.records


def test_nothing_new_is_an_empty_page_with_the_same_cursor(client):
    OrganisationFactory()
    mirror = Mirror(client)
    mirror.sync()
    cursor = mirror.cursor
    body = client.get(f"{CHANGES}?cursor={cursor}").json()
    assert body == {"results": [], "cursor": cursor, "next": None}


def test_each_listing_appears_once_at_its_latest_change(client):
    organisation = OrganisationFactory()
    for name in ("One", "Two", "Three"):
        organisation.name_en = name
        organisation.save()
    assert ListingChange.objects.filter(organisation_id=organisation.pk).count() >= 3
    results = client.get(CHANGES).json()["results"]
    assert [item["organisation"]["name"] for item in results] == ["Three"]


def test_a_listing_off_the_register_and_unpublished_says_so(client, tmp_path):
    moderator = make_moderator()
    organisation = OrganisationFactory()
    RegisterRecord.objects.create(
        organisation=organisation,
        source="ccew",
        identifier="GB-CHC-1100001",
        extract_date="2026-11-01",
        removed_on="2026-11-20",
        values={},
    )
    services.organisation_publish(organisation=organisation, user=moderator, published=False)
    (item,) = client.get(CHANGES).json()["results"]
    assert item["change"] == "removed" and item["reason"] == "removed_from_register"


def test_since_keeps_later_changes(client):
    old = OrganisationFactory()
    ListingChange.objects.filter(organisation_id=old.pk).update(at="2020-01-01T00:00:00Z")
    new = OrganisationFactory()
    ids = [item["id"] for item in client.get(f"{CHANGES}?since=2025-01-01").json()["results"]]
    assert ids == [str(new.pk)]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("cursor=yesterday", "cursor"),
        ("cursor=1.x", "cursor"),
        ("since=last-tuesday", "since"),
        ("page_size=0", "page_size"),
        ("page_size=1001", "page_size"),
        ("updated_since=2026-01-01", "updated_since"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, query, parameter):
    response = client.get(f"{CHANGES}?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_messages_are_in_the_asked_language(client):
    response = client.get(f"{CHANGES}?cursor=nope", HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]
    assert response.json()["errors"]["cursor"] != [
        "Not a cursor this feed gave: use the last response's."
    ]


def test_a_page_costs_the_same_queries_however_many_listings_it_holds(
    client, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(8) as small:
        client.get(f"{CHANGES}?page_size=100")
    OrganisationFactory.create_batch(30, categories=[category("food")])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{CHANGES}?page_size=100")


def test_an_import_is_in_the_feed(client, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(
        "org_id,name,description,is_published\n"
        "GB-CHC-1090001,Imported One,First,1\n"
        "GB-CHC-1090002,Imported Two,Second,0\n",
        encoding="utf-8",
    )
    call_command("import_organisations", str(path), verbosity=0)
    names = [item["organisation"]["name"] for item in client.get(CHANGES).json()["results"]]
    assert names == ["Imported One"]


@pytest.mark.django_db(transaction=True)
def test_a_long_transaction_holds_the_stream_back_instead_of_slipping_behind_a_cursor():
    """A register import commits minutes after it started: on PostgreSQL, changes that
    commit meanwhile wait for it, so that a cursor can never pass its entries."""
    import threading
    import uuid

    from django.db import connection, connections, transaction

    from directory import changes

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writes: the id alone orders them")
    slow, quick = uuid.uuid4(), uuid.uuid4()
    started, finish = threading.Event(), threading.Event()

    def long_import():
        try:
            with transaction.atomic():
                changes.record([slow])
                started.set()
                finish.wait(10)
        finally:
            connections.close_all()

    worker = threading.Thread(target=long_import)
    worker.start()
    try:
        assert started.wait(10)
        changes.record([quick])  # commits at once, after the import's entry was written
        held, _more = changes.read()
        assert held == []
    finally:
        finish.set()
        worker.join()
    # Other transactions on the server (tests running alongside, say) may hold it back a
    # moment longer: never for good.
    import time

    deadline = time.monotonic() + 60
    while not (entries := changes.read()[0]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [entry.organisation_id for entry in entries] == [slow, quick]


def test_the_api_root_names_the_changes_feed(client):
    endpoints = client.get("/api/v1/").json()["endpoints"]
    assert endpoints["organisation_changes"] == "http://testserver/api/v1/organisations/changes/"


def test_an_empty_cursor_is_the_start_of_the_stream_and_an_empty_since_is_refused(client):
    organisation = OrganisationFactory()
    body = client.get(f"{CHANGES}?cursor=").json()
    assert [item["id"] for item in body["results"]] == [str(organisation.pk)]
    assert client.get(f"{CHANGES}?since=").status_code == 400


def test_a_since_before_the_calendar_can_hold_it_in_utc_is_every_change(client):
    organisation = OrganisationFactory()
    response = client.get(f"{CHANGES}?since=0001-01-01T00:00:01%2B01:00")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(organisation.pk)]


@pytest.mark.parametrize("offset", ["%2B20:43", "-23:30"])
def test_a_since_with_an_offset_no_database_takes_is_read_in_utc(client, offset):
    OrganisationFactory()
    response = client.get(f"{CHANGES}?since=1849-04-26T22:00:20{offset}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
