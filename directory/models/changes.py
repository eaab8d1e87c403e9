"""The changes feed's log: which listings changed, in the order partners read them.

Each time a listing in the public set changes, or one leaves it (unpublished, merged,
closed, deleted), a ``ListingChange`` is written in the same transaction. The feed
(``directory.changes``) serves each listing's latest entry with the listing as it is now,
or as a tombstone saying when and why it left."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListingChange(models.Model):
    """One change to one listing. ``txid`` is the PostgreSQL transaction that wrote it
    (0 elsewhere): the feed only serves entries of transactions that can no longer be
    overtaken by one still running, so a long import cannot slip behind a cursor."""

    id = models.BigAutoField(primary_key=True)
    # Not a foreign key: the entry outlives a deleted listing, as its tombstone.
    organisation_id = models.UUIDField(_("organisation"))
    txid = models.BigIntegerField(_("transaction"), default=0, editable=False)
    at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["txid", "id"]
        verbose_name = _("listing change")
        verbose_name_plural = _("listing changes")
        indexes = [
            models.Index(fields=["txid", "id"], name="change_order_idx"),
            models.Index(fields=["organisation_id", "txid", "id"], name="change_listing_idx"),
            models.Index(fields=["at"], name="change_at_idx"),
        ]

    def __str__(self):
        return f"{self.organisation_id} at {self.at:%Y-%m-%d %H:%M:%S}"
