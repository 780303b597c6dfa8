"""What a traveller sees of the ports: the status with its date in every language, the stale flag, the
filters, the map, the home page's one line, and the border-area notes on every kind of page."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from attractions.tests.factories import make_attraction
from listings.i18n import month_and_year
from listings.models import FactTopic, Status
from listings.tests.factories import make_region
from ports.models import Country, Crossing, DatePrecision, PortFact
from ports.tests.factories import make_note, make_port
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    """The views read the portal's clock; the tests decide what day it is."""
    set_day(TODAY)


@pytest.fixture
def ports():
    tumen, hunchun = make_region("tumen"), make_region("hunchun")
    return {
        "tumen": make_port(
            region=tumen,
            slug="tumen-port",
            name_en="Tumen",
            name_zh_hans="图们口岸",
            corridor_order=8,
            status_verified_on=datetime.date(2025, 9, 1),
            status_verified_precision=DatePrecision.MONTH,
        ),
        "quanhe": make_port(
            region=hunchun,
            slug="quanhe-port",
            name_en="Quanhe",
            corridor_order=9,
            status_verified_on=datetime.date(2025, 3, 1),
        ),
        "highway": make_port(
            region=hunchun,
            slug="hunchun-highway-port",
            name_en="Hunchun highway port",
            corridor_order=11,
            across_country=Country.RUSSIA,
            across_town_en="Kraskino",
            tourist_crossing=Crossing.YES,
            status_verified_on=datetime.date(2025, 12, 1),
        ),
        "shatuozi": make_port(
            region=hunchun,
            slug="shatuozi-port",
            name_en="Shatuozi",
            corridor_order=10,
            tourist_crossing=Crossing.UNKNOWN,
            status_verified_on=None,
        ),
        "draft": make_port(region=hunchun, slug="draft-port", name_en="Secret crossing", status=Status.DRAFT),
    }


def names(response):
    return [port.name_en for port in response.context["object_list"]]


@pytest.mark.parametrize(
    ("prefix", "language", "month_text"),
    [
        ("", "zh-hans", "2025年9月"),
        ("/en", "en", "September 2025"),
        ("/ko", "ko", "2025년 9월"),
        ("/ru", "ru", "сентябрь 2025 г."),
    ],
)
def test_a_ports_status_and_its_date_in_each_language(client, ports, prefix, language, month_text):
    page = client.get(f"{prefix}/ports/tumen-port/").content.decode()
    with translation.override(language):
        label = str(Crossing.SUSPENDED.label)
        expected_date = month_and_year(datetime.date(2025, 9, 1))
    assert month_text is None or expected_date == month_text
    assert 'data-crossing="suspended"' in page
    assert label in page
    assert expected_date in page
    assert '<time datetime="2025-09">' in page


def test_a_day_precise_date_is_shown_as_a_day(client, ports):
    ports["tumen"].status_verified_on = datetime.date(2025, 9, 14)
    ports["tumen"].status_verified_precision = DatePrecision.DAY
    ports["tumen"].save()
    page = client.get("/en/ports/tumen-port/").content.decode()
    assert "Sept. 14, 2025" in page or "September 14, 2025" in page
    assert '<time datetime="2025-09-14">' in page


def test_a_status_older_than_twelve_months_is_flagged_to_visitors(client, ports):
    stale = client.get("/en/ports/quanhe-port/").content.decode()
    fresh = client.get("/en/ports/hunchun-highway-port/").content.decode()
    assert "more than 12 months ago and may be out of date" in stale
    assert "more than 12 months" not in fresh
    assert "Check before you travel" in fresh
    listing = client.get("/en/ports/").content.decode()
    assert listing.count("More than 12 months old: may be out of date") == 2  # Tumen (Sept. 2025) and Quanhe
    assert "Not confirmed by any dated source" in listing  # Shatuozi has no date


def test_the_stale_flag_follows_the_day(client, ports, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 9, 1))
    assert "more than 12 months" not in client.get("/en/ports/tumen-port/").content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 9, 2))
    assert "more than 12 months" in client.get("/en/ports/tumen-port/").content.decode()


