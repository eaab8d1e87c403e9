"""Taking headway snapshots, and choosing the one the figures come from.

Every door that shows headway figures (the public page and its CSVs, the headway API,
the staff dashboard and its downloads, each event's summary) builds them from the
latest *published* snapshot, so they change only when a new one is published, on a
schedule (``HEADWAY_SNAPSHOT_SCHEDULE``: monthly by default, or weekly).

A new snapshot is published only if, since the last published one, either nobody or
at least SMALL_NUMBER_THRESHOLD people were added to each population (monitoring
forms, registrations): otherwise comparing the two would show what a handful of people
answered. It is then kept but held back, and the next scheduled snapshot tries again.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import (
    AttendanceStatus,
    Event,
    HeadwaySnapshot,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Registration,
)
from .models.keys import RECORD_KEY_RANGE
from .models.monitoring import DIMENSIONS

FACTS_VERSION = 1


def month_key(value) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def answer_cells() -> list[tuple[str, str]]:
    """Every (question, answer) of the monitoring form, "" meaning not answered."""
    cells = []
    for dimension, (_label, choices) in DIMENSIONS.items():
        cells += [(dimension, key) for key, _l in choices] + [(dimension, "")]
    return cells


def walk_in_key(event_key: int, event_id, count: int) -> int:
    """The cell key of an event's walk-ins: they have no records, so each walk-in's
    record key is drawn from the event's own random key and its place in the count."""
    total = 0
    for i in range(count):
        digest = hashlib.sha256(f"{event_key}:{event_id}:{i}".encode()).digest()
        total += digest[0]
    return total % RECORD_KEY_RANGE


def _event_facts() -> dict:
    events = {
        str(row["pk"]): {
            "month": month_key(timezone.localtime(row["starts_at"])),
            "starts_at": row["starts_at"].isoformat(),
            "walk_ins": [
                row["walk_in_count"],
                walk_in_key(row["walk_in_key"], row["pk"], row["walk_in_count"]),
            ],
            "registrations": [],
            "responses": [0, 0],
            "answers": {},
            "attendees": [],
        }
        for row in Event.objects.exclude(status=Event.Status.CANCELLED).values(
            "pk", "starts_at", "walk_in_count", "walk_in_key"
        )
    }
    in_scope = Q(event__in=Event.objects.exclude(status=Event.Status.CANCELLED).values("pk"))
    for row in (
        Registration.objects.filter(in_scope)
        .order_by()
        .values("event", "status", "heard_via")
        .annotate(n=Count("pk"), key=Sum("record_key"))
    ):
        events[str(row["event"])]["registrations"].append(
            [row["status"], row["heard_via"], row["n"], row["key"] % RECORD_KEY_RANGE]
        )
    cells = answer_cells()
    aggregates = {}
    for i, (dimension, key) in enumerate(cells):
        where = Q(**{dimension: key})
        aggregates[f"n{i}"] = Count("pk", filter=where)
        aggregates[f"k{i}"] = Sum("record_key", filter=where)
    for row in (
        MonitoringResponse.objects.filter(in_scope)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"), key=Sum("record_key"), **aggregates)
    ):
        facts = events[str(row["event"])]
        facts["responses"] = [row["n"], row["key"] % RECORD_KEY_RANGE]
        for i, (dimension, key) in enumerate(cells):
            if row[f"n{i}"]:
                facts["answers"].setdefault(dimension, {})[key] = [
                    row[f"n{i}"],
                    row[f"k{i}"] % RECORD_KEY_RANGE,
                ]
    # Attendees known by a participant number, and whether they had come to an event
    # before this one (first time ever, or back again).
    attended = (
        Registration.objects.filter(
            in_scope, status=AttendanceStatus.ATTENDED, participant__isnull=False
        )
        .order_by("event__starts_at", "event")
        .values_list("event", "event__starts_at", "participant", "participant__record_key")
    )
    first_seen: dict = {}
    for event_id, starts_at, participant, key in attended:
        returning = participant in first_seen and first_seen[participant] < starts_at
        first_seen.setdefault(participant, starts_at)
        attendees = events[str(event_id)]["attendees"]
        if all(a[0] != participant for a in attendees):
            attendees.append([participant, key, int(returning)])
    return events


