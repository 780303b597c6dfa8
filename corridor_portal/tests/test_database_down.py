"""With PostgreSQL stopped every page answers a translated 503 quickly; when it is back the site recovers alone.

A real PostgreSQL cluster of the test's own is stopped and started under a live gunicorn in production
mode: no mock, no restart of the application.
"""

import json
import socket
import subprocess
import time
from contextlib import closing

import pytest
from django.db import connection

from corridor_portal.tests.live import PG_BIN, LiveGunicorn, ThrowawayCluster, production_env

pytestmark = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason="needs PostgreSQL 15's server binaries for a throwaway cluster"
)

PAGES = ["/", "/en/attractions/", "/ko/villages/", "/ru/routes/", "/search/?q=%E9%95%BF%E7%99%BD%E5%B1%B1"]
PAGES += ["/en/attractions/anything/"]


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    """A throwaway cluster holding a copy of the migrated test database."""
    cluster = ThrowawayCluster()
    try:
        with django_db_blocker.unblock():
            source = connection.settings_dict
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "corridor", "portal"],
            check=True,
            capture_output=True,
        )
        server = ["-h", source["HOST"], "-p", str(source["PORT"] or 5432), "-U", source["USER"]]
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", *server, source["NAME"]],
            check=True,
            capture_output=True,
            env={"PGPASSWORD": source["PASSWORD"], "PATH": "/usr/bin:/bin"},
        ).stdout
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", cluster.url("portal")], input=dump, check=True, capture_output=True
        )
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="module")
def site(cluster):
    server = LiveGunicorn(
        production_env(
            DATABASE_URL=cluster.url("portal"),
            DJANGO_SETTINGS_MODULE="corridor_portal.test_settings",  # static files without collectstatic
            REDIS_URL="",
            # Without the page cache every request reaches the database (with it, cached pages keep
            # being served while the database is down, which is better still but tests nothing here).
            DJANGO_PAGE_CACHE="0",
        )
    )
    yield server
    server.stop()


def timed_get(site, path):
    started = time.monotonic()
    status, headers, body = site.get(path, timeout=10)
    return status, headers, body, time.monotonic() - started


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(cluster, site):
    for path in PAGES[:4]:
        assert site.get(path)[0] == 200, path
    assert json.loads(site.get("/readyz")[2])["status"] == "ok"

    cluster.stop()
    try:
        for path in PAGES:
            status, headers, body, seconds = timed_get(site, path)
            assert status == 503, (path, status, body[:500])
            assert seconds < 5, (path, seconds)
            assert int(headers["Retry-After"]) > 0
            assert "Traceback" not in body and "psycopg" not in body and "5432" not in body
        status, _headers, body, _seconds = timed_get(site, "/en/")
        assert "Back in a moment" in body and 'lang="en"' in body
        status, _headers, body, _seconds = timed_get(site, "/")
        assert 'lang="zh-Hans"' in body and "返回首页" in body  # "Back to the home page" in Chinese

        assert site.get("/healthz")[0] == 200  # the process is up: the database is not touched
        status, _headers, body = site.get("/readyz")
        assert status == 503
        assert json.loads(body) == {
            "status": "unavailable",
            "checks": {"database": "fail", "cache": "ok", "migrations": "unknown"},
        }
    finally:
        cluster.start()

    started = time.monotonic()
    while site.get("/en/attractions/")[0] != 200:
        assert time.monotonic() - started < 10, "the site did not recover within 10 s"
        time.sleep(0.2)
    for path in PAGES[:4]:
        assert site.get(path)[0] == 200, path
    assert site.get("/readyz")[0] == 200
    assert "Internal Server Error" not in site.output()


def test_every_request_has_one_json_log_line_with_its_request_id(site):
    status, headers, _body = site.get("/en/routes/", headers={"X-Request-ID": "drill-0001-abcdef"})
    assert headers["X-Request-ID"] == "drill-0001-abcdef"
    site.get("/search/?q=zqxprivatewords", headers={"X-Forwarded-For": "198.51.100.7"})
    time.sleep(0.3)
    lines = [json.loads(line) for line in site.output().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    mine = [line for line in access if line["request_id"] == "drill-0001-abcdef"]
    assert len(mine) == 1
    assert mine[0]["path"] == "/en/routes/" and mine[0]["status"] == status and mine[0]["duration_ms"] >= 0
    search = [line for line in access if line["path"] == "/search/"][-1]
    assert search["client"] == "198.51.100.7"  # the real client, from the trusted proxy
    assert "zqxprivatewords" not in site.output()  # the query string stays out of the logs


@pytest.fixture
def silent_port():
    """A port that accepts TCP connections and never says anything, like a database host gone dark."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield sock.getsockname()[1]


def test_a_database_that_never_answers_gives_503_within_the_connect_timeout(silent_port):
    server = LiveGunicorn(
        production_env(
            DATABASE_URL=f"postgres://corridor:corridor@127.0.0.1:{silent_port}/portal",
            DATABASE_CONNECT_TIMEOUT="2",
            DJANGO_SETTINGS_MODULE="corridor_portal.test_settings",
            REDIS_URL="",
        )
    )
    try:
        status, headers, _body, seconds = timed_get(server, "/en/villages/")
        assert status == 503 and seconds < 5, (status, seconds)
        assert headers["Retry-After"]
    finally:
        server.stop()
