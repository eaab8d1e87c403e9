"""Headway snapshots: the figures are published from these, never from live data.

A snapshot holds the *facts* the figures are built from, as they were when it was
taken: per event, its registrations by status and channel, its walk-ins, its
monitoring answers by question and answer, and its attendees' pseudonymous participant
numbers; per outreach activity and per insight, what the figures count. Every count
comes with its cell key (``engagement.headway.perturbation``). No name, contact detail or
monitoring record is copied: only counts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HeadwaySnapshot(models.Model):
    taken_at = models.DateTimeField(_("taken"))
    events_kept = models.PositiveIntegerField(
        _("events kept as before"),
        default=0,
        help_text=_(
            "Events whose registrations or monitoring forms changed by only a few people "
            "since the last snapshot: their figures stay as they were until more change."
        ),
    )
    facts = models.JSONField(editable=False)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        get_latest_by = ["taken_at", "pk"]
        verbose_name = _("headway snapshot")
        verbose_name_plural = _("headway snapshots")

    def __str__(self):
        return f"{self.taken_at:%Y-%m-%d %H:%M}"
