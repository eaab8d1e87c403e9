"""Claims: a member asks to manage a listing; a moderator approves (making them an
editor) or rejects with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tasks
from ..models import Organisation, OrganisationClaim, OrganisationEditor
from ..models.contributions import ReviewStatus

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def claim_submit(
    *, organisation: Organisation, user: User, role: str, evidence: str
) -> OrganisationClaim:
    if organisation.editors.filter(user=user).exists():
        raise ValidationError(_("You are already an editor of this listing."), code="editor")
    if organisation.claims.pending().filter(user=user).exists():
        raise ValidationError(_("You have already asked to manage this listing."), code="pending")
    return OrganisationClaim.objects.create(
        organisation=organisation, user=user, role=role, evidence=evidence
    )


@transaction.atomic
def claim_approve(*, claim: OrganisationClaim, reviewer: User) -> OrganisationEditor:
    claim = _pending(claim, reviewer)
    editor, _created = OrganisationEditor.objects.get_or_create(
        organisation=claim.organisation, user=claim.user
    )
    claim.status = ReviewStatus.APPROVED
    claim.reviewer = reviewer
    claim.reviewed_at = timezone.now()
    claim.save()
    transaction.on_commit(lambda: tasks.claim_decision_notify.delay(claim.pk))
    return editor


@transaction.atomic
def claim_reject(*, claim: OrganisationClaim, reviewer: User, note: str) -> OrganisationClaim:
    if not (note or "").strip():
        raise ValidationError(_("Give the member a reason for the rejection."), code="no_reason")
    claim = _pending(claim, reviewer)
    claim.status = ReviewStatus.REJECTED
    claim.reviewer = reviewer
    claim.reviewed_at = timezone.now()
    claim.review_note = note.strip()
    claim.save()
    transaction.on_commit(lambda: tasks.claim_decision_notify.delay(claim.pk))
    return claim


def _pending(claim: OrganisationClaim, reviewer: User) -> OrganisationClaim:
    """The claim, locked, if it still waits and ``reviewer`` is a moderator."""
    if not reviewer.has_perm("directory.change_organisationclaim"):
        raise PermissionDenied
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ReviewStatus.PENDING:
        raise ValidationError(_("This claim has already been reviewed."), code="reviewed")
    return claim
