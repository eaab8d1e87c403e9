"""Writing the engagement demo: stakeholder groups, events, outreach, feedback and
insights, created or updated in place (the people who take part are in ``people.py``).

Stakeholder groups and events are keyed on their slug, outreach and feedback on their
text, insights on their title, actions on their insight and text, registrations on
their event and fictional name; monitoring responses are created only for events that
have none yet. Dates are relative to today, so running it again on a later day moves
them along rather than adding rows.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from directory.models import Borough, Language, Organisation

from .. import services
from ..models import (
    Action,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Registration,
    StakeholderGroup,
    Theme,
)
from .content import (
    CANCELLED_DESCRIPTION,
    CANCELLED_EVENT,
    FEEDBACK,
    FUTURE_EVENTS,
    GROUPS,
    HELD_DESCRIPTION,
    INSIGHTS,
    OUTREACH,
    PAST_EVENTS,
    VENUE_ADDRESS,
)
from .people import (
    EMAIL_DOMAIN,
    FICTIONAL,
    SEED,
    fictional_people,
    seed_monitoring,
    seed_registrations,
)

DEMO_NOTE = "Fictional demo data."
DEMO_OWNER_USERNAME = "kemi-demo"
NON_UK = "non-uk-born-londoners"


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _demo_owner():
    """Kemi, the fictional engagement officer who owns the demo outreach and insights.

    A staff account with no usable password: it cannot sign in, it only owns demo records.
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_OWNER_USERNAME,
        defaults={
            "email": f"kemi@{EMAIL_DOMAIN}",
            "first_name": f"Kemi {FICTIONAL}",
            "is_staff": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _seed_groups(partners) -> dict[str, StakeholderGroup]:
    groups = {}
    for spec in GROUPS:
        group, _created = StakeholderGroup.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "kind": spec.kind,
                **{f"name_{code}": name for code, name in spec.names.items()},
                "description_en": spec.description,
                "reach_notes": spec.reach,
            },
        )
        groups[group.slug] = group
    if partners:
        groups["polish-speakers"].partner_organisations.set(partners[:1])
        groups[NON_UK].partner_organisations.set(partners)
    return groups


def _pick_all(records: dict, keys) -> list:
    return [records[key] for key in keys if key in records]


def _seed_events(today, languages, groups, boroughs) -> tuple[list[Event], list[Event]]:
    """Held meetings (oldest first), and the others: one cancelled, three coming up."""
    write = partial(_write_event, languages=languages, groups=groups, boroughs=boroughs)
    past = []
    for spec in (*PAST_EVENTS, CANCELLED_EVENT):
        held = spec is not CANCELLED_EVENT
        hour = 11 if spec.kind in (Event.Type.DROP_IN, Event.Type.FOCUS_GROUP) else 18
        event = write(
            spec,
            _at(today - timedelta(days=spec.days_ago), hour, 30),
            title_en=spec.title,
            description_en=HELD_DESCRIPTION if held else CANCELLED_DESCRIPTION,
            step_free_access=True,
            hearing_loop=spec.days_ago < 220,
            is_published=held,
            status=Event.Status.HELD if held else Event.Status.CANCELLED,
            closing_notes=DEMO_NOTE,
        )
        past.append(event)
    cancelled = past.pop()

    future = []
    for spec in FUTURE_EVENTS:
        event = write(
            spec,
            _at(today + timedelta(days=spec.in_days), spec.hour),
            **{f"title_{code}": text for code, text in spec.titles.items()},
            **{f"description_{code}": text for code, text in spec.descriptions.items()},
            interpretation=spec.interpretation,
            **{name: name in spec.access for name in Event.ACCESS_FIELDS},
            capacity=spec.capacity,
            is_published=True,
            status=Event.Status.PLANNED,
            walk_in_count=0,
        )
        future.append(event)
    return past, [cancelled, *future]


def _write_event(spec, starts_at, *, languages, groups, boroughs, **values) -> Event:
    """Create or update one two-hour event: its place from ``spec``, the rest ``values``."""
    borough = boroughs[spec.borough]
    event, _created = Event.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "event_type": spec.kind,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "venue_name": spec.venue,
            "venue_address": VENUE_ADDRESS.format(borough=borough.name),
            "borough": borough,
            **values,
        },
    )
    event.languages.set(_pick_all(languages, spec.languages))
    event.target_groups.set(_pick_all(groups, spec.groups))
    return event


