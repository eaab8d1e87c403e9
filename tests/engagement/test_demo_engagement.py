"""The fictional engagement demo data: idempotent, clearly fictional, and telling the
story of the staff journeys (6, 7 and 8)."""

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from engagement.demo import NOT_FOR_US, seed_engagement
from engagement.models import (
    Action,
    AttendanceStatus,
    Channel,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    Registration,
    StakeholderGroup,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MODELS = (
    StakeholderGroup,
    OutreachActivity,
    Event,
    Registration,
    Participant,
    MonitoringResponse,
    Feedback,
    Insight,
    Action,
)


@pytest.fixture
def demo_organisations():
    return [
        OrganisationFactory(slug=slug, is_demo=True)
        for slug in ("a-polish-school", "b-romanian-club", "c-somali-women", "d-food-bank")
    ]


@pytest.fixture
def seeded(demo_organisations):
    return seed_engagement()


def snapshot():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seeding_twice_changes_nothing(seeded):
    before = snapshot()
    published_at = Insight.objects.get(title=NOT_FOR_US).response_published_at
    statuses = sorted(Registration.objects.values_list("name", "status"))
    assert seed_engagement() == seeded
    assert snapshot() == before
    assert Insight.objects.get(title=NOT_FOR_US).response_published_at == published_at
    assert sorted(Registration.objects.values_list("name", "status")) == statuses


def test_people_in_the_demo_are_clearly_fictional(seeded):
    registrations = Registration.objects.all()
    assert registrations.exists()
    for name, email, phone in registrations.values_list("name", "email", "phone"):
        assert name.endswith("(fictional)") and email.endswith(".example")
        assert phone == "" or phone.startswith("020 7946 0")
    with_contact = Feedback.objects.exclude(contact_email="")
    assert with_contact.exists()
    for name, email in with_contact.values_list("contact_name", "contact_email"):
        assert name.endswith("(fictional)") and email.endswith(".example")
    assert not Event.objects.exclude(description_en__icontains="fictional").exists()
    assert not OutreachActivity.objects.exclude(description__icontains="fictional").exists()
    assert not Insight.objects.exclude(detail__icontains="fictional").exists()


def test_kemis_morning_of_outreach_is_logged(seeded, demo_organisations):
    morning = OutreachActivity.objects.filter(
        date=timezone.localdate() - timezone.timedelta(days=1)
    )
    by_channel = {activity.channel: activity for activity in morning}
    assert set(by_channel) == {Channel.PHONE_CALL, Channel.TRANSLATED_NOTICE, Channel.RADIO}
    call, notice, radio = (by_channel[c] for c in ("phone_call", "translated_notice", "radio"))
    assert "Somali" in call.description
    assert list(call.partner_organisations.values_list("slug", flat=True)) == ["c-somali-women"]
    assert sorted(notice.languages.values_list("code", flat=True)) == ["pl", "ro"]
    assert list(notice.partner_organisations.order_by("slug").values_list("slug", flat=True)) == [
        "a-polish-school",
        "b-romanian-club",
        "c-somali-women",
    ]
    assert list(radio.languages.values_list("code", flat=True)) == ["bn"]
    for activity in morning:
        assert activity.target_groups.exists() and activity.estimated_reach > 0
    used = set(OutreachActivity.objects.values_list("channel", flat=True))
    assert used == set(Channel.values)  # every channel is shown
    assert OutreachActivity.objects.values("languages").distinct().count() >= 8


def test_a_year_of_held_meetings_with_attendance_and_monitoring(seeded):
    year_ago = timezone.now() - timezone.timedelta(days=365)
    held = (
        Event.objects.filter(status=Event.Status.HELD, starts_at__gte=year_ago)
        .annotate(
            came=Count("registrations", filter=Q(registrations__status=AttendanceStatus.ATTENDED)),
            missed=Count("registrations", filter=Q(registrations__status=AttendanceStatus.NO_SHOW)),
        )
        .order_by("starts_at")
    )
    assert held.count() >= 8
    assert len({event.starts_at.strftime("%Y-%m") for event in held}) >= 8  # spread over months
    for event in held:
        assert 10 <= event.came + event.walk_in_count <= 40, event.slug
        assert event.missed > 0
        assert event.monitoring_responses.exists()
    assert Registration.objects.filter(status=AttendanceStatus.CANCELLED).exists()
    # Some people come again: repeat participation, counted pseudonymously.
    assert Participant.objects.annotate(n=Count("registrations")).filter(n__gt=1).exists()

    events = list(held)
    half = len(events) // 2

    early = MonitoringResponse.objects.filter(event__in=events[:half])
    late = MonitoringResponse.objects.filter(event__in=events[half:])

    def born_abroad(queryset):
        answered = queryset.exclude(country_of_birth__in=["", "prefer_not_to_say"])
        return answered.exclude(country_of_birth="uk").count() / answered.count()

    assert born_abroad(late) > born_abroad(early) + 0.05  # rising over the year
    everyone = MonitoringResponse.objects.exclude(age_band__in=["", "prefer_not_to_say"])
    older = everyone.filter(age_band__in=["65_74", "75_plus"]).count() / everyone.count()
    assert older < 0.10  # London's 65+ share is about 12%: still under-represented
    assert MonitoringResponse.objects.filter(religion="prefer_not_to_say").exists()
    assert MonitoringResponse.objects.filter(sexual_orientation="").exists()


def test_meetings_open_for_registration_one_nearly_full(seeded):
    upcoming = Event.objects.public().upcoming()
    assert upcoming.count() >= 3
    assert all(event.registration_is_open() for event in upcoming)
    fullness = [
        event.registrations.filter(status=AttendanceStatus.REGISTERED).count() / event.capacity
        for event in upcoming
        if event.capacity
    ]
    assert any(0.85 <= share < 1 for share in fullness)
    whitechapel = Event.objects.get(slug="community-meeting-whitechapel")
    assert whitechapel.title_bn and whitechapel.description_pl and whitechapel.title_ar


def test_the_insight_is_answered_and_published_in_several_languages(seeded):
    insight = Insight.objects.get(title=NOT_FOR_US)
    assert insight.response_published_at is not None
    assert "nine languages" in insight.public_response_en
    assert "community venues" in insight.public_response_en
    for code in ("pl", "bn", "ar", "ro"):
        assert getattr(insight, f"public_summary_{code}")
        assert getattr(insight, f"public_response_{code}")
    assert insight.feedback.count() >= 3
    assert set(insight.feedback.values_list("language", flat=True)) >= {"pl", "bn", "ar"}
    assert insight.actions.filter(done_on__isnull=False).count() >= 2
    assert insight.stakeholder_groups.filter(slug="non-uk-born-londoners").exists()
    statuses = set(Insight.objects.values_list("status", flat=True))
    assert len(statuses) >= 4  # insights at different stages
    assert Insight.objects.published().count() == 1


def test_stakeholder_groups_have_translated_names(seeded):
    slugs = set(StakeholderGroup.objects.values_list("slug", flat=True))
    assert slugs >= {
        "non-uk-born-londoners",
        "older-people",
        "young-people",
        "polish-speakers",
        "bengali-speakers",
        "disabled-people",
        "people-without-formal-qualifications",
    }
    polish = StakeholderGroup.objects.get(slug="polish-speakers")
    assert polish.name_pl == "Osoby mówiące po polsku" and polish.name_bn and polish.name_ar


def test_seeding_works_before_the_directory_demo(db):
    counts = seed_engagement()
    assert counts["events"] >= 12 and counts["registrations"] > 200
    assert not OutreachActivity.objects.filter(partner_organisations__isnull=False).exists()
