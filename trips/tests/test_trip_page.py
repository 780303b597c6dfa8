"""The trip page read from its address (/trip/?items=…): what a visitor sees without JavaScript, or on a phone
that opened a shared link."""

import pytest

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from listings.geometry import great_circle_km
from listings.models import Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from stays.tests.factories import make_stay
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    return {
        "fangchuan": make_attraction(
            slug="fangchuan", name_en="Fangchuan", region=hunchun, latitude=42.43, longitude=130.60
        ),
        "tumen-bridge": make_attraction(
            slug="tumen-bridge", name_en="Tumen bridge", region=tumen, latitude=42.96, longitude=129.84
        ),
        "somewhere": make_village(
            slug="somewhere", name_en="Somewhere village", region=tumen, position_is_approximate=True
        ),
    }


def test_the_shared_link_shows_the_items_by_day_with_the_known_straight_line_distance(client, places):
    response = client.get("/en/trip/?items=attractions:tumen-bridge@2,attractions:fangchuan@1,villages:somewhere@2")
    assert response.status_code == 200
    html = response.content.decode()
    # Day 1 first, whatever the address's order; inside a day, the address's order.
    assert html.index("Day 1") < html.index("Fangchuan") < html.index("Day 2") < html.index("Tumen bridge")
    assert html.index("Tumen bridge") < html.index("Somewhere village")
    km = great_circle_km(42.43, 130.60, 42.96, 129.84)
    assert f"{km:.1f} km in a straight line from the item before" in html
    # The village's position is its county seat: no distance is made up from it.
    assert "Distance from the item before not known: an exact position is not known (approximate position)." in html
    assert "one distance is not known" in html
    assert 'href="/en/attractions/fangchuan/"' in html


def test_a_border_tour_has_no_single_position_and_an_event_at_a_place_is_at_that_place(client, places):
    make_route(slug="three-countries", title_en="Three countries", days=[[places["fangchuan"]]])
    make_event(slug="kite-day", name_en="Kite day", attraction=places["tumen-bridge"])
    response = client.get("/en/trip/?items=routes:three-countries@1,events:kite-day@1,attractions:fangchuan@1")
    html = response.content.decode()
    assert "Three countries" in html and "Kite day" in html
    assert (
        "No distance from the item before: a Border Tour, or an event without a place, has no single position." in html
    )
    km = great_circle_km(42.96, 129.84, 42.43, 130.60)
    assert f"{km:.1f} km in a straight line from the item before" in html


