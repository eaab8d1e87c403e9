"""Who may do what in the directory (django-rules).

Roles: anonymous, member (signed in), organisation editor (after an approved claim),
moderator (staff in the "Moderators" group) and administrator (superuser).
"""

import rules

MODERATORS_GROUP = "Moderators"


@rules.predicate
def is_member(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_moderator(user):
    if not is_member(user):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=MODERATORS_GROUP).exists()


@rules.predicate
def is_administrator(user):
    return is_member(user) and user.is_superuser


@rules.predicate
def is_editor_of(user, organisation):
    if not is_member(user) or organisation is None:
        return False
    return organisation.editors.filter(user=user).exists()


@rules.predicate
def is_suggestion_author(user, suggestion):
    return is_member(user) and suggestion is not None and suggestion.author_id == user.pk


@rules.predicate
def can_review_suggestion(user, suggestion):
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
rules.add_perm("directory.review_suggestion", can_review_suggestion)
# Moderators.
rules.add_perm("directory.moderate", is_moderator)
rules.add_perm("directory.review_claim", is_moderator)
rules.add_perm("directory.handle_report", is_moderator)
rules.add_perm("directory.revert_organisation", is_moderator)
# Administrators.
rules.add_perm("directory.manage_roles", is_administrator)
