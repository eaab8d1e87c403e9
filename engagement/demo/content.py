"""The engagement demo's content, read from the TOML files in ``data/``.

``groups.toml`` (stakeholder groups), ``outreach.toml``, ``events.toml`` (held,
cancelled and upcoming), ``feedback.toml``, ``insights.toml`` (with their actions and
"you said, we did"), ``people.toml`` (the fictional people who register) and
``monitoring.toml`` (how their anonymous answers are drawn). Each file says what its
fields mean.

The files are read once, when this module is imported (by ``seed_engagement``, never
by the running site). Choice values are checked against the models' choices, and the
names that link one record to another against the records, so a typo fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from common.demo_data import Problems, read, record

from ..models import Channel, Event, Feedback, Insight, StakeholderGroup
from ..models.outreach import ParticipationStep

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Group:
    slug: str
    kind: str
    names: dict[str, str]
    description: str
    reach: str


@dataclass(frozen=True)
class Outreach:
    key: str
    days_ago: int
    channel: str
    text: str
    languages: tuple[str, ...]
    groups: tuple[str, ...] = ()
    partners: str = ""  # "first-three" demo organisations, or "somali"
    reach: int = 0
    responses: int = 0
    step: str = ParticipationStep.INFORM
    follow_up_in: int | None = None
    event: str | None = None


@dataclass(frozen=True)
class EventSpec:
    """What every demo event has: a place, a kind, languages and the groups it is for."""

    slug: str
    borough: str
    venue: str
    kind: str
    languages: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PastEvent(EventSpec):
    days_ago: int
    title: str


@dataclass(frozen=True)
class FutureEvent(EventSpec):
    in_days: int
    hour: int
    capacity: int
    registered: int
    interpretation: str
    access: tuple[str, ...]
    titles: dict[str, str]
    descriptions: dict[str, str]


@dataclass(frozen=True)
class FeedbackItem:
    key: str
    text: str
    language: str
    source: str
    days_ago: int
    group: str
    event: str | None = None
    outreach: str | None = None
    contact: str = ""  # a fictional first name, when they agreed to be contacted


@dataclass(frozen=True)
class ActionItem:
    planned: str
    planned_in: int  # days from today
    outcome: str = ""
    done_in: int | None = None


@dataclass(frozen=True)
class InsightItem:
    key: str
    title: str
    status: str
    groups: tuple[str, ...]
    themes: tuple[str, ...]
    feedback: tuple[str, ...]
    detail: str
    due_in: int | None = None
    actions: tuple[ActionItem, ...] = ()
    summary: dict[str, str] | None = None
    response: dict[str, str] | None = None


# --- Stakeholder groups, outreach and events ---------------------------------------------
GROUPS = tuple(
    record(Group, table, kind=StakeholderGroup.Kind(table["kind"]))
    for table in read(DATA, "groups")["group"]
)
OUTREACH = tuple(
    record(
        Outreach,
        table,
        channel=Channel(table["channel"]),
        step=ParticipationStep(table.get("step", ParticipationStep.INFORM)),
    )
    for table in read(DATA, "outreach")["outreach"]
)

_events = read(DATA, "events")
HELD_DESCRIPTION: str = _events["held_description"]
CANCELLED_DESCRIPTION: str = _events["cancelled_description"]
VENUE_ADDRESS: str = _events["venue_address"]  # {borough}: the borough's name
# Held meetings, oldest first; the index orders the rising share born abroad.
PAST_EVENTS = tuple(
    record(PastEvent, table, kind=Event.Type(table["kind"])) for table in _events["held"]
)
CANCELLED_EVENT = record(
    PastEvent, _events["cancelled"], kind=Event.Type(_events["cancelled"]["kind"])
)
FUTURE_EVENTS = tuple(
    record(FutureEvent, table, kind=Event.Type(table["kind"])) for table in _events["upcoming"]
)

# --- Feedback and insights ---------------------------------------------------------------
FEEDBACK = tuple(
    record(FeedbackItem, table, source=Feedback.Source(table["source"]))
    for table in read(DATA, "feedback")["feedback"]
)
INSIGHTS = tuple(
    record(
        InsightItem,
        table,
        status=Insight.Status(table["status"]),
        actions=tuple(ActionItem(**action) for action in table.get("actions", ())),
    )
    for table in read(DATA, "insights")["insight"]
)
NOT_FOR_US = next(insight.title for insight in INSIGHTS if insight.key == "not-for-us")

# --- People and their monitoring answers -------------------------------------------------
_people = read(DATA, "people")
FIRST_NAMES: tuple[str, ...] = tuple(_people["first_names"])
LETTERS: str = _people["letters"]
ACCESS_NEED: str = _people["access_need"]
REGISTRATION_LANGUAGES: dict[str, int] = _people["registration_languages"]
INTERPRETERS: dict[str, str] = _people["interpreters"]
HEARD_VIA: dict[str, int] = _people["heard_via"]
HEARD_VIA_RISE: dict[str, int] = _people["heard_via_rise"]

_monitoring = read(DATA, "monitoring")
# The share of people born outside the UK at the first and the last meeting of the year.
BORN_ABROAD_SHARE: tuple[float, float] = tuple(_monitoring["born_abroad_share"])
BLANK_SHARE: float = _monitoring["blank_share"]
MUSLIM_LIKELY: frozenset[str] = frozenset(_monitoring["muslim_likely"])
PREFER_NOT_SHARE: dict[str, float] = _monitoring["prefer_not_share"]
AGE_WEIGHTS: dict[str, int] = _monitoring["age_band"]
BORN_ABROAD: dict[str, int] = _monitoring["country_of_birth"]
ETHNICITY_BY_BIRTH: dict[str, dict[str, int]] = _monitoring["ethnic_group"]
RELIGION: dict[str, int] = _monitoring["religion"]
QUALIFICATION: dict[str, int] = _monitoring["qualification"]
SEXUAL_ORIENTATION: dict[str, int] = _monitoring["sexual_orientation"]
ENGLISH_PROFICIENCY: dict[str, int] = _monitoring["english_proficiency"]
DISABILITY: dict[str, int] = _monitoring["disability"]


def _check() -> None:
    """The names that link records point at records (the database is checked when seeding)."""
    problems = Problems()
    expect = problems.expect
    groups = {group.slug for group in GROUPS}
    events = {event.slug for event in (*PAST_EVENTS, CANCELLED_EVENT, *FUTURE_EVENTS)}
    outreach = {item.key for item in OUTREACH}
    feedback = {item.key for item in FEEDBACK}
    for item in OUTREACH:
        expect(groups, item.groups, f"outreach.toml {item.key}")
        expect(events, [item.event] if item.event else [], f"outreach.toml {item.key}")
        expect({"", "first-three", "somali"}, [item.partners], f"outreach.toml {item.key}")
    for event in (*PAST_EVENTS, CANCELLED_EVENT, *FUTURE_EVENTS):
        expect(groups, event.groups, f"events.toml {event.slug}")
    for event in FUTURE_EVENTS:
        expect(Event.ACCESS_FIELDS, event.access, f"events.toml {event.slug} access")
    for item in FEEDBACK:
        expect(groups, [item.group], f"feedback.toml {item.key}")
        expect(events, [item.event] if item.event else [], f"feedback.toml {item.key}")
        expect(outreach, [item.outreach] if item.outreach else [], f"feedback.toml {item.key}")
    for insight in INSIGHTS:
        expect(groups, insight.groups, f"insights.toml {insight.key}")
        expect(feedback, insight.feedback, f"insights.toml {insight.key}")
    expect(Channel.values + [""], HEARD_VIA, "people.toml [heard_via]")
    expect(HEARD_VIA, HEARD_VIA_RISE, "people.toml [heard_via_rise]")
    expect(ETHNICITY_BY_BIRTH, ["uk", *BORN_ABROAD], "monitoring.toml [ethnic_group]")
    problems.check(DATA)


_check()
