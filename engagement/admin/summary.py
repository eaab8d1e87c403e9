"""The figures for one event, as staff see them after the meeting.

They are the headway figures narrowed to that one event, from the same snapshot and
the same publishing pass as every other door (public page, API, dashboard, downloads):
the same census groups, suppression and perturbation. A separate set of tables for an
event (finer age bands, say) could be subtracted from the headway ones to give away
the cells both hide, so there is none.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language_bidi

from ..headway import HeadwayFilters, headway_report, legend, present, sections, snapshots
from ..models import Event

SUMMARY_TABLES = ("registrations", "attendance", "registrations_by_channel", "response_rate")


def event_summary(event: Event) -> dict:
    """Context for the summary page: the event's headway tables and where they come from."""
    snapshot = snapshots.latest_published()
    tables, left_out = headway_report(HeadwayFilters(event=event), staff=True, snapshot=snapshot)
    wanted = [t for t in tables if t.name in SUMMARY_TABLES or t.name.startswith("monitoring_")]
    presented = [present(table, rtl=get_language_bidi()) for table in wanted]
    return {
        "sections": sections(presented),
        "as_of": snapshot.taken_at if snapshot else None,
        "in_snapshot": bool(snapshot and str(event.pk) in snapshot.facts.get("events", {})),
        "left_out": left_out,
        "csv_base": reverse("admin:engagement_headway"),
        "query_prefix": f"event={event.slug}&",
        **legend(),
    }
