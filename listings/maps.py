"""Maps drawn by the server: the corridor, its places and routes as SVG geometry.

Every page with a map gets this SVG first, so a visitor without JavaScript, or whose
tiles do not load, still sees where things are. The interactive map (Leaflet) is laid
over it by static/js/map.js from the same data.
"""

import math
from dataclasses import dataclass, field

# One colour per day of a route, readable on the pale map and distinct from each other.
DAY_COLOURS = ["#b5473a", "#0f4c5c", "#6a4c93", "#2a7f3f", "#c77d00", "#1f6fb2", "#8a3b6b", "#4b5d23"]

# How much of the corridor a place's or a route's map shows around its markers, in degrees.
PLACE_VIEW_DEG = 1.6
ROUTE_VIEW_DEG = 1.2

WIDTH = 640
HEIGHT = 300
PADDING = 28


def day_colour(number):
    return DAY_COLOURS[(number - 1) % len(DAY_COLOURS)]


@dataclass
class Marker:
    latitude: float
    longitude: float
    label: str
    url: str = ""
    number: int | None = None
    colour: str = "#b5473a"
    approximate: bool = False
    region_id: int | None = None
    county: str = ""  # an approximate marker's county, which it stands for on the map
    x: float = 0.0
    y: float = 0.0
    text_x: float = 0.0  # where its number is written: apart from the others in the same county's ring


@dataclass
class Line:
    points: list  # of (latitude, longitude)
    colour: str
    label: str = ""
    svg_points: str = ""


@dataclass
class County:
    latitude: float
    longitude: float
    name: str
    region_id: int | None = None
    x: float = 0.0
    y: float = 0.0


@dataclass
class SvgMap:
    """Projected geometry ready for templates/includes/map_svg.html."""

    title: str
    counties: list[County]
    markers: list[Marker] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    corridor_points: str = ""

    @property
    def has_approximate(self):
        return any(marker.approximate for marker in self.markers)

    def as_json(self):
        """What static/js/map.js needs to draw the same map over tiles."""
        return {
            "markers": [
                {
                    "lat": m.latitude,
                    "lon": m.longitude,
                    "label": m.label,
                    "url": m.url,
                    "number": m.number,
                    "colour": m.colour,
                    "approximate": m.approximate,
                    "county": m.county,
                }
                for m in self.markers
            ],
            "lines": [{"points": line.points, "colour": line.colour} for line in self.lines],
            "corridor": [[c.latitude, c.longitude] for c in self.counties],
        }


class Projection:
    """Equirectangular projection of a bounding box onto the SVG, shrunk by cos(latitude)."""

    def __init__(self, positions, width=WIDTH, height=HEIGHT, padding=PADDING):
        lats = [lat for lat, _ in positions]
        lons = [lon for _, lon in positions]
        self.min_lat, self.max_lat = min(lats), max(lats)
        self.min_lon, self.max_lon = min(lons), max(lons)
        mid_lat = math.radians((self.min_lat + self.max_lat) / 2)
        self.x_scale_factor = math.cos(mid_lat)
        span_x = max((self.max_lon - self.min_lon) * self.x_scale_factor, 0.05)
        span_y = max(self.max_lat - self.min_lat, 0.05)
        self.scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
        # Centre the drawing in the box.
        self.offset_x = (width - span_x * self.scale) / 2
        self.offset_y = (height - span_y * self.scale) / 2

    def __call__(self, latitude, longitude):
        x = self.offset_x + (longitude - self.min_lon) * self.x_scale_factor * self.scale
        y = self.offset_y + (self.max_lat - latitude) * self.scale
        return round(x, 1), round(y, 1)


def build_map(title, regions, markers=(), lines=(), zoom_to_markers_deg=None):
    """Project the corridor's counties, the markers and the lines into one SVG map.

    By default the whole corridor is in view. With `zoom_to_markers_deg`, the view closes in on
    the markers, at least that many degrees wide, and the counties around them give the context
    (what lies outside the view is clipped by the SVG itself).
    """
    counties = [County(r.latitude, r.longitude, r.name, r.pk) for r in regions]
    markers, lines = list(markers), list(lines)
    stand_for_their_county(markers, counties)
    positions = [(c.latitude, c.longitude) for c in counties] + [(m.latitude, m.longitude) for m in markers]
    if not positions:
        return SvgMap(title=title, counties=[])
    if zoom_to_markers_deg and markers:
        positions = view_around([(m.latitude, m.longitude) for m in markers], zoom_to_markers_deg)
    project = Projection(positions)
    for item in [*counties, *markers]:
        item.x, item.y = project(item.latitude, item.longitude)
    spread_markers_on_the_same_spot([marker for marker in markers if not marker.approximate])
    number_the_county_rings([marker for marker in markers if marker.approximate])
    for marker in markers:
        marker.text_x = marker.text_x or marker.x
    for line in lines:
        line.svg_points = " ".join("{},{}".format(*project(lat, lon)) for lat, lon in line.points)
    corridor_points = " ".join(f"{c.x},{c.y}" for c in counties)
    return SvgMap(title=title, counties=counties, markers=markers, lines=lines, corridor_points=corridor_points)


def view_around(positions, min_span_deg):
    """Two corners of a view holding `positions`, widened to at least `min_span_deg` each way."""
    lats = [lat for lat, _ in positions]
    lons = [lon for _, lon in positions]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    half_lat = max((max(lats) - min(lats)) * 0.6, min_span_deg / 2)
    half_lon = max((max(lons) - min(lons)) * 0.6, min_span_deg)
    return [(mid_lat - half_lat, mid_lon - half_lon), (mid_lat + half_lat, mid_lon + half_lon)]


