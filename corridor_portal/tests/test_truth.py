"""The truth test: every public page of the demo data, in four languages, states no more than the data holds.

It walks the whole site as a visitor would (every link from the home pages, the map data, GPX, iCalendar and
feeds they lead to) and fails on:
- a distance from a stand-in position (a place placed on its county seat because no source gives its own),
  in words on a page, as a point in GPX, as a `geo` in JSON-LD or as a point in the map data;
- a default shown as a fact: "not rated", "all year" or a price shown where the data holds nothing;
- an event whose latest edition is more than two years old in "this month" or on the home page;
- a rule whose end date has passed shown as in force;
- a port's status contradicting itself ("yes" and "who may cross is not confirmed" as two answers).
Each rule is checked against the rows, with the distances worked out here, not read from the code under test.
"""

import datetime
import html as html_module
import json
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import translation

from attractions.models import Attraction
from events.models import Event, Recurrence
from listings.geometry import great_circle_km
from ports.models import CrossingAnswer, CrossingRule, PortOfEntry
from routes.models import Route
from villages.models import Village

pytestmark = pytest.mark.django_db

PREFIXES = {"zh-hans": "", "en": "/en", "ko": "/ko", "ru": "/ru"}
# A number followed by a unit of distance, as the four languages write it.
KM = re.compile(r"(\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?)\s*(?:km|км|公里)", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
# A card's summary is the listing's own text (a source may say "a 7 km trail"), not a distance the site worked out.
CARD_SUMMARY = re.compile(r'<p class="card-summary">.*?</p>', re.S)
TAG = re.compile(r"<[^>]+>")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MAP_DATA = re.compile(r'<script id="map-data" type="application/json">(.*?)</script>', re.S)
HREF = re.compile(r'href="([^"#]*)')
SKIPPED_PATHS = ("/admin/", "/media/", "/static/", "/preview/", "/sitemap")


DEMO_LOADERS = ("load_demo_data", "load_port_data", "load_event_data")
# The rows are loaded once for the module (conftest.py demo_data), on the earliest day the tests look at them
# (the first of conftest.py's CALENDAR), as each test loading them on its own day did: no row newer than the day.
DEMO_DATA_DAY = datetime.date(2027, 1, 15)


def number(text):
    return float(re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", "."))


def years_before(day, years):
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year - years)


class Truth:
    """What the rows say, worked out here: stand-ins, lapsed events, ended rules, the legs of each tour."""

    def __init__(self, today):
        self.today = today
        places = [
            *Attraction.objects.published(),
            *Village.objects.published(),
            *PortOfEntry.objects.published(),
        ]
        self.stand_ins = {place for place in places if place.position_is_approximate}
        exact_points = {self.point(place) for place in places if not place.position_is_approximate}
        # A county seat is a stand-in's position; an exact place that happens to sit on it is not a stand-in.
        self.stand_in_points = {self.point(place) for place in self.stand_ins} - exact_points
        self.stand_in_paths = {self.path(place) for place in self.stand_ins}

    @staticmethod
    def point(place):
        return (round(float(place.latitude), 4), round(float(place.longitude), 4))

    @staticmethod
    def path(place):
        with translation.override("zh-hans"):
            return place.get_absolute_url()

    def lapsed_event_paths(self):
        """Events with no coming dates whose latest known edition began more than two years before today."""
        cutoff = years_before(self.today, 2)
        lapsed = set()
        for event in Event.objects.published():
            coming = event.starts_on is not None and (event.ends_on or event.starts_on) >= self.today
            editions = [day for day in (event.last_held_on, event.starts_on) if day]
            if event.recurrence != Recurrence.ONCE and not coming and editions and max(editions) < cutoff:
                lapsed.add(self.path(event))
        return lapsed

    def possible_tour_km(self, route):
        """Every distance a tour's page may state: each known leg, each day's sum and the tour's sum."""
        possible, total, previous = set(), 0.0, None
        for day in route.days.all():
            day_km = 0.0
            for stop in day.stops.all():
                place = stop.attraction or stop.village
                if not place.is_published:
                    continue
                if previous is not None:
                    if stop.road_km_from_previous is not None:
                        km = float(stop.road_km_from_previous)
                    elif previous.position_is_approximate or place.position_is_approximate:
                        km = None
                    else:
                        km = round(
                            great_circle_km(
                                float(previous.latitude),
                                float(previous.longitude),
                                float(place.latitude),
                                float(place.longitude),
                            ),
                            1,
                        )
                    if km is not None:
                        possible.add(round(km, 1))
                        day_km += km
                previous = place
            possible.add(round(day_km, 1))
            total += day_km
        possible.add(round(total, 1))
        return possible


def without_prefix(path):
    for prefix in ("/en", "/ko", "/ru"):
        if path == prefix or path.startswith(prefix + "/"):
            return path[len(prefix) :] or "/"
    return path


def crawl(client, start_paths, limit=4000):
    """Every page reachable from `start_paths` through the site's own links: {url: response}. One URL per path
    (the first query string met), so a list's filter combinations don't multiply the walk."""
    seen_paths, pages, queue = set(), {}, deque(start_paths)
    while queue and len(pages) < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in seen_paths or path.startswith(SKIPPED_PATHS):
            continue
        seen_paths.add(path)
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        pages[url] = response
        if response["Content-Type"].startswith("text/html"):
            for href in HREF.findall(response.content.decode()):
                href = href.replace("&amp;", "&")
                if href.startswith("/") and not href.startswith("//"):
                    queue.append(href)
    return pages


def json_objects(value):
    """Every dict inside a JSON value."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_objects(item)


def visible_text(markup):
    return html_module.unescape(TAG.sub(" ", CARD_SUMMARY.sub(" ", markup)))


def problems_in_html(url, html, truth, defaults, crossing_answers):
    problems = []
    path = without_prefix(urlsplit(url).path)
    # No km next to a link to a stand-in, nor anywhere in the nearby lists of a stand-in's own page.
    for item in LIST_ITEM.findall(html):
        links = {without_prefix(href) for href in HREF.findall(item)}
        if links & truth.stand_in_paths and KM.search(visible_text(item)):
            problems.append(f"{url}: a distance beside a place whose position is a stand-in: {item[:200]}")
    if path in truth.stand_in_paths:
        nearby = html.split('id="nearby-heading"', 1)[-1] if 'id="nearby-heading"' in html else ""
        for item in LIST_ITEM.findall(nearby.split("</section>", 1)[0]):
            if KM.search(visible_text(item)):
                problems.append(f"{url}: a distance from this stand-in position: {item[:200]}")
    # JSON-LD never gives a stand-in's position as its geo.
    for block in JSON_LD.findall(html):
        for obj in json_objects(json.loads(block)):
            geo = obj.get("geo")
            if isinstance(geo, dict) and "latitude" in geo:
                point = (round(float(geo["latitude"]), 4), round(float(geo["longitude"]), 4))
                if point in truth.stand_in_points:
                    problems.append(f"{url}: JSON-LD geo at a stand-in position {point} ({obj.get('name')})")
    # The drawn maps: a stand-in is drawn as its county (approximate), and no route line runs through it.
    for block in MAP_DATA.findall(html):
        drawn = json.loads(block)
        for marker in drawn["markers"]:
            if without_prefix(marker["url"]) in truth.stand_in_paths and not marker["approximate"]:
                problems.append(f"{url}: the map pins the stand-in {marker['url']} as an exact position")
        for line in drawn["lines"]:
            crossed = {(round(lat, 4), round(lon, 4)) for lat, lon in line["points"]} & truth.stand_in_points
            if crossed:
                problems.append(f"{url}: a route line runs through stand-in positions {sorted(crossed)}")
    # A default is never shown as a fact.
    for phrase, paths in defaults:
        if path in paths and phrase in html:
            problems.append(f"{url}: says {phrase!r} though the data holds nothing")
    # One answer to "can tourists cross now?" on a port's page.
    if path.startswith("/ports/") and path != "/ports/":
        text = html_module.unescape(html)
        answers = [answer for answer in crossing_answers if answer in text]
        if len(answers) != 1:
            problems.append(f"{url}: {len(answers)} answers to 'can tourists cross now?': {answers}")
    return problems


def problems_in_tour(url, html, possible_km):
    stated = {round(number(match), 1) for match in KM.findall(visible_text(html))}
    unexplained = {km for km in stated if not any(abs(km - known) <= 0.11 for known in possible_km)}
    return [f"{url}: km figures no two known positions give: {sorted(unexplained)}"] if unexplained else []


def problems_in_points(url, points, truth):
    return [f"{url}: a point at a stand-in position {point}" for point in points if point in truth.stand_in_points]


def gpx_points(xml):
    return {
        (round(float(lat), 4), round(float(lon), 4))
        for lat, lon in re.findall(r'<(?:wpt|rtept|trkpt)\b[^>]*lat="([-\d.]+)"[^>]*lon="([-\d.]+)"', xml)
    }


def geojson_points(data):
    points = set()
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
            points.add((round(lat, 4), round(lon, 4)))
    return points


def crossing_answers(language):
    with translation.override(language):
        return [str(label) for label in CrossingAnswer.labels]


def default_phrases(language):
    """(phrase in `language`, the paths that must not show it): labels that would state a default as a fact."""
    with translation.override(language):
        unrated = {Truth.path(a) for a in Attraction.objects.published().filter(a_level__isnull=True)}
        no_season = {Truth.path(a) for a in Attraction.objects.published().filter(best_seasons=[])}
        no_price = {
            Truth.path(r) for r in Route.objects.published().filter(price_from__isnull=True, price_enquiries="")
        }
        return [
            (translation.gettext("Not rated"), unrated),
            (translation.gettext("All year"), no_season),
            (translation.gettext("On request"), no_price),
        ]


def test_every_public_page_of_the_demo_data_states_no_more_than_the_data_holds(demo_data, set_day):
    today = datetime.date(2027, 1, 15)  # winter: the seasons, the lapsed events and the ended visa waivers all show
    set_day(today)
    truth = Truth(today)
    assert truth.stand_ins, "the demo data has stand-in positions: the test must see some"
    tours = {Truth.path(route): truth.possible_tour_km(route) for route in Route.objects.published()}
    client = Client()
    # The home pages lead everywhere; the map data is read by the maps' script, not linked.
    map_data = [f"/{kind}/map.geojson" for kind in ("attractions", "villages", "routes")]
    pages = crawl(client, [f"{prefix}{path}" for prefix in PREFIXES.values() for path in ["/", *map_data]])
    problems = []
    for language, prefix in PREFIXES.items():
        defaults, answers = default_phrases(language), crossing_answers(language)
        for url, response in pages.items():
            if not urlsplit(url).path.startswith(f"{prefix}/") or (prefix == "" and without_prefix(url) != url):
                continue
            content_type, body = response["Content-Type"], response.content.decode()
            path = without_prefix(urlsplit(url).path)
            if content_type.startswith("text/html"):
                problems += problems_in_html(url, body, truth, defaults, answers)
                if path in tours:
                    problems += problems_in_tour(url, body, tours[path])
            elif "gpx" in content_type or path.endswith("/gpx/"):
                problems += problems_in_points(url, gpx_points(body), truth)
            elif path.endswith(".geojson"):
                problems += problems_in_points(url, geojson_points(json.loads(body)), truth)
    assert problems == []
    kinds = {"html": 0, "gpx": 0, "geojson": 0, "ics": 0, "atom": 0}
    for url in pages:
        path = urlsplit(url).path
        kind = next((k for k in kinds if path.endswith((f".{k}", f"/{k}/"))), "html")
        kinds[kind] += 1
    # The walk really went everywhere: pages in four languages, tours' GPX, map data, calendars and feeds.
    assert kinds["html"] > 300 and kinds["gpx"] >= 5 and kinds["geojson"] >= 12 and kinds["ics"] >= 4, kinds


def test_date_sensitive_pages_tell_the_truth_on_every_day(demo_data, any_day):
    truth = Truth(any_day)
    lapsed = truth.lapsed_event_paths()
    ended_rules = {
        rule.pk: rule
        for rule in CrossingRule.objects.select_related("port")
        if rule.valid_until and rule.valid_until < any_day
    }
    client = Client()
    problems = []
    for language, prefix in PREFIXES.items():
        answers = crossing_answers(language)
        for url in (f"{prefix}/", f"{prefix}/events/?month=this"):
            html = client.get(url).content.decode()
            shown = {without_prefix(href) for href in HREF.findall(html)}
            problems += [f"{url}: shows {path}, last held more than two years ago" for path in shown & lapsed]
        for port in PortOfEntry.objects.published():
            html = client.get(f"{prefix}{Truth.path(port)}").content.decode()
            ended_here = [rule for rule in ended_rules.values() if rule.port_id == port.pk]
            marked = html.count('data-rule-state="ended"')
            if marked != len(ended_here):
                problems.append(f"{prefix}{Truth.path(port)}: {len(ended_here)} rules ended, {marked} marked ended")
            problems += problems_in_html(f"{prefix}{Truth.path(port)}", html, truth, [], answers)
    assert problems == []
