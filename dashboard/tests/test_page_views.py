"""Page views: counted where a listing's page is served — from the page cache or not — once per listing, client and
day, in the language first read; 304s, list pages, bots, prefetches, previews and missing pages not; nobody
identified."""

import datetime
import os
import uuid
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from attractions.tests.factories import make_attraction
from corridor_portal import clock
from dashboard import counting
from dashboard.models import PageView
from events.models import Recurrence
from events.tests.factories import make_event
from listings import page_views
from listings.models import SlugRedirect, Status
from ports.tests.factories import make_port
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36"
)
HEADER = page_views.COUNTED_VIEW_HEADER


def visitor(user_agent=BROWSER, **headers):
    return Client(HTTP_USER_AGENT=user_agent, **headers) if user_agent is not None else Client(**headers)


def visitors(number):
    """`number` different clients: each from an address of its own."""
    return [visitor(REMOTE_ADDR=f"203.0.113.{n + 1}") for n in range(number)]


def counts():
    """What PostgreSQL holds once this process's buffer is sent on: {(object id, language, day): views}."""
    counting.flush_buffer()
    return {(row.object_id, row.language, row.day): row.count for row in PageView.objects.all()}


def total():
    return sum(counts().values())


# Which requests count ------------------------------------------------------------------------------------


def test_a_listing_page_counts_one_view_per_client_and_day_in_the_language_first_read():
    place = make_attraction(slug="fangchuan")
    first, second, third = visitors(3)
    for client, prefix in ((first, "/en"), (first, "/en"), (first, "/ko"), (second, "/ko"), (third, "")):
        assert client.get(f"{prefix}/attractions/fangchuan/").status_code == 200
    today = clock.today()
    assert counts() == {(place.pk, "en", today): 1, (place.pk, "ko", today): 1, (place.pk, "zh-hans", today): 1}


def test_thirty_requests_of_one_client_are_one_view():
    place = make_attraction()
    client = visitor(REMOTE_ADDR="198.51.100.7")
    for _ in range(30):
        assert client.get(place.get_absolute_url()).status_code == 200
    assert total() == 1


def test_a_client_is_its_address_and_its_browser():
    place = make_attraction()
    for address, user_agent in [
        ("198.51.100.7", BROWSER),
        ("198.51.100.7", BROWSER),
        ("198.51.100.8", BROWSER),  # another address
        ("198.51.100.7", BROWSER.replace("Chrome/126", "Chrome/127")),  # another browser at the same address
    ]:
        assert visitor(user_agent=user_agent, REMOTE_ADDR=address).get(place.get_absolute_url()).status_code == 200
    assert total() == 3


def test_one_client_counts_once_for_each_listing():
    places = [make_attraction(), make_attraction(), make_village()]
    client = visitor()
    for place in places * 3:
        assert client.get(place.get_absolute_url()).status_code == 200
    assert total() == 3


def test_the_same_client_counts_again_the_next_day(set_day):
    place = make_attraction()
    client = visitor()
    set_day(date(2027, 7, 15))
    assert client.get(place.get_absolute_url()).status_code == 200
    assert client.get(place.get_absolute_url()).status_code == 200
    counting.flush_buffer()  # as the once-a-second flush does
    set_day(date(2027, 7, 16))
    assert client.get(place.get_absolute_url()).status_code == 200
    assert client.get(place.get_absolute_url()).status_code == 200
    assert counts() == {(place.pk, "zh-hans", date(2027, 7, 15)): 1, (place.pk, "zh-hans", date(2027, 7, 16)): 1}


def test_a_view_that_waited_past_the_end_of_its_day_is_not_counted(set_day):
    """Its day's marks have expired: counting it could count its client twice. An undercount instead."""
    place = make_attraction()
    set_day(date(2027, 7, 15))
    assert visitor().get(place.get_absolute_url()).status_code == 200
    set_day(date(2027, 7, 16))  # this process was idle: no request flushed its buffer
    assert visitor(REMOTE_ADDR="203.0.113.9").get(place.get_absolute_url()).status_code == 200
    assert counts() == {(place.pk, "zh-hans", date(2027, 7, 16)): 1}


