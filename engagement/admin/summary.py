"""The figures for one event, as staff see them after the meeting.

Every table is suppressed as it would be if it were published (``suppression``), so
the page can be shown or copied into a report without identifying anyone. The numbers
come from two queries whatever the size of the event: one grouped count of the
registrations and one aggregate over the monitoring responses.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .. import suppression
from ..models import AttendanceStatus, Channel, Event, MonitoringResponse
from ..models.monitoring import DIMENSIONS, ETHNIC_GROUP_ROLLUP, PREFER_NOT

NOT_ANSWERED = ("", _("Not answered"))
NOT_SAID = ("", _("Not said"))
WALK_INS = "walk_ins"
# The five high-level ethnic groups of the Census: the nineteen detailed groups would
# almost all be hidden at one event, and showing both would let hidden cells be
# worked out from the difference.
ETHNIC_HIGH_LEVEL = (
    ("asian", _("Asian or Asian British")),
    ("black", _("Black, Black British, Caribbean or African")),
    ("mixed", _("Mixed or multiple ethnic groups")),
    ("white", _("White")),
    ("other", _("Other ethnic group")),
)


def table(slug, title, choices, counts: dict, *, base) -> dict:
    """One suppressed table: a row per choice, with its count and its share of the total."""
    shown, total = suppression.suppress_table({key: counts.get(key, 0) for key, _l in choices})
    return {
        "slug": slug,
        "title": title,
        "base": base,
        "rows": [
            {
                "key": key or "blank",
                "label": label,
                "count": shown[key],
                "percent": suppression.percentage(shown[key], total),
            }
            for key, label in choices
        ],
        "total": total,
        "total_is_small": total is None,  # suppress_table hides a total only when it is small
        "is_empty": total == 0,
    }


def _registration_counts(event: Event) -> tuple[dict, dict]:
    by_status: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    rows = (
        event.registrations.order_by()
        .values("status", "heard_via")
        .annotate(n=Count("pk"))
        .values_list("status", "heard_via", "n")
    )
    for status, heard_via, n in rows:
        by_status[status] = by_status.get(status, 0) + n
        by_channel[heard_via] = by_channel.get(heard_via, 0) + n
    return by_status, by_channel


def _monitoring_counts(event: Event) -> tuple[int, dict[str, dict[str, int]]]:
    """Counts per answer for every dimension, "not answered" as "", in one query."""
    cells = []
    for field, (_label, choices) in DIMENSIONS.items():
        cells += [(field, key) for key, _l in choices] + [(field, "")]
    aggregates = {
        f"c{i}": Count("pk", filter=Q(**{field: key})) for i, (field, key) in enumerate(cells)
    }
    result = MonitoringResponse.objects.filter(event=event).aggregate(
        total=Count("pk"), **aggregates
    )
    counts: dict[str, dict[str, int]] = {field: {} for field in DIMENSIONS}
    for i, (field, key) in enumerate(cells):
        counts[field][key] = result[f"c{i}"]
    return result["total"], counts


def _ethnic_high_level(counts: dict[str, int]) -> dict[str, int]:
    grouped: dict[str, int] = {}
    for key, n in counts.items():
        group = ETHNIC_GROUP_ROLLUP.get(key, key)  # prefer not / not answered stay as they are
        grouped[group] = grouped.get(group, 0) + n
    return grouped


def monitoring_tables(event: Event) -> tuple[int | None, list[dict]]:
    total, counts = _monitoring_counts(event)
    tables = []
    for field, (label, choices) in DIMENSIONS.items():
        field_counts = counts[field]
        if field == "ethnic_group":
            choices = [*ETHNIC_HIGH_LEVEL, PREFER_NOT]
            field_counts = _ethnic_high_level(field_counts)
        tables.append(
            table(field, label, [*choices, NOT_ANSWERED], field_counts, base=_("of responses"))
        )
    return suppression.suppress_count(total), tables


def event_summary(event: Event) -> dict:
    by_status, by_channel = _registration_counts(event)
    attendance = table(
        "registrations",
        _("Registrations"),
        AttendanceStatus.choices,
        by_status,
        base=_("of registrations"),
    )
    # Turnout: the registered people who came, plus walk-ins. The attended figure is the
    # one already shown above; the total is shown only when both parts are, since a
    # hidden part could otherwise be worked out from it.
    attended = next(row for row in attendance["rows"] if row["key"] == AttendanceStatus.ATTENDED)
    attended_count = by_status.get(AttendanceStatus.ATTENDED, 0)
    walk_ins = suppression.suppress_count(event.walk_in_count)
    turnout_total = (
        None if attended["count"] is None or walk_ins is None else attended["count"] + walk_ins
    )
    turnout = {
        "slug": "attendance",
        "title": _("Attendance"),
        "rows": [
            {"key": "attended", "label": _("Registered and came"), "count": attended["count"]},
            {"key": WALK_INS, "label": _("Walk-ins"), "count": walk_ins},
        ],
        "total": turnout_total,
        "total_is_small": suppression.suppress_count(attended_count + event.walk_in_count) is None,
    }
    heard_via = table(
        "heard_via",
        _("How registrants heard about it"),
        [*Channel.choices, NOT_SAID],
        by_channel,
        base=_("of registrations"),
    )
    responses, monitoring = monitoring_tables(event)
    return {
        "attendance": attendance,
        "turnout": turnout,
        "heard_via": heard_via,
        "responses": responses,
        "monitoring": monitoring,
        "threshold": suppression.threshold(),
        "largest_hidden": suppression.threshold() - 1,
        "min_base": settings.SMALL_BASE_THRESHOLD,
    }
