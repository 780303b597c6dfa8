"""A Border Tour as GPX 1.1: one waypoint per stop, in order, to take along in a navigation app.

A stop whose position is a stand-in (its county seat) gets no point: a navigation app would lead to the county
seat as if the place were there. The file's description names those stops instead."""

from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"


def gpx_element(parent, tag, text=None, **attributes):
    """A GPX element under `parent`, with its text."""
    node = ET.SubElement(parent, f"{{{GPX_NAMESPACE}}}{tag}", attributes)
    if text is not None:
        node.text = text
    return node


def gpx_document(name):
    """An empty GPX 1.1 document named `name`: (the document, its metadata element)."""
    ET.register_namespace("", GPX_NAMESPACE)
    gpx = ET.Element(f"{{{GPX_NAMESPACE}}}gpx", {"version": "1.1", "creator": "G331 Border Corridor Portal"})
    metadata = gpx_element(gpx, "metadata")
    gpx_element(metadata, "name", name)
    return gpx, metadata


def route_gpx(route, itinerary, url):
    """The GPX document (bytes) of `route`, whose published stops are in `itinerary`."""
    element = gpx_element
    gpx, metadata = gpx_document(route.title)
    left_out = [entry.place for entry in itinerary.stops if entry.place.position_is_approximate]
    description = [route.summary] if route.summary else []
    if left_out:
        description.append(
            _("Not in this file, as their exact position is not known: %(places)s.")
            % {"places": ", ".join(f"{place.name} ({place.region.name})" for place in left_out)}
        )
    if description:
        element(metadata, "desc", " ".join(description))
    link = element(metadata, "link", href=url)
    element(link, "text", route.title)

    number = 0
    for item in itinerary.days:
        for entry in item.stops:
            number += 1
            place = entry.place
            if place.position_is_approximate:
                continue
            waypoint = element(gpx, "wpt", lat=f"{place.latitude:.6f}", lon=f"{place.longitude:.6f}")
            element(waypoint, "name", f"{number}. {place.name}")
            day_label = _("Day %(number)s: %(title)s") % {"number": item.day.number, "title": item.day.title}
            description = [day_label]
            if entry.stop.note:
                description.append(entry.stop.note)
            element(waypoint, "desc", " — ".join(description))
            element(waypoint, "type", _("Day %(number)s") % {"number": item.day.number})

    # The same stops as one route, so apps that follow routes can navigate them in order.
    rte = element(gpx, "rte")
    element(rte, "name", route.title)
    for index, entry in enumerate(itinerary.stops, start=1):
        if entry.place.position_is_approximate:
            continue
        point = element(rte, "rtept", lat=f"{entry.place.latitude:.6f}", lon=f"{entry.place.longitude:.6f}")
        element(point, "name", f"{index}. {entry.place.name}")
    return ET.tostring(gpx, encoding="utf-8", xml_declaration=True)
