"""Anonymous pages come from the shared cache, change the moment staff change something, and never leak.

These tests turn the page cache on (test_settings turns it off for everyone else) with a Redis database
of their own and a key prefix of their own, so parallel test runs never see each other's pages.
"""

import datetime
import os
import uuid
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from corridor_portal import cache as page_cache
from listings.models import Source, Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from staff.tests.factories import empty_inlines

pytestmark = pytest.mark.django_db

REDIS_TEST_DB = 12


def redis_location():
    """The project's Redis (REDIS_URL, or the one `make test` starts), database 12."""
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    return f"{parts.scheme}://{parts.netloc}/{REDIS_TEST_DB}"


@pytest.fixture(autouse=True)
def shared_cache():
    caches = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": redis_location(),
            "KEY_PREFIX": f"test-page-cache-{uuid.uuid4().hex}",
            "TIMEOUT": 120,
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ENABLED=True):
        yield


@pytest.fixture
def listing():
    return make_attraction(
        region=make_region("hunchun"), slug="fangchuan-gate", name_zh_hans="防川国门", name_en="Fangchuan Gate"
    )


def change_form_data(attraction, **changes):
    """The admin change form of `attraction` as an editor submits it, with `changes`."""
    data = {
        "name_zh_hans": attraction.name_zh_hans,
        "name_en": attraction.name_en,
        "slug": attraction.slug,
        "category": attraction.category,
        "region": attraction.region_id,
        "status": attraction.status,
        "written_in": attraction.written_in,
        "a_level": 0,
        "latitude": attraction.latitude,
        "longitude": attraction.longitude,
        **empty_inlines(Attraction),
    }
    return {**data, **changes}


