"""New listings (with the duplicate warning), confirmation, publication and revert."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ManyToManyField, Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from slugify import slugify as ascii_slugify

from common.i18n import shown_text

from ..duplicates import candidate_words, names_match
from ..models import Organisation, OrganisationIdentifier, OrganisationSuggestion
from ..models.records import RESERVED_SLUGS, SOURCE_COMMUNITY, prose_columns
from ..validators import normalise_postcode
from .values import REVERT_EXCLUDED, _apply, _save_with_credit, snapshot

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Duplicate:
    organisation: Organisation
    reason: str


def likely_duplicates(
    *, name: str, org_id: str = "", postcode: str = "", limit: int = 5
) -> list[Duplicate]:
    """Listings with the same org-id, or a name that matches (``duplicates``: word
    order, one different word, typos, "&" for "and"; at the same postcode, half the
    words), to warn before proposing. Descriptions are never compared."""
    found: dict[uuid.UUID, Duplicate] = {}
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
    author: User,
    values: Mapping[str, object],
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
        from ..validators import parse_org_id

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


def _link_targets(name: str, codes: list[str]) -> list[Model]:
    from django.apps import apps

    model, key = LINK_TARGETS[name]
    # Every name in LINK_TARGETS is a many-to-many field of Organisation.
    field = cast(ManyToManyField, Organisation._meta.get_field(name))
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


@transaction.atomic
def organisation_publish(*, organisation: Organisation, user: User, published: bool) -> bool:
    """Publish or unpublish a listing, crediting ``user`` in its history.

    Returns False (and saves nothing) when it already was as asked.
    """
    if not user.has_perm("directory.change_organisation"):
        raise PermissionDenied
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_published == published:
        return False
    organisation.is_published = published
    _save_with_credit(
        organisation, user=user, reason=_("Published") if published else _("Unpublished")
    )
    return True


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, user: User) -> Organisation:
    """Someone responsible (an editor, or a moderator) says the listing is still correct."""
    if not user.has_perm("directory.confirm_listing", organisation):
        raise PermissionDenied
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.last_confirmed_at = timezone.now()
    _save_with_credit(organisation, user=user, reason=_("Confirmed as still correct"))
    return organisation


@transaction.atomic
def organisation_revert(*, organisation: Organisation, history_id: int, user: User) -> Organisation:
    """Restore the listing's fields to an earlier version. The revert is a new version."""
    if not user.has_perm("directory.revert_organisation"):
        raise PermissionDenied
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    # simple_history's register() adds .history at run time; the stubs cannot see it.
    record = organisation.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
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
