"""Every directory permission, walked through every role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from directory.models import OrganisationSuggestion
from tests.factories import OrganisationFactory, UserFactory, make_editor, make_moderator

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "editor", "moderator", "administrator")


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    users = {
        "anonymous": AnonymousUser(),
        "member": UserFactory(),
        "editor": make_editor(organisation),
        "moderator": make_moderator(),
        "administrator": UserFactory(is_staff=True, is_superuser=True),
    }
    return organisation, users


# permission -> the roles that have it, checked against the organisation.
ON_ORGANISATION = {
    "directory.report_problem": set(ROLES),
    "directory.view_changes": set(ROLES),
    "directory.suggest_edit": {"member", "editor", "moderator", "administrator"},
    "directory.propose_organisation": {"member", "editor", "moderator", "administrator"},
    "directory.claim_organisation": {"member", "moderator", "administrator"},
    "directory.edit_directly": {"editor", "moderator", "administrator"},
    "directory.confirm_listing": {"editor", "moderator", "administrator"},
    "directory.review_listing": {"editor", "moderator", "administrator"},
    "directory.moderate": {"moderator", "administrator"},
    "directory.revert_organisation": {"moderator", "administrator"},
    "directory.merge_organisations": {"moderator", "administrator"},
}
STAFF = {"moderator", "administrator"}
ADMINISTRATORS = {"administrator"}
# The admin's pages: "<action>_<model>" -> the roles that may, and the app's section.
IN_THE_ADMIN = {
    "directory": STAFF,
    **{
        f"{action}_{model}": STAFF
        for model in ("organisation", "service", "location", "organisationidentifier")
        for action in ("view", "change", "add")
    },
    "export_organisation": STAFF,
    "import_organisation": ADMINISTRATORS,
    "view_historicalorganisation": STAFF,
    **{
        f"{action}_{model}": STAFF
        for model in ("organisationsuggestion", "organisationclaim", "problemreport")
        for action in ("view", "change")
    },
    "view_organisationeditor": STAFF,
    "view_possibleduplicate": STAFF,
    "delete_organisationeditor": STAFF,
    "add_organisationeditor": ADMINISTRATORS,
    "change_organisationeditor": ADMINISTRATORS,
    **{
        f"{action}_{model}": STAFF if action == "view" else ADMINISTRATORS
        for model in ("borough", "language", "taxonomy", "taxonomyterm")
        for action in ("view", "change", "add")
    },
}
ON_A_SUGGESTION = {"directory.review_suggestion", "directory.withdraw_suggestion"}


@pytest.mark.parametrize("permission", sorted(ON_ORGANISATION))
def test_permission_by_role(world, permission):
    organisation, users = world
    for role in ROLES:
        allowed = users[role].has_perm(permission, organisation)
        assert allowed == (role in ON_ORGANISATION[permission]), (permission, role)


@pytest.mark.parametrize("permission", sorted(IN_THE_ADMIN))
def test_admin_permission_by_role(world, permission):
    _organisation, users = world
    name = permission if permission == "directory" else f"directory.{permission}"
    for role in ROLES:
        assert users[role].has_perm(name) == (role in IN_THE_ADMIN[permission]), (name, role)


def test_every_directory_rule_is_walked_by_role_here():
    """A new rule without a row above fails here, so every rule has a test per role."""
    import rules

    declared = {name for name in rules.permissions.permissions if name.split(".")[0] == "directory"}
    tested = (
        set(ON_ORGANISATION)
        | ON_A_SUGGESTION
        | {name if name == "directory" else f"directory.{name}" for name in IN_THE_ADMIN}
    )
    assert declared == tested


def test_an_editor_of_another_listing_has_no_rights_here(world):
    organisation, _users = world
    other_editor = make_editor(OrganisationFactory())
    assert not other_editor.has_perm("directory.edit_directly", organisation)
    assert not other_editor.has_perm("directory.confirm_listing", organisation)


def test_staff_outside_the_moderators_group_cannot_moderate(world):
    organisation, _users = world
    staff = UserFactory(is_staff=True)
    assert not staff.has_perm("directory.moderate")
    assert not staff.has_perm("directory.revert_organisation", organisation)


def test_reviewing_suggestions_by_role(world):
    organisation, users = world
    by_member = OrganisationSuggestion.objects.create(
        organisation=organisation, author=users["member"], changes={"phone": "1"}, reason="x"
    )
    by_editor = OrganisationSuggestion.objects.create(
        organisation=organisation, author=users["editor"], changes={"phone": "2"}, reason="x"
    )
    new_listing = OrganisationSuggestion.objects.create(
        organisation=organisation,
        author=users["member"],
        kind=OrganisationSuggestion.Kind.NEW_LISTING,
        reason="x",
    )
    expected = {
        "anonymous": (False, False, False),
        "member": (False, False, False),
        "editor": (True, False, False),  # not their own, and not new listings
        "moderator": (True, True, True),
        "administrator": (True, True, True),
    }
    for role, (member_s, editor_s, new_s) in expected.items():
        user = users[role]
        assert user.has_perm("directory.review_suggestion", by_member) == member_s, role
        assert user.has_perm("directory.review_suggestion", by_editor) == editor_s, role
        assert user.has_perm("directory.review_suggestion", new_listing) == new_s, role


def test_only_the_author_can_withdraw(world):
    organisation, users = world
    suggestion = OrganisationSuggestion.objects.create(
        organisation=organisation, author=users["member"], changes={"phone": "1"}, reason="x"
    )
    # Superusers hold every permission in Django; the service still checks the author.
    for role in ROLES:
        allowed = users[role].has_perm("directory.withdraw_suggestion", suggestion)
        assert allowed == (role in {"member", "administrator"}), role