def _seed_outreach(today, languages, groups, partners, somali, events, staff) -> dict:
    activities = {}
    for spec in OUTREACH:
        day = today - timedelta(days=spec.days_ago)
        activity, _created = OutreachActivity.objects.update_or_create(
            description=f"{spec.text} ({DEMO_NOTE})",
            defaults={
                "date": day,
                "channel": spec.channel,
                "estimated_reach": spec.reach,
                "responses": spec.responses,
                "participation_step": spec.step,
                "follow_up_needed": spec.follow_up_in is not None,
                "follow_up_date": (
                    day + timedelta(days=spec.follow_up_in) if spec.follow_up_in else None
                ),
                "event": events.get(spec.event),
                "staff": staff,
            },
        )
        activity.languages.set(_pick_all(languages, spec.languages))
        activity.target_groups.set(_pick_all(groups, spec.groups))
        chosen = {"first-three": partners, "somali": [somali] if somali else []}
        activity.partner_organisations.set(chosen.get(spec.partners, []))
        activities[spec.key] = activity
    return activities


def _seed_feedback(now, events, outreach, groups, staff) -> dict[str, Feedback]:
    items = {}
    for spec in FEEDBACK:
        feedback, _created = Feedback.objects.update_or_create(
            text=spec.text,
            defaults={
                "language": spec.language,
                "source": spec.source,
                "event": events.get(spec.event),
                "outreach_activity": outreach.get(spec.outreach),
                "stakeholder_group": groups.get(spec.group),
                "contact_name": f"{spec.contact} {FICTIONAL}" if spec.contact else "",
                "contact_email": f"{slugify(spec.contact)}@{EMAIL_DOMAIN}" if spec.contact else "",
                "contact_consent": bool(spec.contact),
                "logged_by": None if spec.source == Feedback.Source.ONLINE else staff,
            },
        )
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=now - timedelta(days=spec.days_ago, hours=2)
        )
        items[spec.key] = feedback
    return items


def _seed_insights(today, groups, feedback, staff) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in INSIGHTS:
        public = {
            **{f"public_summary_{code}": text for code, text in (spec.summary or {}).items()},
            **{f"public_response_{code}": text for code, text in (spec.response or {}).items()},
        }
        insight, _created = Insight.objects.update_or_create(
            title=spec.title,
            defaults={
                "detail": f"{spec.detail} ({DEMO_NOTE})".strip(),
                "status": spec.status,
                "owner": staff,
                "due_date": today + timedelta(days=spec.due_in)
                if spec.due_in is not None
                else None,
                **public,
            },
        )
        insight.feedback.set(_pick_all(feedback, spec.feedback))
        insight.stakeholder_groups.set(_pick_all(groups, spec.groups))
        insight.themes.set(_pick_all(themes, spec.themes))
        for action in spec.actions:
            Action.objects.update_or_create(
                insight=insight,
                planned=action.planned,
                defaults={
                    "planned_for": today + timedelta(days=action.planned_in),
                    "outcome": action.outcome,
                    "done_on": (
                        today + timedelta(days=action.done_in)
                        if action.done_in is not None
                        else None
                    ),
                },
            )
        if spec.response and insight.response_published_at is None:
            services.insight_publish_response(insight=insight)


def seed_engagement(*, stdout=None) -> dict:
    """Create or update the fictional engagement demo data; return counts of what exists.

    Deterministic and idempotent: run it as often as you like. Partner organisations
    come from the directory's demo organisations, when they have been seeded first.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    languages = Language.objects.in_bulk(field_name="code")
    boroughs = Borough.objects.in_bulk(field_name="slug")
    demo_orgs = Organisation.objects.filter(is_demo=True).order_by("slug")
    partners = list(demo_orgs[:3])
    somali = demo_orgs.filter(slug__contains="somali").first()
    people = fictional_people(random.Random(SEED), 160)

    with translation.override("en"), transaction.atomic():
        staff = _demo_owner()
        groups = _seed_groups(partners)
        past, others = _seed_events(today, languages, groups, boroughs)
        events = {event.slug: event for event in [*past, *others]}
        seed_registrations(past, others, people)
        seed_monitoring(past)
        outreach = _seed_outreach(today, languages, groups, partners, somali, events, staff)
        feedback = _seed_feedback(now, events, outreach, groups, staff)
        _seed_insights(today, groups, feedback, staff)

    if stdout is not None and not partners:
        stdout.write("No demo organisations yet: outreach is logged without partner groups.")
    return {
        "stakeholder groups": StakeholderGroup.objects.count(),
        "outreach activities": OutreachActivity.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "monitoring responses": MonitoringResponse.objects.count(),
        "feedback": Feedback.objects.count(),
        "insights": Insight.objects.count(),
    }
