"""Cards kept rendered by what they show (listings/fragments.py): with the page cache off, a list renders only the
cards that changed, and a card never shows what it showed before an edit."""

import datetime

import pytest
from django.test import override_settings

from attractions.models import Attraction, AttractionPhoto
from attractions.tests.factories import make_attraction
from hubs.tests.factories import make_hub
from listings.fragments import table_stamp
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

CARD = "includes/place_card.html"


@pytest.fixture
def fragment_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # the pages are rendered every time; only the cards may come from the cache
    settings.FRAGMENT_CACHE_ENABLED = True


def rendered_cards(response, template=CARD):
    return sum(1 for t in response.templates if t.name == template)


def test_a_list_shown_again_takes_its_cards_from_the_cache_and_shows_the_same_page(client):
    for n in range(3):
        make_attraction(slug=f"place-{n}", name_en=f"Place {n}")
    first = client.get("/en/attractions/")
    again = client.get("/en/attractions/")
    assert rendered_cards(first) == 3
    assert rendered_cards(again) == 0
    assert again.content == first.content
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        assert client.get("/en/attractions/").content == first.content


def test_an_edited_attraction_shows_its_new_name_on_the_list_at_once(client):
    place = make_attraction(slug="tianchi", name_en="Heaven Lake")
    make_attraction(slug="other", name_en="Other Place")
    assert "Heaven Lake" in client.get("/en/attractions/").content.decode()
    place.name_en = "Tianchi Crater Lake"
    place.save()
    response = client.get("/en/attractions/")
    page = response.content.decode()
    assert "Tianchi Crater Lake" in page
    assert "Heaven Lake" not in page
    assert rendered_cards(response) == 1  # the other card did not change: it came from the cache


def test_a_card_is_kept_per_language(client):
    make_attraction(slug="tianchi", name_zh_hans="天池", name_en="Heaven Lake", name_ko="천지")
    client.get("/en/attractions/")
    assert "천지" in client.get("/ko/attractions/").content.decode()
    assert "Heaven Lake" in client.get("/en/attractions/").content.decode()
    assert "天池" in client.get("/attractions/").content.decode()


def test_a_new_cover_photo_text_shows_on_the_card_though_the_listing_was_not_saved(client):
    place = make_attraction(slug="tianchi", name_en="Heaven Lake")
    photo = AttractionPhoto.objects.create(
        attraction=place, image="photos/2026/01/lake.jpg", width=1600, height=1200, alt_text_en="Blue water"
    )
    assert 'alt="Blue water"' in client.get("/en/attractions/").content.decode()
    photo.alt_text_en = "The crater lake under snow"
    photo.save()
    page = client.get("/en/attractions/").content.decode()
    assert 'alt="The crater lake under snow"' in page
    assert "Blue water" not in page


def test_a_renamed_county_shows_on_the_cards_of_its_places(client):
    county = make_region("hunchun")
    make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    assert "Hunchun" in client.get("/en/attractions/").content.decode()
    county.name_en = "Hunchun City"
    county.save()
    assert "Hunchun City" in client.get("/en/attractions/").content.decode()


def test_an_edited_tour_shows_its_new_title_in_search_and_on_the_tours_list(client):
    route = make_route(slug="yalu", title_en="Along the Yalu", title_zh_hans="鸭绿江之旅")
    client.get("/en/routes/")
    client.get("/en/search/?q=yalu")
    route.title_en = "The Yalu in two days"
    route.save()
    for path in ("/en/routes/", "/en/search/?q=yalu"):
        page = client.get(path).content.decode()
        assert "The Yalu in two days" in page
        assert "Along the Yalu" not in page


def test_the_first_card_loads_its_photo_first_and_the_others_lazily(client):
    for n in range(2):
        place = make_attraction(slug=f"place-{n}", name_en=f"Place {n}")
        AttractionPhoto.objects.create(
            attraction=place, image=f"photos/2026/01/p{n}.jpg", width=800, height=600, alt_text_en=f"Photo {n}"
        )
    client.get("/en/attractions/?sort=name")
    for sort in ("name", "newest"):  # the same cards in the other order: each at its new place
        page = client.get(f"/en/attractions/?sort={sort}").content.decode()
        first, second = page.index('class="card-image"'), page.rindex('class="card-image"')
        assert 'fetchpriority="high"' in page[first : page.index("</picture>", first)]
        assert 'loading="lazy"' in page[second : page.index("</picture>", second)]


