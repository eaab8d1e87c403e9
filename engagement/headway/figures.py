"""Headway: are we reaching London as it is, and are we answering what we hear?

Pure reads. ``headway_figures`` builds every ``Table`` from one stored snapshot
(``snapshots``), never from live data; the public page, the API, the staff dashboard,
each event's summary and every CSV download are rendered from those same objects, so
they can never disagree. The database is read only to choose what the filters select
(a fixed number of queries whatever the amount of data).

Every count is a ``Cell`` (a true count and its cell key). Publishing a table
(``suppression.publish_table``) decides what to hide on the true counts, then perturbs
every shown count and the total by its own cell key (``perturbation``). Then:

- each count table is a one-way table over one partition of one population, published
  with its total (``suppress_table``: at least two hidden cells, adding up to the
  threshold or more). Two tables over the same population (registrations by status, by
  channel; responses by age, by ethnic group, ...) share only their total, which both
  show or both hide, and which is the same perturbed number in both.
- the one cell two tables share (registered people who came: in the registrations and
  in the attendance table) is hidden in both if it is hidden in either.
- a figure derived from several cells (the base of a share: everyone who answered) is
  shown only when it could be worked out from the shown cells anyway.
- each dimension of the monitoring form is published in one breakdown only (the
  baseline's categories where there is a baseline), never in two that could be
  subtracted from each other, and the event summary uses the same ones.
- whole events are the unit: an event with 1 to THRESHOLD-1 registrations is left out
  of the registration figures, one with 1 to THRESHOLD-1 forms out of the monitoring
  figures, so no two selections differ by a handful of people.
- the people who came back are shown with their total only when no cell is hidden
  (attendances minus people would give the hidden cells away), and the published
  insights, public anyway, are taken as known (the totals that would give away the few
  waiting are hidden).
- month-by-month shares are a two-way table (month x answer): rows are shown or hidden
  whole, with no row total, and ``suppress_rows`` protects each column as a one-way
  table.
- the public figures take no filters; staff choose a whole period and at most one other filter,
  and every staff table is published in the same way, so that any download can go into
  a funder's report.
"""

from __future__ import annotations

import calendar
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.models import Borough
from directory.vocabularies import language_display_name

from ..models import (
    AttendanceStatus,
    Channel,
    Event,
    Insight,
    OutreachActivity,
    StakeholderGroup,
)
from ..models.baseline import (
    LONDON_AREA_CODE,
    TREND_SHARES,
    Scheme,
    baseline_shares,
    choose_published_scheme,
    load_baseline,
)
from ..models.monitoring import DIMENSIONS, PREFER_NOT
from . import suppression
from .perturbation import ZERO, Cell, cell_sum, perturb

# A group whose representation ratio is below this is flagged as under-represented.
UNDER_REPRESENTED = 0.8

PREFER_NOT_KEY, PREFER_NOT_LABEL = PREFER_NOT
NOT_ANSWERED_KEY = "not_answered"
NOT_ANSWERED_LABEL = _("Not answered")


# --- Table structure ------------------------------------------------------------------


@dataclass
class Column:
    key: str
    label: str
    kind: str = "count"  # count, percent, ratio or days


@dataclass
class Row:
    key: str
    label: str
    # column key -> number, or None when hidden; a column left out is "not available".
    values: dict = field(default_factory=dict)
    flag: str = ""  # "under" for an under-represented group


@dataclass
class Chart:
    kind: str  # "bar" or "line"
    series: list[str]  # column keys drawn as bars or lines
    markers: list[str] = field(default_factory=list)  # column keys drawn as marks (baseline)
    reference: float | None = None  # a reference line (1.0 = parity)


@dataclass
class Table:
    name: str
    section: str
    title: str
    explanation: str
    row_heading: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    base: str = ""  # who the figures are of (the denominator)
    source: str = ""
    comparison: dict | None = None  # the baseline: area, dimension, sources, bases
    chart: Chart | None = None
    notes: bool = False  # a "Note" column marks under-represented groups

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)


def count_table(
    counts: dict,
    labels: dict,
    *,
    count_label: str,
    percent_label: str,
    suppressed: tuple[dict, int | None] | None = None,
    **table,
) -> Table:
    """A one-way table of ``Cell``s with their total, published (suppressed and
    perturbed) unless ``suppressed`` is given, with each count's share of the total."""
    shown, total = suppressed or suppression.publish_table(counts)
    return Table(
        columns=[Column("count", count_label), Column("percent", percent_label, "percent")],
        rows=[
            Row(
                key or "not_said",
                labels[key],
                {"count": shown[key], "percent": suppression.percentage(shown[key], total)},
            )
            for key in counts
        ],
        total=Row("total", _("Total"), {"count": total, "percent": 100.0 if total else None}),
        **table,
    )


SECTIONS = (
    ("reach", _("Reach")),
    ("funnel", _("From outreach to attendance")),
    ("participants", _("Who comes back")),
    ("representation", _("Who takes part, compared with London")),
    ("listening", _("Listening and answering")),
    ("trends", _("Month by month")),
)


