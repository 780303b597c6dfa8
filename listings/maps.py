"""Maps drawn by the server: the corridor, its places and routes as SVG geometry.

Every page with a map gets this SVG first, so a visitor without JavaScript, or whose
tiles do not load, still sees where things are. The interactive map (Leaflet) is laid
over it by static/js/map.js from the same data.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

# One colour per day of a route, readable on the pale map and distinct from each other.
DAY_COLOURS = ["#b5473a", "#0f4c5c", "#6a4c93", "#2a7f3f", "#c77d00", "#1f6fb2", "#8a3b6b", "#4b5d23"]

# How much of the corridor a place's or a route's map shows around its markers, in degrees.
PLACE_VIEW_DEG = 1.6
ROUTE_VIEW_DEG = 1.2

WIDTH = 640
HEIGHT = 300
PADDING = 28

# The SVG's geometry (corridor, routes) scales with the page, but its symbols and labels do not: they are drawn at
# a fixed size in CSS pixels (12 px text, static/css/site.css "Maps") at a position given in per cent of the map.
# Symbols that would touch on the narrowest map are drawn as one group, so no two overlap at any width. On a phone
# the map is drawn this wide and scrolls sideways in its frame (a 320 px wide map left no room for 12 px names).
NARROWEST_PX = 560
PIN_RADIUS_PX = 11  # a numbered stop; a plain place's dot is smaller, but groups are made as if every one were this


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
class Symbol:
    """One thing drawn on the map over its geometry: a place ("pin"), places too close to tell apart at a phone's
    width ("group"), or the places of one county whose exact positions are not known ("county": a dashed ring around
    the county's centre, never a pin). x and y are per cent of the map's width and height."""

    kind: str
    markers: list[Marker]
    x: float
    y: float
    county: str = ""

    @property
    def url(self):
        """A symbol of one place links to its page; a group has no single page (its title names every place)."""
        return self.markers[0].url if len(self.markers) == 1 else ""

    @property
    def numbers(self):
        return [marker.number for marker in self.markers if marker.number]

    @property
    def text(self):
        """What is written in it: the stop numbers ("3–5", "2, 7"), or how many places a group or a ring holds."""
        if self.numbers:
            return number_ranges(self.numbers)
        return str(len(self.markers)) if len(self.markers) > 1 else ""

    @property
    def colour(self):
        colours = {marker.colour for marker in self.markers}
        return colours.pop() if len(colours) == 1 else "#52616b"

    @property
    def title(self):
        names = "; ".join(
            f"{marker.number}. {marker.label}" if marker.number else str(marker.label) for marker in self.markers
        )
        count = len(self.markers)
        if self.kind == "county":
            if count == 1 and self.county:
                where = gettext("somewhere in %(county)s, exact position not known") % {"county": self.county}
                return f"{names} ({where})"
            if count == 1:  # a marker that names no county of the map
                return f"{names} ({gettext('approximate position')})"
            return ngettext(
                "%(count)d place in %(county)s (approximate positions): %(names)s",
                "%(count)d places in %(county)s (approximate positions): %(names)s",
                count,
            ) % {"count": count, "county": self.county or gettext("approximate position"), "names": names}
        if count == 1:
            return names
        return ngettext(
            "%(count)d place close together: %(names)s", "%(count)d places close together: %(names)s", count
        ) % {"count": count, "names": names}

    @property
    def text_width(self):
        """About how wide its text is at 12 px bold (digits, commas, dashes), for the pill a group is drawn in."""
        return round(len(self.text) * 7.2 + 12)


def number_ranges(numbers):
    """Stop numbers as a visitor reads them: [3, 4, 5, 8] → "3–5, 8"."""
    runs = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else (f"{a}, {b}" if b == a + 1 else f"{a}–{b}") for a, b in runs)


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

    def percent(self, x, y):
        return round(x / self.width * 100, 2), round(y / self.height * 100, 2)

    @property
    def county_labels(self):
        """The counties' names and dots, at per cent positions (their text is drawn at a fixed size), with how far
        above the dot the name is written: above the dashed ring where the county has one, not across it."""
        ringed = {marker.county for marker in self.markers if marker.approximate}
        labels = []
        for county in self.counties:
            labels.append((county, *self.percent(county.x, county.y), -24 if county.name in ringed else -8))
        return labels

    @property
    def symbols(self):
        """What is drawn over the geometry: one ring per county for the places whose exact position is not known,
        and the other places, those that would overlap on a phone's map drawn as one group."""
        rings, symbols = {}, []
        for marker in self.markers:
            if marker.approximate:
                key = marker.county or (marker.x, marker.y)
                if key not in rings:
                    rings[key] = Symbol("county", [], *self.percent(marker.x, marker.y), county=marker.county)
                    symbols.append(rings[key])
                rings[key].markers.append(marker)
        # Greedy grouping at the narrowest width, in the markers' order (a route's stops in order).
        scale = NARROWEST_PX / self.width
        groups = []  # [symbol, x, y] in SVG units, where the group's first marker is
        for marker in self.markers:
            if marker.approximate:
                continue
            for group in groups:
                if math.hypot(group[1] - marker.x, group[2] - marker.y) * scale < 2 * PIN_RADIUS_PX:
                    group[0].markers.append(marker)
                    break
            else:
                groups.append([Symbol("pin", [marker], *self.percent(marker.x, marker.y)), marker.x, marker.y])
        for symbol, _x, _y in groups:
            if len(symbol.markers) > 1:
                symbol.kind = "group"
                centre_x = sum(marker.x for marker in symbol.markers) / len(symbol.markers)
                centre_y = sum(marker.y for marker in symbol.markers) / len(symbol.markers)
                symbol.x, symbol.y = self.percent(centre_x, centre_y)
            symbols.append(symbol)
        return symbols


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
