"""Suggestions: a member suggests, an editor edits directly, a reviewer (a moderator, or
an editor of the listing) approves, approves with changes or rejects with a reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tasks
from ..models import Organisation, OrganisationSuggestion
from ..models.contributions import ReviewStatus
from .values import (
    EditConflict,
    _apply,
    _changed,
    _kind_for,
    _normalise,
    _save_with_credit,
    snapshot,
    suggestible_fields,
)

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def suggestion_submit(
    *,
    organisation: Organisation,
    author: User,
    values: Mapping[str, object],
    reason: str,
    language: str = "en",
) -> OrganisationSuggestion:
    """Record a member's suggested change. The published listing does not change."""
    organisation = Organisation.objects.get(pk=organisation.pk)  # compare with what is saved
    changes = _changed(organisation, values)
    if not changes:
        raise ValidationError(_("You have not changed anything yet."), code="no_changes")
    return _record(
        organisation,
        author=author,
        changes=changes,
        original=snapshot(organisation, changes.keys()),
        base_version=organisation.version,
        reason=reason,
        language=language,
    )


def _record(
    organisation: Organisation,
    *,
    author: User,
    changes: dict[str, str],
    original: dict[str, str],
    base_version: int,
    reason: str,
    language: str,
    **extra: object,
) -> OrganisationSuggestion:
    """Store a suggestion (an edit, or a translation when it only fills empty text in
    other languages); ``extra`` sets its kind or review outright."""
    extra.setdefault("kind", _kind_for(changes, original))
    return OrganisationSuggestion.objects.create(
        organisation=organisation,
        author=author,
        language=language,
        changes=changes,
        original=original,
        base_version=base_version,
        reason=reason,
        **extra,
    )


def organisation_edit(
    *,
    organisation: Organisation,
    editor: User,
    values: Mapping[str, object],
    expected_version: int,
    reason: str,
    language: str = "en",
) -> OrganisationSuggestion:
    """An editor's (or moderator's) change, published at once but still recorded.

    If someone saved the listing since the editor opened the form, nothing is
    overwritten: the edit is kept as a pending suggestion and EditConflict says what
    changed meanwhile.
    """
    if not editor.has_perm("directory.edit_directly", organisation):
        raise PermissionDenied
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changes = _changed(locked, values)
        if not changes:
            raise ValidationError(_("You have not changed anything yet."), code="no_changes")
        if locked.version != expected_version:
            # Keep this version too (committed before the conflict is raised).
            kept = _record(
                locked,
                author=editor,
                changes=changes,
                original=snapshot(locked, changes.keys()),
                base_version=expected_version,
                reason=reason,
                language=language,
                kind=OrganisationSuggestion.Kind.EDIT,
            )
            conflict = EditConflict(changed_since(locked, expected_version), kept_as=kept)
        else:
            conflict = None
            original = snapshot(locked, changes.keys())
            _apply(locked, changes)
            _save_with_credit(locked, user=editor, reason=_("Edited by an editor"))
            suggestion = _record(
                locked,
                author=editor,
                changes=changes,
                original=original,
                base_version=expected_version,
                reason=reason,
                language=language,
                status=ReviewStatus.APPROVED,
                reviewer=editor,
                reviewed_at=timezone.now(),
            )
            transaction.on_commit(lambda: tasks.editor_change_notify.delay(str(suggestion.pk)))
    if conflict is not None:
        raise conflict
    return suggestion


def changed_since(organisation: Organisation, version: int) -> dict[str, tuple]:
    """Fields that differ between the version an edit started from and now."""
    # simple_history's register() adds .history at run time; the stubs cannot see it.
    history = organisation.history  # type: ignore[attr-defined]
    old = history.filter(version=version).order_by("-history_date").first()
    if old is None:
        return {}
    delta = history.first().diff_against(old)
    return {
        change.field: (change.old, change.new)
        for change in delta.changes
        if change.field in set(suggestible_fields()) | {"borough"}
    }