def _outreach_facts() -> tuple[dict, dict]:
    activities = {
        str(row["pk"]): {
            "month": month_key(row["date"]),
            "channel": row["channel"],
            "reach": row["estimated_reach"] or 0,
            "key": row["record_key"],
            "languages": [],
        }
        for row in OutreachActivity.objects.values(
            "pk", "date", "channel", "estimated_reach", "record_key"
        )
    }
    languages = {}
    through = OutreachActivity.languages.through.objects.values_list(
        "outreachactivity", "language__code", "language__name", "language__name_local"
    )
    for activity, code, name, name_local in through:
        activities[str(activity)]["languages"].append(code)
        languages[code] = [name, name_local]
    return activities, languages


def _insight_facts() -> dict:
    closed = [Insight.Status.DONE, Insight.Status.CLOSED]
    facts = {}
    for row in Insight.objects.values(
        "pk", "created_at", "status", "response_published_at", "record_key"
    ):
        published = row["response_published_at"]
        days = None
        if published:
            days = max((published - row["created_at"]).total_seconds() / 86400, 0.0)
        facts[str(row["pk"])] = {
            "month": month_key(timezone.localtime(row["created_at"])),
            "open": row["status"] not in closed,
            "published": published is not None,
            "days": days,
            "key": row["record_key"],
        }
    return facts


def facts_collect() -> dict:
    """Everything the headway figures are built from, as counts with cell keys."""
    outreach, languages = _outreach_facts()
    return {
        "version": FACTS_VERSION,
        "events": _event_facts(),
        "outreach": outreach,
        "languages": languages,
        "insights": _insight_facts(),
    }


def _population_changes(old: dict, new: dict) -> dict[str, int]:
    """How many people were added to (or moved within) each population between two
    sets of facts: monitoring forms added, and registrations added or changed."""

    def responses(facts):
        return {e: f["responses"][0] for e, f in facts.get("events", {}).items()}

    def registrations(facts):
        cells: dict = defaultdict(int)
        for event, f in facts.get("events", {}).items():
            for status, heard_via, n, _key in f["registrations"]:
                cells[(event, status, heard_via)] += n
        return cells

    def distance(a: dict, b: dict) -> int:
        return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b))

    added_forms = sum(max(n - responses(old).get(e, 0), 0) for e, n in responses(new).items())
    old_regs, new_regs = registrations(old), registrations(new)
    # A registration that changed status leaves one cell and joins another: two moves.
    added = sum(new_regs.values()) - sum(old_regs.values())
    moved = (distance(old_regs, new_regs) - abs(added)) // 2 + abs(added)
    return {"forms": added_forms, "registrations": moved}


def latest_published() -> HeadwaySnapshot | None:
    return HeadwaySnapshot.objects.published().order_by("-taken_at", "-pk").first()


@transaction.atomic
def headway_snapshot_take(*, now=None) -> HeadwaySnapshot:
    """Take a snapshot of the facts; publish it unless it would expose a few people.

    Monitoring answers waiting to be written are written first (in a shuffled batch),
    so that the snapshot counts them.
    """
    from . import services

    batch_write = getattr(services, "monitoring_batch_write", None)
    if batch_write is not None:
        batch_write()
    facts = facts_collect()
    previous = latest_published()
    status, note = HeadwaySnapshot.Status.PUBLISHED, ""
    if previous is not None:
        limit = settings.SMALL_NUMBER_THRESHOLD
        changes = _population_changes(previous.facts, facts)
        if any(0 < n < limit for n in changes.values()):
            status = HeadwaySnapshot.Status.HELD
            # Counts of changes only, for staff; kept language-neutral.
            note = ", ".join(f"{name}: {n}" for name, n in changes.items())
    return HeadwaySnapshot.objects.create(
        taken_at=now or timezone.now(), status=status, note=note, facts=facts
    )


def demo_snapshot_take(*, stdout=None) -> dict:
    """``seed_demo`` step: publish a first snapshot of the demo data, so that the
    headway pages show figures straight away (once; later ones follow the schedule)."""
    if HeadwaySnapshot.objects.published().exists():
        return {"headway snapshots": 0}
    headway_snapshot_take()
    return {"headway snapshots": 1}