# --- Filters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadwayFilters:
    """What the staff dashboard narrows the figures to. The public figures use none.

    Dates are widened to whole months (the figures know nothing finer), so that two
    date windows never differ by a day's events.
    """

    date_from: date | None = None
    date_to: date | None = None
    event: Event | None = None
    stakeholder_group: StakeholderGroup | None = None
    borough: Borough | None = None
    channel: str = ""

    def __post_init__(self):
        if self.date_from:
            object.__setattr__(self, "date_from", self.date_from.replace(day=1))
        if self.date_to:
            last = calendar.monthrange(self.date_to.year, self.date_to.month)[1]
            object.__setattr__(self, "date_to", self.date_to.replace(day=last))

    def narrows(self) -> bool:
        """Whether any filter is set (every filter narrows every kind of fact)."""
        return bool(
            self.date_from
            or self.date_to
            or self.event
            or self.stakeholder_group
            or self.borough
            or self.channel
        )

    def outreach(self):
        outreach = OutreachActivity.objects.all()
        if self.date_from:
            outreach = outreach.filter(date__gte=self.date_from)
        if self.date_to:
            outreach = outreach.filter(date__lte=self.date_to)
        if self.event:
            outreach = outreach.filter(event=self.event)
        if self.stakeholder_group:
            outreach = outreach.filter(
                pk__in=OutreachActivity.objects.filter(target_groups=self.stakeholder_group).values(
                    "pk"
                )
            )
        if self.borough:
            with_partners = OutreachActivity.objects.filter(
                partner_organisations__borough=self.borough
            ).values("pk")
            outreach = outreach.filter(Q(event__borough=self.borough) | Q(pk__in=with_partners))
        if self.channel:
            outreach = outreach.filter(channel=self.channel)
        return outreach

    def insights(self):
        insights = Insight.objects.all()
        if self.date_from:
            insights = insights.filter(created_at__date__gte=self.date_from)
        if self.date_to:
            insights = insights.filter(created_at__date__lte=self.date_to)
        if self.event:
            insights = insights.filter(
                pk__in=Insight.objects.filter(feedback__event=self.event).values("pk")
            )
        if self.stakeholder_group:
            group = self.stakeholder_group
            insights = insights.filter(
                pk__in=Insight.objects.filter(
                    Q(stakeholder_groups=group) | Q(feedback__stakeholder_group=group)
                ).values("pk")
            )
        if self.borough:
            insights = insights.filter(
                pk__in=Insight.objects.filter(feedback__event__borough=self.borough).values("pk")
            )
        if self.channel:
            insights = insights.filter(
                pk__in=Insight.objects.filter(
                    feedback__outreach_activity__channel=self.channel
                ).values("pk")
            )
        return insights

    @property
    def area_code(self) -> str:
        """The baseline area: the borough's when filtered by one, else London."""
        return self.borough.gss_code if self.borough else LONDON_AREA_CODE


# --- Small helpers ---------------------------------------------------------------------