def test_the_list_runs_west_to_east_and_hides_drafts(client, ports):
    response = client.get("/en/ports/")
    assert names(response) == ["Tumen", "Quanhe", "Shatuozi", "Hunchun highway port"]
    assert "Secret crossing" not in response.content.decode()
    assert client.get("/en/ports/draft-port/").status_code == 404


def test_the_list_shows_the_ports_on_the_map(client, ports):
    page = client.get("/en/ports/").content.decode()
    # Tumen on its own; the three Hunchun ports, on one spot, are one group with a dot of each one's colour.
    assert re.search(r'<a class="map-marker" href="/en/ports/tumen-port/"', page)
    group = re.search(r'<g class="map-marker map-group" role="img" data-count="3">(.*?)</g>', page, re.S).group(1)
    assert "Hunchun highway port" in group and "Quanhe" in group and "Shatuozi" in group
    assert 'fill="#6a9a2f"' in group  # the one port open to tourists, with who may cross unconfirmed, is yellow-green
    # Ports serve no map data of their own: map.js is not sent to ask for it (a 404 in every visitor's console).
    assert "data-geojson-url" not in page
    make_attraction(region=ports["tumen"].region, slug="tumen-river-park")
    assert 'data-geojson-url="/en/attractions/map.geojson?' in client.get("/en/attractions/").content.decode()


def test_filter_by_the_country_across(client, ports):
    assert names(client.get("/en/ports/", {"country": "ru"})) == ["Hunchun highway port"]
    assert names(client.get("/en/ports/", {"country": "kp", "county": "hunchun"})) == ["Quanhe", "Shatuozi"]


def test_filter_by_tourists_can_cross_now_with_counts(client, ports):
    response = client.get("/en/ports/", {"open_now": "1"})
    assert names(response) == ["Hunchun highway port"]
    groups = {group.name: group for group in response.context["facet_groups"]}
    countries = {option.value: option.count for option in groups["country"].options}
    assert countries == {"": 1, "kp": 0, "ru": 1}
    assert "Tourists can cross now" in [chip.label for chip in response.context["chips"]]


def test_bad_filter_values_are_left_out_not_errors(client, ports):
    response = client.get("/en/ports/", {"country": "xx", "county": "atlantis"})
    assert response.status_code == 200
    assert len(names(response)) == 4


