"""``postcode`` and ``proximity`` on the ORUK feed's service lists.

ORUK 3.0 describes them so: ``postcode`` is "a point used to check service coverage. If
``service_area`` is available, only return results where the postcode exists within the
``service_area``. If ``proximity`` is provided, only show results within the proximity
from the centroid of the postcode"; ``proximity`` is in metres. This feed reads them so:

- ``postcode`` alone keeps the services whose area covers the postcode's borough: the
  organisation serves all of London, lists the borough among the areas it serves, or is
  based in it, or the service has a location in it (a location of a public organisation).
  On ``/service_at_locations`` it keeps every row of such a service, wherever the row's
  location is: coverage belongs to the service. A postcode in no London borough (one
  known only from a file loaded with ``--all``) is in no service area here: no results.
- ``postcode`` with ``proximity`` (whole metres, 1 to ``MAX_PROXIMITY_METRES``) keeps the
  services with a location within that distance of the postcode's centroid, nearest
  first (by their nearest such location); on ``/service_at_locations``, the rows whose
  own location is within it, nearest first. Ties keep the list's usual order, so pages
  are stable. Distance replaces the borough test here: a service round the corner in the
  next borough is near, whatever areas it lists.
- ``proximity`` without ``postcode``, an unknown or malformed postcode, and a proximity
  that is not a whole number from 1 to the maximum are a 400 naming the parameter.

Distances are measured as ``Organisation.objects.near`` does: a bounding box on the
locations' indexed latitude and longitude first, then the exact great-circle distance of
those candidates alone, in SQL (no GIS extension). Reading the postcode is one query; the
filters add no query of their own to a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable

from common.params import QueryParams
from directory.geo import Point, bounding_box, distance_expression
from directory.models import Borough, Organisation, Service
from directory.postcodes import PostcodeProblem, locate
from directory.validators import normalise_postcode

from .fields import public_q

# Further than this is not "near" in a London directory (the widest borough spans about
# 30 km); the cap also keeps the bounding box, and so the candidates, bounded.
MAX_PROXIMITY_METRES = 50_000

ServiceLocation = Service.locations.through


class BadPlace(ValueError):
    """A ``postcode`` or ``proximity`` the feed cannot use: answered with a 400 naming
    ``name``, with ``detail`` as the message."""

    def __init__(self, name: str, detail: str):
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


@dataclass(frozen=True)
class Where:
    """Where a request asks about: the postcode's centroid and borough (None outside
    London) and, with ``proximity``, how far from the centroid (in km)."""

    postcode: str
    centre: Point
    borough: Borough | None
    km: float | None = None


def read(params: QueryParams) -> Where | None:
    """The request's ``postcode`` and ``proximity``, or None when neither is given.

    Raises ``BadParameter`` for a proximity that is not a whole number from 1 to
    ``MAX_PROXIMITY_METRES``, and ``BadPlace`` for a proximity without a postcode or a
    postcode that is malformed or not in the loaded postcode data (one query)."""
    metres = None
    if params.value("proximity") is not None:
        metres = params.positive_integer(
            "proximity", default=MAX_PROXIMITY_METRES, maximum=MAX_PROXIMITY_METRES
        )
    postcode = params.value("postcode")
    if postcode is None:
        if metres is not None:
            raise BadPlace("proximity", "proximity needs a postcode to measure from.")
        return None
    try:
        place = locate(postcode, london_only=False)
    except PostcodeProblem as problem:
        if problem.code == "invalid_postcode":
            detail = "postcode must be a UK postcode, such as E1 6AN."
        else:
            detail = f"The postcode {_shown_code(postcode)} is not in the feed's postcode data."
        raise BadPlace("postcode", detail) from None
    return Where(
        postcode=place.postcode,
        centre=place.point,
        borough=place.borough,
        km=None if metres is None else metres / 1000,
    )


def _shown_code(postcode: str) -> str:
    """The postcode as the error repeats it: upper case, one space, never long."""
    return normalise_postcode(postcode)[:10]


def services(queryset: QuerySet, where: Where | None, *, ordering: tuple[str, ...]) -> QuerySet:
    """Services of ``queryset`` that ``where`` asks for, in order: nearest first with a
    proximity (then ``ordering``), otherwise ``ordering``."""
    if where is None:
        return queryset.order_by(*ordering)
    if where.km is None:
        return queryset.filter(covers(where.borough)).order_by(*ordering)
    box = bounding_box(where.centre, where.km)
    candidates = ServiceLocation.objects.filter(
        box.q("location__"), public_q("location__organisation__")
    )
    nearest = (
        candidates.filter(service_id=OuterRef("pk"))
        .annotate(distance=_distance(where.centre))
        .order_by("distance")
        .values("distance")[:1]
    )
    return (
        queryset.filter(pk__in=candidates.values("service_id"))
        .annotate(distance_km=Subquery(nearest, output_field=FloatField()))
        .filter(distance_km__lte=where.km)
        .order_by("distance_km", *ordering)
    )


def service_at_locations(
    queryset: QuerySet, where: Where | None, *, ordering: tuple[str, ...]
) -> QuerySet:
    """Service-location links of ``queryset`` that ``where`` asks for, in order: with a
    proximity, the links whose location is near, nearest first (then ``ordering``); with
    a postcode alone, the links of services covering its borough."""
    if where is None:
        return queryset.order_by(*ordering)
    if where.km is None:
        return queryset.filter(covers(where.borough, prefix="service__")).order_by(*ordering)
    box = bounding_box(where.centre, where.km)
    return (
        queryset.filter(box.q("location__"))
        .annotate(distance_km=_distance(where.centre))
        .filter(distance_km__lte=where.km)
        .order_by("distance_km", *ordering)
    )


def covers(borough: Borough | None, prefix: str = "") -> Q:
    """Services (reached through ``prefix``: "" from services, "service__" from their
    links to locations) whose area covers ``borough``: the organisation serves all of
    London, serves the borough or is based in it, or the service has a location of a
    public organisation there. Outside London (None) nothing is covered."""
    if borough is None:
        return Q(pk__in=[])
    service_ref = OuterRef(f"{prefix}id") if prefix else OuterRef("pk")
    organisation = f"{prefix}organisation__"
    return (
        Q(**{f"{organisation}serves_all_london": True})
        | Q(**{f"{organisation}borough": borough})
        | Exists(
            Organisation.areas_served.through.objects.filter(
                organisation_id=OuterRef(f"{prefix}organisation_id"), borough=borough
            )
        )
        | Exists(
            ServiceLocation.objects.filter(
                public_q("location__organisation__"),
                service_id=service_ref,
                location__borough=borough,
            )
        )
    )


def _distance(centre: Point) -> Combinable:
    """Kilometres from ``centre`` to a link's location."""
    return distance_expression(centre, "location__")
