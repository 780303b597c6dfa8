"""Cards kept rendered by what they show (listings/fragments.py): with the page cache off, a list renders only the
cards that changed, and a card never shows what it showed before an edit."""

import pytest
from django.test import override_settings

from attractions.models import AttractionPhoto
from attractions.tests.factories import make_attraction
from listings.tests.factories import make_region
from routes.tests.factories import make_route

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


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Nothing listens on port 9: every request to this cache fails at once.
        "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    },
    PAGE_CACHE_ALIAS="down",
)
def test_a_cache_that_is_down_costs_a_rendering_not_the_page(client):
    make_attraction(slug="tianchi", name_en="Heaven Lake")
    response = client.get("/en/attractions/")
    assert response.status_code == 200
    assert "Heaven Lake" in response.content.decode()
    assert rendered_cards(response) == 1
