"""The changes feed: every change to the public set of listings, removals included, in
one ordered stream a partner can follow with a cursor (``/api/v1/organisations/changes/``).

Writing. Whenever a listing in the public set changes (itself, its identifiers, its
links, its services or locations), or a listing leaves the public set (unpublished,
merged into another, closed, deleted), a ``ListingChange`` is written in the same
transaction (``record``). The signal receivers below cover every save and delete;
bulk writes call ``record`` themselves (``OrganisationBatchResource``).

Reading (``read``). Each listing's latest entry after the cursor is served once, with the
listing as it is now: a listing in the public set is ``updated`` (with its public record);
any other is ``removed``: a tombstone with its id, when it left and why (``unpublished``,
``merged``, with the surviving id, ``closed``, ``removed_from_register`` or ``deleted``).
A partner that applies the stream in order, upserting and deleting, holds exactly the
public set.

Order. Entries are served by (transaction, id). On PostgreSQL an entry is served only once
every transaction that could still commit an earlier entry has ended (its transaction id
is below the snapshot's ``xmin``): a register import running for ten minutes holds the
stream back until it commits rather than slipping behind a partner's cursor. Elsewhere
(SQLite) writes are serialised, so the id alone orders them.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from .models import (
    ListingChange,
    Location,
    Organisation,
    OrganisationIdentifier,
    RegisterRecord,
    Service,
)
from .services.merging import survivor_of


class Reason:
    """Why a listing left the public set, as the feed names it."""

    UNPUBLISHED = "unpublished"
    MERGED = "merged"
    CLOSED = "closed"
    REMOVED_FROM_REGISTER = "removed_from_register"
    DELETED = "deleted"


REASONS = (
    Reason.UNPUBLISHED,
    Reason.MERGED,
    Reason.CLOSED,
    Reason.REMOVED_FROM_REGISTER,
    Reason.DELETED,
)


# --- Writing -------------------------------------------------------------------------------

# Sent once a transaction that logged changes has committed (as many times as it called
# ``record``): whoever passes changes on (webhooks) reads the feed then.
changes_recorded = Signal()


def record(organisation_ids: Iterable[uuid.UUID], *, using: str = "default") -> None:
    """Log a change to each of these listings, in the current transaction."""
    ids = list(dict.fromkeys(organisation_ids))
    if not ids:
        return
    connection = connections[using]
    with transaction.atomic(using=using):  # the txid and the rows in one transaction
        txid = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_current_xact_id()::text::bigint")
                txid = cursor.fetchone()[0]
        now = timezone.now()
        ListingChange.objects.using(using).bulk_create(
            [ListingChange(organisation_id=pk, txid=txid, at=now) for pk in ids],
            batch_size=1000,
        )
        transaction.on_commit(
            lambda: changes_recorded.send(sender=ListingChange, using=using), using=using
        )


def _public_state(instance: Organisation) -> bool | None:
    """Whether the instance, as loaded, is in the public set; None if not loaded."""
    values = instance.__dict__
    if "is_published" not in values or "status" not in values:
        return None
    return bool(values["is_published"]) and values["status"] != Organisation.Status.CLOSED


@receiver(post_init, sender=Organisation)
def _remember_public_state(sender, instance, **kwargs):
    instance._was_public = _public_state(instance)


@receiver(post_save, sender=Organisation)
def _organisation_saved(sender, instance, created, using, **kwargs):
    was = getattr(instance, "_was_public", None)
    now = instance.is_public
    if now or was or (was is None and not created):
        record([instance.pk], using=using)
    instance._was_public = now


@receiver(post_delete, sender=Organisation)
def _organisation_deleted(sender, instance, using, **kwargs):
    if getattr(instance, "_was_public", None) is not False:
        record([instance.pk], using=using)


def _touch(organisation_ids, using: str) -> None:
    """A part of these listings changed (a location, an identifier, a link):
    so did the listings, for every reader that goes by ``updated_at`` (the API's
    ``updated_since``, the feed's ``modified_after`` and ``last_modified``). Without a
    save: no new version in the history, no new search text."""
    ids = list(organisation_ids)
    Organisation.objects.using(using).filter(pk__in=ids).update(updated_at=timezone.now())
    _record_public(ids, using)


def _record_public(organisation_ids, using: str) -> None:
    """Log a change to those of these listings that are in the public set."""
    public = Organisation.objects.using(using).public().filter(pk__in=list(organisation_ids))
    record(public.values_list("pk", flat=True), using=using)


@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
def _service_changed(sender, instance, using, **kwargs):
    # A service has its own date (the feed's last_modified takes the later of the two):
    # its organisation's, and so its other services', stay as they were.
    _record_public([instance.organisation_id], using)


@receiver(post_save, sender=Location)
@receiver(post_delete, sender=Location)
@receiver(post_save, sender=OrganisationIdentifier)
@receiver(post_delete, sender=OrganisationIdentifier)
def _part_changed(sender, instance, using, **kwargs):
    _touch([instance.organisation_id], using)


@receiver(m2m_changed, sender=Organisation.categories.through)
@receiver(m2m_changed, sender=Organisation.beneficiaries.through)
@receiver(m2m_changed, sender=Organisation.languages.through)
@receiver(m2m_changed, sender=Organisation.areas_served.through)
def _links_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        _touch([instance.pk], using)
    elif pk_set:  # from the other side (a category's organisations): the listings named
        _touch(pk_set, using)


# --- Reading -------------------------------------------------------------------------------


# Two whole numbers (a transaction, an entry), each small enough for a bigint column.
CURSOR_PATTERN = r"[0-9]{1,18}\.[0-9]{1,18}"
CURSOR_FORMAT = re.compile(CURSOR_PATTERN)


class BadCursor(ValueError):
    """A cursor this feed did not give."""


@dataclass(frozen=True)
class Cursor:
    txid: int
    id: int

    def __str__(self) -> str:
        return f"{self.txid}.{self.id}"

    @classmethod
    def parse(cls, value: str) -> Cursor:
        if not CURSOR_FORMAT.fullmatch(value):
            raise BadCursor(value)
        txid, _dot, pk = value.partition(".")
        return cls(int(txid), int(pk))


@dataclass
class Entry:
    """One item of the stream: a listing now in the public set (``removal`` None), or a
    tombstone."""

    cursor: Cursor
    organisation_id: uuid.UUID
    at: datetime.datetime
    removal: str | None = None
    merged_into: uuid.UUID | None = None


def _settled(entries, using: str):
    """Only entries no running transaction can still come before (PostgreSQL)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return entries
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
            "pg_current_xact_id_if_assigned()::text::bigint"
        )
        xmin, own = cursor.fetchone()
    settled = Q(txid__lt=xmin)
    if own is not None:  # this transaction's own writes (as in a test)
        settled |= Q(txid=own)
    return entries.filter(settled)


