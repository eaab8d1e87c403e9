"""Reads that cross relations, shaped for pages."""

import uuid
from typing import Any, cast

from django.conf import settings
from django.db.models import F, Field, ManyToManyField, Model, QuerySet, Value
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from .models import Organisation, OrganisationIdentifier
from .public import TRANSLATED_FIELDS

# History fields that are bookkeeping, not content people changed.
_BOOKKEEPING = {
    "version",
    "updated_at",
    "created_at",
    "search_text",
    "id",
    "is_demo",
    "outdated_translations",
    "latitude",  # follows the postcode
    "longitude",
}


def field_label(field: str) -> str | None:
    """A readable label for a changed field, in the page's language: "Description
    (Polish)", "Opening hours". None for fields that only mirror another (the
    untranslated base of a translated field)."""
    if field in _BOOKKEEPING or field in TRANSLATED_FIELDS:
        return None
    for base in TRANSLATED_FIELDS:
        for code, _name in settings.LANGUAGES:
            if field == f"{base}_{code}":
                verbose = _declared_field(base).verbose_name
                language = get_language_info(code)["name_translated"]
                return f"{capfirst(verbose)} ({language})"
    return str(capfirst(_declared_field(field).verbose_name))


def _declared_field(name: str) -> Field:
    # Suggestions and versions change fields declared on Organisation (its columns, and
    # a proposal's many-to-many links), never a reverse relation.
    return cast(Field, Organisation._meta.get_field(name))


def field_value(field: str, value: str) -> str:
    """A changed value as people read it: the names, in the page's language, of the
    areas of work, groups, languages or boroughs a proposal links to (stored as codes)."""
    from django.apps import apps

    from .services import LINK_TARGETS

    if field not in LINK_TARGETS or not value:
        return value
    model, key = LINK_TARGETS[field]
    codes = [code.strip() for code in value.split(",") if code.strip()]
    names = {
        getattr(item, key): str(item)
        for item in apps.get_model(model)._default_manager.filter(**{f"{key}__in": codes})
    }
    return ", ".join(names.get(code, code) for code in codes)


def public_changes(organisation: Organisation, limit: int = 50) -> list[dict]:
    """The listing's versions, newest first: when, which fields, and by whom; with the
    versions of the listings merged into it (each says which it was: ``merged_from``),
    so that a merge keeps both histories in view.

    A contributor is named only if they chose to show their display name; everyone else
    is "a community member". No email, username or other personal data is returned.
    """
    names = {organisation.pk: ""}
    frontier = [organisation.pk]
    while frontier and len(names) < 100:  # listings merged into it, and into those
        merged = Organisation.objects.filter(merged_into__in=frontier).exclude(pk__in=names)
        found = dict(merged.values_list("pk", "name"))
        names.update(found)
        frontier = list(found)
    # simple_history's register() adds .history at run time; the stubs cannot see it.
    history = Organisation.history  # type: ignore[attr-defined]
    records = list(
        history.filter(id__in=names).select_related("history_user").order_by("-history_date")
    )
    by_listing: dict[uuid.UUID, list] = {}
    for record in records:
        by_listing.setdefault(record.id, []).append(record)
    changes: list[dict] = []
    for listing_id, versions in by_listing.items():
        for newer, older in zip(versions, versions[1:] + [None], strict=False):
            if older is None:
                fields = [_("Listing created")]
            else:
                delta = newer.diff_against(older)
                fields = sorted(
                    {label for change in delta.changes if (label := field_label(change.field))}
                )
                if not fields:
                    continue
            user = newer.history_user
            changes.append(
                {
                    "date": newer.history_date,
                    "fields": fields,
                    "by": (user.public_name if user else "") or _("a community member"),
                    "history_id": newer.history_id,
                    "merged_from": names[listing_id],
                }
            )
    changes.sort(key=lambda change: change["date"], reverse=True)
    return changes[:limit]


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# A listing's many-to-many values, by kind: (kind, many-to-many field, the value's
# field). Org-ids, kind "identifiers", come from OrganisationIdentifier.
M2M_LINKS = (
    ("categories", "categories", "slug"),
    ("beneficiaries", "beneficiaries", "slug"),
    ("languages", "languages", "code"),
    ("areas_served", "areas_served", "slug"),
)
LINK_KINDS = (*(kind for kind, _field, _value in M2M_LINKS), "identifiers")


def organisation_links(**where: object) -> dict[uuid.UUID, dict[str, list]]:
    """Every many-to-many value of the organisations that ``where`` picks out (lookups
    on ``organisation_id``, such as ``organisation_id__in=ids``), in one query:
    ``{organisation id: {kind: [values]}}`` for the kinds of LINK_KINDS. The API and
    the downloads read a page this way."""
    parts: list[QuerySet[Any, Any]] = [
        OrganisationIdentifier.objects.filter(**where).values_list(
            Value("identifiers"), "organisation_id", "org_id"
        )
    ]
    for kind, field_name, value_field in M2M_LINKS:
        m2m = cast(ManyToManyField, Organisation._meta.get_field(field_name))
        # Django's own link table (no through= given), set once the models are loaded.
        through = cast(type[Model], m2m.remote_field.through)
        parts.append(
            through._default_manager.filter(**where).values_list(
                Value(kind), "organisation_id", F(f"{m2m.m2m_reverse_field_name()}__{value_field}")
            )
        )
    parts = [part.order_by() for part in parts]
    links: dict[uuid.UUID, dict[str, list]] = {}
    for kind, organisation_id, value in parts[0].union(*parts[1:], all=True):
        links.setdefault(_as_uuid(organisation_id), {}).setdefault(kind, []).append(value)
    return links


def register_sources(organisation: Organisation) -> list[dict[str, Any]]:
    """Where the listing's register-given fields came from, per register: its name (in
    the active language), the extract's date and licence, the fields that still hold the
    register's value (and their labels, in the active language), and when it left the
    register, if it did. The listing page and the API both read it."""
    sources = []
    for record in organisation.register_records.all():
        fields = record.fields_from_register()
        labels = [
            str(capfirst(_declared_field(field.removesuffix("_en")).verbose_name))
            for field in fields
            if field.removesuffix("_en") not in _BOOKKEEPING
        ]
        sources.append(
            {
                "source": record.source,
                "title": str(record.get_source_display()),
                "extract_date": record.extract_date,
                "licence": record.licence,
                "fields": fields,
                "labels": labels,
                "removed_on": record.removed_on,
            }
        )
    return sources