def test_a_draft_or_an_unknown_item_is_left_out_and_the_page_says_so(client, places):
    make_attraction(slug="secret", name_en="Secret draft", status=Status.DRAFT)
    response = client.get(
        "/en/trip/?items=attractions:fangchuan@1,attractions:secret@1,nonsense:thing@1,villages:gone@2"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Secret draft" not in html
    assert "3 saved items are no longer on the portal (unpublished or removed); they are left out." in html
    # The page's own address (share link, changes) holds only what is still there.
    assert 'data-trip-items="attractions:fangchuan@1"' in html


def test_the_links_that_change_the_trip_work_without_javascript(client, places):
    response = client.get("/en/trip/?items=attractions:fangchuan@1,attractions:tumen-bridge@1")
    html = response.content.decode()
    assert 'href="/en/trip/?items=attractions:tumen-bridge@1,attractions:fangchuan@1"' in html  # move up / down
    assert 'href="/en/trip/?items=attractions:fangchuan@1,attractions:tumen-bridge@2"' in html  # to the next day
    assert 'href="/en/trip/?items=attractions:tumen-bridge@1"' in html  # remove Fangchuan


def test_the_share_link_and_its_qr_code_are_on_the_page(client, places):
    html = client.get("/en/trip/?items=attractions:fangchuan@1").content.decode()
    assert "http://testserver/en/trip/?items=attractions:fangchuan@1" in html
    assert 'class="qr-code"' in html


def test_a_first_day_gives_the_days_dates_and_a_bad_one_is_a_form_error(client, places):
    html = client.get(
        "/en/trip/?items=attractions:fangchuan@1,attractions:tumen-bridge@2&start=2027-05-01"
    ).content.decode()
    assert 'datetime="2027-05-02"' in html
    assert "/en/trip/ics/?items=attractions:fangchuan@1,attractions:tumen-bridge@2&amp;start=2027-05-01" in html
    response = client.get("/en/trip/?items=attractions:fangchuan@1&start=1066-10-14")
    assert response.status_code == 200
    assert "Give a date between the years 2000 and 2100." in response.content.decode()
    response = client.get("/en/trip/", {"items": "attractions:fangchuan@1", "start": "2027-05-01\x00"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_the_empty_trip_page_says_how_to_save(client):
    html = client.get("/en/trip/").content.decode()
    assert "Nothing is saved yet." in html


@pytest.mark.parametrize(
    "items",
    [
        "attractions:fangchuan@1\x00",
        "attractions:fangchuan@99",
        "<script>alert(1)</script>",
        "attractions:fangchuan@1,,;DROP TABLE",
        ",".join(f"attractions:a{n}@1" for n in range(51)),
        "x" * 10_000,
    ],
    ids=["nul", "day-99", "markup", "garbage", "51-items", "huge"],
)
def test_a_damaged_trip_link_is_a_400_not_a_500(client, items):
    for address in ("/en/trip/", "/en/trip/gpx/", "/en/trip/ics/"):
        assert client.get(address, {"items": items}).status_code == 400


def test_fifty_items_are_a_trip(client, places):
    items = ",".join(f"attractions:a{n}@1" for n in range(49)) + ",attractions:fangchuan@1"
    response = client.get("/en/trip/", {"items": items})
    assert response.status_code == 200
    assert "49 saved items are no longer on the portal" in response.content.decode()


def test_every_detail_page_offers_to_save_it(client, places):
    route = make_route(slug="three-countries", days=[[places["fangchuan"]]])
    event = make_event(slug="kite-day", attraction=places["fangchuan"])
    for url, item in (
        ("/en/attractions/fangchuan/", "attractions:fangchuan@1"),
        ("/en/villages/somewhere/", "villages:somewhere@1"),
        (f"/en{route.get_absolute_url()}", "routes:three-countries@1"),
        (f"/en{event.get_absolute_url()}", "events:kite-day@1"),
    ):
        html = client.get(url).content.decode()
        assert "Save to my trip" in html, url
        assert f"/trip/?items={item}" in html, url


@pytest.mark.parametrize(
    ("prefix", "title", "save"),
    [
        ("", "我的行程", "保存到我的行程"),
        ("/ko", "내 여행", "내 여행에 저장"),
        ("/ru", "Моя поездка", "Сохранить в мою поездку"),
    ],
)
def test_the_trip_and_its_button_speak_the_visitors_language(client, places, prefix, title, save):
    html = client.get(f"{prefix}/trip/?items=attractions:fangchuan@1").content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f"{prefix}/trip/?items=attractions:fangchuan@1" in html
    assert save in client.get(f"{prefix}/attractions/fangchuan/").content.decode()


def test_no_known_distance_is_never_written_as_zero_km(client, places):
    make_route(slug="three-countries", days=[[places["fangchuan"]]])
    html = client.get("/en/trip/?items=attractions:fangchuan@1,routes:three-countries@1,villages:somewhere@1").content
    assert "No straight-line distance between these items is known." in html.decode()
    assert "0.0 km" not in html.decode()


def test_a_place_to_stay_is_saved_and_measured_like_a_place(client, places):
    stay = make_stay(
        slug="nanmao-hotel", name_en="Nanmao Hotel", region=places["fangchuan"].region, latitude=42.45, longitude=130.5
    )
    html = client.get(f"/en{stay.get_absolute_url()}").content.decode()
    assert "Save to my trip" in html and "/trip/?items=stays:nanmao-hotel@1" in html
    trip = client.get("/en/trip/?items=attractions:fangchuan@1,stays:nanmao-hotel@1").content.decode()
    assert "Nanmao Hotel" in trip
    km = great_circle_km(42.43, 130.60, 42.45, 130.5)
    assert f"{km:.1f} km in a straight line from the item before" in trip
