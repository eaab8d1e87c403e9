"""A determined researcher's attacks on the equality figures, each as it was found to
work, and a property test that tries them on generated data.

These run with real snapshots and the real cell-key noise (no ``live_figures``). Each
attack recovered a hidden count before snapshots, perturbation and the coordinated
tables; each test here asserts the figures no longer give it away. (The stuffed form,
attack 2, is in test_public_monitoring.py, where the form's links are.)
"""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from engagement.headway import HeadwayFilters, headway_figures, headway_snapshot_take, table_by_name
from engagement.models import Event, Insight, MonitoringResponse, Registration, StakeholderGroup
from tests.engagement.test_headway import add_registrations, add_responses, at, make_event
from tests.engagement.test_headway_pages import staff_client

pytestmark = pytest.mark.django_db

LIMIT = 5


def api_tables(client) -> dict:
    data = client.get("/api/v1/headway/").json()
    return {table["name"]: table for table in data["tables"]}


def rows(table) -> dict:
    return {row["key"]: row["values"] for row in table["rows"]}


def staff_csv(client, **query) -> list[list[str]]:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    response = client.get(f"/admin/engagement/headway/?{params}&format=csv&table=all")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def figures_only(csv_rows) -> list[list[str]]:
    """A staff CSV without its first lines, which name the period and the filters."""
    return csv_rows[4:]


# --- 1. Two snapshots around one form ---------------------------------------------------


def test_1_figures_do_not_move_with_one_form_nor_across_the_next_snapshot(client):
    event = make_event("spring", at(2025, 3, 12))
    add_registrations(event, attended=30)
    add_responses(event, 30, religion=[("christian", 12), ("none", 10), ("muslim", 8)])
    headway_snapshot_take()
    before = api_tables(client)

    # One more person fills in the form: 65+, Buddhist, disabled, born abroad.
    add_responses(
        event,
        1,
        religion=[("buddhist", 1)],
        age_band=[("75_plus", 1)],
        disability=[("limited_a_lot", 1)],
        country_of_birth=[("africa", 1)],
    )
    assert api_tables(client) == before  # live data never reaches the figures

    snapshot = headway_snapshot_take()  # the next scheduled snapshot
    assert snapshot.events_kept == 1  # one form is too few to show: the event stays
    assert api_tables(client) == before

    # Once enough forms have built up, they are counted together.
    add_responses(event, LIMIT - 1, religion=[("none", LIMIT - 1)])
    headway_snapshot_take()
    after = api_tables(client)
    assert after != before
    assert (
        rows(after["response_rate"])["all"]["responses"]
        != rows(before["response_rate"])["all"]["responses"]
    )


def test_1_one_form_swapped_for_another_waits_like_one_more(client):
    event = make_event("spring", at(2025, 3, 12))
    add_registrations(event, attended=30)
    add_responses(event, 30, religion=[("christian", 12), ("none", 18)])
    headway_snapshot_take()
    before = api_tables(client)
    # One old form goes (however: a deleted event's, a correction) and a new one comes.
    MonitoringResponse.objects.filter(event=event, religion="none").first().delete()
    add_responses(event, 1, religion=[("buddhist", 1)], age_band=[("75_plus", 1)])
    snapshot = headway_snapshot_take()
    assert snapshot.events_kept == 1  # the same number of forms, but two changed
    assert api_tables(client) == before


def test_1_one_registration_swapped_or_changed_waits_too(client):
    event = make_event("spring", at(2025, 3, 12))
    add_registrations(event, attended=30, no_show=6)
    headway_snapshot_take()
    before = api_tables(client)
    # One registration goes and another comes: the same counts, one person changed.
    Registration.objects.filter(event=event, status="no_show").first().delete()
    add_registrations(event, no_show=1)
    assert headway_snapshot_take().events_kept == 1
    assert api_tables(client) == before
    # Then five more change how they heard of it: six in all, now counted together.
    no_shows = Registration.objects.filter(event=event, status="no_show")
    Registration.objects.filter(pk__in=list(no_shows.values_list("pk", flat=True)[:5])).update(
        heard_via="radio"
    )
    assert headway_snapshot_take().events_kept == 0
    assert api_tables(client) != before


