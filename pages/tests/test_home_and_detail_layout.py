"""Issue 26: the home page opens on a picture of the season and three ways in, the Border Tours right after them;
a listing's page opens on its essentials (season, hours, ticket, getting there, border notes); a Border Tour's days
come before its map and downloads, and its QR code is for paper only."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from attractions.models import AttractionFact
from attractions.tests.factories import make_attraction, make_attraction_photo
from events.tests.factories import make_event
from hubs.models import HubKind
from hubs.tests.factories import make_hub
from listings.models import FactTopic, Theme
from listings.tests.factories import make_region
from ports.tests.factories import make_note
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

WINTER_DAY = datetime.date(2027, 1, 15)
SUMMER_DAY = datetime.date(2027, 7, 15)


def jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (70, 130, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue())


def section(page, marker):
    """The HTML from `marker` to the end of its section."""
    return page.split(marker, 1)[1].split("</section>", 1)[0]


def essential(page, key):
    """One row of the facts box, by its key (season, hours, ticket, getting-there, border-notes)."""
    box = section(page, 'class="essentials"')
    return box.split(f"essential-{key}", 1)[1].split("</dd>", 1)[0]


# Home ---------------------------------------------------------------------------------------------


@pytest.fixture
def pictured(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    region = make_region("hunchun")
    snow = make_attraction(
        region=region, slug="snow-village", name_en="Snow Village", category=Theme.WINTER, best_seasons=["winter"]
    )
    lake = make_attraction(
        region=region, slug="lake", name_en="Crater Lake", category=Theme.NATURAL, a_level=5, best_seasons=["summer"]
    )
    make_attraction_photo(snow, jpeg("snow.jpg"))
    make_attraction_photo(lake, jpeg("lake.jpg"))
    return {"snow": snow, "lake": lake}


def hero(page):
    return section(page, 'class="home-hero')


def test_the_home_page_opens_on_a_picture_of_the_season(client, pictured, set_day):
    set_day(WINTER_DAY)
    winter = hero(client.get("/en/").content.decode())
    assert 'href="/en/attractions/snow-village/">Snow Village</a>' in winter  # its caption names the place
    assert "Crater Lake" not in winter  # the 5A lake is at its best in summer, not now
    # Drawn at once, at its size: no layout shift, and fetched before the rest.
    assert 'fetchpriority="high"' in winter and 'width="' in winter and 'height="' in winter and "srcset=" in winter
    assert 'loading="lazy"' not in winter
    set_day(SUMMER_DAY)
    summer = hero(client.get("/en/").content.decode())
    assert "Crater Lake" in summer and "Snow Village" not in summer


def test_without_a_photo_of_the_season_the_home_page_opens_on_its_words(client, set_day):
    set_day(WINTER_DAY)
    make_attraction(slug="unpictured", best_seasons=["winter"])
    page = client.get("/en/").content.decode()
    assert "<img" not in hero(page)
    assert "One road, two border rivers, three countries" in hero(page)


def test_the_three_ways_in_lead_to_this_season_the_tours_and_the_crossings(client, set_day):
    set_day(WINTER_DAY)
    page = client.get("/en/").content.decode()
    ways = page.split('class="ways-in"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/attractions/?season=winter">Plan a winter trip</a>' in ways
    assert 'href="/en/routes/?season=winter"' in ways
    assert 'href="/en/routes/">Border Tours</a>' in ways
    assert 'href="/en/ports/">Can I cross today?</a>' in ways
    ru = client.get("/ru/").content.decode()
    assert "Спланировать зимнюю поездку" in ru and "Можно ли пересечь границу сегодня?" in ru


def test_the_border_tours_come_right_after_the_ways_in_and_events_are_compact(client, set_day):
    set_day(WINTER_DAY)
    region = make_region("hunchun")
    stop = make_attraction(region=region, slug="stop")
    make_route(slug="tour", title_en="Along the Tumen", days=[[stop]])
    make_event(
        slug="new-year",
        name_en="New Year blessing",
        summary_en="A long text about the blessing.",
        region=region,
        starts_on=datetime.date(2027, 1, 20),
        ends_on=datetime.date(2027, 1, 21),
    )
    page = client.get("/en/").content.decode()
    order = [page.index(marker) for marker in ('class="ways-in"', 'id="tours-heading"', 'id="this-month-heading"')]
    assert order == sorted(order)
    assert order[-1] < page.index('id="counties-heading"')
    events = section(page, 'id="this-month-heading"')
    assert "New Year blessing" in events and "Hunchun" in events  # title and place
    assert "A long text about the blessing." not in events  # no description on the home page


# The facts box ------------------------------------------------------------------------------------


def test_what_no_source_gives_is_shown_as_not_known(client, set_day):
    set_day(WINTER_DAY)
    make_attraction(slug="bare", best_seasons=[], opening_hours_en="", ticket_price=None)
    page = client.get("/en/attractions/bare/").content.decode()
    for key in ("season", "hours", "ticket", "getting-there"):
        assert "Not known yet" in essential(page, key), key
    # The box comes first: before the description and the practical facts further down.
    assert page.index('class="essentials"') < page.index('id="facts-heading"')


def test_the_box_gives_the_season_hours_ticket_and_nearest_hub_with_its_distance(client, set_day):
    set_day(WINTER_DAY)
    region = make_region("hunchun")
    make_attraction(
        region=region,
        slug="gate",
        best_seasons=["winter", "summer"],
        opening_hours_en="8:00-17:00",
        ticket_price=30,
    )
    make_hub(
        slug="hunchun-station",
        name_en="Hunchun Station",
        region=region,
        latitude=region.latitude,
        longitude=region.longitude,
    )
    page = client.get("/en/attractions/gate/").content.decode()
    assert "Summer, Winter" in essential(page, "season") or "Winter, Summer" in essential(page, "season")
    assert "At its best now" in essential(page, "season")
    assert "8:00-17:00" in essential(page, "hours")
    assert "30 yuan" in essential(page, "ticket")
    getting_there = essential(page, "getting-there")
    assert 'href="/en/getting-there/hunchun-station/">Hunchun Station</a>' in getting_there
    assert "straight-line distance about 1 km" in getting_there
    set_day(SUMMER_DAY.replace(month=10))
    assert "Not its best season now" in essential(client.get("/en/attractions/gate/").content.decode(), "season")


def test_dated_facts_in_the_box_carry_their_dates_and_age(client, set_day):
    set_day(WINTER_DAY)
    gate = make_attraction(slug="dated", ticket_price=None)
    AttractionFact.objects.create(
        attraction=gate,
        topic=FactTopic.TICKET,
        value="105 yuan",
        text_en="Adults pay 105 yuan.",
        written_in="en",
        verified_on=datetime.date(2025, 3, 1),
    )
    AttractionFact.objects.create(
        attraction=gate, topic=FactTopic.HOURS, value="8:00-16:30", text_en="Open daily.", written_in="en"
    )
    AttractionFact.objects.create(
        attraction=gate, topic=FactTopic.BOOKING, text_en="Book online a day ahead.", written_in="en"
    )
    page = client.get("/en/attractions/dated/").content.decode()
    ticket = essential(page, "ticket")
    assert "105 yuan" in ticket and '<time datetime="2025-03">March 2025</time>' in ticket
    assert "More than 12 months old: may be out of date" in ticket
    hours = essential(page, "hours")
    assert "8:00-16:30" in hours and "No dated source" in hours
    # Each fact once: the box's topics are not repeated below, the others stay in the practical facts.
    assert page.count("Adults pay 105 yuan.") == 1
    assert "Book online a day ahead." in section(page, 'id="facts-heading"')


def test_an_approximate_place_gets_its_county_hub_without_a_distance(client, set_day):
    set_day(WINTER_DAY)
    region = make_region("hunchun")
    make_village(region=region, slug="somewhere", position_is_approximate=True)
    make_hub(
        slug="airport", name_en="County Airport", kind=HubKind.AIRPORT, region=region, latitude=42.9, longitude=129.4
    )
    getting_there = essential(client.get("/en/villages/somewhere/").content.decode(), "getting-there")
    assert "County Airport" in getting_there
    assert "distance not known" in getting_there and " km" not in getting_there


def test_the_box_counts_the_border_notes_and_leads_to_them(client, set_day):
    set_day(WINTER_DAY)
    region = make_region("tumen")
    make_attraction(region=region, slug="bridge")
    village = make_village(region=region, slug="quiet")
    page = client.get("/en/attractions/bridge/").content.decode()
    assert "None recorded here" in essential(page, "border-notes")
    make_note(region=region, text_en="Border permit needed east of Tumen.")
    make_note(village=village, text_en="No photos of the fence.")
    page = client.get("/en/attractions/bridge/").content.decode()
    notes = essential(page, "border-notes")
    assert "1 border-area note: read it before you go" in notes and 'href="#border-notes-heading"' in notes
    assert "Border permit needed east of Tumen." in page.split('id="border-notes-heading"')[1]
    village_page = client.get("/en/villages/quiet/").content.decode()
    assert "2 border-area notes: read them before you go" in essential(village_page, "border-notes")


# A Border Tour's page ----------------------------------------------------------------------------


def test_a_tours_days_and_stops_come_before_its_map_and_downloads(client, set_day):
    set_day(WINTER_DAY)
    first, second = make_attraction(slug="first-stop"), make_village(slug="second-stop")
    make_route(slug="tour", days=[[first, second]], best_seasons=["winter"])
    page = client.get("/en/routes/tour/").content.decode()
    order = [
        page.index(marker)
        for marker in (
            'class="essentials"',
            'id="itinerary-heading"',
            'id="day-1"',
            'href="/en/attractions/first-stop/"',
            'id="map-heading"',
            "Download GPX",
            'id="take-along-heading"',
        )
    ]
    assert order == sorted(order)
    assert "At its best now" in essential(page, "season")
    # The QR code is drawn in the page (an inline SVG: no request) inside a figure only print shows.
    qr = page.split('class="qr print-only"', 1)[1].split("</figure>", 1)[0]
    assert "<svg" in qr and "<img" not in qr


def test_an_events_facts_come_before_its_description(client, set_day):
    set_day(WINTER_DAY)
    make_event(slug="kite-day", description_en="A long story of the kites.", price=None)
    page = client.get("/en/events/kite-day/").content.decode()
    box = section(page, 'class="essentials"')
    assert "<dt>Price</dt><dd>Not known yet</dd>" in box
    assert page.index('class="essentials"') < page.index("A long story of the kites.")
