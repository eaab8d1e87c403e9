"""Headway snapshots: taken on a schedule, shown with their date on every door, the
only source of the figures, and described in every download."""

import csv
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.headway import headway_snapshot_take
from engagement.models import HeadwaySnapshot, StakeholderGroup
from engagement.tasks import headway_snapshot_take as headway_snapshot_task
from tests.engagement.test_headway import add_registrations, add_responses, at, make_event
from tests.engagement.test_headway_pages import grow, staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event("spring", at(2025, 3, 12), walk_ins=12)
    add_registrations(event, attended=30, no_show=8)
    add_responses(event, 30, religion=[("christian", 12), ("none", 18)])
    return event


def test_before_the_first_snapshot_every_door_says_there_are_no_figures_yet(client, event):
    page = client.get("/en/headway/").content.decode()
    assert "No figures have been published yet" in page
    data = client.get("/api/v1/headway/").json()
    assert data["as_of"] is None
    attendance = next(t for t in data["tables"] if t["name"] == "attendance")
    assert attendance["total"]["values"]["count"] == 0  # live data is never read


def test_the_page_api_and_dashboard_say_which_snapshot_they_show(client, event):
    snapshot = headway_snapshot_task()  # the scheduled task, run eagerly
    taken = HeadwaySnapshot.objects.get(pk=snapshot)
    assert "Figures as of" in client.get("/en/headway/").content.decode()
    bengali = client.get("/bn/headway/").content.decode()
    assert 'id="headway-as-of"' in bengali and "Figures as of" not in bengali  # translated
    data = client.get("/api/v1/headway/").json()
    assert data["as_of"].startswith(taken.taken_at.date().isoformat())
    assert data["suppression"]["max_noise"] == 2
    staff_client(client)
    assert "Figures as of" in client.get("/admin/engagement/headway/").content.decode()


def test_the_snapshot_runs_on_the_beat_schedule_and_by_command(event, capsys):
    entry = settings.CELERY_BEAT_SCHEDULE["headway-snapshot"]
    assert entry["task"] == "engagement.tasks.headway_snapshot_take"
    assert entry["schedule"].day_of_month == {1}  # monthly by default
    call_command("headway_snapshot")
    assert HeadwaySnapshot.objects.count() == 1
    assert "taken" in capsys.readouterr().out


def test_snapshots_are_read_only_in_the_admin(admin_client, event):
    snapshot = headway_snapshot_take()
    listing = admin_client.get("/admin/engagement/headwaysnapshot/")
    assert listing.status_code == 200
    assert admin_client.get("/admin/engagement/headwaysnapshot/add/").status_code == 403
    delete = admin_client.post(f"/admin/engagement/headwaysnapshot/{snapshot.pk}/delete/")
    assert delete.status_code == 403
    assert HeadwaySnapshot.objects.count() == 1


def test_a_staff_csv_says_what_it_is(client, event):
    headway_snapshot_take()
    staff_client(client)
    response = client.get(
        "/admin/engagement/headway/?period=Q2025-1&borough=tower-hamlets&format=csv&table=all"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    head = {row[0]: row[1] for row in rows[:4]}
    assert head["Period"] == "2025, quarter 1"
    assert head["Filters"] == "Borough: Tower Hamlets"
    assert head["Figures as of"]
    assert "[c]: hidden to protect privacy" in head["Legend"]
    titles = [row[0] for i, row in enumerate(rows) if i and rows[i - 1] == []]
    assert "Attendance" in titles and "Religion" in titles  # every table, one file
    sources = [row[1] for row in rows if row[:1] == ["Source"]]
    assert "Equality monitoring forms" in sources


def test_the_public_csv_says_what_it_is_and_names_no_filters(client, event):
    headway_snapshot_take()
    response = client.get("/en/headway/?format=csv&table=attendance")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    head = {row[0]: row[1] for row in rows[:4]}
    assert head["Filters"] == "None" and head["Period"] == "Every event and activity"
    assert ["Source", "Attendance records and walk-in headcounts"] in rows


@pytest.mark.slow
def test_seed_demo_publishes_a_first_snapshot_once():
    demo = {"only": ["engagement", "headway"], "stdout": io.StringIO()}  # no directory: quicker
    call_command("seed_demo", **demo)
    assert HeadwaySnapshot.objects.count() == 1
    assert HeadwaySnapshot.objects.get().facts["events"]  # of the engagement demo
    call_command("seed_demo", **demo)
    assert HeadwaySnapshot.objects.count() == 1


def queries(client, url) -> int:
    client.get(url)  # each process reads a new snapshot's facts once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/headway/",
        "/en/headway/?format=csv&table=monitoring_ethnic_group",
        "/api/v1/headway/",
        "/admin/engagement/headway/?stakeholder_group=older&period=Y2024",
    ],
)
def test_queries_do_not_grow_with_the_data(client, url):
    group = StakeholderGroup.objects.create(slug="older", name_en="Older people", kind="age")
    staff_client(client)
    grow(group, 2, prefix="first")
    headway_snapshot_take()
    small = queries(client, url)
    assert small <= 20  # the session, the snapshot, the baseline, the filters' choices
    grow(group, 30)
    headway_snapshot_take()
    assert queries(client, url) <= small