def month_key(value) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("2025-01"), so that a trend has no gaps."""
    year, month = (int(part) for part in first.split("-"))
    months = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        months.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(key: str) -> str:
    year, month = (int(part) for part in key.split("-"))
    return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


def derived_sum(shown: dict, total: int | None, keys) -> int | None:
    """The sum of some cells of a suppressed one-way table, or None unless it could be
    worked out from what is shown anyway (all its cells shown, or all the others)."""
    keys = set(keys)
    inside = [shown[k] for k in shown if k in keys]
    outside = [shown[k] for k in shown if k not in keys]
    if all(v is not None for v in inside):
        return sum(inside)
    if total is not None and all(v is not None for v in outside):
        return total - sum(outside)
    return None


def ratio(share: float | None, baseline: float | None) -> float | None:
    """Representation: a share over the population's share (1.0 = in proportion), from
    the unrounded share, to two decimals."""
    if share is None or not baseline:
        return None
    return round(share / baseline, 2)


def _count_column_tables(rows: dict[str, dict], columns) -> dict:
    """Publish each column of {row: {column: Cell or int}} as its own one-way table:
    counts of records (``Cell``) suppressed and perturbed, estimates (int) suppressed."""
    shown = {}
    for column in columns:
        values = {r: rows[r].get(column, ZERO) for r in rows}
        if all(isinstance(v, Cell) for v in values.values()):
            shown[column] = suppression.publish_table(values)
        else:
            shown[column] = suppression.suppress_table({r: int(v) for r, v in values.items()})
    return shown


def _cell(pair) -> Cell:
    return Cell(pair[0], pair[1])


# --- The figures -----------------------------------------------------------------------


class _Figures:
    """Builds every table from one snapshot's facts (no live data), for the events,
    outreach and insights the filters select."""

    def __init__(self, filters: HeadwayFilters, *, staff: bool, snapshot=None):
        self.filters = filters
        self.staff = staff
        self.snapshot = snapshot
        self.min_base = settings.SMALL_BASE_THRESHOLD
        self.threshold = settings.SMALL_NUMBER_THRESHOLD

    # Reads -----------------------------------------------------------------------------

    def _selected(self, kind: str, live) -> dict:
        """The snapshot's facts of one kind, narrowed to what the filters select now."""
        facts = (self.snapshot.facts if self.snapshot else {}).get(kind, {})
        if not self.filters.narrows():
            return facts
        ids = {str(pk) for pk in live.values_list("pk", flat=True)}
        return {pk: item for pk, item in facts.items() if pk in ids}

    def _selected_events(self) -> dict:
        """The snapshot's events the filters select, by what the snapshot recorded of
        them (month, borough, target groups, the channels that promoted them), not by
        the events as they are now: re-tagging events cannot make new selections of
        the same figures between two snapshots."""
        events = (self.snapshot.facts if self.snapshot else {}).get("events", {})
        f = self.filters
        if not f.narrows():
            return events
        start = month_key(f.date_from) if f.date_from else ""
        end = month_key(f.date_to) if f.date_to else ""

        def chosen(pk, item) -> bool:
            return (
                (not start or item["month"] >= start)
                and (not end or item["month"] <= end)
                and (not f.event or pk == str(f.event.pk))
                and (not f.borough or item.get("borough") == f.borough.slug)
                and (not f.stakeholder_group or f.stakeholder_group.slug in item.get("groups", []))
                and (not f.channel or f.channel in item.get("channels", []))
            )

        return {pk: item for pk, item in events.items() if chosen(pk, item)}

    def read(self):
        f = self.filters
        self.events = self._selected_events()
        self._read_outreach()
        self._read_registrations()
        self._read_monitoring()
        self._read_participants()
        self._read_insights()
        self.baseline = load_baseline(f.area_code)  # 1 query

    def _read_outreach(self):
        activities = self._selected("outreach", self.filters.outreach())
        languages = (self.snapshot.facts if self.snapshot else {}).get("languages", {})
        by_channel: dict = defaultdict(lambda: [ZERO, 0])
        by_language: dict = defaultdict(lambda: [ZERO, 0])
        none = [ZERO, 0]
        for item in activities.values():
            cell = Cell(1, item["key"])
            slot = by_channel[(item["month"], item["channel"])]
            slot[0] += cell
            slot[1] += item["reach"]
            for code in item["languages"] or [None]:
                target = by_language[code] if code else none
                target[0] += cell
                target[1] += item["reach"]
        # (month, channel, activities, reach) and {code: (name, local, activities, reach)}
        self.outreach = [(m, c, n, reach) for (m, c), (n, reach) in by_channel.items()]
        self.languages = [
            {
                "language__code": code,
                "language__name": languages.get(code, [code, ""])[0],
                "language__name_local": languages.get(code, ["", ""])[1],
                "n": n,
                "reach": reach,
            }
            for code, (n, reach) in by_language.items()
        ]
        self.no_language = {"n": none[0], "reach": none[1]}

    def _read_registrations(self):
        """Registrations and walk-ins of the selected events, by the month they were
        held. An event with 1 to THRESHOLD-1 registrations is left out of every figure
        about registrations, attendance and participants (its walk-ins, a headcount,
        stay in): every figure is then a sum over whole events of at least THRESHOLD
        people, so no two selections (two date windows, a month and one event in it)
        can differ by a handful of people."""
        limit = self.threshold
        self.left_out_registrations = {
            pk
            for pk, item in self.events.items()
            if 0 < sum(n for _s, _h, n, _k in item["registrations"]) < limit
        }
        cells: dict = defaultdict(lambda: ZERO)
        walk_ins: dict = defaultdict(lambda: ZERO)
        for pk, item in self.events.items():
            if item["walk_ins"][0]:
                walk_ins[item["month"]] += _cell(item["walk_ins"])
            if pk in self.left_out_registrations:
                continue
            for status, heard_via, n, key in item["registrations"]:
                cells[(item["month"], status, heard_via)] += Cell(n, key)
        self.registrations = [(m, s, h, cell) for (m, s, h), cell in cells.items()]
        self.walk_ins = dict(walk_ins)

    def _read_monitoring(self):
        """Every answer of every question, by the month of the event. An event with 1 to
        THRESHOLD-1 forms is left out of every monitoring figure, for the same reason."""
        limit = self.threshold
        self.left_out_responses = {
            pk for pk, item in self.events.items() if 0 < item["responses"][0] < limit
        }
        # {dimension: {month: {answer: Cell}}}, "not answered" as "".
        self.answers: dict = {
            dimension: defaultdict(lambda: defaultdict(lambda: ZERO)) for dimension in DIMENSIONS
        }
        self.responses_by_month: dict[str, Cell] = defaultdict(lambda: ZERO)
        for pk, item in self.events.items():
            month = item["month"]
            if pk in self.left_out_responses or not item["responses"][0]:
                continue
            self.responses_by_month[month] += _cell(item["responses"])
            for dimension, answers in item["answers"].items():
                if dimension not in self.answers:
                    continue
                for key, pair in answers.items():
                    self.answers[dimension][month][key] += _cell(pair)

    def _read_participants(self):
        """People who came once or more than once (each counted once, with their
        participant's own record key), and per event, first-timers and returners."""
        events_of: dict = defaultdict(set)
        keys: dict = {}
        self.first_timers: list = []
        for pk, item in self.events.items():
            if pk in self.left_out_registrations:
                continue
            first, again = ZERO, ZERO
            for participant, key, returning in item["attendees"]:
                events_of[participant].add(pk)
                keys[participant] = key
                if returning:
                    again += Cell(1, key)
                else:
                    first += Cell(1, key)
            if item["attendees"]:
                self.first_timers.append({"event": pk, "first": first, "again": again})
        once = cell_sum(Cell(1, keys[p]) for p, events in events_of.items() if len(events) == 1)
        more = cell_sum(Cell(1, keys[p]) for p, events in events_of.items() if len(events) > 1)
        self.participation = {"once": once, "more": more}
        self.event_titles: dict = {}
        if not self.staff:
            self.first_timers = []  # a staff-only table
        if not self.first_timers:
            return
        language = (get_language() or "en").split("-")[0]
        title_field = f"title_{language}"
        if title_field not in {f.name for f in Event._meta.fields}:
            title_field = "title_en"
        titles = {
            str(row["pk"]): (row[title_field] or row["title_en"], row["starts_at"])
            for row in Event.objects.filter(pk__in=[r["event"] for r in self.first_timers]).values(
                "pk", "title_en", title_field, "starts_at"
            )
        }
        # An event deleted since the snapshot keeps its figures, under its date only.
        for row in self.first_timers:
            starts_at = datetime.fromisoformat(self.events[row["event"]]["starts_at"])
            self.event_titles[row["event"]] = titles.get(row["event"], (_("Event"), starts_at))

    def _read_insights(self):
        insights = self._selected("insights", self.filters.insights())
        self.insights_by_month: dict = defaultdict(
            lambda: {"n": ZERO, "open": ZERO, "published": ZERO}
        )
        self.response_times = []
        for item in insights.values():
            cell = Cell(1, item["key"])
            month = self.insights_by_month[item["month"]]
            month["n"] += cell
            if item["open"]:
                month["open"] += cell
            if item["published"]:
                month["published"] += cell
                self.response_times.append(item["days"])

    # Tables ----------------------------------------------------------------------------

    def tables(self) -> list[Table]:
        self.read()
        tables = [
            self.outreach_by_channel(),
            self.outreach_by_language(),
        ]
        status, attendance = self.registrations_and_attendance()
        tables = [
            *tables,
            self.funnel(status, attendance),
            status,
            attendance,
            self.registrations_by_channel(),
            self.participants(),
        ]
        if self.staff:
            tables.append(self.first_time_by_event())
        monitoring = [self.representation(dimension) for dimension in DIMENSIONS]
        tables += [self.response_rate(attendance), *monitoring]
        tables += self.listening()
        tables += [self.trends(attendance), self.trend_shares(monitoring)]
        return tables

    def outreach_by_channel(self) -> Table:
        rows: dict[str, dict] = {key: {"activities": ZERO, "reach": 0} for key in Channel.values}
        for _month, channel, n, reach in self.outreach:
            rows.setdefault(channel, {"activities": ZERO, "reach": 0})
            rows[channel]["activities"] += n
            rows[channel]["reach"] += reach
        shown = _count_column_tables(rows, ("activities", "reach"))
        labels = dict(Channel.choices)
        return Table(
            name="outreach_by_channel",
            section="reach",
            title=_("Outreach by channel"),
            explanation=_(
                "Each piece of outreach logged by staff (a call, a translated notice, a radio "
                "slot, a street stall) and the number of people staff estimate it reached."
            ),
            row_heading=_("Channel"),
            columns=[
                Column("activities", _("Outreach activities")),
                Column("reach", _("Estimated reach")),
            ],
            rows=[
                Row(key, labels.get(key, key), {c: shown[c][0][key] for c in shown}) for key in rows
            ],
            total=Row("total", _("Total"), {c: shown[c][1] for c in shown}),
            base=_("Outreach activities logged by staff; reach is their estimate."),
            source=_("Outreach log"),
            chart=Chart("bar", ["reach"]),
        )

    def outreach_by_language(self) -> Table:
        rows: dict[str, dict] = {}
        labels = {}
        for r in self.languages:
            code = r["language__code"]
            rows[code] = {"activities": r["n"], "reach": r["reach"] or 0}
            labels[code] = language_display_name(code, r["language__name"])
        rows = dict(sorted(rows.items(), key=lambda item: str(labels[item[0]])))
        rows["none"] = {
            "activities": self.no_language["n"],
            "reach": self.no_language["reach"],
        }
        labels["none"] = _("No language recorded")
        shown = _count_column_tables(rows, ("activities", "reach"))
        return Table(
            name="outreach_by_language",
            section="reach",
            title=_("Outreach by language"),
            explanation=_(
                "The languages outreach was done in. An activity in two languages counts "
                "once for each, so the rows add up to more than the number of activities."
            ),
            row_heading=_("Language"),
            columns=[
                Column("activities", _("Outreach activities")),
                Column("reach", _("Estimated reach")),
            ],
            rows=[Row(key, labels[key], {c: shown[c][0][key] for c in shown}) for key in rows],
            base=_("Outreach activities logged by staff, counted once per language used."),
            source=_("Outreach log"),
            chart=Chart("bar", ["activities"]),
        )

    def registrations_and_attendance(self) -> tuple[Table, Table]:
        by_status = dict.fromkeys(
            (
                AttendanceStatus.ATTENDED,
                AttendanceStatus.NO_SHOW,
                AttendanceStatus.REGISTERED,
                AttendanceStatus.WAITING_LIST,
                AttendanceStatus.CANCELLED,
            ),
            ZERO,
        )
        for _month, status, _channel, n in self.registrations:
            by_status[status] = by_status.get(status, ZERO) + n
        route = {
            "registered": by_status[AttendanceStatus.ATTENDED],
            "walk_in": cell_sum(self.walk_ins.values()),
        }
        # The registered people who came are in both tables: hidden in one, hidden in
        # both (and, being the same records, perturbed alike where shown).
        status_shown = suppression.publish_table(by_status)
        route_shown = suppression.publish_table(route)
        if status_shown[0][AttendanceStatus.ATTENDED] is None:
            route_shown = suppression.publish_table(route, also_hide=["registered"])
        elif route_shown[0]["registered"] is None:
            status_shown = suppression.publish_table(
                by_status, also_hide=[AttendanceStatus.ATTENDED]
            )
        status = count_table(
            by_status,
            {
                AttendanceStatus.ATTENDED: _("Came"),
                AttendanceStatus.NO_SHOW: _("Did not come"),
                AttendanceStatus.REGISTERED: _("Registered, attendance not yet recorded"),
                AttendanceStatus.WAITING_LIST: _("Waiting list"),
                AttendanceStatus.CANCELLED: _("Cancelled"),
            },
            suppressed=status_shown,
            count_label=_("Registrations"),
            percent_label=_("Share of registrations (%)"),
            name="registrations",
            section="funnel",
            title=_("Registrations and what happened"),
            explanation=_(
                "Everyone who registered for an event, by whether they came. A high share "
                "who did not come can mean the time, the place or the reminders need to change."
            ),
            row_heading=_("Registration"),
            base=_("Registrations for events (not cancelled events)."),
            source=_("Event registrations"),
            chart=Chart("bar", ["percent"]),
        )
        attendance = count_table(
            route,
            {"registered": _("Registered and came"), "walk_in": _("Walked in")},
            suppressed=route_shown,
            count_label=_("People"),
            percent_label=_("Share of attendance (%)"),
            name="attendance",
            section="funnel",
            title=_("Attendance"),
            explanation=_(
                "Everyone counted at our events: people who registered and came, and people "
                "who walked in without registering (a headcount)."
            ),
            row_heading=_("How they came"),
            base=_("Attendance at events, walk-ins included."),
            source=_("Attendance records and walk-in headcounts"),
            chart=Chart("bar", ["count"]),
        )
        return status, attendance

    def funnel(self, status: Table, attendance: Table) -> Table:
        """The stages side by side: the same (suppressed) figures as the tables they
        come from, so nothing here can be worked back that those tables protect."""
        came = status.row(AttendanceStatus.ATTENDED).values
        no_show = status.row(AttendanceStatus.NO_SHOW).values
        activities = cell_sum(n for _m, _c, n, _r in self.outreach)
        rows = [
            Row(
                "outreach",
                _("Outreach activities"),
                {"count": suppression.publish_count(activities)},
            ),
            Row("registered", _("Registrations"), {"count": status.total.values["count"]}),
            Row("came", _("Registered and came"), dict(came)),
            Row("no_show", _("Registered but did not come"), dict(no_show)),
            Row("walk_in", _("Walked in"), {"count": attendance.row("walk_in").values["count"]}),
            Row(
                "attendance",
                _("Attendance (came and walked in)"),
                {"count": attendance.total.values["count"]},
            ),
        ]
        return Table(
            name="funnel",
            section="funnel",
            title=_("From outreach to attendance"),
            explanation=_(
                "How many outreach activities there were, how many people registered, how "
                "many of them came or did not come, and how many walked in."
            ),
            row_heading=_("Stage"),
            columns=[
                Column("count", _("Number")),
                Column("percent", _("Share of registrations (%)"), "percent"),
            ],
            rows=rows,
            base=_("Outreach activities, registrations and attendance in the period."),
            source=_("Outreach log, event registrations and attendance records"),
            chart=Chart("bar", ["count"]),
        )

    def registrations_by_channel(self) -> Table:
        counts = dict.fromkeys([*Channel.values, ""], ZERO)
        for _month, _status, channel, n in self.registrations:
            counts[channel] = counts.get(channel, ZERO) + n
        return count_table(
            counts,
            {**dict(Channel.choices), "": _("Not said")},
            count_label=_("Registrations"),
            percent_label=_("Share of registrations (%)"),
            name="registrations_by_channel",
            section="funnel",
            title=_("How people who registered heard about it"),
            explanation=_(
                "What people told us when they registered about how they heard of the event: "
                "which outreach channels bring people in."
            ),
            row_heading=_("Heard through"),
            base=_("Registrations for events (not cancelled events)."),
            source=_("Event registrations"),
            chart=Chart("bar", ["count"]),
        )

    def participants(self) -> Table:
        """People counted once each. Its total is shown only when no cell is hidden: with
        the attendance table's count of attendances, it would give the hidden cells away."""
        shown, total = suppression.publish_table(self.participation)
        if any(value is None for value in shown.values()):
            total = None
        return count_table(
            {"once": self.participation["once"], "more": self.participation["more"]},
            {"once": _("At one event"), "more": _("At more than one event")},
            suppressed=(shown, total),
            count_label=_("People"),
            percent_label=_("Share of people (%)"),
            name="participants",
            section="participants",
            title=_("People who took part once, or came back"),
            explanation=_(
                "Different people who came to events, counted without knowing who they are "
                "(through a one-way code made from their email or phone), and how many came "
                "to more than one event."
            ),
            row_heading=_("Took part"),
            base=_(
                "People who registered with an email or phone number and came; walk-ins are "
                "not included."
            ),
            source=_("Event registrations"),
            chart=Chart("bar", ["count"]),
        )

    def first_time_by_event(self) -> Table:
        """Staff only: per event, people there for the first time ever, or back again."""
        cells = {
            row["event"]: {"first": row["first"], "again": row["again"]}
            for row in self.first_timers
        }
        totals = {
            "first": cell_sum(c["first"] for c in cells.values()),
            "again": cell_sum(c["again"] for c in cells.values()),
        }
        shown_totals, grand = suppression.publish_table(totals)
        shown = suppression.publish_rows(
            cells, protect_columns=[c for c, v in shown_totals.items() if v is None]
        )
        order = sorted(cells, key=lambda pk: (self.event_titles[pk][1], str(pk)))
        return Table(
            name="first_timers",
            section="participants",
            title=_("First-timers and returning people, event by event"),
            explanation=_(
                "At each event, how many people came to one of our events for the first "
                "time, and how many had come before. An event whose figures are hidden had "
                "too few of one kind to show, or is hidden to protect another."
            ),
            row_heading=_("Event"),
            columns=[Column("first", _("First time")), Column("again", _("Came before"))],
            rows=[
                Row(
                    str(pk),
                    _event_label(*self.event_titles[pk]),
                    shown[pk] if shown[pk] is not None else {"first": None, "again": None},
                )
                for pk in order
            ],
            total=Row("total", _("Total"), dict(shown_totals)),
            base=_("Attendances by people who registered with an email or phone number."),
            source=_("Event registrations"),
            chart=None,
        )

    # Representation --------------------------------------------------------------------

    def dimension_counts(self, dimension: str, scheme: Scheme, month: str | None = None) -> dict:
        """{group key: count} plus prefer-not and not-answered, for all months or one."""
        months = [month] if month else list(self.answers[dimension])
        answers: dict[str, Cell] = defaultdict(lambda: ZERO)
        for m in months:
            for key, n in self.answers[dimension].get(m, {}).items():
                answers[key] += n
        counts = {group.key: cell_sum(answers[a] for a in group.answers) for group in scheme.groups}
        counts[PREFER_NOT_KEY] = answers[PREFER_NOT_KEY]
        counts[NOT_ANSWERED_KEY] = answers[""]
        return counts

    def representation(self, dimension: str) -> Table:
        label, _choices = DIMENSIONS[dimension]
        scheme, area = choose_published_scheme(dimension, self.baseline, self.filters.area_code)
        shares, details = baseline_shares(scheme, self.baseline, area) if area else ({}, None)
        counts = self.dimension_counts(dimension, scheme)
        group_keys = [group.key for group in scheme.groups]
        # If everyone who answered gave the same answer, that count would tell each of
        # them (anyone known to have been there) what they answered: hide it too.
        everyone = suppression.unanimous({k: counts[k].n for k in group_keys}, group_keys)
        shown, total = suppression.publish_table(counts, also_hide=everyone)
        base = derived_sum(shown, total, group_keys)
        rows = []
        for group in scheme.groups:
            share = suppression.percentage(shown[group.key], base)
            values = {"count": shown[group.key], "share": share}
            flag = ""
            if group.key in shares:
                exact = None if share is None else 100.0 * shown[group.key] / base
                values["baseline"] = shares[group.key]
                values["ratio"] = ratio(exact, shares[group.key])
                if values["ratio"] is not None and values["ratio"] < UNDER_REPRESENTED:
                    flag = "under"
            rows.append(Row(group.key, group.label, values, flag))
        rows.append(Row(PREFER_NOT_KEY, PREFER_NOT_LABEL, {"count": shown[PREFER_NOT_KEY]}))
        rows.append(Row(NOT_ANSWERED_KEY, NOT_ANSWERED_LABEL, {"count": shown[NOT_ANSWERED_KEY]}))
        columns = [
            Column("count", _("People")),
            Column("share", _("Share of those who answered (%)"), "percent"),
        ]
        if details:
            columns += [
                Column("baseline", _("Share of the population (%)"), "percent"),
                Column("ratio", _("Representation (1.00 = in proportion)"), "ratio"),
            ]
        return Table(
            name=f"monitoring_{dimension}",
            section="representation",
            title=label,
            explanation=(
                _(
                    "The share of people at our events who gave each answer, next to the "
                    "share of the population. Representation is one divided by the other: "
                    "1.00 means in proportion, below 0.80 means under-represented (marked). "
                    "“Prefer not to say” and “Not answered” are counted but left out of the shares."
                )
                if details
                else _(
                    "The share of people at our events who gave each answer. There is no "
                    "population figure to compare this question with. “Prefer not to say” "
                    "and “Not answered” are counted but left out of the shares."
                )
            ),
            row_heading=_("Answer"),
            columns=columns,
            rows=rows,
            total=Row("total", _("Total"), {"count": total}),
            base=_(
                "Anonymous monitoring forms filled in at events; shares are of those who "
                "answered this question."
            ),
            source=_("Equality monitoring forms"),
            comparison=details,
            chart=Chart("bar", ["share"], ["baseline"] if details else []),
            notes=bool(details),
        )

    def response_rate(self, attendance: Table) -> Table:
        # The same records as every monitoring table's total, so the same published count.
        responses = suppression.publish_count(cell_sum(self.responses_by_month.values()))
        people = attendance.total.values["count"]
        values = {"responses": responses, "attendance": people}
        if not self.left_out_responses and not self.left_out_registrations:
            # A rate of forms over attendance is only meaningful for the same events.
            values["rate"] = suppression.percentage(responses, people, self.min_base)
        return Table(
            name="response_rate",
            section="representation",
            title=_("Monitoring response rate"),
            explanation=_(
                "How many anonymous monitoring forms were filled in for every hundred people "
                "at events (walk-ins included). The shares below are only as good as this rate."
            ),
            row_heading=_("Events"),
            columns=[
                Column("responses", _("Monitoring forms")),
                Column("attendance", _("Attendance")),
                Column("rate", _("Response rate (%)"), "percent"),
            ],
            rows=[
                Row(
                    "all",
                    _("All events in the period"),
                    values,
                )
            ],
            base=_("Monitoring forms and attendance at the same events."),
            source=_("Equality monitoring forms and attendance records"),
            chart=None,
        )

    # Listening -------------------------------------------------------------------------

    def listening(self) -> list[Table]:
        """Insights still open or closed, and answered or waiting.

        The published ones are public anyway (the "you said, we did" page and the
        insights API list them), so their count is taken as known: it is shown as it is
        (hidden only when small), and the count waiting for an answer, which the total
        minus it would give away, hides the total (of both tables, and of the month by
        month table) whenever it is small itself.
        """
        months = self.insights_by_month.values()
        n = cell_sum(r["n"] for r in months)
        still_open = cell_sum(r["open"] for r in months)
        published = cell_sum(r["published"] for r in months)
        waiting = n - published
        self.insights_total_hidden = 0 < waiting.n < self.threshold
        status_shown, total = suppression.publish_table(
            {"open": still_open, "closed": n - still_open}
        )
        if self.insights_total_hidden:
            total = None
        common = {
            "count_label": _("Insights"),
            "percent_label": _("Share of insights (%)"),
            "section": "listening",
            "row_heading": _("Insights"),
            "base": _("Insights recorded by staff from feedback."),
            "source": _("Insights log"),
        }
        status = count_table(
            {"open": still_open, "closed": n - still_open},
            {"open": _("Open"), "closed": _("Done or closed")},
            suppressed=(status_shown, total),
            name="insights_status",
            title=_("Insights still open, and closed"),
            explanation=_(
                "An insight is something we learned from what people told us. It stays open "
                "while we look into it and act on it, and is closed when it is done."
            ),
            chart=Chart("bar", ["count"]),
            **common,
        )
        answered_shown = {
            "published": suppression.suppress_count(published.n),
            "waiting": None if self.insights_total_hidden else perturb(waiting),
        }
        answered = count_table(
            {"published": published, "waiting": waiting},
            {"published": _("Answer published"), "waiting": _("No answer published yet")},
            suppressed=(answered_shown, total),
            name="insights_response",
            title=_("Insights with a published answer"),
            explanation=_(
                "Whether we have published what we did about an insight on the “You said, "
                "we did” page."
            ),
            chart=Chart("bar", ["percent"]),
            **common,
        )
        shown_published = answered.row("published").values["count"]
        median = None
        if shown_published is not None and shown_published >= self.min_base:
            median = round(statistics.median(self.response_times), 1)
        timing = Table(
            name="insights_response_time",
            section="listening",
            title=_("Time to a published answer"),
            explanation=_(
                "The middle value (median) of the days between recording an insight and "
                "publishing what we did about it: half took less time, half took more."
            ),
            row_heading=_("Insights"),
            columns=[
                Column("count", _("Insights with a published answer")),
                Column("median_days", _("Median days to the answer"), "days"),
            ],
            rows=[
                Row(
                    "published",
                    _("Answer published"),
                    {"count": shown_published, "median_days": median},
                )
            ],
            base=_("Insights with a published answer (the median needs at least %(base)s).")
            % {"base": self.min_base},
            source=_("Insights log"),
        )
        return [status, answered, timing]

    # Trends ----------------------------------------------------------------------------

    def trends(self, attendance: Table) -> Table:
        columns = ("activities", "reach", "registrations", "attendance", "responses", "insights")
        per_month: dict[str, dict] = defaultdict(
            lambda: {c: (0 if c == "reach" else ZERO) for c in columns}
        )
        for month, _channel, n, reach in self.outreach:
            per_month[month]["activities"] += n
            per_month[month]["reach"] += reach
        for month, status, _channel, n in self.registrations:
            per_month[month]["registrations"] += n
            if status == AttendanceStatus.ATTENDED:
                per_month[month]["attendance"] += n
        for month, n in self.walk_ins.items():
            per_month[month]["attendance"] += n
        for month, n in self.responses_by_month.items():
            per_month[month]["responses"] += n
        for month, row in self.insights_by_month.items():
            per_month[month]["insights"] += row["n"]
        months = month_range(min(per_month), max(per_month)) if per_month else []
        grid = {m: dict(per_month[m]) for m in months}
        shown = _count_column_tables(grid, columns)
        rows = []
        for m in months:
            values = {c: shown[c][0][m] for c in columns}
            values["rate"] = suppression.percentage(values["responses"], values["attendance"])
            rows.append(Row(m, month_label(m), values))
        totals = {c: shown[c][1] for c in columns}
        if self.insights_total_hidden:
            totals["insights"] = None
        if not self.left_out_responses and not self.left_out_registrations:
            totals["rate"] = suppression.percentage(totals["responses"], totals["attendance"])
        return Table(
            name="trends",
            section="trends",
            title=_("Month by month"),
            explanation=_(
                "Outreach, registrations, attendance, monitoring forms and insights in each "
                "month (events by the month they were held). A hidden month is hidden with "
                "at least one other, so it cannot be worked out from the total."
            ),
            row_heading=_("Month"),
            columns=[
                Column("activities", _("Outreach activities")),
                Column("reach", _("Estimated reach")),
                Column("registrations", _("Registrations")),
                Column("attendance", _("Attendance")),
                Column("responses", _("Monitoring forms")),
                Column("rate", _("Response rate (%)"), "percent"),
                Column("insights", _("Insights recorded")),
            ],
            rows=rows,
            total=Row("total", _("Total"), totals),
            base=_("Everything in the period, by month."),
            source=_("Outreach log, registrations, attendance, monitoring forms and insights"),
            chart=Chart("line", ["attendance", "responses"]),
        )

    def trend_shares(self, monitoring: list[Table]) -> Table:
        by_name = {table.name: table for table in monitoring}
        months = sorted(self.responses_by_month)
        columns: list[Column] = []
        values: dict[str, dict] = {m: {} for m in months}
        comparisons = []
        for dimension, group_key in TREND_SHARES:
            table = by_name[f"monitoring_{dimension}"]
            scheme, area = choose_published_scheme(dimension, self.baseline, self.filters.area_code)
            group = next((g for g in scheme.groups if g.key == group_key), None)
            if group is None or not area:
                continue
            shares, details = baseline_shares(scheme, self.baseline, area)
            comparisons.append(details)
            others = [g.key for g in scheme.groups if g.key != group_key]
            grid = {}
            for m in months:
                counts = self.dimension_counts(dimension, scheme, m)
                grid[m] = {"in": counts[group_key], "out": cell_sum(counts[k] for k in others)}
            overall = {row.key: row.values.get("count") for row in table.rows}
            protect = ["in"] if overall.get(group_key) is None else []
            if any(overall.get(k) is None for k in others):
                protect.append("out")
            # A month in which everyone who answered was in (or out of) the group says
            # what each of them answered: it is hidden like a small one.
            unanimous = [m for m in months if bool(grid[m]["in"].n) != bool(grid[m]["out"].n)]
            shown = suppression.publish_rows(grid, protect_columns=protect, also_hide=unanimous)
            share_key, ratio_key = f"{dimension}_share", f"{dimension}_ratio"
            columns += [
                Column(share_key, _("%(group)s: share (%%)") % {"group": group.label}, "percent"),
                Column(ratio_key, _("%(group)s: representation") % {"group": group.label}, "ratio"),
            ]
            for m in months:
                row = shown[m]
                share = exact = None
                if row is not None:
                    share = suppression.percentage(row["in"], row["in"] + row["out"])
                    exact = None if share is None else 100.0 * row["in"] / (row["in"] + row["out"])
                values[m][share_key] = share
                values[m][ratio_key] = ratio(exact, shares.get(group_key))
        ratio_columns = [c.key for c in columns if c.kind == "ratio"]
        return Table(
            name="trend_representation",
            section="trends",
            title=_("Representation month by month"),
            explanation=_(
                "For each month, the share of people at events who were born outside the UK, "
                "and who were 65 or over, and how that compares with the population "
                "(1.00 = in proportion). Months with too few answers are hidden."
            ),
            row_heading=_("Month"),
            columns=columns,
            rows=[Row(m, month_label(m), values[m]) for m in months],
            base=_(
                "Monitoring forms filled in at events that month; shares are of those who "
                "answered the question."
            ),
            source=_("Equality monitoring forms"),
            comparison=comparisons[0] if len(comparisons) == 1 else _merge(comparisons),
            chart=Chart("line", ratio_columns, reference=1.0) if ratio_columns else None,
        )