def test_1_the_same_cells_get_the_same_noise_every_time(client):
    event = make_event("spring", at(2025, 3, 12))
    add_registrations(event, attended=40, no_show=12)
    add_responses(event, 40, religion=[("christian", 15), ("none", 17), ("muslim", 8)])
    headway_snapshot_take()
    first = api_tables(client)
    headway_snapshot_take()  # nothing changed: a new snapshot, the same figures
    assert api_tables(client) == first


# --- 3. Who comes back, against attendance ------------------------------------------------


def test_3_who_comes_back_does_not_give_away_its_hidden_cells(client):
    # 22 people: 20 came once, 2 came to both events (24 attendances in all).
    first = make_event("first", at(2025, 3, 12))
    second = make_event("second", at(2025, 4, 12))
    add_registrations(first, attended=12, participants=[f"p{i}" for i in range(1, 13)])
    add_registrations(second, attended=12, participants=[f"p{i}" for i in range(11, 23)])
    headway_snapshot_take()
    tables = api_tables(client)
    participants = tables["participants"]
    attendance = rows(tables["attendance"])
    hidden = [key for key, values in rows(participants).items() if values["count"] is None]
    assert hidden == ["once", "more"]  # 2 is small, and 20 is hidden to protect it
    assert attendance["registered"]["count"] is not None
    # Attendances minus people would be the people who came back: no total to subtract.
    assert participants["total"]["values"]["count"] is None


# --- 4. Places left on an event that has been held ----------------------------------------


def test_4_places_left_is_not_given_once_an_event_is_over(client):
    held = make_event("held", at(2025, 3, 12), capacity=20)
    add_registrations(held, attended=7, no_show=3, cancelled=2)
    upcoming = make_event("upcoming", timezone.now() + dt.timedelta(days=10), capacity=20)
    Event.objects.filter(pk=upcoming.pk).update(status=Event.Status.PLANNED)
    add_registrations(upcoming, registered=6)
    running = make_event("running", timezone.now() - dt.timedelta(minutes=30), capacity=20)
    Event.objects.filter(pk=running.pk).update(status=Event.Status.PLANNED)
    add_registrations(running, registered=8, no_show=2)  # checked in at the door
    events = {e["slug"]: e for e in client.get("/api/v1/events/").json()["results"]}
    assert events["held"]["places_left"] is None  # 20 - 10 would say who came
    assert events["running"]["places_left"] is None  # and so would it once started
    assert events["upcoming"]["places_left"] == 14
    assert client.get(f"/api/v1/events/{held.pk}/").json()["places_left"] is None
    page = client.get("/en/events/held/").content.decode()
    assert "places left" not in page and "place left" not in page


# --- 5. Insight counts -------------------------------------------------------------------


def test_5_the_insights_api_count_does_not_give_away_the_hidden_insight_counts(client):
    for i in range(10):
        Insight.objects.create(
            title=f"Heard {i}",
            status=Insight.Status.DONE,
            public_summary_en="You said",
            public_response_en="We did",
            response_published_at=timezone.now(),
        )
    Insight.objects.create(title="Waiting 1", status=Insight.Status.NEW)
    Insight.objects.create(title="Waiting 2", status=Insight.Status.NEW)
    headway_snapshot_take()
    published = client.get("/api/v1/insights/").json()["count"]
    assert published == 10  # public: each is on "you said, we did"
    tables = api_tables(client)
    answered = tables["insights_response"]
    assert rows(answered)["published"]["count"] == 10
    assert rows(answered)["waiting"]["count"] is None
    # The 2 waiting would be any shown total minus the 10: every such total is hidden.
    assert answered["total"]["values"]["count"] is None
    assert tables["insights_status"]["total"]["values"]["count"] is None
    assert tables["trends"]["total"]["values"]["insights"] is None


# --- 6. Two staff date windows ------------------------------------------------------------