def test_a_second_anonymous_request_runs_no_query(client, listing, django_assert_num_queries):
    first = client.get("/en/attractions/")
    assert first.status_code == 200
    assert first[page_cache.CACHE_STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/attractions/")
    assert second[page_cache.CACHE_STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert "Fangchuan Gate" in second.content.decode()
    assert second["Content-Language"] == "en"
    assert client.get("/en/attractions/fangchuan-gate/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/en/attractions/fangchuan-gate/")[page_cache.CACHE_STATUS_HEADER] == "hit"
    with django_assert_num_queries(0):
        assert client.head("/en/attractions/")[page_cache.CACHE_STATUS_HEADER] == "hit"


def test_a_page_cached_before_midnight_is_not_served_the_next_day(client, listing, set_day):
    """The home page's "this month" and the events' age change at midnight in Beijing, with no edit."""
    set_day(datetime.date(2027, 1, 31))
    assert client.get("/en/")[page_cache.CACHE_STATUS_HEADER] == "miss"
    assert client.get("/en/")[page_cache.CACHE_STATUS_HEADER] == "hit"
    set_day(datetime.date(2027, 2, 1))
    assert client.get("/en/")[page_cache.CACHE_STATUS_HEADER] == "miss"


def test_a_change_in_the_admin_shows_on_the_next_anonymous_request(admin_client, client, listing):
    assert "Fangchuan Gate" in client.get("/en/attractions/").content.decode()
    assert "Fangchuan Gate" in client.get("/en/attractions/fangchuan-gate/").content.decode()

    url = reverse("admin:attractions_attraction_change", args=[listing.pk])
    response = admin_client.post(url, change_form_data(listing, name_en="Fangchuan National Gate"))
    assert response.status_code == 302

    page = client.get("/en/attractions/")
    assert page[page_cache.CACHE_STATUS_HEADER] == "miss"
    assert "Fangchuan National Gate" in page.content.decode()
    assert "Fangchuan National Gate" in client.get("/en/attractions/fangchuan-gate/").content.decode()

    # Unpublished: gone from the list and the page at once.
    response = admin_client.post(url, change_form_data(listing, name_en="Fangchuan National Gate", status="draft"))
    assert response.status_code == 302
    assert "Fangchuan National Gate" not in client.get("/en/attractions/").content.decode()
    assert client.get("/en/attractions/fangchuan-gate/").status_code == 404


def test_a_draft_never_appears_in_a_cached_page(client, listing):
    assert client.get("/en/attractions/").status_code == 200
    draft = make_attraction(region=listing.region, slug="hidden-draft", name_en="Hidden draft", status=Status.DRAFT)
    assert "Hidden draft" not in client.get("/en/attractions/").content.decode()
    assert "Hidden draft" not in client.get("/en/search/?q=hidden").content.decode()
    assert client.get("/en/attractions/hidden-draft/").status_code == 404

    draft.status = Status.PUBLISHED
    draft.save()
    assert "Hidden draft" in client.get("/en/attractions/").content.decode()
    draft.delete()
    assert "Hidden draft" not in client.get("/en/attractions/").content.decode()


def test_a_signed_in_users_pages_are_never_stored_nor_served_from_the_cache(admin_client, client, listing):
    draft = make_attraction(region=listing.region, slug="staff-draft", name_en="Staff draft", status=Status.DRAFT)
    assert client.get("/en/attractions/").status_code == 200  # an anonymous page is now cached

    staff_list = admin_client.get("/en/attractions/")
    assert page_cache.CACHE_STATUS_HEADER not in staff_list  # neither served from the cache…
    preview = admin_client.get("/en/attractions/staff-draft/")
    assert preview.status_code == 200
    assert "Staff draft" in preview.content.decode()
    assert page_cache.CACHE_STATUS_HEADER not in preview  # …nor stored

    # The visitor still gets a 404, even right after the preview.
    assert client.get("/en/attractions/staff-draft/").status_code == 404
    assert "Staff draft" not in client.get("/en/attractions/").content.decode()
    assert draft.pk


def test_each_language_filter_and_fragment_has_its_own_cached_page(client, listing):
    english = client.get("/en/attractions/")
    chinese = client.get("/attractions/")
    assert "Fangchuan Gate" in english.content.decode()
    assert "防川国门" in chinese.content.decode()
    assert chinese["Content-Language"] == "zh-hans"

    fragment = client.get("/en/attractions/", headers={"X-Requested-With": "fetch"})
    assert fragment.content != english.content
    assert b"<html" not in fragment.content
    again = client.get("/en/attractions/")
    assert again[page_cache.CACHE_STATUS_HEADER] == "hit"
    assert again.content == english.content

    filtered = client.get("/en/attractions/?category=historical")
    assert filtered[page_cache.CACHE_STATUS_HEADER] == "miss"
    assert "Fangchuan Gate" not in filtered.content.decode()


def test_pages_answer_conditional_requests_with_304(client, listing):
    first = client.get("/en/attractions/fangchuan-gate/")
    etag = first["ETag"]
    assert etag
    cached = client.get("/en/attractions/fangchuan-gate/", headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.content == b""

    listing.name_en = "Renamed gate"
    listing.save()
    changed = client.get("/en/attractions/fangchuan-gate/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_saves_outside_the_admin_and_link_changes_make_pages_stale(listing):
    """Imports, management commands and the shell save through the ORM: the version moves with them."""
    before = page_cache.current_version()
    route = make_route(slug="whole-border", title_en="Whole border", days=[[listing]])
    after_route = page_cache.current_version()
    assert after_route > before
    listing.sources.add(Source.objects.create(key="S99", citation="example.org"))
    assert page_cache.current_version() > after_route
    route.delete()
    assert page_cache.current_version() > after_route + 1


def test_a_page_holding_a_csrf_token_or_setting_a_cookie_is_not_stored():
    from django.http import HttpResponse

    request = RequestFactory().get("/en/")
    request.META["CSRF_COOKIE_USED"] = True
    assert not page_cache.is_cacheable_response(request, HttpResponse("<form>"))

    request = RequestFactory().get("/en/")
    with_cookie = HttpResponse("hello")
    with_cookie.set_cookie("visitor", "1")
    assert not page_cache.is_cacheable_response(request, with_cookie)
    private = HttpResponse("hello", headers={"Cache-Control": "private"})
    assert not page_cache.is_cacheable_response(request, private)
    assert page_cache.is_cacheable_response(request, HttpResponse("hello"))


def test_error_pages_and_health_checks_are_not_stored(client):
    assert client.get("/en/attractions/no-such-place/").status_code == 404
    assert page_cache.CACHE_STATUS_HEADER not in client.get("/en/attractions/no-such-place/")
    assert page_cache.CACHE_STATUS_HEADER not in client.get("/healthz")


def test_pages_still_answer_when_the_cache_is_down(client, listing):
    dead = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=dead):
        response = client.get("/en/attractions/")
    assert response.status_code == 200
    assert "Fangchuan Gate" in response.content.decode()


def test_a_tour_page_made_from_its_kept_parts_still_declares_each_stop_to_the_page_cache(client, settings, listing):
    """With the fragment cache on, a tour's page at a second address is made from its kept parts and the tour's bare
    row (no stops read): the page cache must still know it shows each stop's place."""
    settings.FRAGMENT_CACHE_ENABLED = True
    make_route(days=[[listing]], slug="edge", title_en="Edge of Three Countries")
    assert client.get("/en/routes/edge/")[page_cache.CACHE_STATUS_HEADER] == "miss"  # rendered: its parts kept
    shared = "/en/routes/edge/?from=newsletter"
    assert client.get(shared)[page_cache.CACHE_STATUS_HEADER] == "miss"  # from the kept parts
    assert client.get(shared)[page_cache.CACHE_STATUS_HEADER] == "hit"
    listing.name_en = "Fangchuan National Gate"
    listing.save()
    after = client.get(shared)
    assert after[page_cache.CACHE_STATUS_HEADER] == "miss"
    assert "Fangchuan National Gate" in after.content.decode()
