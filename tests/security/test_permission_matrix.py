"""Every view and API endpoint, against every role: anonymous, member, editor of the
listing, moderator, administrator."""

import pytest
from django.test import Client

from engagement.models import Insight
from tests.engagement.factories import EventFactory, InsightFactory
from tests.factories import OrganisationFactory, UserFactory, make_editor, make_moderator

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "member", "editor", "moderator", "administrator")
OK, LOGIN, DENIED, REDIRECT, NOT_ALLOWED = 200, "login", 403, 302, 405


@pytest.fixture
def world():
    organisation = OrganisationFactory(slug="pantry")
    event = EventFactory(slug="meeting")
    insight = InsightFactory()
    users = {
        "member": UserFactory(),
        "editor": make_editor(organisation),
        "moderator": make_moderator(),
        "administrator": UserFactory(is_staff=True, is_superuser=True),
    }
    for user in users.values():
        user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return {"organisation": organisation, "event": event, "insight": insight, "users": users}


def client_for(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def outcome(response):
    """The status, or LOGIN for a redirect to a sign-in page (the site's or the admin's)."""
    location = response.get("Location", "")
    if response.status_code == 302 and (
        "/accounts/login/" in location or "/admin/login/" in location
    ):
        return LOGIN
    return response.status_code


everyone = dict.fromkeys(ROLES, OK)
members = {"anonymous": LOGIN, "member": OK, "editor": OK, "moderator": OK, "administrator": OK}
# The admin sends anyone who is not staff to sign in as staff.
staff_pages = {
    "anonymous": LOGIN,
    "member": LOGIN,
    "editor": LOGIN,
    "moderator": OK,
    "administrator": OK,
}
admin_only = {
    "anonymous": LOGIN,
    "member": LOGIN,
    "editor": LOGIN,
    "moderator": DENIED,
    "administrator": OK,
}

GET_MATRIX = {
    "/en/": everyone,
    "/en/organisations/": everyone,
    "/en/organisations/pantry/": everyone,
    "/en/organisations/pantry/report/": everyone,
    "/en/organisations/pantry/changes/": everyone,
    "/en/events/": everyone,
    "/en/events/meeting/": everyone,
    # Only through the one-time link emailed after the event, whoever asks.
    "/en/events/meeting/monitoring/": dict.fromkeys(ROLES, DENIED),
    "/en/events/meeting/feedback/": everyone,
    "/en/feedback/": everyone,
    "/en/you-said-we-did/": everyone,
    "/en/headway/": everyone,
    "/en/privacy/": everyone,
    "/en/organisations/pantry/suggest/": members,
    "/en/organisations/pantry/claim/": members,
    "/en/organisations/new/": members,
    "/en/organisations/mine/": members,
    # The suggestions about a listing wait for its editors (and moderators) to review.
    "/en/organisations/pantry/suggestions/": {
        "anonymous": LOGIN,
        "member": DENIED,
        "editor": OK,
        "moderator": OK,
        "administrator": OK,
    },
    "/en/accounts/profile/": members,
    "/admin/": staff_pages,
    "/admin/directory/organisationsuggestion/queue/": staff_pages,
    "/admin/directory/organisationsuggestion/": staff_pages,
    "/admin/directory/problemreport/": staff_pages,
    "/admin/accounts/user/": admin_only,
    "/api/v1/": everyone,
    "/api/v1/organisations/": everyone,
    "/api/v1/categories/": everyone,
    "/api/v1/boroughs/": everyone,
    "/api/v1/languages/": everyone,
    "/api/v1/events/": everyone,
    "/api/v1/insights/": everyone,
    "/api/v1/headway/": everyone,
    "/api/v1/schema/": everyone,
    "/openreferral/": everyone,
    "/openreferral/services": everyone,
    "/data/datapackage.json": everyone,
}


@pytest.mark.parametrize("path", sorted(GET_MATRIX))
def test_get_by_role(world, path):
    seen = {role: outcome(client_for(world, role).get(path)) for role in ROLES}
    assert seen == GET_MATRIX[path]


def test_organisation_compare_and_revert_is_for_moderators(world):
    path = f"/admin/directory/organisation/{world['organisation'].pk}/compare/"
    seen = {role: outcome(client_for(world, role).get(path)) for role in ROLES}
    assert seen == staff_pages


def test_confirming_a_listing_is_for_its_editors_and_moderators(world):
    expected = {
        "anonymous": LOGIN,
        "member": DENIED,
        "editor": REDIRECT,
        "moderator": REDIRECT,
        "administrator": REDIRECT,
    }
    seen = {
        role: outcome(client_for(world, role).post("/en/organisations/pantry/confirm/"))
        for role in ROLES
    }
    assert seen == expected


def test_translators_page_is_for_translators(world):
    from django.contrib.auth.models import Group

    translator = UserFactory()
    translator.groups.add(Group.objects.get(name="Translators"))
    world["users"]["translator"] = translator
    expected = {
        "anonymous": LOGIN,
        "member": DENIED,
        "editor": DENIED,
        "moderator": DENIED,
        "administrator": OK,
        "translator": OK,
    }
    seen = {}
    for role in expected:
        response = client_for(world, role).get("/translate/", follow=True)
        chain = [url for url, _status in response.redirect_chain]
        seen[role] = LOGIN if any("/login/" in url for url in chain) else response.status_code
    assert seen == expected


@pytest.mark.parametrize(
    "path", ["/api/v1/organisations/", "/api/v1/events/", "/api/v1/insights/", "/api/v1/headway/"]
)
def test_the_api_is_read_only_for_every_role(world, path):
    for role in ROLES:
        client = client_for(world, role)
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(path, {}, content_type="application/json").status_code in (403, 405)


def test_unpublished_records_are_hidden_from_every_role_on_public_routes(world):
    hidden = OrganisationFactory(slug="hidden", is_published=False)
    Insight.objects.update(response_published_at=None)
    for role in ROLES:
        client = client_for(world, role)
        assert client.get("/en/organisations/hidden/").status_code == 404
        assert client.get(f"/api/v1/organisations/{hidden.pk}/").status_code == 404
        assert client.get("/api/v1/insights/").json()["count"] == 0


# The engagement admin, with engagement staff's roles too: staff in "Engagement staff",
# leads in "Engagement leads". Directory moderators have no engagement powers.
ENGAGEMENT_ROLES = (*ROLES, "engagement_staff", "engagement_lead")
engagement_pages = {
    "anonymous": LOGIN,
    "member": LOGIN,
    "editor": LOGIN,
    "moderator": DENIED,
    "administrator": OK,
    "engagement_staff": OK,
    "engagement_lead": OK,
}
leads_only = {**engagement_pages, "engagement_staff": DENIED}
ENGAGEMENT_ADMIN = {
    "/admin/engagement/headway/": engagement_pages,
    "/admin/engagement/event/": engagement_pages,
    "/admin/engagement/event/add/": engagement_pages,
    "/admin/engagement/event/{event}/change/": engagement_pages,
    "/admin/engagement/event/{event}/summary/": engagement_pages,
    "/admin/engagement/stakeholdergroup/": engagement_pages,
    "/admin/engagement/outreachactivity/": engagement_pages,
    "/admin/engagement/outreachactivity/add/": engagement_pages,
    "/admin/engagement/registration/": engagement_pages,
    "/admin/engagement/participant/": engagement_pages,
    "/admin/engagement/monitoringresponse/add/": engagement_pages,
    "/admin/engagement/feedback/": engagement_pages,
    "/admin/engagement/insight/": engagement_pages,
    "/admin/engagement/insight/{insight}/change/": engagement_pages,
    "/admin/engagement/action/": engagement_pages,
    "/admin/engagement/theme/": engagement_pages,
    "/admin/engagement/headwaysnapshot/": engagement_pages,
    "/admin/engagement/populationbaseline/": engagement_pages,
    "/admin/engagement/populationbaseline/add/": leads_only,
    "/admin/engagement/populationbaseline/import/": leads_only,
    "/admin/engagement/registration/export/": leads_only,
    # And the directory's moderation stays with moderators.
    "/admin/directory/organisationsuggestion/queue/": {
        **staff_pages,
        "engagement_staff": DENIED,
        "engagement_lead": DENIED,
    },
}


@pytest.fixture
def engagement_world(world):
    from tests.factories import make_engagement_staff

    world["users"]["engagement_staff"] = make_engagement_staff()
    world["users"]["engagement_lead"] = make_engagement_staff(lead=True)
    return world


@pytest.mark.parametrize("path", sorted(ENGAGEMENT_ADMIN))
def test_engagement_admin_by_role(engagement_world, path):
    url = path.format(event=engagement_world["event"].pk, insight=engagement_world["insight"].pk)
    seen = {role: outcome(client_for(engagement_world, role).get(url)) for role in ENGAGEMENT_ROLES}
    assert seen == ENGAGEMENT_ADMIN[path]
