"""Fixtures shared by every app's tests."""

import contextlib
import datetime
import math
import os
import shutil
import time
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

# A year seen from the corridor: each season, a leap day and New Year's Eve. Tests whose outcome depends on the
# day ask for `any_day` and run once on each of these.
CALENDAR = [
    datetime.date(2027, 1, 15),
    datetime.date(2028, 2, 29),
    datetime.date(2027, 4, 15),
    datetime.date(2027, 7, 15),
    datetime.date(2027, 10, 15),
    datetime.date(2027, 12, 31),
]


def noon_in_the_corridor(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def pytest_configure(config):
    """CORRIDOR_TEST_DAY=2027-07-15 runs the whole suite on that day: the suite must pass on any of them."""
    day = os.environ.get("CORRIDOR_TEST_DAY")
    if day:
        time_machine.travel(noon_in_the_corridor(datetime.date.fromisoformat(day)), tick=True).start()


@pytest.fixture(params=CALENDAR, ids=str)
def any_day(request, time_machine):
    """Each day of CALENDAR in turn, set on the one clock (corridor_portal.clock) as noon in Beijing."""
    time_machine.move_to(noon_in_the_corridor(request.param), tick=True)
    return request.param


@pytest.fixture
def set_day(time_machine):
    """set_day(date): from now on the portal's clock says noon of that day in Beijing."""

    def move(day):
        time_machine.move_to(noon_in_the_corridor(day), tick=True)

    return move


@pytest.fixture
def fresh_rate_windows(time_machine):
    """The clock at the start of a (UTC) day, ticking: every rate-limit window, a second to a day, has just
    begun, so a test's few counted requests never straddle two windows (corridor_portal/ratelimit.py)."""
    midnight = math.floor(time.time() / 86400) * 86400
    time_machine.move_to(datetime.datetime.fromtimestamp(midnight, datetime.UTC), tick=True)


@pytest.fixture
def page_cache_down(settings):
    """The page cache, and the fragments kept in it, on a Redis nothing listens to (port 9): every request to it
    fails at once, as when Redis is down; the default cache in memory."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "down": {"BACKEND": "corridor_portal.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    }
    settings.PAGE_CACHE_ALIAS = "down"


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")


# The loaders of `make run`, in their order (each needs the ones before it).
DEMO_LOADERS = ("load_demo_data", "load_port_data", "load_event_data", "load_practical_data")


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction around the whole module, rolled back at its end: what a module-scoped fixture writes (under
    `django_db_blocker.unblock()`) stays for every test of the module.

    Loading the demo data takes seconds; loading it once per module instead of once per test is most of what keeps
    `make test` well under 15 minutes. Each test's own `db` transaction is a savepoint inside this one, so what a
    test writes (an --update, a --reset, an editor's row) is rolled back after it and the next test sees the rows
    as the module's fixture left them. Tests that need `transaction=True` or a clean database cannot use it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_data(request, module_transaction, django_db_blocker, tmp_path_factory):
    """The demo data as the loaders of `make run` put it in (without the drawn photos), once for the module.

    A module loads fewer with DEMO_LOADERS = ("load_demo_data", "load_event_data"), say, and loads them on a
    given day with DEMO_DATA_DAY = datetime.date(…) (else on today's date). Returns each loader's
    output by its name. Rolled back at the module's end (module_transaction)."""
    loaders = getattr(request.module, "DEMO_LOADERS", DEMO_LOADERS)
    day = getattr(request.module, "DEMO_DATA_DAY", None)
    # A module that looks at the pages on several days loads the rows on the earliest, as a test that loaded them
    # on its own day would: no row is ever stamped later than the day it is seen on.
    clock = time_machine.travel(noon_in_the_corridor(day), tick=True) if day else contextlib.nullcontext()
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    try:
        outputs = {}
        with django_db_blocker.unblock(), clock:
            for command in loaders:
                out = StringIO()
                call_command(command, stdout=out)
                outputs[command] = out.getvalue().strip()
        yield outputs
    finally:
        media.disable()
        shutil.rmtree(media.options["MEDIA_ROOT"], ignore_errors=True)
