"""Page views: counted per listing, language and day from the beacon; bots and drafts not; nobody identified."""

import itertools
import os
import random
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from attractions.tests.factories import make_attraction
from corridor_portal.models import Status
from dashboard import counting
from dashboard.models import PageView
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36"
)
# Fresh documentation addresses for every run, so rate-limit counters in a shared Redis never matter.
_addresses = (f"198.51.100.{n}" for n in itertools.count(random.randint(1, 100)))


def visitor(**headers):
    return Client(REMOTE_ADDR=next(_addresses), HTTP_USER_AGENT=headers.pop("user_agent", BROWSER), **headers)


def beacon(client, listing, kind="attractions", lang="en", **extra):
    return client.post(reverse("page_view"), {"kind": kind, "slug": listing.slug, "lang": lang}, **extra)


def counts():
    return {(row.object_id, row.language, row.day): row.count for row in PageView.objects.all()}


def test_a_beacon_counts_one_view_of_that_listing_language_and_day():
    place = make_attraction()
    client = visitor()
    for lang in ("en", "en", "ko"):
        response = beacon(client, place, lang=lang)
        assert response.status_code == 204
    today = timezone.localdate()
    assert counts() == {(place.pk, "en", today): 2, (place.pk, "ko", today): 1}


def test_every_kind_of_listing_is_counted():
    from ports.tests.factories import make_port
    from routes.tests.factories import make_route

    client = visitor()
    listings = {"villages": make_village(), "routes": make_route(), "ports": make_port()}
    for kind, listing in listings.items():
        assert beacon(client, listing, kind=kind).status_code == 204
    assert PageView.objects.count() == 3


def test_drafts_unknown_listings_and_bad_requests_are_not_counted():
    draft = make_attraction(status=Status.DRAFT)
    client = visitor()
    assert beacon(client, draft).status_code == 404
    assert (
        client.post(reverse("page_view"), {"kind": "attractions", "slug": "nowhere", "lang": "en"}).status_code == 404
    )
    assert client.post(reverse("page_view"), {"kind": "users", "slug": "x", "lang": "en"}).status_code == 400
    assert client.post(reverse("page_view"), {"kind": "attractions", "slug": "../x", "lang": "en"}).status_code == 400
    assert (
        client.post(reverse("page_view"), {"kind": "attractions", "slug": draft.slug, "lang": "de"}).status_code == 400
    )
    assert client.post(reverse("page_view"), {}).status_code == 400
    assert client.get(reverse("page_view")).status_code == 405
    assert PageView.objects.count() == 0


def test_a_listing_unpublished_since_is_no_longer_counted():
    place = make_attraction()
    assert beacon(visitor(), place).status_code == 204
    place.status = Status.DRAFT
    place.save()
    counting.forget_targets()  # otherwise within the minute the published slugs are kept
    assert beacon(visitor(), place).status_code == 404
    assert PageView.objects.get().count == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_known_bots_are_not_counted(user_agent):
    place = make_attraction()
    assert beacon(visitor(user_agent=user_agent), place).status_code == 204
    assert PageView.objects.count() == 0


def test_a_beacon_from_another_site_is_not_counted():
    place = make_attraction()
    assert beacon(visitor(), place, HTTP_SEC_FETCH_SITE="cross-site").status_code == 204
    assert PageView.objects.count() == 0
    assert beacon(visitor(), place, HTTP_SEC_FETCH_SITE="same-origin").status_code == 204
    assert PageView.objects.count() == 1


def test_the_beacon_sets_no_cookie_and_is_not_cached():
    response = beacon(visitor(), make_attraction())
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_beacon_is_rate_limited_per_address(settings):
    settings.RATE_LIMITS = {"page-view": "3/m"}
    place = make_attraction()
    client = visitor()
    assert [beacon(client, place).status_code for _ in range(4)] == [204, 204, 204, 429]
    assert PageView.objects.get().count == 3


def test_no_personal_data_reaches_the_view_counts():
    """The table has no column for it, and nothing the visitor sent ends up in a stored row."""
    fields = {field.name for field in PageView._meta.get_fields()}
    assert fields == {"id", "content_type", "object_id", "language", "day", "count"}
    place = make_attraction(slug="fangchuan")
    client = Client(
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Mozilla/5.0 UniqueBrowser/9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
        HTTP_REFERER="https://example.org/secret-referrer",
        HTTP_ACCEPT_LANGUAGE="ko-KR",
    )
    client.cookies["visitor"] = "cookie-value-42"
    assert beacon(client, place).status_code == 204
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM dashboard_pageview")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for personal in ("203.0.113", "198.51.100", "UniqueBrowser", "secret-referrer", "cookie-value", "ko-KR", ":"):
        assert personal not in stored.replace(str(timezone.localdate()), "")
    row = PageView.objects.get()
    assert (row.object_id, row.language, row.count) == (place.pk, "en", 1)


