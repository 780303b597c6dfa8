"""The replica router's rules: visitors' reads to a healthy replica, everything else to the primary."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpResponse
from django.test import RequestFactory

from attractions.models import Attraction
from corridor_portal.replica import (
    REPLICA_ALIAS,
    ReplicaHealth,
    ReplicaReadsMiddleware,
    ReplicaRouter,
    request_may_read_from_replica,
)


class ReplicaAtLag(ReplicaHealth):
    """A replica whose lag the test sets (None: unreachable), on a clock the test moves."""

    def __init__(self, lag):
        self.now = 0.0
        super().__init__(clock=lambda: self.now)
        self.lag = lag
        self.measured = 0

    def measure_lag(self):
        self.measured += 1
        return self.lag


def route_read(router, request):
    """Where a read of an attraction goes while `request` is being answered."""
    seen = {}

    def view(request):
        seen["alias"] = router.db_for_read(Attraction)
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen["alias"]


factory = RequestFactory()


def test_a_visitors_page_reads_from_a_healthy_replica():
    assert route_read(ReplicaRouter(ReplicaAtLag(0.4)), factory.get("/attractions/")) == REPLICA_ALIAS
    assert route_read(ReplicaRouter(ReplicaAtLag(0.4)), factory.head("/ru/routes/")) == REPLICA_ALIAS


@pytest.mark.parametrize(
    "request_",
    [
        factory.post("/attractions/fangchuan/report/"),
        factory.get("/admin/attractions/attraction/"),
        factory.get("/attractions/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"),
    ],
    ids=["a write", "the admin", "anyone signed in (staff read their own saves)"],
)
def test_writes_the_admin_and_sessions_read_from_the_primary(request_):
    assert not request_may_read_from_replica(request_)
    assert route_read(ReplicaRouter(ReplicaAtLag(0.0)), request_) == DEFAULT_DB_ALIAS


def test_a_visitors_csrf_cookie_alone_does_not_send_them_to_the_primary():
    request = factory.get("/attractions/", HTTP_COOKIE=f"{settings.CSRF_COOKIE_NAME}=abc")
    assert request_may_read_from_replica(request)


def test_a_lagging_or_unreachable_replica_is_skipped(settings):
    settings.REPLICA_MAX_LAG_SECONDS = 5
    assert route_read(ReplicaRouter(ReplicaAtLag(5.0)), factory.get("/")) == REPLICA_ALIAS
    assert route_read(ReplicaRouter(ReplicaAtLag(5.1)), factory.get("/")) == DEFAULT_DB_ALIAS
    assert route_read(ReplicaRouter(ReplicaAtLag(None)), factory.get("/")) == DEFAULT_DB_ALIAS


def test_the_lag_is_measured_at_most_every_few_seconds_and_a_recovered_replica_is_used_again(settings):
    settings.REPLICA_LAG_CHECK_SECONDS = 2
    health = ReplicaAtLag(30.0)
    router = ReplicaRouter(health)
    assert route_read(router, factory.get("/")) == DEFAULT_DB_ALIAS
    health.lag = 0.1
    health.now = 1.9
    assert route_read(router, factory.get("/")) == DEFAULT_DB_ALIAS, "not asked again yet"
    assert health.measured == 1
    health.now = 2.0
    assert route_read(router, factory.get("/")) == REPLICA_ALIAS
    assert health.measured == 2


def test_outside_a_request_and_after_one_everything_reads_from_the_primary():
    router = ReplicaRouter(ReplicaAtLag(0.0))
    assert router.db_for_read(Attraction) == DEFAULT_DB_ALIAS  # commands, migrations, the page-view flush
    route_read(router, factory.get("/"))
    assert router.db_for_read(Attraction) == DEFAULT_DB_ALIAS


def test_writes_and_migrations_only_on_the_primary():
    router = ReplicaRouter(ReplicaAtLag(0.0))
    assert router.db_for_write(Attraction) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "attractions")
    assert not router.allow_migrate(REPLICA_ALIAS, "attractions")
    assert router.allow_relation(Attraction(), Attraction())


@pytest.mark.django_db
def test_the_lag_query_runs_on_postgresql_and_a_primary_has_none():
    assert ReplicaHealth(alias=DEFAULT_DB_ALIAS).measure_lag() == 0.0


def test_with_one_database_there_is_no_router_and_no_replica(settings):
    assert REPLICA_ALIAS not in settings.DATABASES
    assert not getattr(settings, "DATABASE_ROUTERS", [])


def test_a_replica_address_in_the_environment_installs_the_router_in_front_of_the_views():
    program = (
        "import django; from django.conf import settings; django.setup();"
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS,"
        " settings.MIDDLEWARE.index('corridor_portal.replica.ReplicaReadsMiddleware')"
        " < settings.MIDDLEWARE.index('corridor_portal.cache.PageCacheMiddleware'),"
        " settings.DATABASES['replica']['HOST'],"
        " settings.DATABASES['replica']['OPTIONS'] == settings.DATABASES['default']['OPTIONS'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "corridor_portal.settings",
        "DATABASE_REPLICA_URL": "postgres://corridor:corridor@10.0.0.12:5432/corridor_portal",
    }
    result = subprocess.run(
        [sys.executable, "-c", program], env=environment, capture_output=True, text=True, check=True
    )
    assert (
        result.stdout.split("\n")[-2]
        == "['default', 'replica'] ['corridor_portal.replica.ReplicaRouter'] True 10.0.0.12 True"
    )
