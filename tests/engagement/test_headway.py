"""Headway figures: ratios against the baseline on a fixture with known answers, the
mapping of monitoring answers to the baseline's categories, trends, and the tables'
shapes. Builders here are shared by the other headway tests."""

import datetime as dt
from itertools import chain, repeat

import pytest
from django.utils import timezone

from directory.models import Borough
from engagement.headway import HeadwayFilters, headway_figures, table_by_name
from engagement.models import (
    AttendanceStatus,
    Event,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    PopulationBaseline,
    Registration,
    StakeholderGroup,
)
from engagement.models.baseline import COMPARISONS, choose_scheme, load_baseline
from engagement.models.monitoring import DIMENSIONS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("live_figures")]

LONDON = timezone.get_fixed_timezone(0)


def at(year, month, day=10, hour=18):
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def make_event(slug, starts_at, *, borough="tower-hamlets", walk_ins=0, groups=(), **extra):
    event = Event.objects.create(
        slug=slug,
        title_en=f"Meeting {slug}",
        description_en="Tell us what you need.",
        event_type=Event.Type.MEETING,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        borough=Borough.objects.get(slug=borough),
        is_published=True,
        status=Event.Status.HELD,
        walk_in_count=walk_ins,
        **extra,
    )
    if groups:
        event.target_groups.set(groups)
    return event


def spread(total: int, *parts: tuple[str, int]) -> list[str]:
    """Answers for ``total`` responses: each (answer, count) in turn, then blank."""
    answers = list(chain.from_iterable(repeat(answer, n) for answer, n in parts))
    assert len(answers) <= total
    return answers + [""] * (total - len(answers))


def add_responses(event, total: int, **dimensions: list[tuple[str, int]]):
    columns = {name: spread(total, *parts) for name, parts in dimensions.items()}
    MonitoringResponse.objects.bulk_create(
        MonitoringResponse(
            event=event,
            month=event.starts_at.date().replace(day=1),
            **{name: answers[i] for name, answers in columns.items()},
        )
        for i in range(total)
    )


def add_registrations(event, *, heard_via="", participants=None, **by_status: int):
    """Registrations by status; ``participants`` gives attendees' pseudonymous keys."""
    rows = []
    keys = iter(participants or [])
    for status, n in by_status.items():
        for i in range(n):
            participant = None
            if status == AttendanceStatus.ATTENDED:
                key = next(keys, None)
                if key:
                    participant = Participant.objects.get_or_create(key=key)[0]
            rows.append(
                Registration(
                    event=event,
                    name=f"Person {status} {i}",
                    email=f"{status}{i}@people.example",
                    consent=True,
                    status=status,
                    heard_via=heard_via,
                    participant=participant,
                )
            )
    Registration.objects.bulk_create(rows)


KNOWN = {
    # 100 responses; blank = not answered.
    "country_of_birth": [
        ("uk", 60),
        ("europe_eu", 10),
        ("africa", 5),
        ("middle_east_asia", 5),
        ("prefer_not_to_say", 10),
    ],
    "ethnic_group": [
        ("indian", 10),
        ("bangladeshi", 5),
        ("white_british", 20),
        ("other_white", 5),
        ("african", 10),
        ("white_asian", 5),
        ("arab", 5),
        ("prefer_not_to_say", 20),
    ],
    "age_band": [
        ("16_24", 20),
        ("25_34", 30),
        ("35_49", 25),
        ("50_64", 15),
        ("65_74", 3),
        ("75_plus", 2),
        ("prefer_not_to_say", 5),
    ],
    "disability": [
        ("limited_a_lot", 5),
        ("limited_a_little", 10),
        ("no", 70),
        ("prefer_not_to_say", 15),
    ],
    "qualification": [("level_4_plus", 40), ("level_3", 20), ("none", 10), ("other", 10)],
    "main_language": [("english", 50), ("other", 40)],
    "sex": [("female", 60), ("male", 40)],
}


@pytest.fixture
def known_event():
    event = make_event("known", at(2025, 3, 10), walk_ins=70)
    add_responses(event, 100, **KNOWN)
    add_registrations(event, attended=30, no_show=10, cancelled=5)
    return event


def rows_of(table):
    return {row.key: row.values for row in table.rows}