def test_6_staff_choose_whole_periods_and_one_other_filter_only(client):
    main = make_event("main", at(2025, 3, 10))
    add_registrations(main, attended=30)
    add_responses(main, 30, religion=[("christian", 12), ("none", 18)])
    late = make_event("late", at(2025, 3, 31, hour=10))
    add_registrations(late, attended=6)
    add_responses(late, 6, religion=[("muslim", 5), ("buddhist", 1)])
    headway_snapshot_take()
    staff_client(client)
    # Dates a day apart are not a choice: a month, a quarter, a year, or all time.
    by_day = staff_csv(client, date_from="2025-01-01", date_to="2025-03-30")
    assert by_day == staff_csv(client)  # day-by-day dates are ignored
    page = client.get("/admin/engagement/headway/").content.decode()
    assert 'value="M2025-03"' in page and 'value="Q2025-1"' in page and 'value="Y2025"' in page
    assert "date_from" not in page
    march = staff_csv(client, period="M2025-03")
    assert ["Period", "March 2025"] in march
    assert figures_only(staff_csv(client, period="Q2025-1")) == figures_only(march)
    # One filter besides the period: combining two would multiply the choices.
    both = client.get(
        f"/admin/engagement/headway/?borough=tower-hamlets&event={main.slug}"
    ).content.decode()
    assert "Choose only one of" in both


def test_6_a_month_with_a_handful_of_forms_adds_nothing_to_a_window(client):
    january = make_event("january", at(2025, 1, 15))
    add_registrations(january, attended=30)
    add_responses(january, 30, religion=[("christian", 12), ("none", 18)])
    march = make_event("march", at(2025, 3, 12))
    add_registrations(march, attended=8)
    add_responses(march, 2, religion=[("muslim", 1), ("buddhist", 1)])
    headway_snapshot_take()
    without = headway_figures(HeadwayFilters(date_to=dt.date(2025, 2, 28)), staff=True)
    with_march = headway_figures(HeadwayFilters(date_to=dt.date(2025, 3, 31)), staff=True)
    for name in ("monitoring_religion", "monitoring_age_band"):
        a, b = table_by_name(without, name), table_by_name(with_march, name)
        assert [r.values for r in a.rows] == [r.values for r in b.rows], name
        assert a.total.values == b.total.values
    responses = [table_by_name(t, "response_rate").rows[0].values for t in (without, with_march)]
    assert responses[0]["responses"] == responses[1]["responses"]
    religion = table_by_name(with_march, "monitoring_religion")
    assert religion.row("buddhist").values["count"] == 0  # March's two forms are left out


# --- 7. The event summary, against headway ------------------------------------------------


def test_7_the_event_summary_is_the_headway_breakdown_for_that_event(admin_client):
    event = make_event("older", at(2025, 3, 12))
    add_registrations(event, attended=30)
    add_responses(event, 30, age_band=[("35_49", 20), ("65_74", 5), ("75_plus", 2)])
    headway_snapshot_take()
    summary = admin_client.get(f"/admin/engagement/event/{event.pk}/summary/")
    assert summary.status_code == 200
    html = summary.content.decode()
    # No finer age bands than headway's: 65 to 74 next to 65 and over would give 75+ away.
    assert "65 to 74" not in html and "75 or over" not in html
    dashboard = admin_client.get(f"/admin/engagement/headway/?event={event.slug}")
    for section in summary.context["sections"]:
        for item in section["tables"]:
            on_dashboard = next(
                p
                for s in dashboard.context["sections"]
                for p in s["tables"]
                if p.table.name == item.table.name
            )
            assert [r.cells for r in item.rows] == [r.cells for r in on_dashboard.rows]
            assert (item.total and item.total.cells) == (
                on_dashboard.total and on_dashboard.total.cells
            )


# --- The property test -------------------------------------------------------------------

events_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "month": st.integers(min_value=1, max_value=4),
            "attended": st.integers(min_value=0, max_value=14),
            "no_show": st.integers(min_value=0, max_value=6),
            "walk_ins": st.integers(min_value=0, max_value=8),
            "forms": st.lists(
                st.tuples(
                    st.sampled_from(["christian", "muslim", "buddhist", "none", "", "other"]),
                    st.sampled_from(["16_24", "35_49", "65_74", "75_plus", ""]),
                ),
                max_size=14,
            ),
        }
    ),
    min_size=1,
    max_size=4,
)


def published_counts(tables) -> list[tuple[str, str, str, object]]:
    found = []
    for table in tables:
        kinds = {column.key: column.kind for column in table.columns}
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for key, value in row.values.items():
                if kinds.get(key) == "count":
                    found.append((table.name, row.key, key, value))
    return found


