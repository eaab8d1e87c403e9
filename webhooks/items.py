"""The items of the changes feed, shaped as ``/api/v1/organisations/changes/`` gives them.

The API's view builds its items inline; this builds the same ones from the same pieces
(``organisation_dict``, ``RowsWithLinks``...), so that a webhook carries exactly what a
partner reading the feed would get: public listing data, nothing more.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from directory import changes
from directory.api.views import (
    ROW_FIELDS,
    RowsWithLinks,
    listing_url_builder,
    organisation_dict,
    row_links,
)
from directory.models import ListingChange, Organisation
from directory.public import api_datetime


def change_items(entries: list[changes.Entry], language: str) -> list[dict[str, Any]]:
    """Each entry as an item: ``updated`` with the listing's public record, or
    ``removed`` with its reason (and ``merged_into`` after a merge)."""
    public_ids = [entry.organisation_id for entry in entries if entry.removal is None]
    records = {}
    if public_ids:
        rows = (
            Organisation.objects.public()
            .filter(pk__in=public_ids)
            .order_by("id")
            .raw_values(
                *ROW_FIELDS, borough_slug=F("borough__slug"), borough_name=F("borough__name")
            )
        )
        url_for = listing_url_builder(language)
        records = {
            row["id"]: organisation_dict(row, row_links(row), language, url_for)
            for row in RowsWithLinks(rows)[: len(public_ids)]
        }
    items = []
    for entry in entries:
        item: dict[str, Any] = {
            "cursor": str(entry.cursor),
            "id": str(entry.organisation_id),
            "at": api_datetime(entry.at),
        }
        record = records.get(entry.organisation_id) if entry.removal is None else None
        if record is not None:
            item.update(change="updated", organisation=record)
        else:  # gone since it was read, or a tombstone
            item.update(change="removed", reason=entry.removal or changes.Reason.UNPUBLISHED)
            if entry.merged_into is not None:
                item["merged_into"] = str(entry.merged_into)
        items.append(item)
    return items


def latest_cursor(*, using: str = "default") -> changes.Cursor:
    """The cursor of the latest change the feed would serve now ("0.0" before any): a
    subscription starts here, so that it is sent the changes after it registered.

    On PostgreSQL only changes no running transaction can still come before count
    (the feed's own rule, ``changes._settled``): starting past one that is not yet
    settled would skip the changes of a transaction still running below it."""
    settled = changes._settled(ListingChange.objects.using(using), using)
    row = settled.order_by("-txid", "-id").values_list("txid", "id").first()
    return changes.Cursor(*row) if row else changes.Cursor(0, 0)
