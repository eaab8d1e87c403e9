"""How far away a listing is, in words for the page: "1.2 km to the north-east"."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .geo import Point, compass_point, distance_km
from .models import Location, Organisation

# The distance comes first, so that a screen reader says it first.
_PHRASES = {
    "N": lambda d: _("%(distance)s km to the north") % {"distance": d},
    "NE": lambda d: _("%(distance)s km to the north-east") % {"distance": d},
    "E": lambda d: _("%(distance)s km to the east") % {"distance": d},
    "SE": lambda d: _("%(distance)s km to the south-east") % {"distance": d},
    "S": lambda d: _("%(distance)s km to the south") % {"distance": d},
    "SW": lambda d: _("%(distance)s km to the south-west") % {"distance": d},
    "W": lambda d: _("%(distance)s km to the west") % {"distance": d},
    "NW": lambda d: _("%(distance)s km to the north-west") % {"distance": d},
}


def describe(centre: Point, target: Point) -> str:
    """How far and which way ``target`` is from ``centre``, in the active language."""
    km = distance_km(centre, target)
    if km < 0.05:
        return _("Less than 0.1 km away")
    return _PHRASES[compass_point(centre, target)](number_format(round(km, 1), 1))


def describe_distances(centre: Point, organisations: Iterable[Organisation]) -> None:
    """Set ``distance_text`` on each listing (a page of results from ``near()``): how
    far its nearest point (its address or one of its locations) is, and which way. One
    query for the whole page."""
    organisations = list(organisations)
    points: dict = {organisation.pk: [] for organisation in organisations}
    for organisation in organisations:
        latitude, longitude = organisation.latitude, organisation.longitude
        if latitude is not None and longitude is not None:
            points[organisation.pk].append(Point.of(latitude, longitude))
    located = Location.objects.filter(
        organisation_id__in=points, latitude__isnull=False, longitude__isnull=False
    ).values_list("organisation_id", "latitude", "longitude")
    for organisation_id, latitude, longitude in located:
        if latitude is not None and longitude is not None:  # as filtered; for the types
            points[organisation_id].append(Point.of(latitude, longitude))
    for organisation in organisations:
        nearest = min(points[organisation.pk], key=lambda p: distance_km(centre, p), default=None)
        # An attribute for the template, on this page's objects only.
        organisation.distance_text = describe(centre, nearest) if nearest else ""  # type: ignore[attr-defined]
