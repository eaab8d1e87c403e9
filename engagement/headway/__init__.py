"""Headway: are we reaching London as it is, and are we answering what we hear?

The figures of engagement (outreach, registrations and attendance, who comes back, who
takes part compared with the Census 2021 baseline, insights and their answers, month by
month), published from one stored snapshot with small numbers suppressed and every
count perturbed, through every door alike: the public page and its CSVs (``views``,
``urls``), the API (``api``), the staff dashboard (``admin``) and each event's summary
(``engagement.admin.summary``).

What other modules use is here. Read the snapshot through the module,
``snapshots.latest_published()``, so that it can be replaced as a whole (the tests do).
"""

from . import perturbation, snapshots, suppression
from .figures import LeftOut, headway_figures, headway_report
from .filters import HeadwayFilters
from .presentation import HIDDEN, NOT_AVAILABLE, cell_text, csv_response, legend, present, sections
from .snapshots import demo_snapshot_take, facts_collect, headway_snapshot_take
from .tables import SECTIONS, Chart, Column, Row, Table, table_by_name

__all__ = [
    "HIDDEN",
    "NOT_AVAILABLE",
    "SECTIONS",
    "Chart",
    "Column",
    "HeadwayFilters",
    "LeftOut",
    "Row",
    "Table",
    "cell_text",
    "csv_response",
    "demo_snapshot_take",
    "facts_collect",
    "headway_figures",
    "headway_report",
    "headway_snapshot_take",
    "legend",
    "perturbation",
    "present",
    "sections",
    "snapshots",
    "suppression",
    "table_by_name",
]
