"""Who may do what in the directory: the one place it is decided (django-rules).

Roles: anonymous, member (signed in), organisation editor (after an approved claim),
moderator (staff in the "Moderators" group) and administrator (superuser).

Every permission here gates something real: a view (``PermissionRequiredMixin`` or
``has_perm``), a service, or a page of the admin (``ObjectPermissionsModelAdmin`` asks
for ``directory.<action>_<model>``, and the admin index for ``directory``).
``tests/security/test_rules.py`` fails if one gates nothing. No permission comes from
Django's model permissions or groups' permission lists: sign-in backends grant none
(``accounts/backends.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

import rules
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    from .models import Organisation, OrganisationSuggestion

MODERATORS_GROUP = "Moderators"


def moderators() -> QuerySet[User]:
    """Every moderator: active superusers, and active staff in the Moderators group.

    The one definition of a moderator; the ``is_moderator`` predicate asks it too.
    """
    moderator = Q(is_superuser=True) | Q(is_staff=True, groups__name=MODERATORS_GROUP)
    return get_user_model().objects.filter(moderator, is_active=True).distinct()


def _signed_in(user: User | AnonymousUser) -> TypeGuard[User]:
    """An active account, signed in: what ``is_member`` asks. The predicates below ask
    it directly, so that the type checker knows ``user`` is then a ``User``."""
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_member(user: User | AnonymousUser) -> bool:
    return _signed_in(user)


@rules.predicate
def is_moderator(user: User | AnonymousUser) -> bool:
    if not _signed_in(user):
        return False
    cache = "_is_moderator"
    if not hasattr(user, cache):  # asked many times a request by the admin
        setattr(user, cache, moderators().filter(pk=user.pk).exists())
    return getattr(user, cache)


@rules.predicate
def is_administrator(user: User | AnonymousUser) -> bool:
    return _signed_in(user) and user.is_superuser


@rules.predicate
def is_editor_of(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    if not _signed_in(user) or organisation is None:
        return False
    return organisation.editors.filter(user=user).exists()


@rules.predicate
def is_suggestion_author(
    user: User | AnonymousUser, suggestion: OrganisationSuggestion | None
) -> bool:
    return _signed_in(user) and suggestion is not None and suggestion.author_id == user.pk


@rules.predicate
def can_review_suggestion(
    user: User | AnonymousUser, suggestion: OrganisationSuggestion | None
) -> bool:
    """Moderators review everything; editors review suggestions about their listing,
    but not new-listing proposals, and never their own."""
    if is_moderator(user):
        return True
    if suggestion is None or suggestion.kind == "new_listing":
        return False
    return suggestion.author_id != user.pk and is_editor_of(user, suggestion.organisation)


everyone = rules.always_allow

# Public actions.
rules.add_perm("directory.report_problem", everyone)
rules.add_perm("directory.view_changes", everyone)
# Members.
rules.add_perm("directory.suggest_edit", is_member)
rules.add_perm("directory.propose_organisation", is_member)
rules.add_perm("directory.claim_organisation", is_member & ~is_editor_of)
rules.add_perm("directory.withdraw_suggestion", is_suggestion_author)
# Editors of the listing, and moderators.
rules.add_perm("directory.edit_directly", is_editor_of | is_moderator)
rules.add_perm("directory.confirm_listing", is_editor_of | is_moderator)
rules.add_perm("directory.review_listing", is_editor_of | is_moderator)  # its waiting list
rules.add_perm("directory.review_suggestion", can_review_suggestion)
# Moderators.
rules.add_perm("directory.moderate", is_moderator)
rules.add_perm("directory.revert_organisation", is_moderator)
rules.add_perm("directory.merge_organisations", is_moderator)  # and decide possible duplicates


# --- The admin -----------------------------------------------------------------------
# rules.contrib.admin asks for "<app>.<action>_<model>"; each is one of the powers above.


def admin_perms(app_label: str, model: str, predicate: rules.Predicate, *actions: str) -> None:
    """Let ``predicate`` ``view``, ``change``, ``add`` or ``delete`` a model in the admin."""
    for action in actions:
        rules.add_perm(f"{app_label}.{action}_{model}", predicate)


rules.add_perm("directory", is_moderator)  # the app's section of the admin
# Listings and what hangs off them: moderators keep them right, with every change kept.
for _model in ("organisation", "service", "location", "organisationidentifier"):
    admin_perms("directory", _model, is_moderator, "view", "change", "add")
admin_perms("directory", "historicalorganisation", is_moderator, "view")
admin_perms("directory", "organisation", is_moderator, "export")
admin_perms("directory", "organisation", is_administrator, "import")
# The moderation queue: suggestions, claims and problem reports.
admin_perms("directory", "organisationsuggestion", is_moderator, "view", "change")
admin_perms("directory", "organisationclaim", is_moderator, "view", "change")
admin_perms("directory", "problemreport", is_moderator, "view", "change")
# Possible duplicates the importers queued: looked at here, decided by merge_organisations.
admin_perms("directory", "possibleduplicate", is_moderator, "view")
# Who edits which listing: moderators grant it by approving a claim, and may remove it.
admin_perms("directory", "organisationeditor", is_moderator, "view", "delete")
admin_perms("directory", "organisationeditor", is_administrator, "add", "change")
# Reference data: everyone on staff who moderates may look; administrators change it.
for _model in ("borough", "language", "taxonomy", "taxonomyterm"):
    admin_perms("directory", _model, is_moderator, "view")
    admin_perms("directory", _model, is_administrator, "change", "add")
