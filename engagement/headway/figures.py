"""The headway figures: every table, built from one snapshot and published.

Pure reads. ``headway_figures`` builds every ``Table`` from one stored snapshot
(``snapshots``), never from live data; the public page, the API, the staff dashboard,
each event's summary and every CSV download are rendered from those same objects, so
they can never disagree. The database is read only to choose what the filters select
(a fixed number of queries whatever the amount of data). ``selection`` reads the
snapshot; ``reach``, ``representation``, ``listening`` and ``trends`` build the tables
of their sections, all of them parts of one ``_Figures``.

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

from dataclasses import dataclass

from django.conf import settings

from ..models.monitoring import DIMENSIONS
from .filters import HeadwayFilters
from .listening import ListeningTables
from .reach import ReachTables
from .representation import RepresentationTables
from .selection import Selection
from .tables import Table
from .trends import TrendTables


class _Figures(Selection, ReachTables, RepresentationTables, ListeningTables, TrendTables):
    """Builds every table from one snapshot's facts (no live data), for the events,
    outreach and insights the filters select."""

    def __init__(self, filters: HeadwayFilters, *, staff: bool, snapshot=None):
        self.filters = filters
        self.staff = staff
        self.snapshot = snapshot
        self.min_base = settings.SMALL_BASE_THRESHOLD
        self.threshold = settings.SMALL_NUMBER_THRESHOLD

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