def test_every_monitoring_dimension_has_a_table_and_every_baseline_dimension_is_mapped():
    tables = {t.name for t in headway_figures()}
    assert {f"monitoring_{d}" for d in DIMENSIONS} <= tables
    baseline_dimensions = set(PopulationBaseline.objects.values_list("dimension", flat=True))
    mapped = {scheme.dimension for schemes in COMPARISONS.values() for scheme in schemes}
    # "population" is the size of London, not a share to compare with.
    assert baseline_dimensions - {"population"} <= mapped


def test_the_default_baseline_is_loaded_with_source_and_base():
    outside = PopulationBaseline.objects.get(
        area_code="E12000007", dimension="country_of_birth", category="Outside the United Kingdom"
    )
    assert float(outside.share_percent) == 40.6
    assert outside.base == "all usual residents"
    assert "Census 2021" in outside.source
    assert PopulationBaseline.objects.count() == 16


def test_ratios_on_a_fixture_with_known_answers(known_event):
    tables = {t.name: t for t in headway_figures()}

    country = rows_of(tables["monitoring_country_of_birth"])
    # 60 UK, 20 outside (EU, Africa, Middle East and Asia together), 10 prefer not,
    # 10 not answered: the share is of the 80 who answered.
    assert country["uk"] == {"count": 60, "share": 75.0, "baseline": 59.4, "ratio": 1.26}
    assert country["outside_uk"] == {"count": 20, "share": 25.0, "baseline": 40.6, "ratio": 0.62}
    assert country["prefer_not_to_say"] == {"count": 10}
    assert country["not_answered"] == {"count": 10}
    flags = {row.key: row.flag for row in tables["monitoring_country_of_birth"].rows}
    assert flags["outside_uk"] == "under" and flags["uk"] == ""

    ethnic = rows_of(tables["monitoring_ethnic_group"])  # 60 answered, rolled up to five
    assert ethnic["asian"]["count"] == 15 and ethnic["asian"]["ratio"] == 1.21  # 25.0 / 20.7
    assert ethnic["white"]["share"] == 41.7 and ethnic["white"]["ratio"] == 0.77  # / 53.8
    assert ethnic["black"]["ratio"] == 1.23  # 16.67 / 13.5
    assert ethnic["mixed"]["ratio"] == 1.46  # 8.33 / 5.7
    assert ethnic["other"]["ratio"] == 1.32  # 8.33 / 6.3

    age = rows_of(tables["monitoring_age_band"])  # 95 answered; 65+ is 65-74 and 75+
    assert age["65_plus"] == {"count": 5, "share": 5.3, "baseline": 11.9, "ratio": 0.44}
    assert age["under_65"]["baseline"] == 88.1  # 0-14 and 15-64 together
    assert age["under_65"]["ratio"] == 1.08

    disability = rows_of(tables["monitoring_disability"])  # limited a lot or a little
    assert disability["disabled"] == {"count": 15, "share": 17.6, "baseline": 13.2, "ratio": 1.34}
    assert disability["not_disabled"]["ratio"] == 0.95

    qualification = rows_of(tables["monitoring_qualification"])
    assert qualification["level_4_plus"]["ratio"] == 1.07  # 50.0 / 46.7
    # The rest is compared with 100 minus the level 4 share.
    assert qualification["below_level_4"]["baseline"] == 53.3
    assert qualification["below_level_4"]["ratio"] == 0.94

    language = rows_of(tables["monitoring_main_language"])
    assert language["english"]["ratio"] == 0.71 and language["other"]["ratio"] == 2.06

    sex = rows_of(tables["monitoring_sex"])  # no baseline: no ratio, no comparison
    assert sex["female"] == {"count": 60, "share": 60.0}
    assert tables["monitoring_sex"].comparison is None

    rate = rows_of(tables["response_rate"])["all"]  # 100 forms, 30 came + 70 walked in
    assert rate == {"responses": 100, "attendance": 100, "rate": 100.0}


def test_each_comparison_names_its_source_and_base(known_event):
    table = table_by_name(headway_figures(), "monitoring_main_language")
    assert table.comparison["area_name"] == "London"
    assert table.comparison["bases"] == ["usual residents aged 3+"]
    assert any("TS024" in source for source in table.comparison["sources"])


