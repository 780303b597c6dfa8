"""Fixtures shared by every app's tests."""

import datetime
import math
import os
import time
import zoneinfo

import pytest
import time_machine
from django.conf import settings
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


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
