"""Page views on their way to PostgreSQL: this process's buffer, sent on at most once a second (to Redis in
production, else straight to PostgreSQL), flushed by the command, the dashboard and a stopping gunicorn worker;
nothing lost or raised when Redis or PostgreSQL refuses, and no personal data in Redis either."""

import datetime
import logging
import os
import threading
import time
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from attractions.tests.factories import make_attraction
from corridor_portal import clock
from corridor_portal.tests.live import LiveGunicorn, production_env
from dashboard import counting
from dashboard.models import PageView
from dashboard.tests.test_page_views import BROWSER, HEADER, counts, total, visitor, visitors
from listings import page_views

pytestmark = pytest.mark.django_db


# The buffer, Redis and PostgreSQL ---------------------------------------------------------------------------


@pytest.fixture
def redis_counting(settings):
    """Counting in Redis (its own database and key prefix), as in production."""
    url = os.environ.get("PAGE_VIEWS_TEST_REDIS_URL", "redis://127.0.0.1:6380/11")
    settings.PAGE_VIEWS = {"ENABLED": True, "REDIS_URL": url, "KEY_PREFIX": f"test-{uuid.uuid4().hex}:pageviews"}
    client = counting.redis_client()
    try:
        client.ping()
    except Exception as exc:
        pytest.skip(f"no Redis at {url}: {exc}")
    yield client
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def redis_counts(client, settings):
    key = counting.day_key(settings.PAGE_VIEWS["KEY_PREFIX"], clock.today())
    return {field.decode(): int(views) for field, views in client.hgetall(key).items()}


def test_without_redis_the_buffer_goes_straight_to_postgresql():
    place = make_attraction()
    for client in visitors(3):
        client.get(place.get_absolute_url())
    counting.flush_buffer()
    assert PageView.objects.get().count == 3
    assert counting.flush_buffer() == 0


def test_with_redis_the_buffer_goes_to_redis_and_the_flush_moves_it_into_postgresql(
    redis_counting, settings, django_assert_num_queries
):
    place = make_attraction()
    view = f"{page_views.content_type_id(place)}:{place.pk}:ru"
    with django_assert_num_queries(0):
        for _ in range(4):
            counting.count_view(view)
        assert counting.flush_buffer() == 4
    assert redis_counts(redis_counting, settings) == {view: 4}
    assert PageView.objects.count() == 0
    assert counting.flush() == 1
    assert redis_counts(redis_counting, settings) == {}
    assert counts() == {(place.pk, "ru", clock.today()): 4}


def test_the_buffer_goes_on_at_most_once_a_second_or_when_it_is_large(redis_counting, settings, monkeypatch):
    counting.flush_buffer()  # the second starts now
    counting.count_view("1:1:en")
    assert counting.flush_buffer_if_due() == 0
    assert redis_counts(redis_counting, settings) == {}
    time.sleep(counting.BUFFER_SECONDS)
    assert counting.flush_buffer_if_due() == 1
    assert redis_counts(redis_counting, settings) == {"1:1:en": 1}
    monkeypatch.setattr(counting, "BUFFER_MAX_KEYS", 3)
    for n in range(3):
        counting.count_view(f"1:{n + 2}:en")
    assert counting.flush_buffer_if_due() == 3  # well within the second, but large


def test_any_request_sends_the_buffer_on_once_a_second_has_passed(redis_counting, settings):
    place = make_attraction()
    client = visitor()
    client.get(place.get_absolute_url())
    time.sleep(counting.BUFFER_SECONDS)
    assert client.get("/en/privacy/").status_code == 200  # not a listing: counts nothing, sends the buffer
    assert sum(redis_counts(redis_counting, settings).values()) >= 1
    assert counting.flush_buffer() == 0


def test_views_counted_by_many_threads_at_once_all_arrive():
    place = make_attraction()
    view = f"{page_views.content_type_id(place)}:{place.pk}:en"

    def count():
        for _ in range(2000):
            counting.count_view(view)

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts() == {(place.pk, "en", clock.today()): 16_000}


def test_the_flush_command_sends_the_buffer_and_empties_redis(redis_counting):
    place = make_attraction()
    visitor().get(place.get_absolute_url())
    call_command("flush_page_views", verbosity=0)
    assert PageView.objects.get().count == 1


