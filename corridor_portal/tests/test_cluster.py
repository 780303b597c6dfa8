"""Past one machine: the pooler flag, the Sentinel address of the cache, and saves on a read-only database."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import pytest
from django.db import connection, transaction
from django.test import override_settings

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from corridor_portal.cluster import SentinelAddress, is_sentinel_url, parse_sentinel_url, pooled_database
from corridor_portal.sentinel import SentinelCacheClient, SentinelRedisCache, redis_client
from corridor_portal.tests.test_page_cache import change_form_data
from listings.tests.factories import make_region

# --- The Sentinel URL --------------------------------------------------------------------------------------


def test_a_sentinel_url_names_every_sentinel_the_service_and_the_database():
    address = parse_sentinel_url("redis+sentinel://10.0.0.1:26379,10.0.0.2:26380,sentinel-3/g331/2")
    assert address == SentinelAddress(
        sentinels=(("10.0.0.1", 26379), ("10.0.0.2", 26380), ("sentinel-3", 26379)), service="g331", db=2
    )


def test_a_sentinel_url_carries_redis_password_tls_and_ipv6_addresses():
    address = parse_sentinel_url("rediss+sentinel://:s%40cret@[::1]:26380,[fd00::2]/cache")
    assert address.sentinels == (("::1", 26380), ("fd00::2", 26379))
    assert (address.service, address.db, address.password, address.tls) == ("cache", 0, "s@cret", True)


@pytest.mark.parametrize(
    "url",
    [
        "redis+sentinel://10.0.0.1:26379",  # no service
        "redis+sentinel://10.0.0.1:26379/g331/zero",
        "redis+sentinel://10.0.0.1:26379/g331/0/extra",
        "redis+sentinel://10.0.0.1:99999/g331",
        "redis+sentinel://10.0.0.1:port/g331",
        "redis+sentinel://,/g331",
        "redis://10.0.0.1:6379/0",
    ],
)
def test_a_broken_sentinel_url_is_refused_with_what_is_wrong(url):
    with pytest.raises(ValueError, match=r"Sentinel|database"):
        parse_sentinel_url(url)


def test_only_the_sentinel_schemes_are_sentinel_urls():
    assert is_sentinel_url("redis+sentinel://h/s")
    assert is_sentinel_url("rediss+sentinel://h/s")
    assert not is_sentinel_url("redis://127.0.0.1:6380/0")
    assert not is_sentinel_url("")


def test_the_cache_puts_the_sentinel_addresses_django_split_on_commas_back_together():
    cache = SentinelRedisCache("redis+sentinel://127.0.0.1:1,127.0.0.1:2/g331/3", {})
    assert isinstance(cache._cache, SentinelCacheClient)
    assert cache._cache.address.sentinels == (("127.0.0.1", 1), ("127.0.0.1", 2))
    assert cache._cache.address.db == 3


# --- The pooler flag -----------------------------------------------------------------------------------------

DATABASE = {
    "NAME": "g331",
    "CONN_MAX_AGE": 60,
    "OPTIONS": {"connect_timeout": 3, "options": "-c random_page_cost=1.1"},
}


def test_without_a_pooler_the_database_settings_stay_as_they_are():
    assert pooled_database(DATABASE, "") is DATABASE
    assert pooled_database(DATABASE, None) is DATABASE


def test_behind_pgbouncer_nothing_is_prepared_no_cursor_is_kept_and_no_startup_options_are_sent():
    pooled = pooled_database(DATABASE, "PgBouncer")
    assert pooled["OPTIONS"] == {"connect_timeout": 3, "prepare_threshold": None}
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pooled["CONN_MAX_AGE"] == 60
    assert DATABASE["OPTIONS"]["options"]  # the original is left alone


def test_an_unknown_pooler_is_refused():
    with pytest.raises(ValueError, match="DATABASE_POOLER"):
        pooled_database(DATABASE, "pgpool-statement")


def settings_from_environment(program, **environment):
    result = subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; django.setup();" + program],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "corridor_portal.settings", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_environment_puts_both_databases_behind_the_pooler_and_the_cache_behind_sentinel():
    program = (
        "import json; d = settings.DATABASES;"
        "print(json.dumps([d['default']['OPTIONS'], d['default']['DISABLE_SERVER_SIDE_CURSORS'],"
        " d['replica']['OPTIONS'], d['replica']['DISABLE_SERVER_SIDE_CURSORS'], settings.CACHES['default']['BACKEND'],"
        " settings.CACHES['default']['LOCATION']]))"
    )
    default_options, default_no_cursors, replica_options, replica_no_cursors, backend, location = (
        settings_from_environment(
            program,
            DATABASE_URL="postgres://corridor@127.0.0.1:6432/g331",
            DATABASE_REPLICA_URL="postgres://corridor@127.0.0.1:6432/g331_replica",
            DATABASE_POOLER="pgbouncer",
            REDIS_URL="redis+sentinel://127.0.0.1:26379,127.0.0.1:26380,127.0.0.1:26381/g331/0",
        )
    )
    assert default_options == replica_options == {"connect_timeout": 3, "prepare_threshold": None}
    assert default_no_cursors is replica_no_cursors is True
    assert backend == "corridor_portal.sentinel.SentinelRedisCache"
    assert location.startswith("redis+sentinel://")


def test_a_plain_redis_url_keeps_the_plain_redis_cache_and_the_database_its_options():
    program = (
        "import json; print(json.dumps([settings.CACHES['default']['BACKEND'],"
        " 'options' in settings.DATABASES['default']['OPTIONS'],"
        " settings.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False)]))"
    )
    assert settings_from_environment(program, REDIS_URL="redis://127.0.0.1:6380/0", DATABASE_POOLER="") == [
        "corridor_portal.redis_cache.RedisCache",
        True,
        False,
    ]


# --- A real Sentinel -------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def sentinel_url():
    """A Redis of the test's own and one Sentinel watching it (redis-server in Sentinel mode)."""
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("needs redis-server")
    folder = tempfile.mkdtemp(prefix="g331-sentinel-")
    redis_port, sentinel_port = free_port(), free_port()
    with open(f"{folder}/sentinel.conf", "w") as conf:
        conf.write(f"port {sentinel_port}\nbind 127.0.0.1\ndir {folder}\n")
        conf.write(f"sentinel monitor g331test 127.0.0.1 {redis_port} 1\n")
    # The servers keep the machine's own clock when the tests run under a moved one (faketime's LD_PRELOAD):
    # Sentinel's timers stall on a faked clock and it never names the primary.
    real_clock = {name: value for name, value in os.environ.items() if name not in ("LD_PRELOAD", "FAKETIME")}
    processes = [
        subprocess.Popen(
            [server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
            stdout=subprocess.DEVNULL,
            env=real_clock,
        ),
        subprocess.Popen([server, f"{folder}/sentinel.conf", "--sentinel"], stdout=subprocess.DEVNULL, env=real_clock),
    ]
    url = f"redis+sentinel://127.0.0.1:{sentinel_port}/g331test/5"
    try:
        deadline = time.monotonic() + 20  # a loaded CI machine
        while True:
            try:
                redis_client(url, socket_timeout=1, socket_connect_timeout=1).ping()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_cache_and_the_page_views_find_the_primary_through_sentinel(sentinel_url):
    caches = {
        "default": {
            "BACKEND": "corridor_portal.sentinel.SentinelRedisCache",
            "LOCATION": sentinel_url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches):
        from django.core.cache import caches as handler

        cache = handler.create_connection("default")
        cache.set("greeting", "안녕", 30)
        assert cache.get("greeting") == "안녕"
        assert cache.add("greetings", 1)
        assert cache.incr("greetings") == 2  # the rate limits' counters
    client = redis_client(sentinel_url, socket_timeout=1)
    assert client.connection_pool.connection_kwargs["db"] == 5
    assert client.ping()


# --- A save on a read-only database ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_staff_save_on_a_read_only_database_answers_503_with_retry_after_and_changes_nothing(
    client, superuser, settings
):
    listing = make_attraction(
        region=make_region("hunchun"), slug="fangchuan-gate", name_zh_hans="防川国门", name_en="Fangchuan Gate"
    )
    settings.DATABASE_DOWN_RETRY_AFTER = 17
    client.force_login(superuser)
    change = f"/admin/attractions/attraction/{listing.pk}/change/"
    assert client.get(change).status_code == 200
    # Read-only inside a savepoint of the test's transaction, rolled back after: what a hot standby, or a primary
    # being failed over, answers to a write.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL transaction_read_only = on")
        response = client.post(change, change_form_data(listing, name_en="Fangchuan Gate (renamed)"))
        transaction.set_rollback(True)
    assert response.status_code == 503
    assert response["Retry-After"] == "17"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert Attraction.objects.get(pk=listing.pk).name_en == "Fangchuan Gate"


@pytest.mark.django_db
def test_a_write_refused_outside_a_view_is_answered_by_the_error_handler_with_503_too(rf, settings):
    """A write in a middleware (the session's save, say) fails after the view: Django's 500 handler answers it."""
    from django.db import InternalError

    from corridor_portal.errors import server_error

    settings.DATABASE_DOWN_RETRY_AFTER = 9
    make_region("hunchun")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL transaction_read_only = on")
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("UPDATE corridor_portal_region SET slug = slug")
        except InternalError:
            response = server_error(rf.get("/admin/"))
        transaction.set_rollback(True)
    assert (response.status_code, response["Retry-After"]) == (503, "9")


def test_any_other_error_is_still_a_500(rf):
    from corridor_portal.errors import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        assert server_error(rf.get("/")).status_code == 500