def test_funnel_attendance_and_participants():
    event = make_event("one", at(2025, 4, 1), walk_ins=6)
    later = make_event("two", at(2025, 5, 1))
    keys = [f"k{i}" for i in range(12)]
    add_registrations(event, participants=keys[:10], attended=10, no_show=5, heard_via="radio")
    add_registrations(later, participants=keys[:5] + keys[10:12], attended=7, registered=8)
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            date=dt.date(2025, 3, 20), channel="radio", description="Slot", estimated_reach=300
        )
        for _ in range(6)
    )
    tables = {t.name: t for t in headway_figures(staff=True)}
    assert rows_of(tables["registrations"])["attended"]["count"] == 17
    assert rows_of(tables["attendance"]) == {
        "registered": {"count": 17, "percent": 73.9},
        "walk_in": {"count": 6, "percent": 26.1},
    }
    funnel = rows_of(tables["funnel"])
    assert funnel["outreach"] == {"count": 6}
    assert funnel["registered"] == {"count": 30}
    assert funnel["attendance"] == {"count": 23}
    channels = rows_of(tables["registrations_by_channel"])
    assert channels["radio"]["count"] == 15 and channels["not_said"]["count"] == 15
    reach = rows_of(tables["outreach_by_channel"])["radio"]
    assert reach == {"activities": 6, "reach": 1800}
    # 12 people: 5 came twice, 7 once.
    assert rows_of(tables["participants"]) == {
        "once": {"count": 7, "percent": 58.3},
        "more": {"count": 5, "percent": 41.7},
    }
    # At the second event 5 had come before and 2 were new: too few to show, so it is
    # hidden, and so is the first event, or the totals would give it away.
    first = tables["first_timers"]
    assert [row.values for row in first.rows] == [
        {"first": None, "again": None},
        {"first": None, "again": None},
    ]
    assert first.total.values == {"first": 12, "again": 5}


def test_first_timers_shown_when_none_are_small():
    event = make_event("one", at(2025, 4, 1))
    later = make_event("two", at(2025, 5, 1))
    keys = [f"k{i}" for i in range(20)]
    add_registrations(event, participants=keys[:10], attended=10)
    add_registrations(later, participants=keys[:5] + keys[10:20], attended=15)
    first = table_by_name(headway_figures(staff=True), "first_timers")
    assert [row.values for row in first.rows] == [
        {"first": 10, "again": 0},
        {"first": 10, "again": 5},
    ]
    assert "Meeting one" in first.rows[0].label
    assert table_by_name(headway_figures(), "first_timers") is None  # staff only


def test_trends_month_by_month_show_the_ratio_rising():
    # Journey 8: born outside the UK rises from about 0.5 to 0.8 of London's share.
    march = make_event("march", at(2025, 3, 12))
    april = make_event("april", at(2025, 4, 9))
    add_responses(march, 50, country_of_birth=[("uk", 40), ("africa", 10)])
    add_responses(april, 50, country_of_birth=[("uk", 34), ("europe_eu", 16)])
    table = table_by_name(headway_figures(), "trend_representation")
    rows = rows_of(table)
    assert rows["2025-03"]["country_of_birth_share"] == 20.0
    assert rows["2025-03"]["country_of_birth_ratio"] == 0.49  # 20.0 / 40.6
    assert rows["2025-04"]["country_of_birth_share"] == 32.0
    assert rows["2025-04"]["country_of_birth_ratio"] == 0.79
    assert [row.label for row in table.rows] == ["March 2025", "April 2025"]
    trends = rows_of(table_by_name(headway_figures(), "trends"))
    assert trends["2025-03"]["responses"] == 50 and trends["2025-04"]["responses"] == 50


def test_if_everyone_gave_the_same_answer_it_is_hidden():
    event = make_event("all-older", at(2025, 6, 1), walk_ins=10)
    add_responses(event, 10, age_band=[("75_plus", 10)])
    table = {t.name: t for t in headway_figures()}["monitoring_age_band"]
    # "10 people, all 65 or over": anyone known to have been there would be known to be.
    assert rows_of(table)["65_plus"]["count"] is None


def test_filters_narrow_every_figure():
    group = StakeholderGroup.objects.create(slug="older", name_en="Older people", kind="age")
    for_group = make_event("for-group", at(2025, 6, 1), groups=[group], walk_ins=10)
    other = make_event("other", at(2025, 6, 2), borough="hackney", walk_ins=20)
    add_responses(for_group, 15, age_band=[("75_plus", 10), ("25_34", 5)])
    add_responses(other, 20, age_band=[("25_34", 20)])
    filtered = {t.name: t for t in headway_figures(HeadwayFilters(stakeholder_group=group))}
    assert filtered["attendance"].total.values["count"] == 10
    assert rows_of(filtered["monitoring_age_band"])["65_plus"]["count"] == 10
    by_borough = headway_figures(HeadwayFilters(borough=Borough.objects.get(slug="hackney")))
    assert table_by_name(by_borough, "attendance").total.values["count"] == 20
    in_may = headway_figures(HeadwayFilters(date_to=dt.date(2025, 5, 31)))
    assert table_by_name(in_may, "attendance").total.values["count"] == 0