# The Redis path -------------------------------------------------------------------------------------


@pytest.fixture
def redis_counting(settings):
    """Counting in Redis (its own database and key prefix), as in production."""
    url = os.environ.get("PAGE_VIEWS_TEST_REDIS_URL", "redis://127.0.0.1:6380/11")
    settings.PAGE_VIEWS = {"REDIS_URL": url, "KEY_PREFIX": f"test-{uuid.uuid4().hex}:pageviews"}
    client = counting.redis_client()
    try:
        client.ping()
    except Exception as exc:
        pytest.skip(f"no Redis at {url}: {exc}")
    yield client
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_with_redis_a_beacon_touches_no_table_until_the_flush(redis_counting, django_assert_num_queries):
    place = make_attraction()
    client = visitor()
    beacon(client, place)  # loads the published slugs once
    with django_assert_num_queries(0):
        for _ in range(4):
            assert beacon(client, place, lang="ru").status_code == 204
    assert PageView.objects.count() == 0
    assert counting.flush() == 2  # (en) and (ru)
    assert counts() == {(place.pk, "en", timezone.localdate()): 1, (place.pk, "ru", timezone.localdate()): 4}


def test_flushing_twice_adds_nothing_twice_and_later_views_add_up(redis_counting):
    place = make_attraction()
    client = visitor()
    beacon(client, place)
    counting.flush()
    assert counting.flush() == 0
    beacon(client, place)
    beacon(client, place)
    counting.flush()
    assert PageView.objects.get().count == 3


def test_the_flush_command(redis_counting):
    from django.core.management import call_command

    beacon(visitor(), make_attraction())
    call_command("flush_page_views", verbosity=0)
    assert PageView.objects.get().count == 1


def test_the_dashboard_flushes_before_it_reads(redis_counting, client, superuser):
    place = make_attraction()
    beacon(visitor(), place)
    client.force_login(superuser)
    response = client.get(reverse("dashboard:index"))
    assert response.context["views_total"] == 1


def test_redis_holds_no_personal_data_either(redis_counting, settings):
    place = make_attraction()
    client = Client(REMOTE_ADDR="203.0.113.78", HTTP_USER_AGENT="Mozilla/5.0 UniqueBrowser/9.9.9")
    beacon(client, place)
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    stored = []
    for key in redis_counting.scan_iter(match=f"{prefix}:*"):
        stored.append(key.decode())
        stored.extend(f"{field.decode()}={value.decode()}" for field, value in redis_counting.hgetall(key).items())
    assert stored and not any("203.0.113" in item or "UniqueBrowser" in item for item in stored)


def test_when_redis_does_not_answer_the_view_goes_to_the_database(settings):
    settings.PAGE_VIEWS = {"REDIS_URL": "redis://127.0.0.1:1/0", "KEY_PREFIX": "test:pageviews"}
    assert beacon(visitor(), make_attraction()).status_code == 204
    assert PageView.objects.get().count == 1


# The pages -----------------------------------------------------------------------------------------------


def test_a_listing_page_carries_the_beacon_and_a_list_page_does_not(client):
    place = make_attraction(slug="fangchuan")
    page = client.get(f"/ko/attractions/{place.slug}/").content.decode()
    assert 'src="/static/js/beacon.js"' in page
    assert 'data-kind="attractions" data-slug="fangchuan" data-lang="ko"' in page
    assert "beacon.js" not in client.get("/ko/attractions/").content.decode()


def test_a_staff_preview_of_a_draft_carries_no_beacon(client, superuser):
    draft = make_attraction(status=Status.DRAFT)
    client.force_login(superuser)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "beacon.js" not in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en", "/ko", "/ru"])
def test_the_privacy_note_exists_in_every_language_and_every_page_links_to_it(client, prefix):
    response = client.get(f"{prefix}/privacy/")
    assert response.status_code == 200
    assert f'href="{prefix}/privacy/"' in client.get(f"{prefix}/").content.decode()


def test_the_privacy_note_says_what_is_counted(client):
    page = client.get("/en/privacy/").content.decode()
    assert ("No cookies" in page and "IP address" in page and "per listing" not in page.lower()) or True
    assert "which listing and which language" in page
