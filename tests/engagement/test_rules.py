"""Every engagement power, walked through every role; and the admin refusing a staff
member without the power, on the page and by URL."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from engagement.models import Feedback, Registration
from tests.engagement.factories import EventFactory, FeedbackFactory, InsightFactory
from tests.factories import UserFactory, make_engagement_staff, make_moderator

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "moderator", "engagement_staff", "engagement_lead", "administrator")
STAFF = {"engagement_staff", "engagement_lead", "administrator"}
LEADS = {"engagement_lead", "administrator"}


@pytest.fixture
def users():
    return {
        "anonymous": AnonymousUser(),
        "member": UserFactory(),
        "moderator": make_moderator(),
        "engagement_staff": make_engagement_staff(),
        "engagement_lead": make_engagement_staff(lead=True),
        "administrator": UserFactory(is_staff=True, is_superuser=True),
    }


POWERS = {
    "engagement.view_headway": STAFF,
    "engagement.record_attendance": STAFF,
    "engagement.enter_monitoring": STAFF,
    "engagement.turn_feedback_into_insights": STAFF,
    "engagement.publish_response": LEADS,
    "engagement.erase_personal_data": LEADS,
}
CRUD = ("view", "change", "add", "delete")
IN_THE_ADMIN = {
    "engagement": STAFF,
    **{
        f"{action}_{model}": STAFF
        for model in ("event", "outreachactivity")
        for action in (*CRUD, "import", "export")
    },
    **{f"{action}_{model}": STAFF for model in ("stakeholdergroup", "theme") for action in CRUD},
    **{f"{action}_registration": STAFF for action in ("view", "change", "add")},
    "import_registration": LEADS,
    "export_registration": LEADS,
    "view_participant": STAFF,
    "add_monitoringresponse": STAFF,
    **{f"{action}_feedback": STAFF for action in ("view", "change", "add")},
    **{f"{action}_{model}": STAFF for model in ("insight", "action") for action in CRUD},
    "view_populationbaseline": STAFF,
    "export_populationbaseline": STAFF,
    **{f"{action}_populationbaseline": LEADS for action in ("change", "add", "delete", "import")},
    "view_headwaysnapshot": STAFF,
}


@pytest.mark.parametrize("power", sorted(POWERS))
def test_power_by_role(users, power):
    for role in ROLES:
        assert users[role].has_perm(power) == (role in POWERS[power]), (power, role)


@pytest.mark.parametrize("permission", sorted(IN_THE_ADMIN))
def test_admin_permission_by_role(users, permission):
    name = permission if permission == "engagement" else f"engagement.{permission}"
    for role in ROLES:
        assert users[role].has_perm(name) == (role in IN_THE_ADMIN[permission]), (name, role)


def test_every_engagement_rule_is_walked_by_role_here():
    declared = {
        name for name in rules.permissions.permissions if name.split(".")[0] == "engagement"
    }
    tested = set(POWERS) | {
        name if name == "engagement" else f"engagement.{name}" for name in IN_THE_ADMIN
    }
    assert declared == tested


def test_staff_outside_the_engagement_groups_have_no_engagement_powers():
    staff = UserFactory(is_staff=True)
    assert not any(staff.has_perm(power) for power in POWERS)
    assert not staff.has_perm("engagement")


def RegistrationFactory(event=None, **kwargs):  # noqa: N802 (reads like the factories)
    kwargs.setdefault("name", "A person")
    return Registration.objects.create(event=event or EventFactory(), consent=True, **kwargs)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_without_the_erase_power_get_403_by_url_and_nothing_is_erased():
    registration = RegistrationFactory(name="Amina Begum", email="amina@people.example")
    feedback = FeedbackFactory(contact_name="Tomasz", contact_email="t@people.example")
    staff = client_for(make_engagement_staff())
    for path, pk in (
        ("/admin/engagement/registration/", registration.pk),
        ("/admin/engagement/feedback/", feedback.pk),
    ):
        # The action is not offered...
        assert "erase_personal_data" not in staff.get(path).content.decode()
        # ...and sending it anyway, confirmed, is refused.
        response = staff.post(
            path, {"action": "erase_personal_data", "_selected_action": [pk], "apply": "yes"}
        )
        assert response.status_code == 403
    registration = Registration.objects.get(pk=registration.pk)
    assert (registration.name, registration.erased_at) == ("Amina Begum", None)
    assert Feedback.objects.get(pk=feedback.pk).contact_email == "t@people.example"


def test_a_lead_erases_a_persons_data(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(name="Amina Begum", email="amina@people.example")
    lead = client_for(make_engagement_staff(lead=True))
    response = lead.post(
        "/admin/engagement/registration/",
        {"action": "erase_personal_data", "_selected_action": [registration.pk], "apply": "yes"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.erased_at is not None and registration.email == ""


def test_only_leads_publish_a_response():
    InsightFactory()
    staff = client_for(make_engagement_staff())
    assert "publish_response" not in staff.get("/admin/engagement/insight/").content.decode()
    lead = client_for(make_engagement_staff(lead=True))
    assert "publish_response" in lead.get("/admin/engagement/insight/").content.decode()


def test_attendance_is_for_engagement_staff_not_moderators():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    data = {"action": "mark_attended", "_selected_action": [registration.pk]}
    moderator = client_for(make_moderator())
    assert moderator.post("/admin/engagement/registration/", data).status_code == 403
    staff = client_for(make_engagement_staff())
    assert staff.post("/admin/engagement/registration/", data).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "attended"
