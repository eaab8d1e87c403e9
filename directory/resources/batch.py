"""Importing many organisations at once (``import_organisations``, the registers): new
listings saved in batches with their history, slugs and org-ids checked across the whole
file before anything is written."""

import contextlib
import uuid
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from common.batching import batched

from .. import changes
from ..models import Organisation, OrganisationIdentifier
from ..models.records import RESERVED_SLUGS, blank_missing_translations
from ..validators import normalise_postcode, parse_org_id
from .organisations import OrganisationResource, _split


class _NoDiff:
    """Stands in for import-export's per-row before/after diff, which only the admin's
    import preview shows: exporting every field of every row twice was a third of an
    import's time."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


UNIQUE_FIELDS = frozenset(
    field.name for field in Organisation._meta.concrete_fields if field.unique
) | {
    name for constraint in Organisation._meta.total_unique_constraints for name in constraint.fields
}


# Values per query when the file's ids, org-ids and slugs are looked up.
LOOKUP_CHUNK = 2000


def _read_in_chunks(values, read) -> Iterator:
    """Everything ``read(chunk)`` gives for ``values``, sorted, a chunk at a time."""
    for chunk in batched(sorted(values), LOOKUP_CHUNK):
        yield from read(chunk)


def _row_id(row) -> uuid.UUID | None:
    """The row's id, or None when it has none or not a valid one (reported elsewhere)."""
    try:
        return uuid.UUID(str(row.get("id") or "").strip())
    except ValueError:
        return None


