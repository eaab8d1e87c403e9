"""Two listings that are one organisation: merge them, or say they are not the same.

The importers never merge by themselves (``directory.registers``): when a register's
organisation looks like an existing listing, they add it unpublished and queue a
``PossibleDuplicate``. A moderator then merges the pair (``organisation_merge``) or
marks it as two organisations (``possible_duplicate_dismiss``). A merged listing is
kept, unpublished, with ``merged_into`` pointing at the one that stays; its addresses
redirect there (``survivor_of`` follows the chain).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Organisation,
    PossibleDuplicate,
    ProblemReport,
    RegisterRecord,
)
from ..models.contributions import ReviewStatus
from ..models.records import FACT_FIELDS
from .listings import organisation_publish
from .values import _save_with_credit

if TYPE_CHECKING:
    from accounts.models import User

# Many-to-many links the survivor gains the merged listing's values of (a union).
UNION_LINKS = ("categories", "beneficiaries", "languages", "areas_served")
# The address is one value: taken whole, and only by a survivor that has none.
ADDRESS_FIELDS = ("address_1", "address_2", "city", "postcode")
# The other plain fields, each taken when the survivor's is empty.
FILLED_FIELDS = tuple(field for field in FACT_FIELDS if field not in ADDRESS_FIELDS)
# The longest chain of merges followed (A into B, then B into C...).
MAX_CHAIN = 20


def survivor_of(*, using: str = "default", **lookup: object) -> Organisation | None:
    """The listing that the listing ``lookup`` picks out (``slug=...`` or ``pk=...``)
    was merged into, following a chain of merges to its end; None when that listing
    was not merged, does not exist, or the chain loops."""
    listings = Organisation.objects.using(using)
    current = listings.filter(**lookup).only("pk", "merged_into").first()
    if current is None or current.merged_into_id is None:
        return None
    seen = {current.pk}
    while current.merged_into_id is not None:
        if current.merged_into_id in seen or len(seen) > MAX_CHAIN:
            return None
        seen.add(current.merged_into_id)
        following = (
            listings.filter(pk=current.merged_into_id).only("pk", "slug", "merged_into").first()
        )
        if following is None:
            return None
        current = following
    return current


def _locked_pair(survivor: Organisation, merged: Organisation) -> tuple[Organisation, Organisation]:
    # Locked in a fixed order, so that two merges of the same pair cannot deadlock.
    rows = {
        row.pk: row
        for row in Organisation.objects.select_for_update()
        .filter(pk__in=[survivor.pk, merged.pk])
        .order_by("pk")
    }
    if len(rows) != 2:
        raise ValidationError(_("One of the two listings no longer exists."), code="missing")
    return rows[survivor.pk], rows[merged.pk]


def _names(organisation: Organisation) -> list[str]:
    """Every language's name of a listing, each once, in the settings' order."""
    names = []
    for code, _label in settings.LANGUAGES:
        name = (getattr(organisation, f"name_{code}", "") or "").strip()
        if name and name not in names:
            names.append(name)
    return names


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _merged_alternative_names(survivor: Organisation, merged: Organisation) -> str:
    """The survivor's other names, then the merged listing's names and other names that
    it does not have yet (as its name or another name), one a line."""
    lines = [line.strip() for line in survivor.alternative_names.splitlines() if line.strip()]
    known = {_key(name) for name in (*_names(survivor), *lines)}
    incoming = [*_names(merged), *merged.alternative_names.splitlines()]
    for name in (name.strip() for name in incoming):
        if name and _key(name) not in known:
            lines.append(name)
            known.add(_key(name))
    return "\n".join(lines)


def _fill_empty_fields(survivor: Organisation, merged: Organisation) -> None:
    """The survivor's empty fields take the merged listing's values; none it has is
    overwritten."""
    for field in FILLED_FIELDS:
        if not getattr(survivor, field) and getattr(merged, field):
            setattr(survivor, field, getattr(merged, field))
    placed = ("address_1", "address_2", "postcode")
    if not any(getattr(survivor, f) for f in placed) and any(getattr(merged, f) for f in placed):
        for field in ADDRESS_FIELDS:
            setattr(survivor, field, getattr(merged, field))
    if survivor.borough_id is None and merged.borough_id is not None:
        survivor.borough_id = merged.borough_id
    if survivor.legal_form == Organisation.LegalForm.OTHER:
        survivor.legal_form = merged.legal_form
    if not survivor.serves_all_london and merged.serves_all_london:
        survivor.serves_all_london = True


def _move_records(survivor: Organisation, merged: Organisation) -> None:
    """Re-point what hangs off the merged listing. Rows with a history (identifiers,
    locations, services) are saved one by one, so each move is in theirs."""
    for related in (merged.identifiers, merged.locations, merged.services):
        for row in related.all():
            row.organisation = survivor
            row.save()
    RegisterRecord.objects.filter(organisation=merged).update(organisation=survivor)
    for name in UNION_LINKS:
        getattr(survivor, name).add(*getattr(merged, name).all())
    editors = survivor.editors.values_list("user_id", flat=True)
    merged.editors.exclude(user_id__in=list(editors)).update(organisation=survivor)
    merged.suggestions.pending().update(organisation=survivor)
    merged.problem_reports.filter(status=ProblemReport.Status.OPEN).update(organisation=survivor)
    claims = merged.claims.pending()
    asked = survivor.claims.pending().values_list("user_id", flat=True)
    # One pending claim per member and listing: a second one is withdrawn.
    claims.filter(user_id__in=list(asked)).update(status=ReviewStatus.WITHDRAWN)
    claims.update(organisation=survivor)


def _resolve_pairs(survivor: Organisation, merged: Organisation, user: User) -> None:
    """The pairs naming both listings are approved; the merged listing's other pending
    pairs now name the survivor (or are withdrawn, if the survivor has that pair)."""
    now = timezone.now()
    between = Q(organisation=merged, other=survivor) | Q(organisation=survivor, other=merged)
    PossibleDuplicate.objects.filter(between).update(
        status=ReviewStatus.APPROVED, reviewer=user, reviewed_at=now
    )
    pending = PossibleDuplicate.objects.filter(status=ReviewStatus.PENDING)
    for pair in pending.filter(Q(organisation=merged) | Q(other=merged)):
        new = survivor.pk if pair.organisation_id == merged.pk else pair.organisation_id
        existing = survivor.pk if pair.other_id == merged.pk else pair.other_id
        taken = PossibleDuplicate.objects.filter(organisation_id=new, other_id=existing)
        if new == existing or taken.exists():
            pair.status, pair.reviewer, pair.reviewed_at = ReviewStatus.WITHDRAWN, user, now
        else:
            pair.organisation_id, pair.other_id = new, existing
        pair.save()


@transaction.atomic
def organisation_merge(*, survivor: Organisation, merged: Organisation, user: User) -> Organisation:
    """Merge ``merged`` into ``survivor``: one listing, with nothing of either lost.

    The survivor gains the merged listing's identifiers, register records, locations,
    services, areas of work, groups helped, languages, areas served, editors, and its
    pending suggestions, claims and open problem reports; its names become other names
    of the survivor, and its values fill the survivor's empty fields (never one it has).
    The merged listing is kept, unpublished, pointing at the survivor; both are saved
    with a reason in their history. The pair, if queued as a possible duplicate, is
    approved. Refuses to merge a listing into itself, or from or into a merged one.
    """
    if not user.has_perm("directory.merge_organisations"):
        raise PermissionDenied
    if survivor.pk == merged.pk:
        raise ValidationError(_("A listing cannot be merged into itself."), code="same")
    survivor, merged = _locked_pair(survivor, merged)
    if survivor.merged_into_id is not None:
        raise ValidationError(
            _("“%(name)s” has itself been merged into another listing: merge into that one.")
            % {"name": survivor},
            code="survivor_merged",
        )
    if merged.merged_into_id is not None:
        raise ValidationError(
            _("“%(name)s” has already been merged into another listing.") % {"name": merged},
            code="already_merged",
        )
    _move_records(survivor, merged)
    survivor.alternative_names = _merged_alternative_names(survivor, merged)
    _fill_empty_fields(survivor, merged)
    _save_with_credit(survivor, user=user, reason=_("Merged with %(name)s") % {"name": merged})
    merged.merged_into = survivor
    merged.is_published = False
    _save_with_credit(merged, user=user, reason=_("Merged into %(name)s") % {"name": survivor})
    _resolve_pairs(survivor, merged, user)
    return survivor


@transaction.atomic
def possible_duplicate_dismiss(*, pair: PossibleDuplicate, user: User) -> PossibleDuplicate:
    """A moderator says the two listings of a pair are different organisations. The
    new listing, held back while the pair waited, is published once no other pair
    about it is still waiting."""
    if not user.has_perm("directory.merge_organisations"):
        raise PermissionDenied
    pair = PossibleDuplicate.objects.select_for_update().get(pk=pair.pk)
    if pair.status != ReviewStatus.PENDING:
        raise ValidationError(_("This pair has already been decided."), code="decided")
    pair.status = ReviewStatus.REJECTED
    pair.reviewer = user
    pair.reviewed_at = timezone.now()
    pair.save()
    new = pair.organisation
    waiting = PossibleDuplicate.objects.filter(organisation=new, status=ReviewStatus.PENDING)
    if new.merged_into_id is None and not waiting.exists():
        organisation_publish(organisation=new, user=user, published=True)
    return pair