def stand_for_their_county(markers, counties):
    """A marker whose position is a stand-in is drawn as its county (a ring around the county's centre), never as
    a pin on the county seat: it carries the county's name and centre."""
    by_id = {county.region_id: county for county in counties}
    for marker in markers:
        county = by_id.get(marker.region_id)
        if marker.approximate and county is not None:
            marker.latitude, marker.longitude, marker.county = county.latitude, county.longitude, county.name


def number_the_county_rings(markers, step=9):
    """Numbered stops somewhere in the same county share its ring; their numbers are written side by side in it."""
    groups = {}
    for marker in markers:
        groups.setdefault((marker.x, marker.y), []).append(marker)
    for (x, _y), group in groups.items():
        numbered = [marker for marker in group if marker.number]
        for index, marker in enumerate(numbered):
            marker.text_x = round(x + step * (index - (len(numbered) - 1) / 2), 1)


def spread_markers_on_the_same_spot(markers, radius=11):
    """Markers that would hide each other (several stops on one county seat) are set around a circle."""
    groups = {}
    for marker in markers:
        groups.setdefault((marker.x, marker.y), []).append(marker)
    for (x, y), group in groups.items():
        if len(group) < 2:
            continue
        for index, marker in enumerate(group):
            angle = 2 * math.pi * index / len(group) - math.pi / 2
            marker.x, marker.y = round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1)


def place_marker(place, **extra):
    """The marker of an attraction or a village, hollow where its position is approximate."""
    return Marker(
        place.latitude,
        place.longitude,
        place.name,
        place.get_absolute_url(),
        approximate=place.position_is_approximate,
        region_id=place.region_id,
        **extra,
    )


def corridor_map(title, regions, places=()):
    """The G331 through its counties, west to east, with the given places on it."""
    return build_map(title, regions, [place_marker(place) for place in places])


def place_map(place, regions):
    """One place on the corridor."""
    return build_map(place.name, regions, [place_marker(place)], zoom_to_markers_deg=PLACE_VIEW_DEG)


def route_map(route, itinerary, regions):
    """A route's stops numbered in order, each day's legs drawn in its own colour.

    Only a leg between two known positions is drawn: a stop whose position is a stand-in is its county's ring, and
    no line leads to or from it as if the way were known."""
    markers, lines = [], []
    previous = None  # the last stop drawn, as (latitude, longitude), or None after a stand-in
    number = 0
    for item in itinerary.days:
        colour = day_colour(item.day.number)
        runs = [[previous]] if previous else [[]]
        for entry in item.stops:
            number += 1
            place = entry.place
            markers.append(place_marker(place, number=number, colour=colour))
            if place.position_is_approximate:
                runs.append([])
                previous = None
            else:
                runs[-1].append((place.latitude, place.longitude))
                previous = runs[-1][-1]
        lines.extend(Line(points=run, colour=colour, label=str(item.day.number)) for run in runs if len(run) > 1)
    return build_map(route.title, regions, markers, lines, zoom_to_markers_deg=ROUTE_VIEW_DEG)


def list_map(title, regions, items):
    """The listings of one list page: places at their position, Border Tours at their start."""
    markers = []
    for item in items:
        if hasattr(item, "latitude"):
            markers.append(place_marker(item))
        else:
            start = item.start_region
            markers.append(
                Marker(
                    start.latitude,
                    start.longitude,
                    item.title,
                    item.get_absolute_url(),
                    approximate=True,
                    region_id=item.start_region_id,
                )
            )
    return build_map(title, regions, markers)


def geojson_feature(item, regions=()):
    """A GeoJSON feature of a place (a point) or a Border Tour (lines through its published stops, in order).

    A place whose position is a stand-in has no geometry (GeoJSON's unlocated feature): its `county` (name and
    centre, as [longitude, latitude]) says where it is somewhere. A tour's lines join only stops whose positions
    are known."""
    counties = {region.pk: region for region in regions}
    properties = {"name": str(item), "url": item.get_absolute_url()}
    if hasattr(item, "latitude"):
        properties["approximate"] = item.position_is_approximate
        if not item.position_is_approximate:
            geometry = {"type": "Point", "coordinates": [item.longitude, item.latitude]}
            return {"type": "Feature", "geometry": geometry, "properties": properties}
        county = counties.get(item.region_id)
        if county is not None:
            properties["county"] = {"name": county.name, "coordinates": [county.longitude, county.latitude]}
        return {"type": "Feature", "geometry": None, "properties": properties}
    stops = item.itinerary().stops
    properties["approximate"] = any(entry.place.position_is_approximate for entry in stops)
    runs, known = [[]], []
    for entry in stops:
        place = entry.place
        if place.position_is_approximate:
            runs.append([])
        else:
            runs[-1].append([place.longitude, place.latitude])
            known.append([place.longitude, place.latitude])
    lines = [run for run in runs if len(run) > 1]
    if len(lines) == 1:
        geometry = {"type": "LineString", "coordinates": lines[0]}
    elif lines:
        geometry = {"type": "MultiLineString", "coordinates": lines}
    elif known:
        geometry = {"type": "Point", "coordinates": known[0]}
    else:
        geometry = {"type": "Point", "coordinates": [item.start_region.longitude, item.start_region.latitude]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}