def test_a_cache_that_is_down_costs_a_rendering_not_the_page(client, page_cache_down):
    make_attraction(slug="tianchi", name_en="Heaven Lake")
    response = client.get("/en/attractions/")
    assert response.status_code == 200
    assert "Heaven Lake" in response.content.decode()
    assert rendered_cards(response) == 1


# A place's neighbours, kept by the state of the places' and counties' tables -----------------------------------


def nearby_section(client, path):
    page = client.get(path).content.decode()
    start = page.find('id="nearby-heading"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_a_neighbour_renamed_moved_unpublished_or_deleted_shows_so_on_the_place_page(client):
    county = make_region("hunchun")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    lake = make_attraction(region=county, slug="lake", name_en="Crane Lake")
    village = make_village(region=county, slug="jingxin", name_en="Jingxin Village")
    path = "/en/attractions/fangchuan/"
    first = nearby_section(client, path)
    assert "Crane Lake" in first and "Jingxin Village" in first
    assert nearby_section(client, path) == first  # the second time from the cache, the same

    lake.name_en = "Crane Lake Wetland"
    lake.save()
    assert "Crane Lake Wetland" in nearby_section(client, path)

    lake.latitude, lake.longitude = place.latitude + 2, place.longitude  # some 220 km north: no longer near
    lake.save()
    assert "Crane Lake" not in nearby_section(client, path)

    village.status = "draft"
    village.save()
    assert "Jingxin Village" not in nearby_section(client, path)

    newcomer = make_village(region=county, slug="new", name_en="New Village")
    assert "New Village" in nearby_section(client, path)
    newcomer.delete()
    assert "New Village" not in nearby_section(client, path)


def test_the_place_itself_moved_gets_its_new_neighbours(client):
    county, far = make_region("hunchun"), make_region("jian")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    make_attraction(region=county, slug="near-hunchun", name_en="Near Hunchun")
    make_attraction(region=far, slug="near-jian", name_en="Near Jian")
    assert "Near Hunchun" in nearby_section(client, "/en/attractions/fangchuan/")
    place.region, place.latitude, place.longitude = far, far.latitude + 0.01, far.longitude + 0.01
    place.save()
    section = nearby_section(client, "/en/attractions/fangchuan/")
    assert "Near Jian" in section
    assert "Near Hunchun" not in section


def test_a_renamed_county_shows_in_the_county_section(client):
    county = make_region("hunchun")
    make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    make_attraction(region=county, slug="somewhere", name_en="Somewhere", position_is_approximate=True)
    assert "Also in" in nearby_section(client, "/en/attractions/fangchuan/")
    county.name = county.name_en = "Hunchun City"
    county.save()
    assert "Hunchun City" in nearby_section(client, "/en/attractions/fangchuan/")


def test_a_hub_renamed_added_or_unpublished_shows_on_the_place_page(client):
    county = make_region("hunchun")
    make_village(region=county, slug="jingxin", name_en="Jingxin Village")
    station = make_hub(
        slug="hunchun-station", name_en="Hunchun Station", region=county, latitude=42.87, longitude=130.35
    )
    path = "/en/villages/jingxin/"
    assert "Hunchun Station" in client.get(path).content.decode()
    station.name_en = "Hunchun Railway Station"
    station.save()
    assert "Hunchun Railway Station" in client.get(path).content.decode()
    make_hub(slug="airport", name_en="Yanji Airport", region=county, latitude=42.88, longitude=129.45)
    assert "Yanji Airport" in client.get(path).content.decode()
    station.status = "draft"
    station.save()
    assert "Hunchun Railway Station" not in client.get(path).content.decode()


def test_the_stamp_changes_when_a_row_is_saved_by_a_clock_behind_the_latest_save(set_day):
    """Three nodes' clocks differ: a save stamped earlier than the table's latest change still changes the stamp
    (the kept sections of a place page read by it would otherwise stay as they were)."""
    region = make_region("hunchun")
    ahead, behind = make_attraction(region=region, slug="ahead"), make_attraction(region=region, slug="behind")
    set_day(datetime.date(2027, 7, 15))
    ahead.save()
    before = table_stamp([Attraction])
    set_day(datetime.date(2027, 4, 15))
    behind.status = "draft"
    behind.save()
    assert table_stamp([Attraction]) != before
