"""Writes with side effects for the co-produced directory.

Views, admin actions and tasks call these; each runs in one transaction and queues
its notifications with ``transaction.on_commit`` so nothing is sent for a rollback.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from slugify import slugify as ascii_slugify

from waytahead.i18n import shown_text

from . import tasks
from .duplicates import candidate_words, names_match
from .models import (
    Borough,
    Organisation,
    OrganisationClaim,
    OrganisationEditor,
    OrganisationIdentifier,
    OrganisationSuggestion,
    ProblemReport,
)
from .models.contributions import ReviewStatus
from .models.records import (
    FACT_FIELDS,
    PROSE_FIELDS,
    RESERVED_SLUGS,
    SOURCE_COMMUNITY,
    prose_columns,
)
from .validators import normalise_postcode

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATED_FIELDS = PROSE_FIELDS
# Language-neutral: one value for every reader, whichever language it was corrected in.
PLAIN_FIELDS = (*FACT_FIELDS, "borough")
# Fields a revert restores; ids, counters and timestamps are left alone.
REVERT_EXCLUDED = {"id", "version", "created_at", "updated_at", "search_text"}
# (A revert restores ``outdated_translations`` too: they belong to that version's text.)


def suggestible_fields() -> list[str]:
    """Every field name a suggestion may change, translated fields per language."""
    translated = [f"{field}_{code}" for field in TRANSLATED_FIELDS for code in LANGUAGE_CODES]
    return translated + list(PLAIN_FIELDS)


class EditConflict(Exception):
    """Someone else saved the listing after this edit started. Nothing was overwritten."""

    def __init__(self, changed_meanwhile: dict[str, tuple], kept_as=None):
        self.changed_meanwhile = changed_meanwhile
        self.kept_as = kept_as
        super().__init__(", ".join(changed_meanwhile))


@dataclass
class Duplicate:
    organisation: Organisation
    reason: str


# --- Reading and applying field values ---------------------------------------------------


def _current_value(organisation: Organisation, field: str):
    if field == "borough":
        return organisation.borough.slug if organisation.borough_id else ""
    value = getattr(organisation, field)
    return "" if value is None else value


def _normalise(value) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def snapshot(organisation: Organisation, fields=None) -> dict:
    """The current values of the suggestible fields, as plain strings."""
    return {
        field: _normalise(_current_value(organisation, field))
        for field in (fields or suggestible_fields())
    }


def _apply(organisation: Organisation, changes: dict) -> None:
    allowed = set(suggestible_fields())
    for field, value in changes.items():
        if field not in allowed:
            raise ValidationError(_("“%(field)s” cannot be changed here.") % {"field": field})
        if field == "borough":
            organisation.borough = Borough.objects.filter(slug=value).first() if value else None
        else:
            setattr(organisation, field, value)
    # Validate as the admin would, so that a suggestion can never store bad data.
    organisation.full_clean(exclude=["slug"], validate_unique=False)


def _save_with_credit(organisation: Organisation, *, user, reason: str) -> None:
    organisation._history_user = user
    organisation._change_reason = reason[:100]
    organisation.save()


def _changed(organisation: Organisation, values: dict) -> dict:
    current = snapshot(organisation, values.keys())
    return {
        field: _normalise(value)
        for field, value in values.items()
        if _normalise(value) != current[field]
    }


def _kind_for(changes: dict, original: dict) -> str:
    translated = {f"{f}_{c}" for f in TRANSLATED_FIELDS for c in LANGUAGE_CODES if c != "en"}
    if changes and all(field in translated and not original.get(field) for field in changes):
        return OrganisationSuggestion.Kind.TRANSLATION
    return OrganisationSuggestion.Kind.EDIT


# --- Suggestions ---------------------------------------------------------------------------


@transaction.atomic
def suggestion_submit(
    *, organisation: Organisation, author, values: dict, reason: str, language: str = "en"
) -> OrganisationSuggestion:
    """Record a member's suggested change. The published listing does not change."""
    organisation = Organisation.objects.get(pk=organisation.pk)  # compare with what is saved
    changes = _changed(organisation, values)
    if not changes:
        raise ValidationError(_("You have not changed anything yet."), code="no_changes")
    original = snapshot(organisation, changes.keys())
    suggestion = OrganisationSuggestion.objects.create(
        organisation=organisation,
        author=author,
        kind=_kind_for(changes, original),
        language=language,
        changes=changes,
        original=original,
        base_version=organisation.version,
        reason=reason,
    )
    return suggestion