class OrganisationBatchResource(OrganisationResource):
    """OrganisationResource for the ``import_organisations`` command: the same rules and
    messages, without the diff that nothing there shows, and with new listings saved in
    batches.

    A new listing is checked row by row as before, then kept until ``BATCH_SIZE`` of them
    are waiting and saved together with their history (``bulk_create_with_history``):
    saving them one at a time was over a third of an import. What one-by-one saving
    gave for free is kept by hand: a row that names a waiting listing (by id or org-id)
    saves the batch first, so it updates that listing as before; slugs are checked
    against the waiting ones as well as the database's, which are read once per file.

    Saving rows of earlier rows inside a later row's savepoint is safe only when the
    whole file is all-or-nothing, so ``import_data`` insists on it."""

    BATCH_SIZE = 500

    class Meta(OrganisationResource.Meta):
        skip_html_diff = True

    def get_diff_class(self):
        return _NoDiff

    def import_data(self, dataset, *args, **kwargs):
        if not (kwargs.get("use_transactions") and kwargs.get("rollback_on_validation_errors")):
            raise ValueError(
                "OrganisationBatchResource imports a file all or nothing: pass "
                "use_transactions=True and rollback_on_validation_errors=True."
            )
        return super().import_data(dataset, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._waiting: list[Organisation] = []
        self._waiting_keys: set[str] = set()  # ids and org-ids of waiting listings
        self._waiting_slugs: set[str] = set()
        self._borough_ids = {borough.pk for borough in self._targets["areas_served"].values()}
        # Which slugs the file's new listings would start from are already taken: one
        # query per file instead of one (or more) per row.
        bases = {
            slugify(row.get("name") or "")[:100] or "organisation"
            for row in dataset.dict
            if not str(row.get("slug") or "").strip()
        }
        self._base_slugs = bases
        self._taken_slugs: set[str] = set(
            _read_in_chunks(
                bases,
                lambda chunk: Organisation.objects.filter(slug__in=chunk).values_list(
                    "slug", flat=True
                ),
            )
        )
        # Which of the file's ids and org-ids the database has, likewise read once: a row
        # naming neither is new without a query, and its org-ids are added with its
        # batch. Both are kept up to date as the file's own new listings are saved.
        org_ids: set[str] = set()
        ids: set[uuid.UUID] = set()
        for row in dataset.dict:
            for org_id in _split(row.get("org_id")):
                with contextlib.suppress(ValidationError):  # reported by the row's checks
                    org_ids.add("-".join(parse_org_id(org_id)))
            if (row_id := _row_id(row)) is not None:
                ids.add(row_id)
        self._owners: dict[str, uuid.UUID] = dict(
            _read_in_chunks(
                org_ids,
                lambda chunk: OrganisationIdentifier.objects.filter(org_id__in=chunk).values_list(
                    "org_id", "organisation_id"
                ),
            )
        )
        self._existing_ids: set[uuid.UUID] = set(
            _read_in_chunks(
                ids,
                lambda chunk: Organisation.objects.filter(pk__in=chunk).values_list(
                    "pk", flat=True
                ),
            )
        )
        self._waiting_identifiers: list[OrganisationIdentifier] = []

    def _slug_taken(self, slug: str, instance) -> bool:
        if slug in self._waiting_slugs:
            return True
        if slug in self._base_slugs and slug not in self._taken_slugs:
            return slug in RESERVED_SLUGS  # known to be free in the database
        return super()._slug_taken(slug, instance)

    def get_instance(self, instance_loader, row):
        if self._waiting and self._names_waiting(row):
            self._save_waiting()
        if not self._may_exist(row):
            return None
        return super().get_instance(instance_loader, row)

    def _may_exist(self, row) -> bool:
        """Whether the row names a listing the database has, by id or org-id."""
        if _row_id(row) in self._existing_ids:
            return True
        return any(org_id.upper() in self._owners for org_id in _split(row.get("org_id")))

    def _owner_of(self, org_id: str):
        return self._owners.get(org_id)

    def _add_identifier(self, instance, scheme: str, identifier: str) -> None:
        org_id = f"{scheme}-{identifier}"
        self._owners[org_id] = instance.pk
        if not instance._state.adding:
            return super()._add_identifier(instance, scheme, identifier)
        # Saved with the listing's batch (bulk saving skips save(), which sets org_id).
        self._waiting_identifiers.append(
            OrganisationIdentifier(
                organisation=instance, scheme=scheme, identifier=identifier, org_id=org_id
            )
        )

    def _names_waiting(self, row) -> bool:
        keys = {org_id.upper() for org_id in _split(row.get("org_id"))}
        if (row_id := _row_id(row)) is not None:
            keys.add(str(row_id))
        return not keys.isdisjoint(self._waiting_keys)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # A new listing whose id is new (uuid4) and whose slug _unique_slug chose (the
        # file gave none) needs no uniqueness queries: those are its only unique fields.
        instance._keys_checked = (
            instance._state.adding
            and not str(row.get("slug") or "").strip()
            and not str(row.get("id") or "").strip()
            and UNIQUE_FIELDS.issubset({"id", "slug"})
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.slug in self._waiting_slugs:
            # Taken by a new listing of an earlier row, not yet saved (whether this row
            # is new or changes a listing's slug).
            errors.setdefault("slug", [instance.unique_error_message(Organisation, ["slug"])])
        if getattr(instance, "_keys_checked", False):
            validate_unique = False
        # As import-export's, but a borough that before_import_row found among the
        # boroughs read for this file is not looked up again, row by row.
        exclude = set(errors)
        if instance.borough_id is not None and instance.borough_id in self._borough_ids:
            exclude.add("borough")
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        if not is_create:
            self._taken_slugs.add(instance.slug)
            return super().do_instance_save(instance, is_create)
        if instance.postcode:  # what Organisation.save() does, which bulk saving skips
            instance.postcode = normalise_postcode(instance.postcode)
        instance.place_by_postcode()  # likewise (the file's postcodes are preloaded)
        self._waiting.append(instance)
        self._waiting_keys.add(str(instance.pk))
        self._waiting_slugs.add(instance.slug)
        if len(self._waiting) >= self.BATCH_SIZE:
            self._save_waiting()

    def after_save_instance(self, instance, row, **kwargs):
        try:
            super().after_save_instance(instance, row, **kwargs)
        except Exception:
            # The row fails (its org-id belongs to another listing): it must not be
            # saved with the next batch and blamed on a later row.
            if instance._state.adding and instance in self._waiting:
                self._waiting.remove(instance)
                self._waiting_keys.discard(str(instance.pk))
                self._waiting_slugs.discard(instance.slug)
            raise
        if instance._state.adding:
            self._waiting_keys.update(org_id.upper() for org_id in _split(row.get("org_id")))

    def _save_waiting(self):
        waiting, self._waiting = self._waiting, []
        for instance in waiting:
            blank_missing_translations(instance)  # as save() does
        bulk_create_with_history(waiting, Organisation, batch_size=self.BATCH_SIZE)
        identifiers, self._waiting_identifiers = self._waiting_identifiers, []
        OrganisationIdentifier.objects.bulk_create(identifiers, batch_size=self.BATCH_SIZE)
        # Bulk saving sends no signals: the changes feed is told here.
        changes.record(instance.pk for instance in waiting if instance.is_public)
        for instance in waiting:
            instance._state.adding = False
            instance._was_public = instance.is_public
            self._existing_ids.add(instance.pk)
        self._waiting_keys.clear()
        self._waiting_slugs.clear()
        self._taken_slugs.update(instance.slug for instance in waiting)

    def after_import(self, dataset, result, **kwargs):
        if self._waiting and not (result.has_errors() or result.has_validation_errors()):
            self._save_waiting()  # before the many-to-many rows, which refer to them
        self._waiting = []
        super().after_import(dataset, result, **kwargs)


def row_error_messages(result) -> list[str]:
    """Readable messages for every rejected row of an import result, row by row."""
    messages = []
    for invalid in result.invalid_rows:
        for field, errors in invalid.error_dict.items():
            column = field if field != "__all__" else _("row")
            for error in errors:
                messages.append(
                    _("Row %(row)s, %(column)s: %(error)s")
                    % {"row": invalid.number, "column": column, "error": error}
                )
    for number, errors in result.row_errors():
        for error in errors:
            messages.append(_("Row %(row)s: %(error)s") % {"row": number, "error": error.error})
    for error in result.base_errors:
        messages.append(str(error.error))
    return messages
