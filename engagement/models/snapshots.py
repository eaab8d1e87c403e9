"""Headway snapshots: the figures are published from these, never from live data.

A snapshot holds the *facts* the figures are built from, as they were when it was
taken: per event, its registrations by status and channel, its walk-ins, its
monitoring answers by question and answer, and its attendees' pseudonymous participant
numbers; per outreach activity and per insight, what the figures count. Every count
comes with its cell key (``engagement.perturbation``). No name, contact detail or
monitoring record is copied: only counts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HeadwaySnapshotQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=HeadwaySnapshot.Status.PUBLISHED)


class HeadwaySnapshot(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Held back")

    taken_at = models.DateTimeField(_("taken"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    facts = models.JSONField(editable=False)

    objects = HeadwaySnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-pk"]
        get_latest_by = ["taken_at", "pk"]
        verbose_name = _("headway snapshot")
        verbose_name_plural = _("headway snapshots")

    def __str__(self):
        return f"{self.taken_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"
