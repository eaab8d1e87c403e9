"""The people in the engagement demo: who registers for each event, and the anonymous
monitoring answers of those who came.

Each event draws from its own ``random.Random`` (seeded with the event's slug), so one
event's registrations do not change when another's do. Everyone is FICTIONAL: every
name ends in "(fictional)", every address is on a reserved ``.example`` domain and
phone numbers are Ofcom drama numbers (020 7946 0xxx).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from .. import services
from ..models import AttendanceStatus, Event, MonitoringResponse, Participant, Registration
from ..models.monitoring import month_start
from .content import (
    ACCESS_NEED,
    AGE_WEIGHTS,
    BLANK_SHARE,
    BORN_ABROAD,
    BORN_ABROAD_SHARE,
    DISABILITY,
    ENGLISH_PROFICIENCY,
    ETHNICITY_BY_BIRTH,
    FIRST_NAMES,
    FUTURE_EVENTS,
    HEARD_VIA,
    HEARD_VIA_RISE,
    INTERPRETERS,
    LETTERS,
    MUSLIM_LIKELY,
    PREFER_NOT_SHARE,
    QUALIFICATION,
    REGISTRATION_LANGUAGES,
    RELIGION,
    SEXUAL_ORIENTATION,
)

SEED = 20_250_612
FICTIONAL = "(fictional)"
EMAIL_DOMAIN = "people.example"
PREFER_NOT = "prefer_not_to_say"


def fictional_people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """A pool of fictional people: (name, email, phone), some of whom come again."""
    people, seen = [], set()
    while len(people) < count:
        first, letter = rng.choice(FIRST_NAMES), rng.choice(LETTERS)
        if (first, letter) in seen:
            continue
        seen.add((first, letter))
        n = len(people)
        people.append(
            (
                f"{first} {letter}. {FICTIONAL}",
                f"{slugify(first)}.{letter.lower()}{n}@{EMAIL_DOMAIN}",
                f"020 7946 0{n:03d}",
            )
        )
    return people


def _heard_via(rng: random.Random, progress: float) -> str:
    # Later in the year more people hear through translated notices and radio.
    weights = {
        channel: weight + HEARD_VIA_RISE[channel] * progress
        if channel in HEARD_VIA_RISE
        else weight
        for channel, weight in HEARD_VIA.items()
    }
    return _pick(rng, weights)


def _register(event, plan, people, rng, progress, participants) -> None:
    """Create or update an event's registrations, one per status in ``plan``."""
    chosen = rng.sample(people, len(plan))
    created = []
    for (name, email, phone), status in zip(chosen, plan, strict=True):
        key = services.participant_key(email=email)
        if key not in participants:
            participants[key] = Participant.objects.get_or_create(key=key)[0]
        language = _pick(rng, REGISTRATION_LANGUAGES)
        needs, gives_phone, days_before = rng.random(), rng.random(), rng.randint(2, 20)
        interpreter = INTERPRETERS.get(language, "")
        registration, is_new = Registration.objects.update_or_create(
            event=event,
            name=name,
            defaults={
                "participant": participants[key],
                "email": email,
                "phone": phone if gives_phone < 0.4 else "",
                "access_needs": ACCESS_NEED if needs < 0.08 else "",
                "interpretation_needs": interpreter if needs > 0.9 else "",
                "heard_via": _heard_via(rng, progress),
                "language": language,
                "consent": True,
                "status": status,
            },
        )
        if is_new:
            created.append((registration.pk, days_before))
    for pk, days_before in created:
        Registration.objects.filter(pk=pk).update(
            created_at=event.starts_at - timedelta(days=days_before)
        )