def suggestion_approve(
    *,
    suggestion: OrganisationSuggestion,
    reviewer: User,
    changes: Mapping[str, object] | None = None,
) -> OrganisationSuggestion:
    """Apply a pending suggestion to the listing, crediting its author.

    ``changes`` lets the reviewer adjust the suggestion before approving. If a field
    changed on the listing since the suggestion was made, nothing is applied: the
    suggestion is brought up to date with the current values (and that is saved) and
    EditConflict raised, so that the reviewer decides with the newer text in front of them.
    """
    with transaction.atomic():
        suggestion = _pending_for_review(suggestion, reviewer)
        organisation = Organisation.objects.select_for_update().get(pk=suggestion.organisation_id)
        if changes is not None:
            suggestion.changes = {field: _normalise(value) for field, value in changes.items()}
        conflict = _rebase_if_changed(suggestion, organisation)
        if conflict is None:
            _approve_locked(suggestion, organisation, reviewer)
    if conflict is not None:
        raise conflict
    return suggestion


def _rebase_if_changed(
    suggestion: OrganisationSuggestion, organisation: Organisation
) -> EditConflict | None:
    if suggestion.kind == OrganisationSuggestion.Kind.NEW_LISTING:
        return None
    current = snapshot(organisation, suggestion.changes.keys())
    meanwhile = {
        field: (suggestion.original.get(field, ""), current[field])
        for field in suggestion.changes
        if field in suggestion.original and current[field] != suggestion.original[field]
    }
    if not meanwhile:
        return None
    suggestion.original = current
    suggestion.base_version = organisation.version
    suggestion.save(update_fields=["original", "base_version", "changes"])
    return EditConflict(meanwhile, kept_as=suggestion)


def _approve_locked(
    suggestion: OrganisationSuggestion, organisation: Organisation, reviewer: User
) -> None:
    is_new = suggestion.kind == OrganisationSuggestion.Kind.NEW_LISTING
    if is_new:
        organisation.is_published = True
        organisation.last_confirmed_at = timezone.now()
    else:
        _apply(organisation, suggestion.changes)
    _save_with_credit(
        organisation,
        user=suggestion.author,
        reason=_("New listing approved") if is_new else _("Suggestion approved"),
    )
    _decide(suggestion, reviewer, ReviewStatus.APPROVED)


@transaction.atomic
def suggestion_reject(
    *, suggestion: OrganisationSuggestion, reviewer: User, note: str
) -> OrganisationSuggestion:
    """Reject with a reason that the author is told. The listing is unchanged."""
    if not (note or "").strip():
        raise ValidationError(_("Give the author a reason for the rejection."), code="no_reason")
    suggestion = _pending_for_review(suggestion, reviewer)
    suggestion.review_note = note.strip()
    _decide(suggestion, reviewer, ReviewStatus.REJECTED)
    return suggestion


def _pending_for_review(
    suggestion: OrganisationSuggestion, reviewer: User
) -> OrganisationSuggestion:
    """The suggestion, locked, if it still waits and ``reviewer`` may review it (a
    moderator, or an editor of the listing who did not write it)."""
    suggestion = (
        OrganisationSuggestion.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=suggestion.pk)
    )
    if not reviewer.has_perm("directory.review_suggestion", suggestion):
        raise PermissionDenied
    if suggestion.status != ReviewStatus.PENDING:
        raise ValidationError(_("This suggestion has already been reviewed."), code="reviewed")
    return suggestion


def _decide(suggestion: OrganisationSuggestion, reviewer: User, status: str) -> None:
    """Record the decision; tell the author and, when an editor decided, the moderators."""
    suggestion.status = status
    suggestion.reviewer = reviewer
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    pk = str(suggestion.pk)
    transaction.on_commit(lambda: tasks.suggestion_decision_notify.delay(pk))
    if not reviewer.has_perm("directory.moderate"):
        transaction.on_commit(lambda: tasks.editor_review_notify.delay(pk))


@transaction.atomic
def suggestion_withdraw(
    *, suggestion: OrganisationSuggestion, user: User
) -> OrganisationSuggestion:
    if suggestion.author_id != getattr(user, "pk", None):
        raise PermissionDenied
    if suggestion.status != ReviewStatus.PENDING:
        raise ValidationError(_("Only a pending suggestion can be withdrawn."), code="reviewed")
    suggestion.status = ReviewStatus.WITHDRAWN
    suggestion.save(update_fields=["status"])
    return suggestion
