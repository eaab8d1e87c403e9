"""Reading a snapshot: the facts of the events, outreach and insights the filters
select, summed into the cells the tables are built from (no live data)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import Event
from ..models.baseline import load_baseline
from ..models.monitoring import DIMENSIONS
from .perturbation import ZERO, Cell, cell_sum
from .snapshots import month_key


def _cell(pair) -> Cell:
    return Cell(pair[0], pair[1])


class Selection:
    """The reads of ``_Figures``: ``read`` sets the cells every table is built from."""

    @property
    def facts(self) -> dict:
        """Everything the snapshot holds (nothing before the first)."""
        return self.snapshot.facts if self.snapshot else {}

    @property
    def same_events(self) -> bool:
        """Whether the forms and the attendance are of the same events (none left out of
        either): only then is one over the other a response rate."""
        return not self.left_out_responses and not self.left_out_registrations

    def _selected(self, kind: str, live) -> dict:
        """The snapshot's facts of one kind, narrowed to what the filters select now."""
        facts = self.facts.get(kind, {})
        if not self.filters.narrows():
            return facts
        ids = {str(pk) for pk in live.values_list("pk", flat=True)}
        return {pk: item for pk, item in facts.items() if pk in ids}

    def _selected_events(self) -> dict:
        """The snapshot's events the filters select, by what the snapshot recorded of
        them (month, borough, target groups, the channels that promoted them), not by
        the events as they are now: re-tagging events cannot make new selections of
        the same figures between two snapshots."""
        events = self.facts.get("events", {})
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
        languages = self.facts.get("languages", {})
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