def seed_registrations(past, others, people) -> None:
    """Registrations for every event: attended, no-shows and cancelled for the held ones,
    registered for the upcoming ones, cancelled for the cancelled one."""
    participants: dict[str, Participant] = {}
    A = AttendanceStatus
    for index, event in enumerate(past):
        rng = random.Random(f"{SEED}:registrations:{event.slug}")
        progress = index / max(len(past) - 1, 1)
        plan = (
            [A.ATTENDED] * rng.randint(10, 32)
            + [A.NO_SHOW] * rng.randint(2, 7)
            + [A.CANCELLED] * rng.randint(0, 4)
        )
        event.walk_in_count = rng.randint(0, 8)
        _register(event, plan, people, rng, progress, participants)
        Event.objects.filter(pk=event.pk).update(walk_in_count=event.walk_in_count)
    upcoming = {spec.slug: spec for spec in FUTURE_EVENTS}
    for event in others:
        rng = random.Random(f"{SEED}:registrations:{event.slug}")
        if event.slug in upcoming:
            plan = [A.REGISTERED] * upcoming[event.slug].registered + [A.CANCELLED] * 2
        else:  # the cancelled meeting
            plan = [A.CANCELLED] * 6
        _register(event, plan, people, rng, 1.0, participants)


def seed_monitoring(past) -> None:
    """Anonymous answers for held meetings: the share born abroad rises over the year.

    The people who came count as already sent the link to the questions, so the daily
    invitations never email the demo's fictional people.
    """
    first, last = BORN_ABROAD_SHARE
    for index, event in enumerate(past):
        month = month_start(timezone.localdate(event.starts_at))
        event.registrations.filter(
            status=AttendanceStatus.ATTENDED, monitoring_invited=False
        ).update(monitoring_invited=True)
        responses = event.monitoring_responses.all()
        if responses.exists():
            responses.exclude(month=month).update(month=month)
            continue
        rng = random.Random(f"{SEED}:monitoring:{event.slug}")
        progress = index / max(len(past) - 1, 1)
        attended = event.registrations.filter(status=AttendanceStatus.ATTENDED).count()
        paper = MonitoringResponse.Source.PAPER
        online = MonitoringResponse.Source.ONLINE
        MonitoringResponse.objects.bulk_create(
            MonitoringResponse(
                event=event,
                source=paper if rng.random() < 0.6 else online,
                month=month,
                **_monitoring_answers(rng, first + (last - first) * progress),
            )
            for _i in range(round(0.75 * (attended + event.walk_in_count)))
        )


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _monitoring_answers(rng: random.Random, born_abroad_share: float) -> dict:
    """One fictional person's answers, drawn so the mix looks like a London meeting."""
    age = _pick(rng, AGE_WEIGHTS)
    born = _pick(rng, BORN_ABROAD) if rng.random() < born_abroad_share else "uk"
    other_language = rng.random() < (0.65 if born != "uk" else 0.05)
    ethnic = _pick(rng, ETHNICITY_BY_BIRTH[born])
    religion = "muslim" if ethnic in MUSLIM_LIKELY and rng.random() < 0.85 else _pick(rng, RELIGION)
    answers = {
        "age_band": age,
        "sex": "female" if rng.random() < 0.56 else "male",
        "gender_identity": "same" if rng.random() < 0.97 else "different",
        "country_of_birth": born,
        "main_language": "other" if other_language else "english",
        "english_proficiency": (_pick(rng, ENGLISH_PROFICIENCY) if other_language else ""),
        "ethnic_group": ethnic,
        "qualification": _pick(rng, QUALIFICATION),
        "disability": _pick(rng, DISABILITY),
        "religion": religion,
        "sexual_orientation": _pick(rng, SEXUAL_ORIENTATION),
    }
    for field, value in answers.items():
        roll = rng.random()
        if not value:  # a question that did not apply stays unanswered
            continue
        if roll < BLANK_SHARE:
            answers[field] = ""
        elif roll < BLANK_SHARE + PREFER_NOT_SHARE.get(field, 0.04):
            answers[field] = PREFER_NOT
    if answers["age_band"] == "under_16":
        answers["gender_identity"] = answers["sexual_orientation"] = ""
    return answers
