"""Reach, from outreach to attendance, and who comes back: the tables of outreach,
registrations, attendance and participants."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from directory.vocabularies import language_display_name

from ..models import AttendanceStatus, Channel
from . import suppression
from .perturbation import ZERO, cell_sum
from .tables import Chart, Column, Row, Table, count_table, publish_columns

# What the tables of registrations count and where from, and the section they are in.
_REGISTRATIONS = {
    "count_label": _("Registrations"),
    "percent_label": _("Share of registrations (%)"),
    "section": "funnel",
    "base": _("Registrations for events (not cancelled events)."),
    "source": _("Event registrations"),
}


def _event_label(title: str, starts_at) -> str:
    if not starts_at:
        return title
    return f"{title} ({formats.date_format(starts_at, 'DATE_FORMAT')})"


def _outreach_table(rows: dict[str, dict], labels: dict, *, total: bool, **table) -> Table:
    """Outreach activities and their estimated reach by channel or by language, each
    column published as a one-way table, with the total of both when ``total``."""
    shown = publish_columns(rows, ("activities", "reach"))
    return Table(
        section="reach",
        columns=[
            Column("activities", _("Outreach activities")),
            Column("reach", _("Estimated reach")),
        ],
        rows=[Row(key, labels.get(key, key), {c: shown[c][0][key] for c in shown}) for key in rows],
        total=Row("total", _("Total"), {c: shown[c][1] for c in shown}) if total else None,
        source=_("Outreach log"),
        **table,
    )


def _tally(keys, cells) -> dict:
    """{key: the sum of its cells} from (key, cell) pairs: ``keys`` first, in order and
    at zero if nothing came for them, then any other key in the order it came."""
    counts = dict.fromkeys(keys, ZERO)
    for key, cell in cells:
        counts[key] = counts.get(key, ZERO) + cell
    return counts


class ReachTables:
    """The reach, funnel and participants tables of ``_Figures``."""

    def outreach_by_channel(self) -> Table:
        rows: dict[str, dict] = {key: {"activities": ZERO, "reach": 0} for key in Channel.values}
        for _month, channel, n, reach in self.outreach:
            rows.setdefault(channel, {"activities": ZERO, "reach": 0})
            rows[channel]["activities"] += n
            rows[channel]["reach"] += reach
        return _outreach_table(
            rows,
            dict(Channel.choices),
            total=True,
            name="outreach_by_channel",
            title=_("Outreach by channel"),
            explanation=_(
                "Each piece of outreach logged by staff (a call, a translated notice, a radio "
                "slot, a street stall) and the number of people staff estimate it reached."
            ),
            row_heading=_("Channel"),
            base=_("Outreach activities logged by staff; reach is their estimate."),
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
        return _outreach_table(
            rows,
            labels,
            total=False,  # an activity in two languages is in two rows
            name="outreach_by_language",
            title=_("Outreach by language"),
            explanation=_(
                "The languages outreach was done in. An activity in two languages counts "
                "once for each, so the rows add up to more than the number of activities."
            ),
            row_heading=_("Language"),
            base=_("Outreach activities logged by staff, counted once per language used."),
            chart=Chart("bar", ["activities"]),
        )

    def registrations_and_attendance(self) -> tuple[Table, Table]:
        by_status = _tally(
            (
                AttendanceStatus.ATTENDED,
                AttendanceStatus.NO_SHOW,
                AttendanceStatus.REGISTERED,
                AttendanceStatus.WAITING_LIST,
                AttendanceStatus.CANCELLED,
            ),
            ((status, n) for _month, status, _channel, n in self.registrations),
        )
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
            name="registrations",
            title=_("Registrations and what happened"),
            explanation=_(
                "Everyone who registered for an event, by whether they came. A high share "
                "who did not come can mean the time, the place or the reminders need to change."
            ),
            row_heading=_("Registration"),
            chart=Chart("bar", ["percent"]),
            **_REGISTRATIONS,
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
        return count_table(
            _tally(
                [*Channel.values, ""],
                ((channel, n) for _month, _status, channel, n in self.registrations),
            ),
            {**dict(Channel.choices), "": _("Not said")},
            name="registrations_by_channel",
            title=_("How people who registered heard about it"),
            explanation=_(
                "What people told us when they registered about how they heard of the event: "
                "which outreach channels bring people in."
            ),
            row_heading=_("Heard through"),
            chart=Chart("bar", ["count"]),
            **_REGISTRATIONS,
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
