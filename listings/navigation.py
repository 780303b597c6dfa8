"""Links that open a place in the navigation apps used in China, in the coordinates each expects.

The portal keeps positions in WGS-84 (GPS, OpenStreetMap). AMap (高德) and other Chinese maps use GCJ-02, the
offset system China's surveying rules require, and Baidu Maps its own BD-09 on top of it: a WGS-84 position
given to them as it is lands several hundred metres off. The conversions are the published formulas (as in
wandergis/coordtransform); they are approximations of a deliberately undisclosed offset, good to a few metres.

An approximate position (a county seat standing in) is never given to an app as if it were the place: the
link searches the place's name in its county instead.
"""

import math
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _

# Krasovsky 1940 ellipsoid, as the GCJ-02 formulas use it.
KRASOVSKY_SEMI_MAJOR_AXIS = 6378245.0
KRASOVSKY_ECCENTRICITY_SQUARED = 0.00669342162296594323
BAIDU_X_PI = math.pi * 3000.0 / 180.0
# Baidu's URI API asks every caller to name itself ("company.app").
BAIDU_SOURCE = "webapp.g331corridor.portal"


def _gcj_latitude_offset(x, y):
    offset = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    offset += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    offset += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    offset += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return offset


def _gcj_longitude_offset(x, y):
    offset = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    offset += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    offset += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    offset += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return offset


def wgs84_to_gcj02(longitude, latitude):
    """(longitude, latitude) in GCJ-02, as AMap expects, from WGS-84 (positions in China only)."""
    d_latitude = _gcj_latitude_offset(longitude - 105.0, latitude - 35.0)
    d_longitude = _gcj_longitude_offset(longitude - 105.0, latitude - 35.0)
    radians = latitude / 180.0 * math.pi
    magic = 1 - KRASOVSKY_ECCENTRICITY_SQUARED * math.sin(radians) ** 2
    sqrt_magic = math.sqrt(magic)
    d_latitude = (d_latitude * 180.0) / (
        (KRASOVSKY_SEMI_MAJOR_AXIS * (1 - KRASOVSKY_ECCENTRICITY_SQUARED)) / (magic * sqrt_magic) * math.pi
    )
    d_longitude = (d_longitude * 180.0) / (KRASOVSKY_SEMI_MAJOR_AXIS / sqrt_magic * math.cos(radians) * math.pi)
    return longitude + d_longitude, latitude + d_latitude


def gcj02_to_bd09(longitude, latitude):
    """(longitude, latitude) in Baidu's BD-09 from GCJ-02."""
    z = math.sqrt(longitude**2 + latitude**2) + 0.00002 * math.sin(latitude * BAIDU_X_PI)
    theta = math.atan2(latitude, longitude) + 0.000003 * math.cos(longitude * BAIDU_X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def wgs84_to_bd09(longitude, latitude):
    return gcj02_to_bd09(*wgs84_to_gcj02(longitude, latitude))


@dataclass(frozen=True)
class NavigationLink:
    label: str
    url: str


def navigation_links(name, county, latitude=None, longitude=None, approximate=True):
    """ "Open in AMap", "open in Baidu Maps" and a geo: link for any other app — at the position when it is
    known, otherwise a search of the name in its county. `name` and `county` are the Chinese names the apps
    know."""
    if approximate or latitude is None or longitude is None:
        query = f"{name} {county}".strip()
        return [
            NavigationLink(
                _("Search in AMap"),
                "https://uri.amap.com/search?" + urlencode({"keyword": name, "city": county, "callnative": 1}),
            ),
            NavigationLink(
                _("Search in Baidu Maps"),
                "https://api.map.baidu.com/place/search?"
                + urlencode({"query": name, "region": county, "output": "html", "src": BAIDU_SOURCE}),
            ),
            NavigationLink(_("Search in another map app"), "geo:0,0?q=" + quote(query)),
        ]
    amap_longitude, amap_latitude = wgs84_to_gcj02(longitude, latitude)
    baidu_longitude, baidu_latitude = wgs84_to_bd09(longitude, latitude)
    return [
        NavigationLink(
            _("Open in AMap"),
            "https://uri.amap.com/marker?"
            + urlencode(
                {
                    "position": f"{amap_longitude:.6f},{amap_latitude:.6f}",
                    "name": name,
                    "coordinate": "gaode",
                    "callnative": 1,
                }
            ),
        ),
        NavigationLink(
            _("Open in Baidu Maps"),
            "https://api.map.baidu.com/marker?"
            + urlencode(
                {
                    "location": f"{baidu_latitude:.6f},{baidu_longitude:.6f}",
                    "title": name,
                    "content": county,
                    "coord_type": "bd09ll",
                    "output": "html",
                    "src": BAIDU_SOURCE,
                }
            ),
        ),
        # RFC 5870: WGS-84, which phones' own map apps expect.
        NavigationLink(
            _("Open in another map app"), f"geo:{latitude:.6f},{longitude:.6f}?q={latitude:.6f},{longitude:.6f}"
        ),
    ]
