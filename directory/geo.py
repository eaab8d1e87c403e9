"""Distances on the Earth's surface, in Python and in SQL, with no GIS extension.

A search near a point first keeps the rows inside a bounding box on indexed latitude
and longitude columns (cheap on PostgreSQL and SQLite alike), then measures the exact
great-circle distance (haversine) of those candidates alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, FloatField, Q, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt

# The mean radius of the Earth (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True)
class Point:
    """A WGS84 position, in degrees."""

    latitude: float
    longitude: float

    @classmethod
    def of(cls, latitude: float | Decimal, longitude: float | Decimal) -> Point:
        return cls(float(latitude), float(longitude))


@dataclass(frozen=True)
class Box:
    """The latitudes and longitudes within ``km`` of a point (a little more, at corners)."""

    south: float
    north: float
    west: float
    east: float

    def q(self, prefix: str = "") -> Q:
        """Rows whose ``<prefix>latitude`` and ``<prefix>longitude`` fall inside."""
        return Q(
            **{
                f"{prefix}latitude__gte": self.south,
                f"{prefix}latitude__lte": self.north,
                f"{prefix}longitude__gte": self.west,
                f"{prefix}longitude__lte": self.east,
            }
        )


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in kilometres (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    half_dlat = (lat2 - lat1) / 2
    half_dlng = math.radians(b.longitude - a.longitude) / 2
    h = math.sin(half_dlat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_dlng) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre: Point, km: float) -> Box:
    """Every point within ``km`` of ``centre`` lies inside this box (away from the poles)."""
    dlat = km / KM_PER_DEGREE_LATITUDE
    # Longitude degrees shrink towards the poles; measure them at the box's edge nearest
    # a pole, where they are shortest, so the box is never too narrow.
    edge = min(89.0, abs(centre.latitude) + dlat)
    dlng = km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(edge)))
    return Box(
        south=centre.latitude - dlat,
        north=centre.latitude + dlat,
        west=centre.longitude - dlng,
        east=centre.longitude + dlng,
    )


def distance_expression(centre: Point, prefix: str = "") -> Combinable:
    """SQL for the haversine distance in km from ``centre`` to a row's
    ``<prefix>latitude``/``<prefix>longitude`` (NULL where the row has none).

    Built from Django's maths functions, which SQLite gets from Django itself, so it
    runs the same on both databases.
    """
    float_field: FloatField = FloatField()
    lat = Radians(Cast(F(f"{prefix}latitude"), float_field))
    lng = Radians(Cast(F(f"{prefix}longitude"), float_field))
    lat0 = math.radians(centre.latitude)
    lng0 = math.radians(centre.longitude)
    half_dlat = (lat - Value(lat0)) / Value(2.0)
    half_dlng = (lng - Value(lng0)) / Value(2.0)
    h = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(lat) * Power(Sin(half_dlng), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h), output_field=float_field)


def bearing_degrees(origin: Point, target: Point) -> float:
    """The initial compass bearing from ``origin`` to ``target``: 0 north, 90 east."""
    lat1, lat2 = math.radians(origin.latitude), math.radians(target.latitude)
    dlng = math.radians(target.longitude - origin.longitude)
    x = math.sin(dlng) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlng)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def compass_point(origin: Point, target: Point) -> str:
    """One of the eight compass points (``COMPASS``) from ``origin`` towards ``target``."""
    return COMPASS[round(bearing_degrees(origin, target) / 45) % 8]