def test_who_was_counted_is_kept_only_as_a_keyed_hash_that_expires_when_the_day_ends(
    page_cache, settings, set_day, flush_by_hand
):
    set_day(date(2027, 7, 15))  # noon in Beijing: twelve hours left
    place = make_attraction()
    client = visitor(user_agent="Mozilla/5.0 UniqueBrowser/9.9.9", REMOTE_ADDR="203.0.113.79")
    assert client.get(place.get_absolute_url()).status_code == 200
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    redis = cache._cache.get_client()  # the test reads what Redis holds

    def stored():
        return [key.decode() for key in redis.scan_iter(match=f"*{prefix}:*")]

    assert [key.rsplit(":", 2)[-2] for key in stored()] == ["secret"]  # the client waits in memory…
    assert counting.flush_buffer() == 1
    keys = stored()  # …until the flush marks it
    assert sorted(key.rsplit(":", 2)[-2] for key in keys) == ["secret", "seen"]
    for key in keys:
        value = key.encode() + (b"".join(redis.smembers(key)) if ":seen:" in key else redis.get(key))
        assert b"203.0.113" not in value and b"UniqueBrowser" not in value
        assert 11 * 3600 < redis.ttl(key) <= 12 * 3600 + 60


def test_every_kind_of_listing_page_is_counted():
    listings = [make_village(), make_route(), make_port(), make_event()]
    client = visitor()
    for listing in listings:
        assert client.get(listing.get_absolute_url()).status_code == 200
    counting.flush_buffer()
    assert {(row.content_type.model, row.object_id, row.count) for row in PageView.objects.all()} == {
        (listing._meta.model_name, listing.pk, 1) for listing in listings
    }


def test_list_pages_head_requests_and_downloads_are_not_counted():
    place = make_attraction(slug="fangchuan")
    # A calendar file needs announced dates (usual months alone give none).
    route, event = make_route(), make_event(recurrence=Recurrence.ONCE, starts_on=datetime.date(2026, 6, 14))
    client = visitor()
    for path in ("/en/attractions/", "/en/", "/en/search/?q=fangchuan", "/en/privacy/"):
        assert client.get(path).status_code == 200
    assert client.head(place.get_absolute_url()).status_code == 200
    assert client.get(reverse("routes:gpx", kwargs={"slug": route.slug})).status_code == 200
    assert client.get(reverse("events:ics", kwargs={"slug": event.slug})).status_code == 200
    assert total() == 0


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
        None,  # no User-Agent header at all (wrk, many scripts)
    ],
)
def test_known_bots_and_anonymous_scripts_are_not_counted(user_agent):
    place = make_attraction()
    response = visitor(user_agent=user_agent).get(place.get_absolute_url())
    assert response.status_code == 200
    assert HEADER not in response
    assert total() == 0


def test_a_long_user_agent_is_judged_the_same_way():
    """Only user agents of browser-like length are remembered; longer ones are checked every time."""
    place = make_attraction()
    long_browser, long_bot = BROWSER + " Extension/1.0" * 50, "Googlebot/2.1 " + "x" * 600
    assert counting.is_bot(long_bot) and not counting.is_bot(long_browser)
    assert visitor(user_agent=long_browser).get(place.get_absolute_url()).status_code == 200
    assert visitor(user_agent=long_bot).get(place.get_absolute_url()).status_code == 200
    assert total() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Purpose": "prefetch"},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"X-Moz": "prefetch"},
        {"X-Purpose": "preview"},
    ],
)
def test_pages_a_browser_loads_ahead_of_time_are_not_counted(headers):
    place = make_attraction()
    response = visitor().get(place.get_absolute_url(), headers=headers)
    assert response.status_code == 200
    assert HEADER not in response
    assert total() == 0


def test_staff_previews_drafts_missing_pages_and_old_addresses_are_not_counted(superuser):
    draft = make_attraction(status=Status.DRAFT)
    client = visitor()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/en/attractions/nowhere/").status_code == 404
    moved = make_attraction(slug="new-address")
    SlugRedirect.objects.remember(moved, "old-address")
    assert client.get("/en/attractions/old-address/").status_code == 301
    staff = visitor()
    staff.force_login(superuser)
    preview = staff.get(draft.get_absolute_url())
    assert preview.status_code == 200 and preview.context["preview"]
    assert HEADER not in preview
    assert total() == 0
    # A published page read by staff is a view like any other.
    assert staff.get(moved.get_absolute_url()).status_code == 200
    assert total() == 1


def test_a_listing_unpublished_since_is_no_longer_counted():
    place = make_attraction()
    client = visitor()
    assert client.get(place.get_absolute_url()).status_code == 200
    place.status = Status.DRAFT
    place.save()
    assert client.get(place.get_absolute_url()).status_code == 404
    assert total() == 1


def test_the_header_is_taken_off_every_response():
    place = make_attraction()
    client = visitor()
    counted = client.get(place.get_absolute_url())
    assert counted.status_code == 200 and HEADER not in counted
    revalidated = client.get(place.get_absolute_url(), headers={"If-None-Match": counted["ETag"]})
    assert revalidated.status_code == 304 and HEADER not in revalidated
    assert HEADER not in client.head(place.get_absolute_url())