def test_the_dashboard_flushes_before_it_reads(redis_counting, client, superuser):
    place = make_attraction()
    visitor().get(place.get_absolute_url())
    client.force_login(superuser)
    response = client.get(reverse("dashboard:index"))
    assert response.context["views_total"] == 1


def test_redis_holds_no_personal_data_either(redis_counting, settings):
    place = make_attraction()
    client = Client(REMOTE_ADDR="203.0.113.78", HTTP_USER_AGENT="Mozilla/5.0 UniqueBrowser/9.9.9")
    client.get(place.get_absolute_url())
    counting.flush_buffer()
    prefix = settings.PAGE_VIEWS["KEY_PREFIX"]
    stored = []
    for key in redis_counting.scan_iter(match=f"{prefix}:*"):
        stored.append(key.decode())
        stored.extend(f"{field.decode()}={value.decode()}" for field, value in redis_counting.hgetall(key).items())
    assert stored and not any("203.0.113" in item or "UniqueBrowser" in item for item in stored)


def test_when_redis_does_not_answer_the_views_go_to_postgresql(settings, caplog):
    settings.PAGE_VIEWS = {"ENABLED": True, "REDIS_URL": "redis://127.0.0.1:1/0", "KEY_PREFIX": "test:pageviews"}
    place = make_attraction()
    first, second = visitors(2)
    with caplog.at_level(logging.WARNING, logger="dashboard.counting"):
        assert first.get(place.get_absolute_url()).status_code == 200
        counting.flush_buffer()
        assert second.get(place.get_absolute_url()).status_code == 200
        counting.flush_buffer()  # Redis is not asked again for a while
    assert PageView.objects.get().count == 2
    assert len([r for r in caplog.records if "Redis does not answer" in r.getMessage()]) == 1


def test_views_postgresql_refuses_are_logged_as_lost_never_raised(caplog):
    place = make_attraction()
    with caplog.at_level(logging.ERROR, logger="dashboard.counting"):
        counting.count_view(f"{page_views.content_type_id(place)}:{place.pk}:{'x' * 40}")  # no such language
        assert counting.flush_buffer() == 0
    assert "1 page views lost" in caplog.text
    # The next views are not held up by those.
    assert visitor().get(place.get_absolute_url()).status_code == 200
    assert total() == 1


@pytest.mark.django_db(transaction=True)
def test_a_gunicorn_worker_sends_on_what_it_counted_when_it_stops():
    """gunicorn.conf.py's worker_exit: the views of the last second are not lost when a worker stops."""
    make_attraction(slug="served")
    database = connection.settings_dict
    server = LiveGunicorn(
        production_env(
            DATABASE_URL=(
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            DJANGO_SETTINGS_MODULE="corridor_portal.test_settings",  # static files without collectstatic
            REDIS_URL="",
        )
    )
    try:
        for n in range(5):  # five browsers: one client counts once a day
            status, headers, _body = server.get("/en/attractions/served/", headers={"User-Agent": f"{BROWSER} /{n}"})
            assert status == 200 and HEADER not in headers
    finally:
        server.stop()
    assert PageView.objects.get().count == 5


# Once a day per client: decided at the flush, by the marks in the cache ------------------------------------


def another_process():
    """What a second worker process has: none of this one's memory (its buffer, its clients, the secret it
    read). Only the cache is shared."""
    counting.discard_buffer()


@pytest.mark.parametrize("counts_go_to", ["postgresql", "redis"])
def test_a_client_counted_by_one_process_is_not_counted_again_by_another(counts_go_to, request, flush_by_hand):
    """The marks are in the cache whether the counts go to Redis or straight to PostgreSQL: both dedup."""
    if counts_go_to == "redis":
        request.getfixturevalue("redis_counting")
    place = make_attraction(slug="fangchuan")
    same, other = visitor(REMOTE_ADDR="198.51.100.7"), visitor(REMOTE_ADDR="198.51.100.8")
    assert same.get("/en/attractions/fangchuan/").status_code == 200
    assert counting.flush_buffer() == 1
    for client, prefix in ((same, "/ko"), (same, "/en"), (other, "/ru")):
        another_process()
        assert client.get(f"{prefix}/attractions/fangchuan/").status_code == 200
        counting.flush_buffer()
    counting.flush()  # from Redis into PostgreSQL (nothing to do without Redis)
    assert counts() == {(place.pk, "en", clock.today()): 1, (place.pk, "ru", clock.today()): 1}


def test_switching_from_redis_to_postgresql_never_counts_a_client_twice(redis_counting, settings, flush_by_hand):
    place = make_attraction()
    client = visitor(REMOTE_ADDR="198.51.100.7")
    assert client.get(place.get_absolute_url()).status_code == 200
    assert counting.flush_buffer() == 1  # into Redis
    settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "REDIS_URL": "redis://127.0.0.1:1/0"}  # Redis stops answering
    another_process()
    assert client.get(place.get_absolute_url()).status_code == 200
    assert visitor(REMOTE_ADDR="198.51.100.8").get(place.get_absolute_url()).status_code == 200
    assert counting.flush_buffer() == 1  # into PostgreSQL: the new client only
    assert PageView.objects.get().count == 1
    assert sum(redis_counts(redis_counting, settings).values()) == 1