def add_baseline(area_code, area_name, dimension, source, shares):
    """Population shares for one area and dimension: {category: share}."""
    for category, share in shares.items():
        PopulationBaseline.objects.create(
            area_code=area_code,
            area_name=area_name,
            dimension=dimension,
            category=category,
            share_percent=share,
            base="all usual residents",
            source=source,
        )


FINE_AGES = {"0-15": 20, "16-24": 10, "25-34": 20, "35-49": 22, "50-64": 16, "65-74": 7, "75+": 5}


def test_a_borough_baseline_is_used_when_filtering_by_that_borough():
    hackney = Borough.objects.get(slug="hackney")
    add_baseline(
        hackney.gss_code,
        "Hackney",
        "country_of_birth",
        "ONS Census 2021 TS004",
        {"United Kingdom": 50.0, "Outside the United Kingdom": 50.0},
    )
    event = make_event("hackney", at(2025, 6, 1), borough="hackney")
    add_responses(event, 20, country_of_birth=[("uk", 10), ("africa", 10)])
    table = table_by_name(
        headway_figures(HeadwayFilters(borough=hackney)), "monitoring_country_of_birth"
    )
    assert table.comparison["area_name"] == "Hackney"
    assert rows_of(table)["outside_uk"]["ratio"] == 1.0
    # Dimensions Hackney has no figures for fall back to London's.
    ethnic = table_by_name(
        headway_figures(HeadwayFilters(borough=hackney)), "monitoring_ethnic_group"
    )
    assert ethnic.comparison["area_name"] == "London"


def test_a_finer_age_baseline_is_preferred_when_imported():
    add_baseline("E12000007", "London", "age_band", "ONS Census 2021 TS007", FINE_AGES)
    scheme, area = choose_scheme("age_band", load_baseline("E12000007"), "E12000007")
    assert scheme.dimension == "age_band" and len(scheme.groups) == 7 and area == "E12000007"


def test_a_boroughs_finer_baseline_does_not_give_a_second_breakdown():
    hackney = Borough.objects.get(slug="hackney")
    add_baseline(hackney.gss_code, "Hackney", "age_band", "ONS Census 2021 TS007", FINE_AGES)
    event = make_event("hackney", at(2025, 6, 1), borough="hackney")
    add_responses(event, 30, age_band=[("35_49", 20), ("65_74", 5), ("75_plus", 5)])
    everywhere = table_by_name(headway_figures(), "monitoring_age_band")
    in_hackney = table_by_name(
        headway_figures(HeadwayFilters(borough=hackney)), "monitoring_age_band"
    )
    # The same groups through every door: 65-74 beside 65+ would give 75+ away.
    assert [r.key for r in in_hackney.rows] == [r.key for r in everywhere.rows]
    assert "65_74" not in rows_of(in_hackney)


def test_listening_figures():
    now = timezone.now()
    insights = [
        Insight(title=f"Insight {i}", status=Insight.Status.DONE if i < 12 else Insight.Status.NEW)
        for i in range(20)
    ]
    Insight.objects.bulk_create(insights)
    for i, insight in enumerate(Insight.objects.order_by("title")[:12]):
        created = now - dt.timedelta(days=30)
        Insight.objects.filter(pk=insight.pk).update(
            created_at=created, response_published_at=created + dt.timedelta(days=i + 1)
        )
    tables = {t.name: t for t in headway_figures()}
    assert rows_of(tables["insights_status"]) == {
        "open": {"count": 8, "percent": 40.0},
        "closed": {"count": 12, "percent": 60.0},
    }
    assert rows_of(tables["insights_response"])["published"] == {"count": 12, "percent": 60.0}
    # 1 to 12 days: the median is 6.5.
    assert rows_of(tables["insights_response_time"])["published"]["median_days"] == 6.5


def test_trends_have_a_row_for_every_month_between_the_first_and_the_last():
    make_event("march", at(2025, 3, 12), walk_ins=10)
    make_event("may", at(2025, 5, 12), walk_ins=20)
    trends = table_by_name(headway_figures(), "trends")
    assert [row.key for row in trends.rows] == ["2025-03", "2025-04", "2025-05"]
    assert [row.values["attendance"] for row in trends.rows] == [10, 0, 20]
    assert trends.total.values["attendance"] == 30
