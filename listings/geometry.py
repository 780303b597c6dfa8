"""Where places are: the corridor's bounds, distances on the globe and in SQL, positions' rules and map points."""

import math
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    F,
    FloatField,
    Func,
    Value,
)

# Jilin's border area along the G331, from Ji'an to Hunchun's tip at Fangchuan, a little generous:
# a position outside it is a typo (or latitude and longitude swapped).
JILIN_LATITUDE_RANGE = (40.8, 43.6)
JILIN_LONGITUDE_RANGE = (125.4, 131.4)
EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1, lon1, lat2, lon2):
    """Distance in km between two positions along the earth's surface (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km_expression(latitude, longitude):
    """SQL for the great-circle distance in km from a position to each row's position (great_circle_km() in SQL:
    the function corridor_distance_km, migration corridor_portal 0005)."""
    return Func(
        Value(float(latitude)),
        Value(float(longitude)),
        F("latitude"),
        F("longitude"),
        function="corridor_distance_km",
        output_field=FloatField(),
    )


def split_around(places):
    """(the places with a distance, those without) of PlaceQuerySet.around()'s rows."""
    places = list(places)
    return [p for p in places if p.distance_km is not None], [p for p in places if p.distance_km is None]


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A place as a map shows it (PlaceQuerySet.map_points): its name in the page's language, address and position.

    Answers what listings.maps asks of a place: name, get_absolute_url(), latitude, longitude,
    position_is_approximate, region_id."""

    name: str
    url: str
    latitude: float
    longitude: float
    position_is_approximate: bool
    region_id: int | None = None

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url


def position_constraint(prefix):
    """The database rule that keeps a place's position on the globe."""
    return models.CheckConstraint(
        condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
        name=f"{prefix}_position_in_range",
    )


def position_index(prefix):
    """What lies near a place (PlaceQuerySet.near): the box around it is a range on both columns of one index,
    not a scan of the whole table."""
    return models.Index(fields=["longitude", "latitude"], name=f"{prefix}_position")
