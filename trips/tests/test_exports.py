"""The trip's GPX and iCalendar files, read back as a navigation app and a calendar would read them."""

import datetime
from xml.etree import ElementTree as ET

import icalendar
import pytest

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from listings.tests.factories import make_region
from routes.gpx import GPX_NAMESPACE
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db
NS = {"gpx": GPX_NAMESPACE}


@pytest.fixture
def trip():
    hunchun = make_region("hunchun")
    fangchuan = make_attraction(slug="fangchuan", name_en="Fangchuan", region=hunchun, latitude=42.43, longitude=130.6)
    guess = make_village(slug="guess", name_en="Guessed village", region=hunchun, position_is_approximate=True)
    bridge = make_attraction(slug="bridge", name_en="Bridge", region=hunchun, latitude=42.9, longitude=130.3)
    make_route(slug="three-countries", title_en="Three countries", days=[[bridge, guess]])
    make_event(
        slug="kite-day",
        name_en="Kite day",
        attraction=fangchuan,
        starts_on=datetime.date(2027, 5, 3),
        ends_on=datetime.date(2027, 5, 4),
    )
    make_event(slug="usually-june", name_en="Usually in June", region=hunchun)  # no announced dates
    return "attractions:fangchuan@1,villages:guess@1,routes:three-countries@2,events:kite-day@2,events:usually-june@2"


def test_the_gpx_holds_exact_places_as_waypoints_and_a_tour_as_a_route(client, trip):
    response = client.get("/en/trip/gpx/", {"items": trip})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gpx+xml")
    gpx = ET.fromstring(response.content)
    waypoints = {w.find("gpx:name", NS).text: (w.get("lat"), w.get("lon")) for w in gpx.findall("gpx:wpt", NS)}
    # The event is at Fangchuan: both there; the village's position is a stand-in, so it is not in the file.
    assert waypoints == {"Fangchuan": ("42.430000", "130.600000"), "Kite day": ("42.430000", "130.600000")}
    assert "Guessed village" in gpx.find("gpx:metadata/gpx:desc", NS).text
    (route,) = gpx.findall("gpx:rte", NS)
    assert route.find("gpx:name", NS).text == "Three countries"
    assert [p.find("gpx:name", NS).text for p in route.findall("gpx:rtept", NS)] == ["1. Bridge"]


def test_the_calendar_holds_the_saved_events_dates_and_with_a_first_day_one_entry_per_day(client, trip, time_machine):
    time_machine.move_to("2027-04-20 10:00 +08:00", tick=False)  # before the kite day: it is still coming
    response = client.get("/en/trip/ics/", {"items": trip})
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [("Kite day", datetime.date(2027, 5, 3))]

    with_days = icalendar.Calendar.from_ical(
        client.get("/en/trip/ics/", {"items": trip, "start": "2027-05-02"}).content
    )
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in with_days.walk("VEVENT")}
    assert summaries["Day 1: Fangchuan, Guessed village"] == datetime.date(2027, 5, 2)
    assert summaries["Day 2: Three countries, Kite day, Usually in June"] == datetime.date(2027, 5, 3)


def test_the_exports_are_rate_limited_like_the_other_downloads(client, trip, settings, fresh_rate_windows):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "download": "2/d"}
    statuses = [client.get("/en/trip/gpx/", {"items": trip}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