def read(
    *,
    after: Cursor | None = None,
    since: datetime.datetime | None = None,
    limit: int = 100,
    using: str = "default",
) -> tuple[list[Entry], bool]:
    """Up to ``limit`` entries after ``after`` (changed on or after ``since``), each
    listing's latest only, and whether more follow."""
    entries = ListingChange.objects.using(using)
    later = entries.filter(organisation_id=OuterRef("organisation_id")).filter(
        Q(txid__gt=OuterRef("txid")) | Q(txid=OuterRef("txid"), id__gt=OuterRef("id"))
    )
    latest = _settled(entries.filter(~Exists(later)), using)
    if after is not None:
        latest = latest.filter(Q(txid__gt=after.txid) | Q(txid=after.txid, id__gt=after.id))
    if since is not None:
        latest = latest.filter(at__gte=since)
    rows = list(
        latest.order_by("txid", "id").values_list("txid", "id", "organisation_id", "at")[
            : limit + 1
        ]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    ids = [row[2] for row in rows]
    states = {
        row["pk"]: row
        for row in Organisation.objects.using(using)
        .filter(pk__in=ids)
        .values("pk", "is_published", "status", "merged_into_id")
    }
    off_register = set(
        RegisterRecord.objects.using(using)
        .filter(organisation_id__in=ids, removed_on__isnull=False)
        .values_list("organisation_id", flat=True)
    )
    result = []
    for txid, pk, organisation_id, at in rows:
        entry = Entry(Cursor(txid, pk), organisation_id, at)
        state = states.get(organisation_id)
        if state is None:
            entry.removal = Reason.DELETED
        elif state["merged_into_id"] is not None:
            entry.removal = Reason.MERGED
            # The end of the chain of merges (the one it went into, if the chain loops).
            survivor = survivor_of(pk=organisation_id, using=using)
            entry.merged_into = survivor.pk if survivor else state["merged_into_id"]
        elif state["status"] == Organisation.Status.CLOSED:
            entry.removal = Reason.CLOSED
        elif not state["is_published"]:
            entry.removal = (
                Reason.REMOVED_FROM_REGISTER
                if organisation_id in off_register
                else Reason.UNPUBLISHED
            )
        result.append(entry)
    return result, more


def latest_cursor(*, using: str = "default") -> Cursor:
    """The cursor of the latest entry the feed would serve now ("0.0" before any): who
    starts following the feed now (a webhook subscription) starts here. On PostgreSQL
    only settled entries count: starting past one that is not would skip the entries of
    a transaction still running below it."""
    settled = _settled(ListingChange.objects.using(using), using)
    row = settled.order_by("-txid", "-id").values_list("txid", "id").first()
    return Cursor(*row) if row else Cursor(0, 0)


def removals(*, using: str = "default") -> list[Entry]:
    """Every listing's tombstone, for the downloads: each listing that was in the public
    set and is not now, oldest first."""
    entries: list[Entry] = []
    after = None
    while True:
        page, more = read(after=after, limit=2000, using=using)
        entries.extend(entry for entry in page if entry.removal is not None)
        if not more:
            return entries
        after = page[-1].cursor