def test_the_port_list_costs_the_same_queries_with_more_ports(client, ports, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/en/ports/")
    for n in range(8):
        make_port(region=make_region("hunchun"), slug=f"extra-{n}")
    with django_assert_max_num_queries(len(few)):
        client.get("/en/ports/")


def test_viewing_spots_link_to_their_published_attraction_pages(client, ports):
    gate = make_attraction(region=make_region("tumen"), slug="tumen-gate", name_en="Tumen National Gate")
    hidden = make_attraction(region=make_region("tumen"), slug="hidden", name_en="Hidden deck", status=Status.DRAFT)
    ports["tumen"].viewing_attractions.set([gate, hidden])
    page = client.get("/en/ports/tumen-port/").content.decode()
    assert 'href="/en/attractions/tumen-gate/"' in page
    assert "Hidden deck" not in page


def test_the_home_page_says_where_a_traveller_can_cross_today(client, ports):
    page = client.get("/en/").content.decode()
    russia = page.split('data-country="ru"')[1].split("</li>")[0]
    assert "tourists cross at" in russia
    assert 'href="/en/ports/hunchun-highway-port/">Hunchun highway port</a>' in russia
    assert "(who may cross is not confirmed for today)" in russia
    assert "Quanhe" not in page


def test_the_home_page_says_so_when_no_port_is_open(client, ports):
    ports["highway"].tourist_crossing = Crossing.SUSPENDED
    ports["highway"].save()
    page = client.get("/en/").content.decode()
    assert "Russia:</strong>\n    no tourist crossing is open at present" in page


def test_search_finds_published_ports_only(client, ports):
    page = client.get("/en/search/", {"q": "Quanhe"}).content.decode()
    assert 'href="/en/ports/quanhe-port/"' in page
    assert "Secret crossing" not in client.get("/en/search/", {"q": "Secret"}).content.decode()


# Border-area notes -------------------------------------------------------------------------------


def test_notes_stand_out_on_attraction_village_port_and_tour_pages(client):
    hunchun = make_region("hunchun")
    attraction, village, port = make_attraction(region=hunchun), make_village(region=hunchun), make_port(region=hunchun)
    route = make_route(days=[[attraction]])
    make_note(region=hunchun, kind="border-pass", text_en="A border-area pass is checked on the road to Fangchuan.")
    make_note(route=route, kind="road-closure", text_en="The pass road closes in heavy snow.")
    make_note(port=port, kind="photography", text_en="No photographs of the checkpoint.", status=Status.DRAFT)
    route_url = route.get_absolute_url()
    for url in (attraction.get_absolute_url(), village.get_absolute_url(), port.get_absolute_url()):
        page = client.get("/en" + url).content.decode()
        assert 'class="border-notes"' in page
        assert "A border-area pass is checked on the road to Fangchuan." in page
        assert "(all of Hunchun)" in page
        assert "No photographs of the checkpoint." not in page
    tour = client.get("/en" + route_url).content.decode()
    assert "The pass road closes in heavy snow." in tour
    assert "A border-area pass is checked on the road to Fangchuan." in tour


def test_a_tour_page_names_the_stop_or_county_of_each_note_in_a_fixed_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    fangchuan = make_attraction(region=hunchun, name_en="Fangchuan")
    village = make_village(region=tumen, name_en="Baijin")
    hidden = make_attraction(region=make_region("jian"), name_en="Hidden stop", status=Status.DRAFT)
    route = make_route(days=[[fangchuan], [village, hidden]])
    url = "/en" + route.get_absolute_url()
    with CaptureQueriesContext(connection) as without_notes:
        assert client.get(url).status_code == 200
    make_note(attraction=fangchuan, text_en="Passports are checked at the viewpoint.")
    make_note(village=village, text_en="Ask before photographing homes.")
    make_note(region=tumen, text_en="The river bank is a border area.")
    make_note(route=route, text_en="Fuel up in Hunchun.")
    make_note(attraction=hidden, text_en="Note of a hidden stop.")
    make_note(region=make_region("jian"), text_en="Note of a county without a shown stop.")
    with CaptureQueriesContext(connection) as with_notes:
        page = client.get(url).content.decode()
    notes = page.split('class="border-notes"')[1].split("</aside>")[0]
    assert "(Fangchuan)" in notes.split("Passports are checked")[0].rsplit("<li", 1)[1]
    assert "(Baijin)" in notes.split("Ask before photographing")[0].rsplit("<li", 1)[1]
    assert "(all of Tumen)" in notes.split("The river bank")[0].rsplit("<li", 1)[1]
    assert "Fuel up in Hunchun." in notes
    assert "hidden stop" not in notes and "without a shown stop" not in notes
    assert len(with_notes) == len(without_notes)


def test_a_page_without_notes_has_no_notes_box(client):
    attraction = make_attraction(region=make_region("jian"))
    assert 'class="border-notes"' not in client.get("/en" + attraction.get_absolute_url()).content.decode()


def test_notes_show_in_print():
    """The print stylesheet keeps the notes box (and the route printout) visible."""
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    print_rules = css.split("Ports of entry, border-area notes")[1]
    assert "@media print" in print_rules
    assert ".border-notes { display: block !important;" in print_rules


def test_a_port_shows_its_practical_facts_with_their_age(client, set_day):
    port = make_port(slug="quanhe-port")
    verified_on = datetime.date(2025, 4, 17)
    text = "口岸通关时间8:30-16:30。"
    PortFact.objects.create(port=port, topic=FactTopic.HOURS, text_zh_hans=text, verified_on=verified_on)
    set_day(datetime.date(2026, 5, 1))
    page = client.get(port.get_absolute_url()).content.decode()
    assert "口岸通关时间8:30-16:30。" in page and "核实日期：" in page and "已超过12个月，可能已过时" in page
    assert "/before-you-go/" in page
