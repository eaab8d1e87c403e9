"""The importer every register shares: read, filter, map (the source's part), then
match and write (this module's part).

Matching: an incoming organisation is the listing that has its identifier (an org-id
such as GB-CHC-1090095), else the one listing with the same name (normalised) at the
same postcode, or in the same borough when either has no postcode. A similar name
there, or the same name on several listings, is only a *possible* duplicate: the new
listing is kept unpublished and queued for staff, never merged.

Writing respects the community. ``RegisterRecord.values`` holds each field as the
register last set it. On a refresh a field the listing still holds the register's old
value in takes the new one; a field a person has changed since keeps the person's value,
and the register's new value becomes a suggestion in the moderation queue. An
organisation the register now says was removed is flagged and queued, never deleted.

Everything happens in one transaction: a file with a bad row writes nothing, and a dry
run is rolled back after the same summary.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

import tablib  # type: ignore[import-untyped]
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from tqdm import tqdm  # type: ignore[import-untyped]

from common.batching import batched

from .. import postcodes
from ..bulk import analyse
from ..duplicates import candidate_words, name_words, names_match
from ..models import (
    Borough,
    Organisation,
    OrganisationIdentifier,
    OrganisationSuggestion,
    PossibleDuplicate,
    ProblemReport,
    RegisterRecord,
    TaxonomyTerm,
)
from ..public import DETAIL_FIELDS
from ..resources import OrganisationBatchResource, row_error_messages
from ..services.values import _normalise, _save_with_credit, snapshot, suggestible_fields
from ..validators import normalise_postcode

BATCH_SIZE = 1000
# Batches written between two refreshes of the planner's statistics (``analyse``).
ANALYSE_EVERY = 5
# Fields holding several values, compared and stored as sorted ";"-joined slugs.
LIST_FIELDS = ("areas_served", "categories", "beneficiaries")
# Fields a register may set; everything else on a listing is the community's alone.
REGISTER_FIELDS = (
    "name_en",
    "description_en",
    "alternative_names",
    *DETAIL_FIELDS,  # legal form, contact details and address
    "borough",
    "serves_all_london",
    *LIST_FIELDS,
)
# The import resource's column for each field it differs on.
RESOURCE_COLUMNS = {"name_en": "name", "description_en": "description"}


@dataclass
class Incoming:
    """One organisation as a register describes it, mapped onto our fields.

    ``values`` are plain strings (lists as sorted ";"-joined slugs, booleans "1"/"0"),
    keyed by field name; ``row`` is where it was read, for messages."""

    identifier: str
    row: str
    identifiers: list[str]
    values: dict[str, str]


@dataclass
class RowError:
    row: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.message}"


class RegisterFileError(ValueError):
    """The files cannot be imported: each problem, with where it is. Nothing was written."""

    def __init__(self, errors: list[RowError] | list[str]):
        self.errors = [str(error) for error in errors]
        super().__init__("; ".join(self.errors[:5]))


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    suggested: int = 0  # register values that became suggestions (a field each)
    flagged: int = 0  # removed from the register, or possible duplicates
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    unmatched_areas: Counter = field(default_factory=Counter)  # description -> count

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def lines(self) -> list[str]:
        lines = [
            f"{self.new:,} new, {self.updated:,} updated, {self.suggested:,} suggested "
            f"changes, {self.flagged:,} flagged for review, {self.unchanged:,} unchanged."
        ]
        for reason, count in sorted(self.skipped.items(), key=lambda item: -item[1]):
            lines.append(f"Skipped {count:,}: {reason}.")
        if self.unmatched_areas:
            names = ", ".join(f"{name} ({count})" for name, count in self.unmatched_areas.items())
            lines.append(f"Areas of operation that matched no London borough: {names}.")
        return lines


def current_values(organisation: Organisation, fields: Iterable[str]) -> dict[str, str]:
    """The listing's values of register ``fields``, in ``Incoming.values``' form."""
    fields = list(fields)
    plain = [name for name in fields if name in suggestible_fields()]
    values = snapshot(organisation, plain)
    for name in fields:
        if name in LIST_FIELDS:
            key = "code" if name == "languages" else "slug"
            values[name] = join(getattr(organisation, name).values_list(key, flat=True))
        elif name == "serves_all_london":
            values[name] = "1" if organisation.serves_all_london else "0"
        elif name not in values:
            values[name] = _normalise(getattr(organisation, name))
    return values


def join(values: Iterable[str]) -> str:
    return ";".join(sorted({value for value in values if value}))


def _name_key(name: str) -> str:
    return " ".join(name_words(name))


class RegisterImporter:
    """One register's reader: subclasses set ``source``, ``title`` and ``licence`` and
    yield ``Incoming`` records (counting what they leave out with ``summary.skip``);
    ``removed()`` yields the identifiers the register says were removed, with when."""

    source: str
    title: str  # for people: "the Charity Commission register"
    licence = "OGL-UK-3.0"

    def __init__(self, *, extract_date: datetime.date):
        self.extract_date = extract_date
        self.errors: list[RowError] = []

    # --- The source's part ---------------------------------------------------------
    def incoming(self, summary: Summary) -> Iterator[Incoming]:
        raise NotImplementedError

    def removed(self) -> Iterator[tuple[str, datetime.date | None]]:
        return iter(())

    def error(self, row: str, message: str) -> None:
        self.errors.append(RowError(row, message))

    # --- The shared part -----------------------------------------------------------
    def run(self, *, dry_run: bool = False, progress: IO[str] | None = None) -> Summary:
        """Import everything, or nothing: raises ``RegisterFileError`` for bad rows.
        With ``progress`` (a stream), a progress bar counts the organisations written."""
        summary = Summary()
        with transaction.atomic():
            writer = _Writer(self, summary)
            records = tqdm(
                self.incoming(summary),
                desc=self.title,
                unit=" organisations",
                disable=progress is None,
                file=progress,
            )
            for written, batch in enumerate(batched(records, BATCH_SIZE), 1):
                writer.write(batch)
                if written % ANALYSE_EVERY == 0:
                    analyse(Organisation)
            analyse(Organisation)  # before the removals are looked up among what was written
            writer.flag_removed(self.removed())
            if self.errors:
                transaction.set_rollback(True)
                raise RegisterFileError(self.errors)
            if dry_run:
                transaction.set_rollback(True)
        return summary

    @property
    def reason(self) -> str:
        """Why a listing changed, in its history and on a suggestion."""
        return _("From %(register)s, extract of %(date)s") % {
            "register": self.title,
            "date": self.extract_date.isoformat(),
        }


class _Writer:
    def __init__(self, importer: RegisterImporter, summary: Summary):
        self.importer = importer
        self.summary = summary
        self.source = importer.source
        self.seen: set[str] = set()

    # Matching ---------------------------------------------------------------------
    def write(self, batch: list[Incoming]) -> None:
        batch = [record for record in batch if record.identifier not in self.seen]
        self.seen.update(record.identifier for record in batch)
        records = {
            record.identifier: record
            for record in RegisterRecord.objects.filter(
                source=self.source, identifier__in=[incoming.identifier for incoming in batch]
            ).select_related("organisation")
        }
        by_identifier = dict(
            OrganisationIdentifier.objects.filter(
                org_id__in={org_id for incoming in batch for org_id in incoming.identifiers}
            ).values_list("org_id", "organisation_id")
        )
        new: list[Incoming] = []
        for incoming in batch:
            record = records.get(incoming.identifier)
            if record is not None:
                self.refresh(record.organisation, incoming, record)
                continue
            matched = next(
                (by_identifier[i] for i in incoming.identifiers if i in by_identifier), None
            )
            if matched is not None:
                self.refresh(Organisation.objects.get(pk=matched), incoming, None)
            else:
                new.append(incoming)
        if new:
            self.add(new)

    def _by_name(self, new: list[Incoming]) -> dict[str, tuple[list, list]]:
        """For each new record: (listings with its very name there, listings with a
        similar name there), where "there" is its postcode, or its borough when either
        side has no postcode. Only listings there are read, and in a borough only those
        sharing a word of the name, so a batch costs the same however many listings
        London has."""
        with_postcode = {normalise_postcode(r.values.get("postcode", "")) for r in new} - {""}
        boroughs = {r.values.get("borough", "") for r in new} - {""}
        words = {word for r in new for word in candidate_words(r.values.get("name_en", ""))}
        listings = Organisation.objects.filter(merged_into=None).order_by()
        columns = ("pk", "name_en", "postcode", "borough__slug")
        nearby: set[tuple] = set()
        if with_postcode:
            nearby.update(listings.filter(postcode__in=with_postcode).values_list(*columns))
        if boroughs and words:
            sharing = Q()
            for word in words:
                sharing |= Q(name_en__icontains=word)
            nearby.update(
                listings.filter(sharing, borough__slug__in=boroughs).values_list(*columns)
            )
        at_postcode: dict[str, list] = {}
        in_borough: dict[str, list] = {}
        for row in nearby:
            at_postcode.setdefault(row[2] or "", []).append(row)
            in_borough.setdefault(row[3] or "", []).append(row)
        found = {}
        for incoming in new:
            postcode = normalise_postcode(incoming.values.get("postcode", ""))
            borough = incoming.values.get("borough", "")
            name = incoming.values.get("name_en", "")
            key = _name_key(name)
            candidates = set(at_postcode.get(postcode, [])) if postcode else set()
            if borough:
                candidates.update(
                    row
                    for row in in_borough.get(borough, [])
                    if not postcode or not row[2]  # either side without a postcode
                )
            words = set(candidate_words(name))
            same, similar = [], []
            for pk, other_name, _postcode, _borough in candidates:
                if _name_key(other_name or "") == key:
                    same.append(pk)
                elif (not words or words & set(candidate_words(other_name or ""))) and (
                    names_match(name, other_name or "", same_postcode=bool(postcode))
                ):
                    similar.append(pk)
            found[incoming.identifier] = (sorted(same), sorted(similar))
        return found

    # New listings -----------------------------------------------------------------
    def add(self, new: list[Incoming]) -> None:
        found = self._by_name(new)
        created: list[Incoming] = []
        queued: dict[str, list] = {}
        for incoming in new:
            same, similar = found[incoming.identifier]
            if len(same) == 1 and not similar:
                self.refresh(Organisation.objects.get(pk=same[0]), incoming, None)
                continue
            if same or similar:
                queued[incoming.identifier] = same + similar
            created.append(incoming)
        if not created:
            return
        organisations = self._create(created, unpublished=set(queued))
        if organisations is None:
            return  # rows were refused: the run reports them and writes nothing
        RegisterRecord.objects.bulk_create(
            RegisterRecord(
                organisation=organisations[incoming.identifier],
                source=self.source,
                identifier=incoming.identifier,
                extract_date=self.importer.extract_date,
                licence=self.importer.licence,
                values=incoming.values,
            )
            for incoming in created
        )
        for incoming in created:
            organisation = organisations[incoming.identifier]
            for other in queued.get(incoming.identifier, []):
                PossibleDuplicate.objects.get_or_create(
                    organisation=organisation,
                    other_id=other,
                    defaults={
                        "source": self.source,
                        "reason": _(
                            "%(register)s lists it with a name like this listing's, at "
                            "the same postcode or in the same borough."
                        )
                        % {"register": self.importer.title},
                    },
                )
        self.summary.new += len(created) - len(queued)
        self.summary.flagged += len(queued)

    def _create(self, created: list[Incoming], *, unpublished: set[str]) -> dict | None:
        """New listings through the import resource (the admin's and the CSV
        command's), so they are validated and written exactly as those are."""
        headers = [
            "org_id",
            *(RESOURCE_COLUMNS.get(name, name) for name in REGISTER_FIELDS),
            "is_published",
            "source",
            "licence",
        ]
        dataset = tablib.Dataset(headers=headers)
        for incoming in created:
            dataset.append(
                [
                    ";".join(incoming.identifiers),
                    *(incoming.values.get(name, "") for name in REGISTER_FIELDS),
                    "0" if incoming.identifier in unpublished else "1",
                    self.source,
                    self.importer.licence,
                ]
            )
        with postcodes.unchecked():  # the register's postcode stands, placed or not
            result = OrganisationBatchResource().import_data(
                dataset, use_transactions=True, rollback_on_validation_errors=True
            )
        if result.has_errors() or result.has_validation_errors():
            rows = [incoming.row for incoming in created]
            for message in row_error_messages(result):
                number, _sep, rest = message.partition(",")
                index = int(number.split()[-1]) - 1 if number.split()[-1].isdigit() else None
                where = rows[index] if index is not None and index < len(rows) else number
                self.importer.error(where, rest.strip() or message)
            return None
        identifiers = OrganisationIdentifier.objects.filter(
            org_id__in=[incoming.identifier for incoming in created]
        ).select_related("organisation")
        return {identifier.org_id: identifier.organisation for identifier in identifiers}

    # Listings we have -------------------------------------------------------------
    def refresh(
        self, organisation: Organisation, incoming: Incoming, record: RegisterRecord | None
    ) -> None:
        """Bring a listing in step with the register without overwriting people."""
        before = record.values if record is not None else {}
        now = current_values(organisation, incoming.values)
        updates: dict[str, str] = {}
        conflicts: dict[str, str] = {}
        for name, value in incoming.values.items():
            current = now.get(name, "")
            if value == current:
                continue  # the listing already says it
            if record is not None and value == before.get(name):
                continue  # the register did not change: the person's value stands
            if current == "" or (record is not None and current == before.get(name)):
                updates[name] = value  # empty, or still the register's own value
            else:
                conflicts[name] = value  # a person gave it another value
        if updates:
            self._update(organisation, updates)
        suggestible = {
            name: value for name, value in conflicts.items() if name in suggestible_fields()
        }
        if suggestible:
            self._suggest(organisation, suggestible)
        if record is None:
            record = RegisterRecord(
                organisation=organisation, source=self.source, identifier=incoming.identifier
            )
            self._add_identifiers(organisation, incoming.identifiers)
        record.values = incoming.values
        record.extract_date = self.importer.extract_date
        record.licence = self.importer.licence
        record.removed_on = None
        record.save()
        if updates:
            self.summary.updated += 1
        elif not suggestible:
            self.summary.unchanged += 1

    def _update(self, organisation: Organisation, updates: dict[str, str]) -> None:
        for name, value in updates.items():
            if name == "borough":
                organisation.borough = Borough.objects.filter(slug=value).first()
            elif name == "serves_all_london":
                organisation.serves_all_london = value == "1"
            elif name not in LIST_FIELDS:
                setattr(organisation, name, value)
        _save_with_credit(organisation, user=None, reason=self.importer.reason)
        for name in LIST_FIELDS:
            if name in updates:
                slugs = updates[name].split(";") if updates[name] else []
                if name == "areas_served":
                    targets = Borough.objects.filter(slug__in=slugs)
                elif name == "categories":
                    targets = TaxonomyTerm.objects.categories().filter(slug__in=slugs)
                else:
                    targets = TaxonomyTerm.objects.beneficiaries().filter(slug__in=slugs)
                getattr(organisation, name).set(targets)

    def _suggest(self, organisation: Organisation, changes: dict[str, str]) -> None:
        waiting = OrganisationSuggestion.objects.pending().filter(
            organisation=organisation, author=None, changes=changes
        )
        if waiting.exists():
            return
        OrganisationSuggestion.objects.create(
            organisation=organisation,
            author=None,
            changes=changes,
            original=snapshot(organisation, changes.keys()),
            base_version=organisation.version,
            reason=self.importer.reason,
        )
        self.summary.suggested += len(changes)

    def _add_identifiers(self, organisation: Organisation, identifiers: list[str]) -> None:
        have = set(organisation.identifiers.values_list("org_id", flat=True))
        for org_id in identifiers:
            if org_id not in have:
                scheme, _sep, number = org_id.rpartition("-")
                taken = OrganisationIdentifier.objects.filter(org_id=org_id).exists()
                if not taken:
                    OrganisationIdentifier.objects.create(
                        organisation=organisation, scheme=scheme, identifier=number
                    )

    # Removals ---------------------------------------------------------------------
    def flag_removed(self, removed: Iterable[tuple[str, datetime.date | None]]) -> None:
        """Flag the listings whose register entry was removed, and queue them for a
        moderator as a problem report; the listing itself stays as it is. The register
        names many more removed charities than we list: they are looked up a batch at a
        time."""
        for batch in batched(removed, BATCH_SIZE):
            first_said: dict[str, datetime.date | None] = {}
            for identifier, removed_on in batch:
                first_said.setdefault(identifier, removed_on)
            self._flag(first_said)

    def _flag(self, removed: dict[str, datetime.date | None]) -> None:
        records = RegisterRecord.objects.filter(
            source=self.source, identifier__in=list(removed), removed_on=None
        )
        for record in records.order_by("identifier"):
            record.removed_on = removed[record.identifier] or self.importer.extract_date
            record.save(update_fields=["removed_on", "updated_at"])
            ProblemReport.objects.create(
                organisation_id=record.organisation_id,
                topic=ProblemReport.Topic.CLOSED,
                message=_("%(register)s says it was removed on %(date)s.")
                % {"register": self.importer.title, "date": record.removed_on.isoformat()},
            )
            self.summary.flagged += 1
