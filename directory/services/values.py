"""The suggestible fields of a listing: reading them, comparing and applying changes,
and saving with the person credited in the history. Shared by every directory service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Borough, Organisation, OrganisationSuggestion
from ..models.records import FACT_FIELDS
from ..public import LANGUAGE_CODES, TRANSLATED_FIELDS

if TYPE_CHECKING:
    from accounts.models import User

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

    def __init__(
        self, changed_meanwhile: dict[str, tuple], kept_as: OrganisationSuggestion | None = None
    ) -> None:
        self.changed_meanwhile = changed_meanwhile
        self.kept_as = kept_as
        super().__init__(", ".join(changed_meanwhile))


def _current_value(organisation: Organisation, field: str) -> object:
    if field == "borough":
        borough = organisation.borough if organisation.borough_id else None
        return borough.slug if borough is not None else ""
    value = getattr(organisation, field)
    return "" if value is None else value


def _normalise(value: object) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def snapshot(organisation: Organisation, fields: Iterable[str] | None = None) -> dict[str, str]:
    """The current values of the suggestible fields, as plain strings."""
    return {
        field: _normalise(_current_value(organisation, field))
        for field in (fields or suggestible_fields())
    }


def _apply(organisation: Organisation, changes: Mapping[str, object]) -> None:
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


def _save_with_credit(organisation: Organisation, *, user: User | None, reason: str) -> None:
    # simple_history reads these two when the listing is saved (they are not declared).
    organisation._history_user = user  # type: ignore[attr-defined]
    organisation._change_reason = reason[:100]  # type: ignore[attr-defined]
    organisation.save()


def _changed(organisation: Organisation, values: Mapping[str, object]) -> dict[str, str]:
    current = snapshot(organisation, values.keys())
    return {
        field: _normalise(value)
        for field, value in values.items()
        if _normalise(value) != current[field]
    }


def _kind_for(changes: Mapping[str, object], original: Mapping[str, object]) -> str:
    translated = {f"{f}_{c}" for f in TRANSLATED_FIELDS for c in LANGUAGE_CODES if c != "en"}
    if changes and all(field in translated and not original.get(field) for field in changes):
        return OrganisationSuggestion.Kind.TRANSLATION
    return OrganisationSuggestion.Kind.EDIT