def test_a_revalidation_answered_304_is_not_a_view():
    place = make_attraction()
    first, second = visitors(2)
    etag = first.get(place.get_absolute_url())["ETag"]
    assert second.get(place.get_absolute_url(), headers={"If-None-Match": etag}).status_code == 304
    assert total() == 1


def test_with_counting_turned_off_nothing_is_counted_and_the_header_still_never_leaves(settings):
    settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "ENABLED": False}
    response = visitor().get(make_attraction().get_absolute_url())
    assert response.status_code == 200 and HEADER not in response
    assert total() == 0


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
    assert client.get("/en/attractions/fangchuan/?utm_source=secret-campaign").status_code == 200
    counting.flush_buffer()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM dashboard_pageview")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for personal in ("203.0.113", "198.51.100", "UniqueBrowser", "secret", "cookie-value", "ko-KR", ":"):
        assert personal not in stored.replace(str(clock.today()), "")
    row = PageView.objects.get()
    assert (row.object_id, row.language, row.count) == (place.pk, "en", 1)


# The page cache -----------------------------------------------------------------------------------------


@pytest.fixture
def page_cache():
    """The page cache on, in Redis database 12 with a key prefix of its own (as corridor_portal's tests do)."""
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6380/0")
    caches = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": f"{parts.scheme}://{parts.netloc}/12",
            "KEY_PREFIX": f"test-page-views-{uuid.uuid4().hex}",
            "TIMEOUT": 120,
        }
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ENABLED=True):
        yield


def test_a_page_served_from_the_page_cache_is_counted_and_runs_no_query(page_cache, django_assert_num_queries):
    place = make_attraction(slug="fangchuan")
    one, another = visitors(2)
    first = one.get("/ko/attractions/fangchuan/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = another.get("/ko/attractions/fangchuan/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert HEADER not in first and HEADER not in second
    assert counts() == {(place.pk, "ko", clock.today()): 2}


def test_a_cached_page_revalidated_with_304_is_not_counted(page_cache):
    place = make_attraction()
    first, second = visitors(2)
    etag = first.get(place.get_absolute_url())["ETag"]
    revalidated = second.get(place.get_absolute_url(), headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and HEADER not in revalidated
    assert total() == 1


def test_a_cached_page_is_not_counted_for_bots_prefetches_or_head(page_cache):
    place = make_attraction()
    assert visitor().get(place.get_absolute_url()).status_code == 200  # stored, and one view
    assert visitor(user_agent="Googlebot/2.1").get(place.get_absolute_url())["X-Page-Cache"] == "hit"
    assert visitor().get(place.get_absolute_url(), headers={"Sec-Purpose": "prefetch"})["X-Page-Cache"] == "hit"
    head = visitor().head(place.get_absolute_url())
    assert head["X-Page-Cache"] == "hit" and HEADER not in head
    assert total() == 1


@pytest.fixture
def redis_commands(monkeypatch):
    """Every command any Redis client of this process sends, as the bytes sent, one entry per round trip (a
    pipeline is one)."""
    from redis.connection import AbstractConnection

    sent = []
    send = AbstractConnection.send_packed_command

    def recorded(connection, command, check_health=True):
        parts = [command] if isinstance(command, str | bytes | memoryview) else command
        sent.append(b"".join(part.encode() if isinstance(part, str) else bytes(part) for part in parts))
        return send(connection, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", recorded)
    return sent


def test_counting_a_view_served_from_the_page_cache_costs_no_redis_round_trip(
    page_cache, settings, redis_commands, flush_by_hand
):
    place = make_attraction(slug="fangchuan")
    assert visitor(REMOTE_ADDR="203.0.113.1").get("/en/attractions/fangchuan/")["X-Page-Cache"] == "miss"
    counting.flush_buffer()  # the process knows the day's secret now: it reads it once a day
    sent = {}
    for label, enabled, address in (("off", False, "203.0.113.2"), ("on", True, "203.0.113.3")):
        settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "ENABLED": enabled}
        redis_commands.clear()
        assert visitor(REMOTE_ADDR=address).get("/en/attractions/fangchuan/")["X-Page-Cache"] == "hit"
        sent[label] = list(redis_commands)
    # The hit itself is one round trip (the page cache's); counting the view adds none, and says nothing to Redis.
    assert len(sent["on"]) == len(sent["off"]) == 1
    assert not any(b"pageviews" in command for command in sent["on"])
    # The flush does: one script marks the new client in the cache.
    redis_commands.clear()
    assert counting.flush_buffer() == 1
    assert len(redis_commands) == 1 and redis_commands[0].count(b"pageviews:seen:") == 1
    assert counts() == {(place.pk, "en", clock.today()): 2}
