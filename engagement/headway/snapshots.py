"""Taking headway snapshots, and choosing the one the figures come from.

Every door that shows headway figures (the public page and its CSVs, the headway API,
the staff dashboard and its downloads, each event's summary) builds them from the
latest snapshot, so they change only when a new one is taken, on a schedule
(``HEADWAY_SNAPSHOT_SCHEDULE``: monthly by default, or weekly).

Between two snapshots, an event's figures move only if at least SMALL_NUMBER_THRESHOLD
people changed (registrations, walk-ins, monitoring forms): otherwise comparing the two
would show what a handful of people answered, and the event keeps its last figures
until enough has changed (``keep_small_changes``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter, defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from ..models import (
    AttendanceStatus,
    Event,
    HeadwaySnapshot,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Registration,
)
from ..models.keys import RECORD_KEY_RANGE
from ..models.monitoring import DIMENSIONS

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


def fingerprint(*parts) -> str:
    """A short keyed hash of a record and its state: equal only for the same record in
    the same state, and no way back to the record."""
    text = ":".join(str(part) for part in parts)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:12]


def _registration_facts(events: dict, in_scope: Q) -> None:
    """Each event's registrations by status and channel (counts with cell keys), the
    fingerprint of each registration's state, and its attendees known by a participant
    number, with whether they had come to an earlier event: in one read, in the order
    the events were held."""
    cells: dict = defaultdict(lambda: [0, 0])
    first_seen: dict = {}
    seen_at: dict = defaultdict(set)
    rows = (
        Registration.objects.filter(in_scope)
        .order_by("event__starts_at", "event")
        .values_list(
            "event",
            "event__starts_at",
            "pk",
            "status",
            "heard_via",
            "record_key",
            "participant",
            "participant__record_key",
        )
    )
    for event_id, starts_at, pk, status, heard_via, key, participant, participant_key in rows:
        facts = events[str(event_id)]
        cell = cells[(str(event_id), status, heard_via)]
        cell[0] += 1
        cell[1] += key
        facts["registration_prints"].append(fingerprint(pk, status, heard_via, participant))
        if status != AttendanceStatus.ATTENDED or participant is None:
            continue
        returning = participant in first_seen and first_seen[participant] < starts_at
        first_seen.setdefault(participant, starts_at)
        if participant not in seen_at[event_id]:
            seen_at[event_id].add(participant)
            facts["attendees"].append([participant, participant_key, int(returning)])
    for (event_id, status, heard_via), (n, key) in cells.items():
        events[event_id]["registrations"].append([status, heard_via, n, key % RECORD_KEY_RANGE])


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
            # Fingerprints of each registration's state and of each form, to tell how
            # many records changed since the last snapshot (not only how many there are).
            "registration_prints": [],
            "form_prints": [],
        }
        for row in Event.objects.exclude(status=Event.Status.CANCELLED).values(
            "pk", "starts_at", "walk_in_count", "walk_in_key"
        )
    }
    # What the staff filters select events by, as it was when the snapshot was taken.
    for pk, borough in Event.objects.filter(borough__isnull=False).values_list(
        "pk", "borough__slug"
    ):
        if str(pk) in events:
            events[str(pk)]["borough"] = borough
    for pk, group in Event.target_groups.through.objects.values_list(
        "event", "stakeholdergroup__slug"
    ):
        if str(pk) in events:
            events[str(pk)].setdefault("groups", []).append(group)
    for pk, channel in (
        OutreachActivity.objects.filter(event__isnull=False)
        .values_list("event", "channel")
        .distinct()
    ):
        if str(pk) in events:
            events[str(pk)].setdefault("channels", []).append(channel)
    in_scope = Q(event__in=Event.objects.exclude(status=Event.Status.CANCELLED).values("pk"))
    _registration_facts(events, in_scope)
    for event_id, pk in (
        MonitoringResponse.objects.filter(in_scope).order_by().values_list("event", "pk")
    ):
        events[str(event_id)]["form_prints"].append(fingerprint(pk))
    for facts in events.values():
        facts["registration_prints"].sort()
        facts["form_prints"].sort()
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


EMPTY_EVENT = {
    "registrations": [],
    "walk_ins": [0, 0],
    "attendees": [],
    "registration_prints": [],
    "responses": [0, 0],
    "answers": {},
    "form_prints": [],
}
PEOPLE_FACTS = ("registrations", "walk_ins", "attendees", "registration_prints")
FORM_FACTS = ("responses", "answers", "form_prints")


def _records_changed(before: list, after: list) -> int:
    """How many records were added, removed or changed between two lists of
    fingerprints: a swap (one removed, one added) or a changed state counts as one."""
    old, new = Counter(before), Counter(after)
    return max(sum((old - new).values()), sum((new - old).values()))


def people_changed(old: dict, new: dict) -> int:
    """How many people an event's registrations and walk-ins changed by: a registration
    added, removed, swapped for another, or changed (status, channel, participant)."""
    registrations = _records_changed(old["registration_prints"], new["registration_prints"])
    return registrations + abs(new["walk_ins"][0] - old["walk_ins"][0])


def forms_changed(old: dict, new: dict) -> int:
    """How many monitoring forms an event gained, lost or had swapped for others."""
    return _records_changed(old["form_prints"], new["form_prints"])


def keep_small_changes(previous: dict, facts: dict) -> int:
    """Keep, for each event, its last published people and forms facts wherever they
    changed by fewer than SMALL_NUMBER_THRESHOLD since: comparing two snapshots then
    never shows what one person answered, or that one more person came. The changes
    are counted once enough of them have built up. Returns how many events were kept."""
    limit = settings.SMALL_NUMBER_THRESHOLD
    kept = 0
    for pk, new in facts["events"].items():
        old = {**EMPTY_EVENT, **previous.get("events", {}).get(pk, {})}
        held = False
        if 0 < people_changed(old, new) < limit:
            new.update({name: old[name] for name in PEOPLE_FACTS})
            held = True
        if 0 < forms_changed(old, new) < limit:
            new.update({name: old[name] for name in FORM_FACTS})
            held = True
        kept += held
    return kept


_latest: dict = {}


def latest_published() -> HeadwaySnapshot | None:
    """The snapshot every door publishes its figures from.

    Its facts can be large and never change, so each process keeps the latest one and
    reads only its id and time to see whether a newer one has been taken.
    """
    newest = HeadwaySnapshot.objects.order_by("-taken_at", "-pk").values("pk", "taken_at").first()
    if newest is None:
        return None
    key = (newest["pk"], newest["taken_at"])
    if _latest.get("key") != key:
        _latest.update(key=key, snapshot=HeadwaySnapshot.objects.get(pk=newest["pk"]))
    return _latest["snapshot"]


@transaction.atomic
def headway_snapshot_take(*, now=None) -> HeadwaySnapshot:
    """Take a snapshot of the facts the figures are published from.

    Monitoring answers waiting to be written are written first (in a shuffled batch),
    so that the snapshot counts them. An event that changed by only a few people since
    the last snapshot keeps its last figures (``keep_small_changes``).
    """
    from .. import services

    services.monitoring_batch_write()
    facts = facts_collect()
    previous = latest_published()
    kept = keep_small_changes(previous.facts, facts) if previous else 0
    return HeadwaySnapshot.objects.create(
        taken_at=now or timezone.now(), events_kept=kept, facts=facts
    )


def demo_snapshot_take(*, stdout=None) -> dict:
    """``seed_demo`` step: publish a first snapshot of the demo data, so that the
    headway pages show figures straight away (once; later ones follow the schedule)."""
    if HeadwaySnapshot.objects.exists():
        return {"headway snapshots": 0}
    headway_snapshot_take()
    return {"headway snapshots": 1}