def organisation_edit(
    *,
    organisation: Organisation,
    editor,
    values: dict,
    expected_version: int,
    reason: str,
    language: str = "en",
) -> OrganisationSuggestion:
    """An editor's (or moderator's) change, published at once but still recorded.

    If someone saved the listing since the editor opened the form, nothing is
    overwritten: the edit is kept as a pending suggestion and EditConflict says what
    changed meanwhile.
    """
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changes = _changed(locked, values)
        if not changes:
            raise ValidationError(_("You have not changed anything yet."), code="no_changes")
        if locked.version != expected_version:
            # Keep this version too (committed before the conflict is raised).
            kept = OrganisationSuggestion.objects.create(
                organisation=locked,
                author=editor,
                kind=OrganisationSuggestion.Kind.EDIT,
                language=language,
                changes=changes,
                original=snapshot(locked, changes.keys()),
                base_version=expected_version,
                reason=reason,
            )
            conflict = EditConflict(changed_since(locked, expected_version), kept_as=kept)
        else:
            conflict = None
            original = snapshot(locked, changes.keys())
            _apply(locked, changes)
            _save_with_credit(locked, user=editor, reason=_("Edited by an editor"))
            suggestion = OrganisationSuggestion.objects.create(
                organisation=locked,
                author=editor,
                kind=_kind_for(changes, original),
                language=language,
                changes=changes,
                original=original,
                base_version=expected_version,
                reason=reason,
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
    old = organisation.history.filter(version=version).order_by("-history_date").first()
    if old is None:
        return {}
    delta = organisation.history.first().diff_against(old)
    return {
        change.field: (change.old, change.new)
        for change in delta.changes
        if change.field in set(suggestible_fields()) | {"borough"}
    }


def suggestion_approve(
    *, suggestion: OrganisationSuggestion, reviewer, changes: dict | None = None
) -> OrganisationSuggestion:
    """Apply a pending suggestion to the listing, crediting its author.

    ``changes`` lets the reviewer adjust the suggestion before approving. If a field
    changed on the listing since the suggestion was made, nothing is applied: the
    suggestion is brought up to date with the current values (and that is saved) and
    EditConflict raised, so that the reviewer decides with the newer text in front of them.
    """
    with transaction.atomic():
        suggestion = OrganisationSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != ReviewStatus.PENDING:
            raise ValidationError(_("This suggestion has already been reviewed."), code="reviewed")
        organisation = Organisation.objects.select_for_update().get(pk=suggestion.organisation_id)
        if changes is not None:
            suggestion.changes = {field: _normalise(value) for field, value in changes.items()}
        conflict = _rebase_if_changed(suggestion, organisation)
        if conflict is None:
            _approve_locked(suggestion, organisation, reviewer)
    if conflict is not None:
        raise conflict
    return suggestion


def _rebase_if_changed(suggestion, organisation) -> EditConflict | None:
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


def _approve_locked(suggestion, organisation, reviewer) -> None:
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
    suggestion.status = ReviewStatus.APPROVED
    suggestion.reviewer = reviewer
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    transaction.on_commit(lambda: tasks.suggestion_decision_notify.delay(str(suggestion.pk)))


@transaction.atomic
def suggestion_reject(*, suggestion: OrganisationSuggestion, reviewer, note: str):
    """Reject with a reason that the author is told. The listing is unchanged."""
    if not (note or "").strip():
        raise ValidationError(_("Give the author a reason for the rejection."), code="no_reason")
    suggestion = OrganisationSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != ReviewStatus.PENDING:
        raise ValidationError(_("This suggestion has already been reviewed."), code="reviewed")
    suggestion.status = ReviewStatus.REJECTED
    suggestion.reviewer = reviewer
    suggestion.reviewed_at = timezone.now()
    suggestion.review_note = note.strip()
    suggestion.save()
    transaction.on_commit(lambda: tasks.suggestion_decision_notify.delay(str(suggestion.pk)))
    return suggestion


@transaction.atomic
def suggestion_withdraw(*, suggestion: OrganisationSuggestion, user):
    if suggestion.author_id != getattr(user, "pk", None):
        raise PermissionDenied
    if suggestion.status != ReviewStatus.PENDING:
        raise ValidationError(_("Only a pending suggestion can be withdrawn."), code="reviewed")
    suggestion.status = ReviewStatus.WITHDRAWN
    suggestion.save(update_fields=["status"])
    return suggestion


# --- New listings ------------------------------------------------------------------------


def likely_duplicates(
    *, name: str, org_id: str = "", postcode: str = "", limit: int = 5
) -> list[Duplicate]:
    """Listings with the same org-id, or a name that matches (``duplicates``: word
    order, one different word, typos, "&" for "and"; at the same postcode, half the
    words), to warn before proposing. Descriptions are never compared."""
    found: dict = {}
    if org_id:
        for identifier in OrganisationIdentifier.objects.filter(
            org_id=org_id.strip().upper()
        ).select_related("organisation"):
            found[identifier.organisation_id] = Duplicate(
                identifier.organisation, _("It has the same registered number.")
            )
    postcode = normalise_postcode(postcode) if postcode else ""
    pieces = candidate_words(name)
    if pieces or postcode:
        where = Q()
        for piece in pieces:
            where |= Q(search_text__contains=piece)
        if postcode:
            where |= Q(postcode=postcode)
        candidates = (
            Organisation.objects.exclude(status=Organisation.Status.CLOSED)
            .filter(where)
            .only("pk", "slug", "postcode", *prose_columns(["name"]))[:500]
        )
        for organisation in candidates:
            if organisation.pk in found:
                continue
            names = {getattr(organisation, column) for column in prose_columns(["name"])}
            same_place = bool(postcode) and organisation.postcode == postcode
            if any(names_match(name, other, same_postcode=same_place) for other in names if other):
                reason = (
                    _("It has a similar name and the same postcode.")
                    if same_place
                    else _("It has a similar name.")
                )
                found[organisation.pk] = Duplicate(organisation, reason)
    return list(found.values())[:limit]


@transaction.atomic
def organisation_propose(
    *,
    author,
    values: dict,
    reason: str,
    org_id: str = "",
    links: dict[str, list[str]] | None = None,
    language: str = "en",
) -> OrganisationSuggestion:
    """A member proposes a new listing. It stays unpublished until approved.

    ``values`` hold the text in the language it was written in (``name_bn`` for a
    Bengali proposal), never copied into English; ``links`` the chosen areas of work,
    beneficiary groups, languages and boroughs served, by slug or code.
    """
    organisation = Organisation(is_published=False, source=SOURCE_COMMUNITY)
    _apply(organisation, {k: v for k, v in values.items() if v not in (None, "")})
    organisation.slug = _free_slug(organisation)
    _save_with_credit(organisation, user=author, reason=_("New listing proposed"))
    links = {name: codes for name, codes in (links or {}).items() if codes}
    for name, codes in links.items():
        getattr(organisation, name).set(_link_targets(name, codes))
    if org_id:
        from .validators import parse_org_id

        scheme, identifier = parse_org_id(org_id)
        OrganisationIdentifier.objects.create(
            organisation=organisation, scheme=scheme, identifier=identifier
        )
    changes = snapshot(organisation, [k for k, v in values.items() if v])
    changes.update({name: ", ".join(codes) for name, codes in links.items()})
    return OrganisationSuggestion.objects.create(
        organisation=organisation,
        author=author,
        kind=OrganisationSuggestion.Kind.NEW_LISTING,
        language=language,
        changes=changes,
        original={},
        base_version=organisation.version,
        reason=reason,
    )


# The links a proposal may set, with the model and the field that names each target.
LINK_TARGETS = {
    "categories": ("directory.TaxonomyTerm", "slug"),
    "beneficiaries": ("directory.TaxonomyTerm", "slug"),
    "languages": ("directory.Language", "code"),
    "areas_served": ("directory.Borough", "slug"),
}


def _link_targets(name: str, codes: list[str]):
    from django.apps import apps

    model, key = LINK_TARGETS[name]
    field = Organisation._meta.get_field(name)
    targets = apps.get_model(model)._default_manager.complex_filter(
        field.get_limit_choices_to() or {}
    )
    found = list(targets.filter(**{f"{key}__in": codes}))
    if len(found) != len(set(codes)):
        raise ValidationError(_("Choose from the options given."), code="invalid_choice")
    return found


def _free_slug(organisation: Organisation) -> str:
    """A URL slug from the name in whichever language it is written, transliterated to
    Latin letters ("বাংলা নারী সমিতি" gives ``baanlaa-naarii-smiti``)."""
    _code, name = shown_text(organisation, "name", "en")
    base = ascii_slugify(name)[:100].strip("-") or "organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists() or slug in RESERVED_SLUGS:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


# --- Claims and editors ------------------------------------------------------------------


@transaction.atomic
def claim_submit(*, organisation: Organisation, user, role: str, evidence: str):
    if organisation.editors.filter(user=user).exists():
        raise ValidationError(_("You are already an editor of this listing."), code="editor")
    if organisation.claims.pending().filter(user=user).exists():
        raise ValidationError(_("You have already asked to manage this listing."), code="pending")
    return OrganisationClaim.objects.create(
        organisation=organisation, user=user, role=role, evidence=evidence
    )


@transaction.atomic
def claim_approve(*, claim: OrganisationClaim, reviewer) -> OrganisationEditor:
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ReviewStatus.PENDING:
        raise ValidationError(_("This claim has already been reviewed."), code="reviewed")
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
def claim_reject(*, claim: OrganisationClaim, reviewer, note: str) -> OrganisationClaim:
    if not (note or "").strip():
        raise ValidationError(_("Give the member a reason for the rejection."), code="no_reason")
    claim = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ReviewStatus.PENDING:
        raise ValidationError(_("This claim has already been reviewed."), code="reviewed")
    claim.status = ReviewStatus.REJECTED
    claim.reviewer = reviewer
    claim.reviewed_at = timezone.now()
    claim.review_note = note.strip()
    claim.save()
    transaction.on_commit(lambda: tasks.claim_decision_notify.delay(claim.pk))
    return claim


# --- Reports, confirmation and history ---------------------------------------------------


@transaction.atomic
def report_submit(
    *, organisation: Organisation, topic: str, message: str, contact_email: str = ""
) -> ProblemReport:
    report = ProblemReport(
        organisation=organisation, topic=topic, message=message, contact_email=contact_email
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: tasks.problem_report_notify.delay(report.pk))
    return report


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, user) -> Organisation:
    """Someone responsible says the listing is still correct."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.last_confirmed_at = timezone.now()
    _save_with_credit(organisation, user=user, reason=_("Confirmed as still correct"))
    return organisation


@transaction.atomic
def organisation_revert(*, organisation: Organisation, history_id: int, user) -> Organisation:
    """Restore the listing's fields to an earlier version. The revert is a new version."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    record = organisation.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError(_("That version does not belong to this listing."), code="version")
    for field in Organisation._meta.concrete_fields:
        if field.attname in REVERT_EXCLUDED or not hasattr(record, field.attname):
            continue
        setattr(organisation, field.attname, getattr(record, field.attname))
    _save_with_credit(
        organisation,
        user=user,
        reason=_("Reverted to the version of %(date)s")
        % {"date": timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")},
    )
    return organisation