def _merge(comparisons: list[dict]) -> dict | None:
    if not comparisons:
        return None
    return {
        "area_code": comparisons[0]["area_code"],
        "area_name": comparisons[0]["area_name"],
        "dimension": ", ".join(c["dimension"] for c in comparisons),
        "sources": sorted({s for c in comparisons for s in c["sources"]}),
        "bases": sorted({b for c in comparisons for b in c["bases"]}),
        "confidence": sorted({x for c in comparisons for x in c["confidence"]}),
        "derived": any(c["derived"] for c in comparisons),
    }


def _event_label(title: str, starts_at) -> str:
    if not starts_at:
        return title
    return f"{title} ({formats.date_format(starts_at, 'DATE_FORMAT')})"


LATEST = object()


def headway_figures(
    filters: HeadwayFilters | None = None, *, staff: bool = False, snapshot=LATEST
) -> list[Table]:
    """Every headway table, published (suppressed and perturbed) from a snapshot: the
    latest published one unless another is given (None: no figures yet, every table
    empty). ``staff`` adds the per-event table."""
    return headway_report(filters, staff=staff, snapshot=snapshot)[0]


@dataclass
class LeftOut:
    """How many of the selected events were left out for having too few people (a
    count of events, not of people)."""

    registrations: int = 0
    forms: int = 0


def headway_report(
    filters: HeadwayFilters | None = None, *, staff: bool = False, snapshot=LATEST
) -> tuple[list[Table], LeftOut]:
    """``headway_figures``, with how many selected events were left out of them."""
    if snapshot is LATEST:
        from .snapshots import latest_published

        snapshot = latest_published()
    figures = _Figures(filters or HeadwayFilters(), staff=staff, snapshot=snapshot)
    tables = figures.tables()
    left_out = LeftOut(len(figures.left_out_registrations), len(figures.left_out_responses))
    return tables, left_out


def table_by_name(tables: list[Table], name: str) -> Table | None:
    return next((table for table in tables if table.name == name), None)