def unreachable_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_when_the_cache_stops_answering_before_the_flush_those_views_are_lost_and_nobody_sees_an_error(
    settings, caplog, flush_by_hand
):
    place = make_attraction()
    first, second, third = visitors(3)
    assert first.get(place.get_absolute_url()).status_code == 200
    assert counting.flush_buffer() == 1
    assert second.get(place.get_absolute_url()).status_code == 200  # the secret is known: it waits in memory
    original = settings.CACHES
    unreachable_cache(settings)
    with caplog.at_level(logging.WARNING, logger="dashboard.counting"):
        assert counting.flush_buffer() == 0
        assert third.get(place.get_absolute_url()).status_code == 200  # not even buffered for a while
    assert "1 views lost" in caplog.text
    settings.CACHES = original
    counting.forget_seen_store_failure()  # as after SEEN_STORE_RETRY_SECONDS
    for client in (second, third):  # forgotten, not marked: counted when they come back
        assert client.get(place.get_absolute_url()).status_code == 200
    assert total() == 3


def cache_keeping_nothing(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.parametrize(
    "broken_cache", [unreachable_cache, cache_keeping_nothing], ids=["unreachable", "keeps nothing"]
)
def test_without_the_cache_for_the_days_secret_nothing_is_counted_and_pages_are_served(settings, caplog, broken_cache):
    broken_cache(settings)
    place = make_attraction()
    with caplog.at_level(logging.WARNING, logger="dashboard.counting"):
        for client in visitors(3):
            assert client.get(place.get_absolute_url()).status_code == 200
    assert total() == 0
    assert len([r for r in caplog.records if "the cache does not answer" in r.getMessage()]) == 1


def test_the_clients_a_process_remembers_stay_bounded_and_the_marks_still_count_each_once(monkeypatch, set_day):
    monkeypatch.setattr(counting, "SEEN_HERE_MAX", 3)
    place = make_attraction()
    clients = visitors(10)
    for _round in range(2):
        for client in clients:
            assert client.get(place.get_absolute_url()).status_code == 200
            assert len(counting._seen_here) <= 3
        counting.flush_buffer()
    assert total() == 10
    set_day(clock.today() + datetime.timedelta(days=1))
    assert clients[0].get(place.get_absolute_url()).status_code == 200
    assert len(counting._seen_here) == 1  # a new day starts with none
    assert total() == 11


def test_first_views_from_many_threads_at_once_are_each_counted_once(redis_counting, settings):
    place = make_attraction()
    view = f"{page_views.content_type_id(place)}:{place.pk}:en"

    def browse(thread):
        for n in range(300):  # 200 clients of this thread, a third of them twice
            counting.count_first_view(view, f"10.0.{thread}.{n % 200}", BROWSER)

    counting.flush_buffer()  # the secret read once, before the threads
    threads = [threading.Thread(target=browse, args=(thread,)) for thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.flush_buffer() == 1600
    assert redis_counts(redis_counting, settings) == {view: 1600}