def doors(events) -> dict:
    """Every way the figures can be asked for: public, each month window, each event."""
    result = {"public": headway_figures()}
    for month in range(1, 5):
        start = dt.date(2025, 1, 1)
        end = dt.date(2025, month, 28)
        result[f"window-{month}"] = headway_figures(
            HeadwayFilters(date_from=start, date_to=end), staff=True
        )
    for event in events:
        result[f"event-{event.slug}"] = headway_figures(HeadwayFilters(event=event), staff=True)
    return result


@pytest.mark.slow
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_strategy, st.integers(min_value=1, max_value=LIMIT - 1))
@example(  # everyone at the one event who answered is Muslim, and aged 35 to 49
    [{"month": 2, "attended": 8, "no_show": 0, "walk_ins": 0, "forms": [("muslim", "35_49")] * 6}],
    1,
)
def test_no_door_and_no_pair_of_doors_gives_away_a_small_cell(specs, late_forms):
    with transaction.atomic():
        events = []
        for i, spec in enumerate(specs):
            event = make_event(f"e{i}", at(2025, spec["month"], 5 + i), walk_ins=spec["walk_ins"])
            add_registrations(event, attended=spec["attended"], no_show=spec["no_show"])
            forms = spec["forms"]
            add_responses(
                event,
                len(forms),
                religion=[(religion, 1) for religion, _age in forms if religion],
                age_band=[(age, 1) for _religion, age in forms if age],
            )
            events.append(event)
        headway_snapshot_take()
        before = doors(events)

        # No published count, through any door, is a small number.
        for name, tables in before.items():
            for table, row, column, value in published_counts(tables):
                assert value is None or not 0 < value < settings.SMALL_NUMBER_THRESHOLD, (
                    name,
                    table,
                    row,
                    column,
                    value,
                )

        # No door says that everyone who answered a question gave the same answer.
        for name, tables in before.items():
            for table in tables:
                if not table.name.startswith("monitoring_"):
                    continue
                groups = [r for r in table.rows if "share" in r.values]
                counts = [r.values["count"] for r in groups]
                assert not (
                    sum(1 for c in counts if c) == 1 and all(c is not None for c in counts)
                ), (name, table.name, counts)

        # Nested windows differ by whole events of at least LIMIT forms, or not at all.
        by_month = dict.fromkeys(range(1, 5), 0)
        for spec in specs:
            if len(spec["forms"]) >= LIMIT:
                by_month[spec["month"]] += len(spec["forms"])
        for month in range(2, 5):
            wider = table_by_name(before[f"window-{month}"], "monitoring_religion")
            narrower = table_by_name(before[f"window-{month - 1}"], "monitoring_religion")
            if by_month[month] == 0:
                assert [r.values for r in wider.rows] == [r.values for r in narrower.rows]

        # The cell two tables share is hidden in both or neither, whatever the door.
        for tables in before.values():
            status = table_by_name(tables, "registrations").row("attended").values["count"]
            came = table_by_name(tables, "attendance").row("registered").values["count"]
            assert (status is None) == (came is None) and (status is None or status == came)

        # A few more forms at one event, and a new snapshot: no door moves at all.
        add_responses(events[0], late_forms, religion=[("buddhist", late_forms)])
        headway_snapshot_take()
        after = doors(events)
        for name in before:
            assert [t.rows for t in after[name]] == [t.rows for t in before[name]], name
        transaction.set_rollback(True)


def test_6_tagging_events_after_a_snapshot_makes_no_new_selection():
    older = StakeholderGroup.objects.create(slug="older", name_en="Older people", kind="age")
    tagged = make_event("tagged", at(2025, 3, 12), groups=[older])
    untagged = make_event("untagged", at(2025, 4, 12))
    for event in (tagged, untagged):
        add_registrations(event, attended=20)
        add_responses(event, 20, religion=[("christian", 10), ("none", 10)])
    headway_snapshot_take()
    before = headway_figures(HeadwayFilters(stakeholder_group=older), staff=True)
    untagged.target_groups.add(older)  # a new combination of events, made at will
    after = headway_figures(HeadwayFilters(stakeholder_group=older), staff=True)
    assert [t.rows for t in after] == [t.rows for t in before]  # the snapshot's tags
    headway_snapshot_take()
    later = headway_figures(HeadwayFilters(stakeholder_group=older), staff=True)
    assert (
        table_by_name(later, "attendance").total.values["count"]
        != table_by_name(before, "attendance").total.values["count"]
    )
